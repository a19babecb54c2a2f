import { describe, expect, it } from 'vitest';
import { aggregateCandles } from './candle-aggregate';
import { CandleSeries } from './candle-series';

const T0 = Date.UTC(2025, 0, 1, 12, 0, 0);
const MIN = 60_000;

describe('CandleSeries from trades', () => {
  it('builds a 1m candle from trades in the same minute', () => {
    const series = new CandleSeries('1m');
    series.applyTrade(100, 1, T0 + 1_000);
    series.applyTrade(105, 2, T0 + 2_000);
    series.applyTrade(98, 3, T0 + 3_000);
    series.applyTrade(101, 4, T0 + 59_999);
    expect(series.forming).toEqual({
      time: T0,
      open: 100,
      high: 105,
      low: 98,
      close: 101,
      volume: 10,
    });
    expect(series.closedCandles).toEqual([]);
  });

  it('a trade in the next minute closes the forming candle and opens a new one', () => {
    const series = new CandleSeries('1m');
    series.applyTrade(100, 1, T0);
    expect(series.applyTrade(110, 2, T0 + MIN + 5)).toBe(true);
    expect(series.closedCandles).toEqual([
      { time: T0, open: 100, high: 100, low: 100, close: 100, volume: 1 },
    ]);
    expect(series.forming).toMatchObject({ time: T0 + MIN, open: 110, close: 110, volume: 2 });
  });

  it('a late trade lands in the forming candle instead of rewriting history', () => {
    const series = new CandleSeries('1m');
    series.applyTrade(100, 1, T0 + MIN);
    series.applyTrade(90, 1, T0 + 10);
    expect(series.forming).toMatchObject({ time: T0 + MIN, low: 90, close: 90, volume: 2 });
  });

  it('keeps at most maxClosed closed candles, dropping the oldest', () => {
    const series = new CandleSeries('1m', 3);
    for (let i = 0; i < 6; i++) series.applyTrade(100 + i, 1, T0 + i * MIN);
    expect(series.closedCandles.map((c) => c.open)).toEqual([102, 103, 104]);
    expect(series.forming?.open).toBe(105);
  });

  it('list() filters by open time and keeps the newest `limit`, forming last', () => {
    const series = new CandleSeries('1m');
    series.prependHistory(
      [0, 1, 2].map((i) => ({
        time: T0 - (3 - i) * MIN,
        open: i,
        high: i,
        low: i,
        close: i,
        volume: 1,
      })),
    );
    series.applyTrade(50, 1, T0 + 1);
    expect(series.list(0, Infinity, 2).map((c) => c.open)).toEqual([2, 50]);
    expect(series.list(T0 - 2 * MIN, T0 - MIN, 10).map((c) => c.open)).toEqual([1, 2]);
    expect(series.list(T0 + 1, Infinity, 10)).toEqual([]);
  });

  it('history never overwrites candles that are already live', () => {
    const series = new CandleSeries('1m');
    series.applyTrade(50, 1, T0);
    series.prependHistory([
      { time: T0 - MIN, open: 1, high: 1, low: 1, close: 1, volume: 1 },
      { time: T0, open: 9, high: 9, low: 9, close: 9, volume: 9 },
    ]);
    expect(series.list(0, Infinity, 10).map((c) => c.open)).toEqual([1, 50]);
  });
});

describe('aggregateCandles', () => {
  it('groups 1m candles into 5m: first open, max high, min low, last close, summed volume', () => {
    const minutes = Array.from({ length: 7 }, (_, i) => ({
      time: T0 + i * MIN,
      open: 100 + i,
      high: 110 + i,
      low: 90 - i,
      close: 101 + i,
      volume: 1,
    }));
    expect(aggregateCandles(minutes, '5m')).toEqual([
      { time: T0, open: 100, high: 114, low: 86, close: 105, volume: 5 },
      { time: T0 + 5 * MIN, open: 105, high: 116, low: 84, close: 107, volume: 2 },
    ]);
  });

  it('groups 1h candles into 4h buckets aligned to UTC', () => {
    const hours = Array.from({ length: 6 }, (_, i) => ({
      time: Date.UTC(2025, 0, 1, 2 + i),
      open: i,
      high: i + 1,
      low: i,
      close: i + 1,
      volume: 10,
    }));
    const fourHours = aggregateCandles(hours, '4h');
    expect(fourHours.map((c) => new Date(c.time).getUTCHours())).toEqual([0, 4]);
    expect(fourHours[0]).toMatchObject({ open: 0, close: 2, volume: 20 });
    expect(fourHours[1]).toMatchObject({ open: 2, high: 6, close: 6, volume: 40 });
  });

  it('an empty list aggregates to nothing', () => {
    expect(aggregateCandles([], '1d')).toEqual([]);
  });
});
