import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeVenue, type FakeVenue } from '../exchange/fake-venue';
import type { FakeRoute } from '../exchange/fake-venue';
import { createCoinbaseSource } from './coinbase-source';
import { candlesRoute, productsRoute } from './fake-coinbase';

let venue: FakeVenue | null = null;
let dir: string | null = null;

afterEach(async () => {
  await venue?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  venue = dir = null;
});

const NOW = Date.UTC(2024, 4, 1, 12, 30, 42);
const MINUTE = 60_000;
const HOUR = 3_600_000;
const CANDLES = candlesRoute({ ONE_MINUTE: MINUTE, ONE_HOUR: HOUR });

async function start(routes: Record<string, FakeRoute>) {
  venue = await startFakeVenue(routes);
  dir ??= await mkdtemp(join(tmpdir(), 'coinbase-source-'));
  return venue;
}

function options(restUrl: string, symbols: string[], logs: string[] = [], historyBars = 800) {
  return {
    symbols,
    restUrl,
    wsUrl: 'ws://127.0.0.1:9',
    cacheDir: dir ?? '',
    firstId: 10,
    historyBars,
    log: (line: string) => logs.push(line),
    now: () => NOW,
  };
}

const FAST = { restSpacingMs: 0, httpTimeoutMs: 2_000 };

describe('createCoinbaseSource', () => {
  it('maps products to instruments with exact scales, ticks, lots and symbols', async () => {
    const v = await start({ '/api/v3/brokerage/market/products': productsRoute });
    const source = await createCoinbaseSource(
      options(v.httpUrl, ['BTC-USD', 'eth-eur'], [], 0),
      FAST,
    );
    expect(source.name).toBe('coinbase');
    expect(source.instruments()).toEqual([
      {
        id: 10,
        symbol: 'BTC-USD',
        name: 'Bitcoin / US Dollar',
        assetClass: 'crypto',
        base: 'BTC',
        quote: 'USD',
        priceScale: 2,
        tick: 1,
        sizeScale: 8,
        lot: 1,
        venue: 'coinbase',
        venueSymbol: 'BTC-USD',
      },
      {
        id: 11,
        symbol: 'ETH-EUR',
        name: 'Ethereum / Euro',
        assetClass: 'crypto',
        base: 'ETH',
        quote: 'EUR',
        priceScale: 2,
        tick: 5,
        sizeScale: 4,
        lot: 1,
        venue: 'coinbase',
        venueSymbol: 'ETH-EUR',
      },
    ]);
    expect(v.requests[0]).toBe(
      '/api/v3/brokerage/market/products?product_ids=BTC-USD&product_ids=ETH-EUR',
    );
  });

  it('rejects an unknown product, naming it', async () => {
    const v = await start({ '/api/v3/brokerage/market/products': productsRoute });
    await expect(
      createCoinbaseSource(options(v.httpUrl, ['BTC-USD', 'DOGE-XYZ'], [], 0), FAST),
    ).rejects.toThrow(/coinbase does not list DOGE-XYZ/);
  });

  it('rejects a products answer of the wrong shape, and no symbols at all', async () => {
    const v = await start({ '/api/v3/brokerage/market/products': () => ({ body: { items: [] } }) });
    await expect(
      createCoinbaseSource(options(v.httpUrl, ['BTC-USD'], [], 0), FAST),
    ).rejects.toThrow(/cannot load products: .*no products list.*no cached copy of instruments/);
    await expect(createCoinbaseSource(options(v.httpUrl, [], [], 0), FAST)).rejects.toThrow(
      /no symbols/,
    );
  });

  it('pages candle history 350 at a time and serves closed candles before `end`', async () => {
    const v = await start({
      '/api/v3/brokerage/market/products': productsRoute,
      '/api/v3/brokerage/market/products/BTC-USD/candles': CANDLES,
    });
    const source = await createCoinbaseSource(options(v.httpUrl, ['BTC-USD']), FAST);
    const minutes = v.requests.filter((r) => r.includes('ONE_MINUTE'));
    expect(minutes.map((r) => new URL(r, 'http://x').searchParams.get('limit'))).toEqual([
      '350',
      '350',
      '100',
    ]);
    const forming = Date.UTC(2024, 4, 1, 12, 30);
    const candles = source.history(10, '1m', Number.MAX_SAFE_INTEGER);
    expect(candles).toHaveLength(800);
    expect(candles[0]?.time).toBe(forming - 800 * MINUTE);
    expect(candles.at(-1)?.time).toBe(forming - MINUTE);
    expect(
      candles.every((c, i) => i === 0 || c.time - (candles[i - 1]?.time ?? 0) === MINUTE),
    ).toBe(true);
    expect(candles[0]).toMatchObject({ volume: 150_000_000 });
    expect(candles[0]?.open).toBeGreaterThanOrEqual(10_000);
    expect(source.history(10, '1m', forming - 10 * MINUTE).at(-1)?.time).toBe(
      forming - 11 * MINUTE,
    );
    const hours = source.history(10, '1h', Number.MAX_SAFE_INTEGER);
    expect(hours).toHaveLength(800);
    expect(hours.at(-1)?.time).toBe(Date.UTC(2024, 4, 1, 11));
  });

  it('restarts offline from the disk cache, and fails clearly with neither network nor cache', async () => {
    const v = await start({
      '/api/v3/brokerage/market/products': productsRoute,
      '/api/v3/brokerage/market/products/BTC-USD/candles': CANDLES,
    });
    const online = await createCoinbaseSource(options(v.httpUrl, ['BTC-USD'], [], 400), FAST);
    const url = v.httpUrl;
    await v.close();
    venue = null;
    const logs: string[] = [];
    const offline = await createCoinbaseSource(options(url, ['BTC-USD'], logs, 400), FAST);
    expect(offline.instruments()).toEqual(online.instruments());
    expect(offline.history(10, '1m', Infinity)).toEqual(online.history(10, '1m', Infinity));
    expect(offline.history(10, '1m', Infinity)).toHaveLength(400);
    expect(logs).toContain('coinbase: products from the disk cache (exchange unreachable)');
    expect(logs).toContain('coinbase: BTC-USD 1h history from cache');
    await rm(dir ?? '', { recursive: true, force: true });
    await expect(createCoinbaseSource(options(url, ['BTC-USD'], [], 400), FAST)).rejects.toThrow(
      /cannot load products: GET .* failed/,
    );
  });

  it('starts with empty history (and a log line) when candles fail and nothing is cached', async () => {
    const v = await start({
      '/api/v3/brokerage/market/products': productsRoute,
      '/api/v3/brokerage/market/products/BTC-USD/candles': () => ({
        status: 429,
        body: { error: 'slow down' },
      }),
    });
    const logs: string[] = [];
    const source = await createCoinbaseSource(options(v.httpUrl, ['BTC-USD'], logs, 10), FAST);
    expect(source.history(10, '1m', Infinity)).toEqual([]);
    expect(
      logs.some((l) => l.startsWith('coinbase: no BTC-USD 1m history: GET') && l.includes('429')),
    ).toBe(true);
  });

  it('drops malformed and off-grid candles, counting them', async () => {
    const v = await start({
      '/api/v3/brokerage/market/products': productsRoute,
      '/api/v3/brokerage/market/products/BTC-USD/candles': (url) => {
        const end = Number(url.searchParams.get('end')) + 1;
        const good = { low: '1.00', high: '2.00', open: '1.50', close: '1.75', volume: '0.1' };
        return {
          body: {
            candles: [
              { start: String(end - 60), ...good },
              { start: String(end - 120), ...good, high: '2.001' },
              { start: 'yesterday', ...good },
              'candle',
            ],
          },
        };
      },
    });
    const source = await createCoinbaseSource(options(v.httpUrl, ['BTC-USD'], [], 3), FAST);
    expect(source.history(10, '1m', Infinity)).toEqual([
      {
        time: Date.UTC(2024, 4, 1, 12, 29),
        open: 150,
        high: 200,
        low: 100,
        close: 175,
        volume: 10_000_000,
      },
    ]);
    // Each interval saw one off-grid and two malformed candles.
    expect(source.stats).toMatchObject({ offGrid: 2, malformed: 4 });
  });
});
