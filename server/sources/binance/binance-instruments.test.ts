import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BINANCE_SYMBOLS } from './binance-fixtures';
import { toBinanceInstrument } from './binance-instruments';
import { createBinanceSource } from './binance-source';
import { startFakeBinance, type FakeBinance } from './fake-binance';

const NOW = 1_700_000_000_000;
let fake: FakeBinance;
let cacheDir: string;
const logs: string[] = [];

beforeEach(async () => {
  fake = await startFakeBinance({ now: NOW });
  cacheDir = await mkdtemp(join(tmpdir(), 'qd-binance-inst-'));
  logs.length = 0;
});
afterEach(async () => {
  await fake.close().catch(() => undefined);
  await rm(cacheDir, { recursive: true, force: true });
});

function create(symbols: string[], restUrl = fake.venue.httpUrl) {
  return createBinanceSource({
    symbols,
    restUrl,
    wsUrl: fake.venue.wsUrl,
    cacheDir,
    firstId: 7,
    historyBars: 0,
    log: (line) => logs.push(line),
    now: () => NOW,
  });
}

describe('Binance instruments', () => {
  it('maps exchangeInfo filters to scales, ticks, lots, minimums and display symbols', async () => {
    const source = await create(['btcusdt', 'HALFUSDT']);
    expect(source.instruments()).toEqual([
      {
        id: 7,
        symbol: 'BTC-USDT',
        name: 'BTC / USDT',
        assetClass: 'crypto',
        base: 'BTC',
        quote: 'USDT',
        priceScale: 2,
        tick: 1,
        sizeScale: 5,
        lot: 1,
        venue: 'binance',
        venueSymbol: 'BTCUSDT',
      },
      expect.objectContaining({
        id: 8,
        symbol: 'HALF-USDT',
        venueSymbol: 'HALFUSDT',
        priceScale: 1,
        tick: 5,
        sizeScale: 0,
        lot: 1,
      }),
    ]);
    // 0.00001 BTC; 5 USDT at scale 2 + 5.
    expect(source.limits(7)).toEqual({ minSize: 1, minNotional: 50_000_000 });
    expect(source.limits(8)).toEqual({ minSize: 2, minNotional: 10 });
    expect(fake.venue.requests[0]).toBe(
      `/api/v3/exchangeInfo?symbols=${encodeURIComponent('["BTCUSDT","HALFUSDT"]')}`,
    );
    await source.stop();
  });

  it('rejects an unknown symbol by name', async () => {
    await expect(create(['BTCUSDT', 'NOPEUSDT'])).rejects.toThrow(
      /binance: unknown symbol NOPEUSDT \(not listed/,
    );
  });

  it('rejects text that cannot be a Binance symbol before any request', async () => {
    await expect(create(['BTC/USDT'])).rejects.toThrow(/"BTC\/USDT" is not a Binance symbol/);
    await expect(create([])).rejects.toThrow(/no symbols/);
    expect(fake.venue.requests).toEqual([]);
  });

  it('restarts without network from the disk cache, and fails clearly with no cache', async () => {
    const online = await create(['ETHUSDT']);
    const url = fake.venue.httpUrl;
    await fake.close();
    const offline = await create(['ETHUSDT'], url);
    expect(offline.instruments()).toEqual(online.instruments());
    expect(logs.some((line) => line.includes('ETHUSDT instrument from the disk cache'))).toBe(true);
    await expect(create(['BTCUSDT'], url)).rejects.toThrow(/no cached copy of symbols\/BTCUSDT/);
  });

  it('refuses an instrument whose tick size is missing or unusable', () => {
    const broken = {
      ...BINANCE_SYMBOLS.BTCUSDT,
      filters: [
        { filterType: 'PRICE_FILTER', tickSize: '0.00000000' },
        { filterType: 'LOT_SIZE', stepSize: '0.001' },
      ],
    };
    expect(() => toBinanceInstrument(broken, 1)).toThrow(/BTCUSDT has an unusable tick/);
    expect(() => toBinanceInstrument({ ...broken, filters: [] }, 1)).toThrow(/no PRICE_FILTER/);
  });
});
