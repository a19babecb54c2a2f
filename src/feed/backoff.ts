/** Longest wait between reconnect attempts, ms. */
export const BACKOFF_CAP_MS = 5_000;
/** Ceiling of the first attempt's wait, ms. */
export const BACKOFF_BASE_MS = 250;

/**
 * Reconnect delay for the given attempt (0-based): a uniformly random wait between zero and an
 * exponentially growing, capped ceiling ("full jitter"). After a gateway restart every tab of every
 * browser retries at once; full jitter spreads them over the whole window instead of bunching them
 * in its upper half, which is what keeps a restarting gateway from a thundering herd.
 */
export function backoffDelay(
  attempt: number,
  random: () => number = Math.random,
  baseMs = BACKOFF_BASE_MS,
  capMs = BACKOFF_CAP_MS,
): number {
  const step = Number.isNaN(attempt) ? 0 : Math.max(0, Math.min(30, Math.floor(attempt)));
  const ceiling = Math.min(capMs, baseMs * 2 ** step);
  // Clamped: an injected source may return exactly 1 (or worse); the wait must stay in [0, ceiling].
  const r = Math.min(1, Math.max(0, random()));
  return Math.round(ceiling * (Number.isNaN(r) ? 1 : r));
}
