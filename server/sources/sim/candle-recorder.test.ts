import { describe, expect, it } from 'vitest';
import { CandleRecorder } from './candle-recorder';

const M = 60_000;

describe('CandleRecorder', () => {
  it('aggregates trades, fills quiet minutes flat, and opens each candle at the last close', () => {
    const recorder = new CandleRecorder(M, 10 * M, 100, 1000);
    recorder.trade(10 * M + 5, 102, 3);
    recorder.trade(10 * M + 9, 99, 1);
    recorder.trade(12 * M + 1, 104, 2);
    expect(recorder.candles(13 * M)).toEqual([
      { time: 10 * M, open: 100, high: 102, low: 99, close: 99, volume: 4 },
      { time: 11 * M, open: 99, high: 99, low: 99, close: 99, volume: 0 },
      { time: 12 * M, open: 99, high: 104, low: 99, close: 104, volume: 2 },
    ]);
  });

  it('does not close the forming candle early', () => {
    const recorder = new CandleRecorder(M, 0, 50, 1000);
    recorder.trade(10, 51, 1);
    expect(recorder.candles(M - 1)).toEqual([]);
    expect(recorder.candles(M)).toHaveLength(1);
  });

  it('forgets the oldest candles beyond its cap', () => {
    const recorder = new CandleRecorder(M, 0, 50, 100);
    const candles = recorder.candles(500 * M);
    expect(candles.length).toBeLessThanOrEqual(113);
    expect(candles.length).toBeGreaterThanOrEqual(100);
    expect(candles.at(-1)?.time).toBe(499 * M);
    expect(recorder.firstTime()).toBe(candles[0]?.time);
  });
});
