/**
 * The gateway timestamp a batch carries, for tick-to-screen latency. Of the live messages only
 * trades (`time`, when the gateway received the print) and tickers (`time` of the instrument's
 * latest event; tickers are conflated on the gateway tick, so a ticker may be up to one tick
 * older than its send) carry gateway time; book deltas and candles carry none (the worker stamps
 * book patches with its own clock, and a candle's `time` is its open time).
 */
import type { FeedBatch } from '../feed/feed-types';

/** The newest gateway time among the batch's tickers and trades, or null when it has none. */
export function newestGatewayTime(batch: FeedBatch): number | null {
  let newest = Number.NEGATIVE_INFINITY;
  for (const ticker of batch.tickers ?? []) if (ticker.time > newest) newest = ticker.time;
  for (const tape of batch.trades ?? []) {
    // Snapshots replay history: their prints are old on purpose and say nothing about latency.
    if (tape.reset) continue;
    const last = tape.trades[tape.trades.length - 1];
    if (last && last.time > newest) newest = last.time;
  }
  return Number.isFinite(newest) ? newest : null;
}
