import { describe, expect, it } from 'vitest';
import { CandleSeries } from './candle-series';
import { TickerState, dayStats } from './ticker-state';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const NOW = Date.UTC(2025, 0, 2, 12, 0, 30);

function minuteSeries(count: number, end: number): CandleSeries {
  const series = new CandleSeries('1m');
  series.prependHistory(
    Array.from({ length: count }, (_, i) => ({
      time: end - (count - i) * MIN,
      open: 1000 + i,
      high: 1000 + i + 5,
      low: 1000 + i - 5,
      close: 1001 + i,
      volume: 2,
    })),
  );
  return series;
}

describe('TickerState', () => {
  it('computes 24h open/high/low/volume from the minute candles in the window plus the forming one', () => {
    const end = Date.UTC(2025, 0, 2, 12, 0);
    const minutes = minuteSeries(2000, end); // older than 24h at the start
    minutes.applyTrade(5000, 7, NOW);
    const state = new TickerState(3);
    const ticker = state.publish({ time: NOW, last: 5000, bid: 4999, ask: 5001, minutes });
    // The window holds the last 1439 closed minutes and the forming one.
    const firstInWindow = 2000 - 1439;
    expect(ticker).toEqual({
      inst: 3,
      seq: 1,
      time: NOW,
      last: 5000,
      bid: 4999,
      ask: 5001,
      open24: 1000 + firstInWindow,
      high24: 5000,
      low24: 1000 + firstInWindow - 5,
      volume24: 1439 * 2 + 7,
    });
  });

  it('numbers each publication and clears the dirty flag', () => {
    const minutes = minuteSeries(3, Date.UTC(2025, 0, 2, 12, 0));
    const state = new TickerState(1);
    state.dirty = true;
    state.publish({ time: NOW, last: 1, bid: 0, ask: 0, minutes });
    const second = state.publish({ time: NOW + 1, last: 2, bid: 0, ask: 0, minutes });
    expect(second.seq).toBe(2);
    expect(state.published).toBe(second);
    expect(state.dirty).toBe(false);
  });

  it('the window moves with time: candles older than 24h drop out', () => {
    const end = Date.UTC(2025, 0, 2, 12, 0);
    const minutes = minuteSeries(10, end);
    const state = new TickerState(1);
    const fresh = state.publish({ time: end, last: 1, bid: 0, ask: 0, minutes });
    expect(fresh.volume24).toBe(20);
    const later = state.publish({ time: end + DAY - 6 * MIN, last: 1, bid: 0, ask: 0, minutes });
    expect(later.volume24).toBe(10);
  });

  it('before any trade, last falls back to the newest candle close; with no candles all is last', () => {
    const state = new TickerState(1);
    const minutes = minuteSeries(2, Date.UTC(2025, 0, 2, 12, 0));
    expect(state.publish({ time: NOW, last: 0, bid: 0, ask: 0, minutes }).last).toBe(1002);
    const empty = state.publish({
      time: NOW,
      last: 77,
      bid: 0,
      ask: 0,
      minutes: new CandleSeries('1m'),
    });
    expect(empty).toMatchObject({ open24: 77, high24: 77, low24: 77, volume24: 0 });
  });
});

describe('dayStats', () => {
  it('is null when no candle opens inside the window', () => {
    expect(dayStats([{ time: 0, open: 1, high: 1, low: 1, close: 1, volume: 1 }], 10)).toBeNull();
  });
});
