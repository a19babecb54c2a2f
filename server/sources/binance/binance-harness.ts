/**
 * Test support: a Binance source wired to a fake Binance and a RecordingSink, with helpers to
 * drive the documented sync procedure step by step.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { FakeConnection } from '../exchange/fake-venue';
import { mirrorFlat, RecordingSink } from '../recording-sink';
import {
  createBinanceSource,
  type BinanceSource,
  type BinanceSourceOptions,
} from './binance-source';
import { barrier, startFakeBinance, type FakeBinance } from './fake-binance';
import type { DepthSnapshot } from './binance-messages';

/** The fake's clock: 2023-11-14T22:13:20Z. */
export const FAKE_NOW = 1_700_000_000_000;

export interface Harness {
  fake: FakeBinance;
  source: BinanceSource;
  sink: RecordingSink;
  logs: string[];
  cacheDir: string;
  connection: FakeConnection;
  /** Sends frames (JSON values, or raw strings) and waits until the adapter handled them. */
  send(...frames: unknown[]): Promise<void>;
  /** Serves `snapshot` to the pending depth request and waits until the book is live again. */
  sync(snapshot: DepthSnapshot, inst?: number): Promise<void>;
  /** The recorded book of `inst` as best-first [price, size] pairs. */
  book(inst?: number): { bids: number[]; asks: number[] };
  /** Live flags reported for `inst`, in order. */
  statuses(inst?: number): boolean[];
  close(): Promise<void>;
}

/** Starts a fake Binance and a started source for `symbols` (default BTCUSDT). */
export async function startHarness(
  overrides: Partial<BinanceSourceOptions> = {},
): Promise<Harness> {
  const fake = await startFakeBinance({ now: FAKE_NOW, listedAt: FAKE_NOW - 3_600_000 });
  const cacheDir = await mkdtemp(join(tmpdir(), 'qd-binance-'));
  const logs: string[] = [];
  const source = await createBinanceSource({
    symbols: ['BTCUSDT'],
    restUrl: fake.venue.httpUrl,
    wsUrl: fake.venue.wsUrl,
    cacheDir,
    historyBars: 5,
    backoff: { baseMs: 5, maxMs: 20 },
    snapshotPacing: { burst: 1_000, intervalMs: 1 },
    httpTimeoutMs: 2_000,
    log: (line) => logs.push(line),
    now: () => FAKE_NOW,
    ...overrides,
  });
  const sink = new RecordingSink(true);
  source.start(sink);
  const harness: Harness = {
    fake,
    source,
    sink,
    logs,
    cacheDir,
    connection: await fake.venue.nextConnection(),
    async send(...frames) {
      for (const frame of frames) harness.connection.send(frame);
      await barrier(harness.connection);
    },
    async sync(snapshot, inst = 1) {
      const symbol = source.instruments().find((i) => i.id === inst)?.venueSymbol ?? '';
      const before = harness.statuses(inst).filter((live) => live).length;
      fake.serveDepth(symbol, snapshot);
      await expect
        .poll(() => harness.statuses(inst).filter((live) => live).length)
        .toBe(before + 1);
    },
    book(inst = 1) {
      const mirror = sink.books.get(inst);
      if (!mirror) return { bids: [], asks: [] };
      return { bids: mirrorFlat(mirror.bids, true), asks: mirrorFlat(mirror.asks, false) };
    },
    statuses: (inst = 1) => sink.statuses.filter((s) => s.inst === inst).map((s) => s.live),
    async close() {
      await source.stop();
      await fake.close();
      await rm(cacheDir, { recursive: true, force: true });
    },
  };
  return harness;
}
