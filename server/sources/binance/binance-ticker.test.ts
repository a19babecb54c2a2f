import { afterEach, describe, expect, it } from 'vitest';
import { dayTickerEvent } from './binance-fixtures';
import { startHarness, type Harness } from './binance-harness';

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

// BTCUSDT in the fake: prices in cents, sizes in 10^-5 BTC.
const STATS = { open24: 6_415_025, high24: 6_450_000, low24: 6_380_050, volume24: 123_456_789 };

describe('Binance 24hr ticker stream', () => {
  it('turns each rolling-window ticker into exact 24h statistics at its event time', async () => {
    h = await startHarness();
    await h.send(
      dayTickerEvent(),
      dayTickerEvent({ h: '64600.00000000' }, 'BTCUSDT', 1_700_000_001_500),
    );
    expect(h.sink.dayStatsLog).toEqual([
      { inst: 1, stats: STATS, time: 1_700_000_000_500 },
      { inst: 1, stats: { ...STATS, high24: 6_460_000 }, time: 1_700_000_001_500 },
    ]);
    expect(h.source.stats).toMatchObject({ malformed: 0, offGrid: 0 });
  });

  it('counts malformed and off-grid tickers and reports nothing for them', async () => {
    h = await startHarness();
    await h.send(
      dayTickerEvent({ v: undefined }),
      dayTickerEvent({ h: 64500 }),
      dayTickerEvent({ E: 'soon' }),
      dayTickerEvent({}, 'DOGEUSDT'),
      dayTickerEvent({ l: '63800.505' }),
      dayTickerEvent({ v: '0.000001' }),
      dayTickerEvent({ l: '64600.00' }),
    );
    expect(h.sink.dayStatsLog).toEqual([]);
    expect(h.source.stats).toMatchObject({ malformed: 4, offGrid: 3, gaps: 0, resyncs: 0 });
    // Neither the book nor its sync was disturbed.
    expect(h.sink.events).toEqual([]);
    expect(h.statuses()).toEqual([false]);
  });
});
