import { describe, expect, it } from 'vitest';
import { createFakeSource, staircaseHistory, type HistoryFn } from '../sources/fake-source';
import { CandleSet } from './candle-set';

const HOUR = 3_600_000;
const MIN = 60_000;
// 13:37:30 UTC: inside a 4h period (12:00) and a 1h period (13:00).
const START = Date.UTC(2025, 0, 1, 13, 37, 30);

describe('CandleSet', () => {
  it('loads minute history at start and derives 5m from it, the current 5m period seeded', () => {
    const source = createFakeSource({ history: staircaseHistory(1000, 120) });
    const set = new CandleSet(source, 1);
    set.begin(START);
    expect(source.historyCalls).toEqual([
      { inst: 1, interval: '1m', end: Date.UTC(2025, 0, 1, 13, 37) },
    ]);
    const fiveMin = set.series['5m'];
    // 13:35 and 13:36 come from history, so the forming 13:35 candle starts with them.
    expect(fiveMin.forming).toMatchObject({ time: Date.UTC(2025, 0, 1, 13, 35), volume: 20 });
    const closed = fiveMin.closedCandles;
    expect(closed[closed.length - 1]!.time).toBe(Date.UTC(2025, 0, 1, 13, 30));
    expect(closed.every((c) => c.time % (5 * MIN) === 0)).toBe(true);
    set.applyTrade(5000, 3, START + 1000);
    expect(fiveMin.forming).toMatchObject({ high: 5000, close: 5000, volume: 23 });
    expect(set.series['1m'].forming).toMatchObject({ time: START - 30_000, open: 5000, volume: 3 });
  });

  it('loads hour history only on first need of 1h/4h/1d, once', () => {
    const source = createFakeSource({ history: staircaseHistory(1000, 48) });
    const set = new CandleSet(source, 1);
    set.begin(START);
    set.ensureHistory('5m');
    expect(source.historyCalls.map((c) => c.interval)).toEqual(['1m']);
    set.ensureHistory('4h');
    set.ensureHistory('1d');
    expect(source.historyCalls.map((c) => c.interval)).toEqual(['1m', '1h']);
    expect(source.historyCalls[1]!.end).toBe(Date.UTC(2025, 0, 1, 13));
    const fourHours = set.series['4h'].closedCandles;
    expect(fourHours.every((c) => c.time % (4 * HOUR) === 0)).toBe(true);
    expect(fourHours[fourHours.length - 1]!.time).toBe(Date.UTC(2025, 0, 1, 8));
    // 48 hours of history ending 13:00 → starting 2024-12-30 13:00: 4h periods 12:00(part)…08:00.
    expect(fourHours[0]!.time).toBe(Date.UTC(2024, 11, 30, 12));
  });

  it('fills the start of the first live 4h period from hour history that minute history lacks', () => {
    // Minute history: only 10 minutes; hour history: a day. 12:00 is the 4h period start.
    const history: HistoryFn = (inst, interval, end) =>
      interval === '1m'
        ? staircaseHistory(1000, 10)(inst, interval, end)
        : staircaseHistory(2000, 24)(inst, interval, end);
    const set = new CandleSet(createFakeSource({ history }), 1);
    set.begin(START);
    set.ensureHistory('4h');
    const forming = set.series['4h'].forming!;
    expect(forming.time).toBe(Date.UTC(2025, 0, 1, 12));
    // The 12:00 hour candle (volume 10) plus ten minute candles (10 each).
    expect(forming.volume).toBe(110);
    expect(forming.open).toBeGreaterThanOrEqual(2000);
  });

  it('drops malformed history candles from the source', () => {
    const bad = [
      { time: START - 3 * MIN - 15_000, open: 1, high: 1, low: 1, close: 1, volume: 1 },
      { time: Date.UTC(2025, 0, 1, 13, 30), open: 1.5, high: 1, low: 1, close: 1, volume: 1 },
      { time: Date.UTC(2025, 0, 1, 13, 31), open: 2, high: 2, low: 2, close: 2, volume: 2 },
      { time: Date.UTC(2025, 0, 1, 13, 40), open: 3, high: 3, low: 3, close: 3, volume: 3 },
      null,
    ];
    const source = createFakeSource({ history: () => bad as never });
    const set = new CandleSet(source, 1);
    set.begin(START);
    expect(set.series['1m'].closedCandles.map((c) => c.open)).toEqual([2]);
  });

  it('a source whose history throws still gives live candles', () => {
    const source = createFakeSource({
      history: () => {
        throw new Error('no history here');
      },
    });
    const set = new CandleSet(source, 1);
    set.begin(START);
    set.ensureHistory('1d');
    set.applyTrade(10, 1, START);
    expect(set.series['1d'].list(0, Infinity, 10)).toHaveLength(1);
  });
});
