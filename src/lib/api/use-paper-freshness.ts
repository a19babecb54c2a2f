/**
 * Freshness of an account view (orders, fills, positions): live while the gateway is reachable,
 * otherwise stale as of the time the data was fetched (it may come from the persisted cache).
 */
import { useConnectionStore } from '../../stores/connection-store';
import { isReachable } from '../online';

export interface PaperFreshness {
  stale: boolean;
  asOf: number | null;
}

/** Stale marking for a query whose data was last updated at `dataUpdatedAt` (0 = never). */
export function paperFreshness(
  reachable: boolean,
  dataUpdatedAt: number,
  failed: boolean,
): PaperFreshness {
  const stale = !reachable || failed;
  return { stale, asOf: stale && dataUpdatedAt > 0 ? dataUpdatedAt : null };
}

/** The hook form of paperFreshness, reading the connection store and navigator.onLine. */
export function usePaperFreshness(dataUpdatedAt: number, failed = false): PaperFreshness {
  const connection = useConnectionStore((s) => s.state);
  const online = typeof navigator === 'undefined' ? true : navigator.onLine;
  return paperFreshness(isReachable(online, connection), dataUpdatedAt, failed);
}
