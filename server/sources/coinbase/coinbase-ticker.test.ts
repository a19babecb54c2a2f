import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Hub } from '../../hub/hub';
import { startFakeVenue, type FakeVenue } from '../exchange/fake-venue';
import type { ExchangeSource } from '../exchange/exchange-source';
import { RecordingSink } from '../recording-sink';
import { createCoinbaseSource } from './coinbase-source';
import { bid, CoinbaseScript, offer, productsRoute } from './fake-coinbase';

let venue: FakeVenue | null = null;
let source: ExchangeSource | null = null;
let hub: Hub | null = null;
let dir: string | null = null;

afterEach(async () => {
  if (hub) await hub.stop();
  else await source?.stop();
  await venue?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  source = venue = dir = hub = null;
});

const FRAME_TIME = Date.UTC(2024, 4, 1, 12, 0, 0, 123);

async function connect() {
  venue = await startFakeVenue({ '/api/v3/brokerage/market/products': productsRoute });
  dir = await mkdtemp(join(tmpdir(), 'coinbase-ticker-'));
  source = await createCoinbaseSource(
    {
      symbols: ['BTC-USD'],
      restUrl: venue.httpUrl,
      wsUrl: venue.wsUrl,
      cacheDir: dir,
      historyBars: 0,
      backoff: { baseMs: 5, maxMs: 20 },
      log: () => {},
    },
    { restSpacingMs: 0, minResyncIntervalMs: 0, snapshotTimeoutMs: 5_000 },
  );
  return source;
}

async function subscribed(script: CoinbaseScript) {
  const messages = await script.readMessages(4);
  expect(messages).toContainEqual({
    type: 'subscribe',
    product_ids: ['BTC-USD'],
    channel: 'ticker',
  });
}

// BTC-USD: prices at scale 2 (tick 1), sizes at scale 8.
const STATS = { open24: null, high24: 10475, low24: 9550, volume24: 123_456_789_012 };

describe('Coinbase ticker channel', () => {
  it('subscribes to ticker and turns its 24h figures into exact integer stats', async () => {
    const sink = new RecordingSink();
    (await connect()).start(sink);
    const script = new CoinbaseScript(await venue!.nextConnection());
    await subscribed(script);
    script.ticker('snapshot', 'BTC-USD');
    script.ticker('update', 'BTC-USD', { high_24_h: '105.00', volume_24_h: '1300' });
    await expect.poll(() => sink.dayStatsLog.length).toBe(2);
    expect(sink.dayStatsLog).toEqual([
      { inst: 1, stats: STATS, time: FRAME_TIME },
      { inst: 1, stats: { ...STATS, high24: 10500, volume24: 130_000_000_000 }, time: FRAME_TIME },
    ]);
    expect(source!.stats).toMatchObject({ malformed: 0, offGrid: 0, gaps: 0 });
  });

  it('counts malformed and off-grid tickers and reports nothing for them', async () => {
    const sink = new RecordingSink();
    (await connect()).start(sink);
    const script = new CoinbaseScript(await venue!.nextConnection());
    await subscribed(script);
    script.ticker('update', 'BTC-USD', { high_24_h: undefined });
    script.ticker('update', 'BTC-USD', { volume_24_h: 1234.5 });
    script.ticker('update', 'DOGE-USD');
    script.frame('ticker', [{ type: 'update', tickers: null }]);
    script.frame('ticker', [{ type: 'ticker' }]);
    script.ticker('update', 'BTC-USD', { low_24_h: '95.555' });
    script.ticker('update', 'BTC-USD', { low_24_h: '110.00' });
    script.ticker('update', 'BTC-USD', { volume_24_h: '0.000000001' });
    // A good one last, so the poll knows everything before it was handled.
    script.ticker('update', 'BTC-USD');
    await expect.poll(() => sink.dayStatsLog.length).toBe(1);
    expect(sink.dayStatsLog[0]?.stats).toEqual(STATS);
    expect(source!.stats).toMatchObject({ malformed: 5, offGrid: 3, gaps: 0, resyncs: 0 });
  });

  it('the hub ticker shows the exchange figures instead of its candle-derived ones', async () => {
    hub = new Hub(await connect(), { conflateMs: 10_000 });
    hub.start();
    const script = new CoinbaseScript(await venue!.nextConnection());
    await subscribed(script);
    script.snapshot('BTC-USD', [bid('100.00', '1'), offer('100.50', '1')]);
    script.ticker('snapshot', 'BTC-USD');
    const state = hub.instrumentState(1)!;
    await expect.poll(() => state.venueStats).toEqual(STATS);
    hub.flush();
    expect(state.ticker.published).toMatchObject({
      bid: 10000,
      ask: 10050,
      high24: 10475,
      low24: 9550,
      volume24: 123_456_789_012,
    });
  });
});
