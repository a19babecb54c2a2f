/**
 * Reconnect delays: exponential backoff with full jitter (AWS architecture blog, "Exponential
 * Backoff and Jitter"), so a fleet of gateways that lost an exchange together does not come back
 * in lockstep and trip its connection rate limits.
 */

export interface BackoffPolicy {
  /** Delay cap of the first retry, ms. */
  baseMs: number;
  /** Largest delay, ms, however many attempts failed. */
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 500, maxMs: 30_000 };

/** Delay before retry number `attempt` (0 = first retry): uniform in [0, min(max, base·2^attempt)). */
export function backoffDelay(
  attempt: number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  const exponent = Number.isFinite(attempt) ? Math.min(Math.max(0, Math.floor(attempt)), 30) : 0;
  const cap = Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
  return Math.floor(random() * cap);
}
