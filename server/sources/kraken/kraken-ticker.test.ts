import { afterEach, describe, expect, it } from 'vitest';
import { tickerFrame } from './fake-kraken';
import { connect, NOW, startKrakenHarness, type KrakenHarness } from './kraken-harness';

let h: KrakenHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

// BTC/USD: prices at scale 1 (tick 0.1), sizes at scale 8. The open is last - change:
// 37000.9 - (-199.1) = 37200.0.
const STATS = { open24: 372_000, high24: 372_504, low24: 358_000, volume24: 123_456_780_000 };

describe('Kraken ticker channel', () => {
  it('turns the ticker snapshot and updates into exact 24h statistics', async () => {
    h = await startKrakenHarness();
    const connection = await connect(h);
    connection.send(tickerFrame('snapshot', 'BTC/USD'));
    connection.send(tickerFrame('update', 'BTC/USD', { last: '37300.0', high: '37300.0' }));
    await expect.poll(() => h!.sink.dayStatsLog.length).toBe(2);
    expect(h.sink.dayStatsLog).toEqual([
      { inst: 1, stats: STATS, time: NOW },
      // Same change, later last: the open moves with it (37300.0 + 199.1).
      { inst: 1, stats: { ...STATS, open24: 374_991, high24: 373_000 }, time: NOW },
    ]);
    expect(h.source.stats).toMatchObject({ malformed: 0, offGrid: 0, gaps: 0, resyncs: 0 });
  });

  it('counts malformed and off-grid tickers and reports nothing for them', async () => {
    h = await startKrakenHarness();
    const connection = await connect(h);
    connection.send(tickerFrame('update', 'BTC/USD', { high: undefined }));
    connection.send(tickerFrame('update', 'BTC/USD', { volume: '"1234.5"' }));
    connection.send(tickerFrame('update', 'DOGE/USD'));
    connection.send('{"channel":"ticker","type":"update","data":{"symbol":"BTC/USD"}}');
    connection.send(tickerFrame('update', 'BTC/USD', { high: '37250.45' }));
    connection.send(tickerFrame('update', 'BTC/USD', { change: '0.05' }));
    connection.send(tickerFrame('update', 'BTC/USD', { volume: '0.000000001' }));
    // A change as large as the last price would put the open at 0.
    connection.send(tickerFrame('update', 'BTC/USD', { change: '37000.9' }));
    connection.send(tickerFrame('update', 'BTC/USD'));
    await expect.poll(() => h!.sink.dayStatsLog.length).toBe(1);
    expect(h.sink.dayStatsLog[0]?.stats).toEqual(STATS);
    expect(h.source.stats).toMatchObject({ malformed: 4, offGrid: 4, resyncs: 0 });
    // The book was never touched.
    expect(h.sink.events).toEqual([]);
  });
});
