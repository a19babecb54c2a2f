/**
 * One way for every adapter to drop a message it cannot understand: count it in the venue's
 * stats and log a sample. The first drop is always logged (an operator sees at once that a feed
 * changed shape); after that one line per `every` drops, because a venue that starts sending a
 * new message type would otherwise flood the log at market-data rates. The counter carries the
 * rest, and /metrics exports it.
 */
import type { ExchangeStats } from './exchange-stats';

/** Longest reason quoted in a log line (reasons may carry a slice of the raw message). */
const MAX_REASON = 160;

/** Logs one line per this many drops after the first, by default. */
export const MALFORMED_LOG_EVERY = 100;

/** Returns `drop(reason)`: counts one malformed message of `venue` and logs a sample. */
export function malformedDropper(
  venue: string,
  stats: ExchangeStats,
  log: (line: string) => void,
  every = MALFORMED_LOG_EVERY,
): (reason: string) => void {
  return (reason) => {
    const count = ++stats.malformed;
    if (count !== 1 && count % every !== 0) return;
    const text = reason.length > MAX_REASON ? `${reason.slice(0, MAX_REASON)}…` : reason;
    log(`${venue}: dropped malformed message #${count} (${text})`);
  };
}
