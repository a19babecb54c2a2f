/**
 * All candle series of one instrument. Live candles come from trades from the moment the
 * instrument starts; history comes from the source lazily: minute history at start (the ticker's
 * 24h window needs it) feeds 1m/5m/15m, hour history on first need feeds 1h/4h/1d. The candle
 * each interval is forming at start is seeded with the minute history inside its period.
 */
import { INTERVALS, INTERVAL_NAMES, candleOpenTime, type Interval } from '../../protocol/intervals';
import type { Candle } from '../../protocol/messages';
import type { HistoryInterval, MarketSource } from '../sources/source';
import { aggregateCandles } from './candle-aggregate';
import { CandleSeries, MAX_CLOSED_CANDLES } from './candle-series';

const FROM_HOURS: ReadonlySet<Interval> = new Set<Interval>(['1h', '4h', '1d']);

export class CandleSet {
  readonly series: Record<Interval, CandleSeries>;
  private liveStart: number | null = null;
  /** Earliest time the minute history (or, without it, live data) covers. */
  private minutesFrom = Infinity;
  private hoursLoaded = false;

  constructor(
    private readonly source: MarketSource,
    private readonly inst: number,
    maxClosed: number = MAX_CLOSED_CANDLES,
  ) {
    const entries = INTERVAL_NAMES.map((i) => [i, new CandleSeries(i, maxClosed)] as const);
    this.series = Object.fromEntries(entries) as Record<Interval, CandleSeries>;
  }

  get started(): boolean {
    return this.liveStart !== null;
  }

  /** Starts live aggregation at `time` and loads minute history; later calls do nothing. */
  begin(time: number): void {
    if (this.liveStart !== null) return;
    this.liveStart = time;
    const minuteEnd = candleOpenTime(time, '1m');
    const minutes = this.loadHistory('1m', minuteEnd);
    this.minutesFrom = minutes[0]?.time ?? minuteEnd;
    for (const interval of INTERVAL_NAMES) {
      const period = candleOpenTime(time, interval);
      const series = this.series[interval];
      const [partial] = aggregateCandles(
        minutes.filter((c) => c.time >= period),
        interval,
      );
      if (partial) series.seed(partial);
      if (!FROM_HOURS.has(interval)) {
        series.prependHistory(
          aggregateCandles(
            minutes.filter((c) => c.time < period),
            interval,
          ),
        );
      }
    }
  }

  /** Loads the history `interval` is derived from, if not loaded yet. Call after begin(). */
  ensureHistory(interval: Interval): void {
    if (!FROM_HOURS.has(interval) || this.hoursLoaded || this.liveStart === null) return;
    this.hoursLoaded = true;
    const hourEnd = candleOpenTime(this.liveStart, '1h');
    const hours = this.loadHistory('1h', hourEnd);
    const hourMs = INTERVALS['1h'].ms;
    for (const name of FROM_HOURS) {
      const period = candleOpenTime(this.liveStart, name);
      const series = this.series[name];
      series.prependHistory(
        aggregateCandles(
          hours.filter((c) => c.time < period),
          name,
        ),
      );
      // The part of the first live period that minute history did not reach.
      const gap = hours.filter((c) => c.time >= period && c.time + hourMs <= this.minutesFrom);
      const [prefix] = aggregateCandles(gap, name);
      if (prefix) series.mergePrefix(prefix);
    }
  }

  /** Feeds a trade to every interval. */
  applyTrade(price: number, size: number, time: number): void {
    for (const interval of INTERVAL_NAMES) this.series[interval].applyTrade(price, size, time);
  }

  private loadHistory(interval: HistoryInterval, end: number): Candle[] {
    let candles: unknown;
    try {
      candles = this.source.history(this.inst, interval, end);
    } catch {
      // A source without history (or a failing one) still gives live candles.
      return [];
    }
    if (!Array.isArray(candles)) return [];
    const ms = INTERVALS[interval].ms;
    return candles
      .filter((c): c is Candle => isCandle(c) && c.time % ms === 0 && c.time < end)
      .sort((a, b) => a.time - b.time);
  }
}

function isCandle(value: unknown): value is Candle {
  if (typeof value !== 'object' || value === null) return false;
  const c = value as Record<string, unknown>;
  return ['time', 'open', 'high', 'low', 'close', 'volume'].every((key) =>
    Number.isSafeInteger(c[key]),
  );
}
