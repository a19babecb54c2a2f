/** Pure helpers that combine candles: finer candles into coarser ones, and partial candles. */
import { candleOpenTime, type Interval } from '../../protocol/intervals';
import type { Candle } from '../../protocol/messages';

/** Combines two consecutive parts of one candle period; `later` follows `earlier` in time. */
export function mergeCandles(earlier: Candle, later: Candle): Candle {
  return {
    time: Math.min(earlier.time, later.time),
    open: earlier.open,
    high: Math.max(earlier.high, later.high),
    low: Math.min(earlier.low, later.low),
    close: later.close,
    volume: earlier.volume + later.volume,
  };
}

/** Groups finer candles (oldest first) into candles of `interval`, oldest first. */
export function aggregateCandles(candles: readonly Candle[], interval: Interval): Candle[] {
  const out: Candle[] = [];
  let current: Candle | undefined;
  for (const candle of candles) {
    const time = candleOpenTime(candle.time, interval);
    if (current && current.time === time) {
      current = mergeCandles(current, candle);
      out[out.length - 1] = current;
    } else {
      current = { ...candle, time };
      out.push(current);
    }
  }
  return out;
}
