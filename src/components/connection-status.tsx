/** Header badge: connection state with a colored dot, and round-trip latency. */
import { useConnectionStore } from '../stores/connection-store';

export function ConnectionStatus() {
  const state = useConnectionStore((s) => s.state);
  const latencyMs = useConnectionStore((s) => s.latencyMs);
  return (
    <div className="connection" role="status" aria-live="polite">
      <span className={`dot dot-${state}`} aria-hidden="true" />
      <span data-testid="connection-status">{state}</span>
      <span className="latency" data-testid="latency" aria-label="Round-trip latency">
        {state === 'live' && latencyMs !== null ? `${Math.round(latencyMs)} ms` : '— ms'}
      </span>
    </div>
  );
}
