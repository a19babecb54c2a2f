/** Header badge: connection state with a colored dot, and round-trip latency. */
import { useConnectionStore } from '../stores/connection-store';

export function ConnectionStatus() {
  const state = useConnectionStore((s) => s.state);
  const latencyMs = useConnectionStore((s) => s.latencyMs);
  return (
    <div className="connection">
      <span className={`dot dot-${state}`} aria-hidden="true" />
      <span className="sr-only">Connection</span>
      <span role="status" data-testid="connection-status">
        {state}
      </span>
      <span className="sr-only">Round-trip latency</span>
      <span className="latency" data-testid="latency">
        {(state === 'live' || state === 'degraded') && latencyMs !== null
          ? `${Math.round(latencyMs)} ms`
          : '— ms'}
      </span>
    </div>
  );
}
