import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Instrument } from '../../../protocol/instruments';
import type { Candle } from '../../../protocol/messages';
import type { RawKline } from './binance-messages';
import { toCandles } from './binance-history';
import { createBinanceSource } from './binance-source';
import { startFakeBinance, type FakeBinance } from './fake-binance';

/** 2023-11-14T22:13:20Z, 20 s into a minute: the 22:13 candle is still forming. */
const NOW = 1_700_000_000_000;
const MINUTE = 60_000;
const HOUR = 3_600_000;
const LAST_CLOSED_1M = Math.floor(NOW / MINUTE) * MINUTE - MINUTE;
const LAST_CLOSED_1H = Math.floor(NOW / HOUR) * HOUR - HOUR;

let fake: FakeBinance;
let cacheDir: string;
const logs: string[] = [];

beforeEach(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), 'qd-binance-hist-'));
  logs.length = 0;
});
afterEach(async () => {
  await fake.close().catch(() => undefined);
  await rm(cacheDir, { recursive: true, force: true });
});

function create(historyBars: number, restUrl = fake.venue.httpUrl) {
  return createBinanceSource({
    symbols: ['BTCUSDT'],
    restUrl,
    wsUrl: fake.venue.wsUrl,
    cacheDir,
    historyBars,
    log: (line) => logs.push(line),
    now: () => NOW,
  });
}

function expectContinuous(candles: Candle[], step: number, last: number) {
  expect(candles.at(-1)?.time).toBe(last);
  expect(candles.every((c, i) => i === 0 || c.time - candles[i - 1]!.time === step)).toBe(true);
}

describe('Binance history', () => {
  it('pages klines back with endTime until enough closed candles are loaded', async () => {
    fake = await startFakeBinance({ now: NOW, listedAt: 0 });
    const source = await create(2_500);
    const minutes = source.history(1, '1m', Infinity);
    expect(minutes).toHaveLength(2_500);
    expectContinuous(minutes, MINUTE, LAST_CLOSED_1M);
    const hours = source.history(1, '1h', Infinity);
    expect(hours).toHaveLength(2_500);
    expectContinuous(hours, HOUR, LAST_CLOSED_1H);
    // 22:12 open time → index 28_333_332 → base 60_000 + 332; open "...10", volume 1.25.
    expect(minutes.at(-1)).toEqual({
      time: LAST_CLOSED_1M,
      open: 6_033_210,
      high: 6_033_290,
      low: 6_033_205,
      close: 6_033_250,
      volume: 125_000,
    });
    const klineRequests = fake.venue.requests.filter((r) => r.includes('interval=1m'));
    expect(klineRequests).toEqual([
      `/api/v3/klines?symbol=BTCUSDT&interval=1m&limit=1000&endTime=${LAST_CLOSED_1M + MINUTE - 1}`,
      `/api/v3/klines?symbol=BTCUSDT&interval=1m&limit=1000&endTime=${minutes[1_500]!.time - 1}`,
      `/api/v3/klines?symbol=BTCUSDT&interval=1m&limit=500&endTime=${minutes[500]!.time - 1}`,
    ]);
    expect(source.history(1, '1m', LAST_CLOSED_1M)).toEqual(minutes.slice(0, -1));
    await source.stop();
  });

  it('stops paging where the market begins', async () => {
    fake = await startFakeBinance({ now: NOW, listedAt: LAST_CLOSED_1M - 29 * MINUTE });
    const source = await create(1_000);
    expect(source.history(1, '1m', Infinity)).toHaveLength(30);
    expect(fake.venue.requests.filter((r) => r.includes('interval=1m'))).toHaveLength(1);
    await source.stop();
  });

  it('serves the cached history offline, and an empty one with a log line when none', async () => {
    fake = await startFakeBinance({ now: NOW, listedAt: 0 });
    const online = await create(50);
    const url = fake.venue.httpUrl;
    await fake.close();
    const offline = await create(50, url);
    expect(offline.history(1, '1h', Infinity)).toEqual(online.history(1, '1h', Infinity));
    expect(offline.history(1, '1m', Infinity)).toHaveLength(50);
    expect(logs.some((line) => line.includes('1m history from the disk cache'))).toBe(true);

    await rm(join(cacheDir, 'history'), { recursive: true });
    const empty = await create(50, url);
    expect(empty.history(1, '1m', Infinity)).toEqual([]);
    expect(logs.some((line) => line.includes('no 1m history for BTCUSDT'))).toBe(true);
  });

  it('drops off-grid kline rows and counts them', () => {
    const instrument: Instrument = {
      id: 1,
      symbol: 'X-Y',
      name: 'X / Y',
      assetClass: 'crypto',
      base: 'X',
      quote: 'Y',
      priceScale: 2,
      tick: 1,
      sizeScale: 5,
      lot: 1,
    };
    let offGrid = 0;
    const rows: RawKline[] = [
      [0, '1.00', '2.00', '0.50', '1.50', '3.00000'],
      [60_000, '1.001', '2.00', '0.50', '1.50', '3.00000'],
      [120_000, '1.00', '2.00', '0.50', '1.50', '3.000001'],
    ];
    const candles = toCandles(rows, instrument, () => offGrid++);
    expect(candles).toEqual([
      { time: 0, open: 100, high: 200, low: 50, close: 150, volume: 300_000 },
    ]);
    expect(offGrid).toBe(2);
  });
});
