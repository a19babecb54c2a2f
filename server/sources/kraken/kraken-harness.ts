/** Test support: a Kraken source wired to a fake Kraken on loopback, with a recording sink. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseUnits } from '../../../protocol/decimal';
import type { ExchangeSource } from '../exchange/exchange-source';
import {
  startFakeVenue,
  type FakeConnection,
  type FakeRoute,
  type FakeVenue,
} from '../exchange/fake-venue';
import { mirrorFlat, RecordingSink } from '../recording-sink';
import { ASSET_PAIRS_BODY, ohlcRoute, type FakeKrakenBook, type TextLevel } from './fake-kraken';
import { createKrakenSource, type KrakenSourceOptions } from './kraken-source';

/** 2023-11-14T22:14:00Z, on a minute and an hour boundary plus 14 min. */
export const NOW = 1_700_000_040_000;

export interface KrakenHarness {
  venue: FakeVenue;
  source: ExchangeSource;
  sink: RecordingSink;
  logs: string[];
  cacheDir: string;
  close(): Promise<void>;
}

export async function startKrakenHarness(
  options: Partial<KrakenSourceOptions> = {},
  routes: Record<string, FakeRoute> = {},
): Promise<KrakenHarness> {
  const venue = await startFakeVenue({
    '/0/public/AssetPairs': () => ({ body: ASSET_PAIRS_BODY }),
    '/0/public/OHLC': ohlcRoute({}),
    ...routes,
  });
  const cacheDir = await mkdtemp(join(tmpdir(), 'qd-kraken-'));
  const logs: string[] = [];
  const source = await createKrakenSource({
    symbols: ['BTC/USD', 'ETH/BTC'],
    restUrl: venue.httpUrl,
    wsUrl: venue.wsUrl,
    cacheDir,
    backoff: { baseMs: 5, maxMs: 20 },
    idleTimeoutMs: 5_000,
    pingIntervalMs: 60_000,
    resyncPaceMs: 0,
    historyBars: 5,
    log: (line) => logs.push(line),
    now: () => NOW,
    ...options,
  });
  const sink = new RecordingSink(true);
  return {
    venue,
    source,
    sink,
    logs,
    cacheDir,
    async close() {
      await source.stop();
      await venue.close().catch(() => {});
      await rm(cacheDir, { recursive: true, force: true });
    },
  };
}

/** Starts the source and returns the connection once its subscriptions (book, trade, ticker) arrived. */
export async function connect(h: KrakenHarness): Promise<FakeConnection> {
  h.source.start(h.sink);
  const connection = await h.venue.nextConnection();
  await connection.next();
  await connection.next();
  await connection.next();
  return connection;
}

/** The sink's mirror of one instrument, best first. */
export function mirror(h: KrakenHarness, inst: number) {
  const book = h.sink.books.get(inst);
  return {
    bids: book ? mirrorFlat(book.bids, true) : [],
    asks: book ? mirrorFlat(book.asks, false) : [],
  };
}

/** The book we expect the sink to hold, from the fake's texts at the pair's scales. */
export function expected(book: FakeKrakenBook, priceScale: number, sizeScale: number) {
  const flat = (levels: TextLevel[]) =>
    levels.flatMap(([p, q]) => [parseUnits(p, priceScale), parseUnits(q, sizeScale)]);
  return { bids: flat(book.sorted('bid')), asks: flat(book.sorted('ask')) };
}
