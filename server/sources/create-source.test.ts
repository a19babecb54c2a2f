/**
 * The source flags end to end through a real gateway on loopback: an exchange (a fake Binance),
 * two exchanges with one unreachable, and a session recorded from the simulator then replayed.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BookResponse, InstrumentsResponse, TradesResponse } from '../../protocol/rest';
import { parseFlags } from '../cli';
import { startGateway, type RunningGateway } from '../main';
import { ServerKind, subscribe } from '../../protocol/messages';
import { kind, TestClient } from '../ws/test-client';
import {
  BASE_SNAPSHOT,
  depthEvent,
  depthSnapshot,
  levels,
  tradeEvent,
} from './binance/binance-fixtures';
import { startFakeBinance, type FakeBinance } from './binance/fake-binance';
import { createMarketSource } from './create-source';

let dir: string;
let fake: FakeBinance | null = null;
let gateway: RunningGateway | null = null;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qd-sources-'));
});
afterEach(async () => {
  await gateway?.close();
  await fake?.close();
  gateway = null;
  fake = null;
  await rm(dir, { recursive: true, force: true });
});

async function start(args: string[]): Promise<RunningGateway> {
  const flags = parseFlags(['--port', '0', '--no-static', '--data-dir', 'memory://', ...args]);
  gateway = await startGateway(flags, { announce: false, handleSignals: false });
  return gateway;
}

async function get<T>(path: string): Promise<T> {
  const response = await fetch(`${gateway!.url}${path}`);
  return (await response.json()) as T;
}

/** A gateway on `--source binance` against a fake Binance that serves BASE_SNAPSHOT once. */
async function startOnFakeBinance(): Promise<FakeBinance> {
  fake = await startFakeBinance({ now: Date.now() });
  fake.serveDepth('BTCUSDT', BASE_SNAPSHOT);
  const urls = ['--rest-url', fake.venue.httpUrl, '--ws-url', fake.venue.wsUrl];
  await start(['--source', 'binance', '--symbols', 'BTCUSDT', ...urls]);
  return fake;
}

describe('--source binance', () => {
  it('serves the exchange instruments, its live book and its trades', async () => {
    const binance = await startOnFakeBinance();
    const { instruments } = await get<InstrumentsResponse>('/api/instruments');
    expect(instruments).toEqual([
      expect.objectContaining({
        symbol: 'BTC-USDT',
        base: 'BTC',
        quote: 'USDT',
        venue: 'binance',
        venueSymbol: 'BTCUSDT',
        priceScale: 2,
        tick: 1,
      }),
    ]);
    const connection = await binance.venue.nextConnection();
    connection.send(depthEvent(99, 101, levels(['64000.00', '4.00000']), []));
    await expect
      .poll(async () => (await get<BookResponse>('/api/book/BTC-USDT')).bids[0])
      .toEqual([6_400_000, 400_000]);
    // Trades before the first book are dropped by the adapter (the hub has no book yet).
    connection.send(tradeEvent('64000.01', '0.25000', false, Date.now()));
    await expect
      .poll(async () => (await get<TradesResponse>('/api/trades/BTC-USDT')).trades.length)
      .toBe(1);
    const [trade] = (await get<TradesResponse>('/api/trades/BTC-USDT')).trades;
    expect(trade).toMatchObject({ price: 6_400_001, size: 25_000, side: 1 });
  });

  it('shows feed clients the stream stale during a resync, then live with a fresh book', async () => {
    const binance = await startOnFakeBinance();
    const connection = await binance.venue.nextConnection();
    connection.send(depthEvent(99, 101, levels(['64000.00', '4.00000']), []));
    await expect
      .poll(async () => (await get<BookResponse>('/api/book/BTC-USDT')).bids[0])
      .toEqual([6_400_000, 400_000]);

    const client = await TestClient.connect(gateway!.url);
    client.send(subscribe(1, 'book', 'BTC-USDT', { depth: 20 }));
    await client.waitFor(kind(ServerKind.bookSnapshot));
    const before = client.messages.length;
    // Updates 102..104 never arrive: the next event does not continue from 101.
    connection.send(depthEvent(105, 106, levels(['63000.00', '1.00000']), []));
    const stale = await client.waitFor(kind(ServerKind.streamStatus), before);
    expect(stale).toMatchObject({ channel: 'book', live: false });

    binance.serveDepth(
      'BTCUSDT',
      depthSnapshot(200, levels(['64100.00', '2.00000']), levels(['64100.50', '1.00000'])),
    );
    connection.send(depthEvent(201, 201, levels(['64100.00', '3.00000']), []));
    const live = await client.waitFor(
      (m) => m.kind === ServerKind.streamStatus && m.live,
      before,
      10_000,
    );
    expect(live).toMatchObject({ channel: 'book', live: true });
    await expect
      .poll(async () => (await get<BookResponse>('/api/book/BTC-USDT')).bids)
      .toEqual([[6_410_000, 300_000]]);
    await client.close();
  });
});

describe('several exchanges', () => {
  it('keeps the exchanges that start, prefixed, and says why the others could not', async () => {
    fake = await startFakeBinance({ now: Date.now() });
    const lines: string[] = [];
    // Both point at the fake Binance, which Kraken cannot understand: Kraken fails to start.
    const source = await createMarketSource(
      {
        sources: [
          { kind: 'exchange', exchange: 'binance', symbols: ['BTCUSDT'] },
          { kind: 'exchange', exchange: 'kraken', symbols: ['BTC/USD'] },
        ],
        restUrl: fake.venue.httpUrl,
        wsUrl: fake.venue.wsUrl,
      },
      { seed: 1, rate: 1, cacheDir: dir, log: (line) => lines.push(line) },
    );
    expect(source.instruments().map((i) => i.symbol)).toEqual(['BINANCE:BTC-USDT']);
    expect(source.counters?.()).toEqual([
      { venue: 'binance', reconnects: 0, gaps: 0, resyncs: 0, offGrid: 0, malformed: 0 },
    ]);
    expect(lines.some((line) => /^kraken could not start: /.test(line))).toBe(true);
    await source.stop();
  });

  it('fails clearly when no exchange can start', async () => {
    const closed = await startFakeBinance({ now: Date.now() });
    const url = closed.venue.httpUrl;
    await closed.close();
    await expect(
      createMarketSource(
        {
          sources: [{ kind: 'exchange', exchange: 'coinbase', symbols: ['BTC-USD'] }],
          restUrl: url,
        },
        { seed: 1, rate: 1, cacheDir: dir, log: () => undefined },
      ),
    ).rejects.toThrow(/coinbase could not start: .*need internet access/);
  });
});

describe('--record and --source replay:FILE', () => {
  it('replays a recorded simulator session with the same instruments and its trades', async () => {
    const file = join(dir, 'session.qdrec');
    await start(['--rate', '2000', '--sim-instruments', '3', '--record', file]);
    const recorded = await get<InstrumentsResponse>('/api/instruments');
    await expect
      .poll(async () => (await get<TradesResponse>('/api/trades/BTC-USD')).trades.length, {
        timeout: 10_000,
      })
      .toBeGreaterThan(5);
    await gateway!.close();
    gateway = null;
    expect((await stat(file)).size).toBeGreaterThan(0);

    await start(['--source', `replay:${file}`, '--speed', 'max']);
    const replayed = await get<InstrumentsResponse>('/api/instruments');
    expect(replayed.instruments).toEqual(recorded.instruments);
    await expect
      .poll(async () => (await get<TradesResponse>('/api/trades/BTC-USD')).trades.length, {
        timeout: 10_000,
      })
      .toBeGreaterThan(5);
  });

  it('refuses a file that is not a recording, with its name in the error', async () => {
    const file = join(dir, 'not-a-recording.txt');
    await import('node:fs/promises').then((fs) => fs.writeFile(file, 'hello'));
    await expect(start(['--source', `replay:${file}`])).rejects.toThrow(/not-a-recording\.txt/);
  });
});
