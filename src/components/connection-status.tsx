/**
 * Header badge: connection state with a colored dot, round-trip latency, and why the feed is not
 * live (the gateway's own close reason, e.g. "gateway shutting down", shown next to the state; the
 * full story in the tooltip).
 */
import { useShallow } from 'zustand/react/shallow';
import type { ConnectionInfo } from '../feed/feed-types';
import { useConnectionStore } from '../stores/connection-store';
import './connection-status.css';

/** The sentence behind the badge: what the state means right now. */
export function describeConnection(
  info: Pick<ConnectionInfo, 'state' | 'staleStreams' | 'lastError' | 'closeReason'>,
): string {
  const why = info.closeReason ?? info.lastError;
  switch (info.state) {
    case 'connecting':
      return 'Connecting to the gateway';
    case 'live':
      return 'Live: every stream is current';
    case 'degraded': {
      const n = info.staleStreams.length;
      return `Degraded: ${n} stream${n === 1 ? '' : 's'} not live, marked stale`;
    }
    case 'offline':
      return `Offline${why ? `: ${why}` : ''}; showing the last known data, reconnecting`;
  }
}

export function ConnectionStatus() {
  const info = useConnectionStore(
    useShallow((s) => ({
      state: s.state,
      staleStreams: s.staleStreams,
      lastError: s.lastError,
      closeReason: s.closeReason ?? null,
    })),
  );
  const latencyMs = useConnectionStore((s) => s.latencyMs);
  const { state, closeReason } = info;
  const connected = state === 'live' || state === 'degraded';
  return (
    <div className="connection" title={describeConnection(info)}>
      <span className={`dot dot-${state}`} aria-hidden="true" />
      <span className="sr-only">Connection</span>
      <span role="status" data-testid="connection-status">
        {state}
      </span>
      {!connected && closeReason ? (
        <span className="connection-reason" data-testid="connection-reason">
          {closeReason}
        </span>
      ) : null}
      <span className="sr-only">Round-trip latency</span>
      <span className="latency" data-testid="latency">
        {connected && latencyMs !== null ? `${Math.round(latencyMs)} ms` : '— ms'}
      </span>
    </div>
  );
}
