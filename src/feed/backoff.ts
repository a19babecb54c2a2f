/** Reconnect delay for the given attempt (0-based): exponential, capped, with jitter so that many
 * tabs reconnecting after a gateway restart do not arrive at the same instant. */
export function backoffDelay(
  attempt: number,
  random: () => number = Math.random,
  baseMs = 250,
  capMs = 5_000,
): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 16));
  // "Equal jitter": at least half the ceiling, so retries never degenerate into a tight loop.
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}
