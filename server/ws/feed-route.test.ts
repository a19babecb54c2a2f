import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeMessage } from '../../protocol/codec';
import {
  ClientKind,
  ServerKind,
  Side,
  ping,
  subscribe,
  unsubscribe,
  type BookDelta,
  type TickerMessage,
} from '../../protocol/messages';
import { buildApp } from '../app';
import { applyTopNDelta } from '../hub/top-n-delta';
import { createFakeSource, type FakeSource } from '../sources/fake-source';
import { TestClient, kind } from './test-client';

const T = Date.UTC(2025, 0, 1, 10, 0, 0);
let app: FastifyInstance;
let source: FakeSource;
let url: string;
const clients: TestClient[] = [];

async function connect(): Promise<TestClient> {
  const client = await TestClient.connect(url);
  clients.push(client);
  await client.waitFor(kind(ServerKind.hello));
  return client;
}

beforeEach(async () => {
  source = createFakeSource();
  app = await buildApp({ source, staticDir: '/nonexistent', conflateMs: 20 });
  url = await app.listen({ port: 0, host: '127.0.0.1' });
  source.emitBook(1, [100, 5, 99, 5, 98, 5], [101, 5, 102, 5, 103, 5], T, true);
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await app.close();
});

describe('/ws feed', () => {
  it('greets with hello carrying the instruments version and heartbeat', async () => {
    const client = await TestClient.connect(url);
    clients.push(client);
    const hello = await client.waitFor(kind(ServerKind.hello));
    expect(hello.instrumentsVersion).toBe(app.gateway.hub.instrumentsVersion);
    expect(hello.heartbeatMs).toBe(15_000);
    expect(hello.protocol).toBe(1);
  });

  it('book: snapshot then consecutive deltas that rebuild the hub book', async () => {
    const client = await connect();
    client.send(subscribe(1, 'book', 'BTC-USD', { depth: 10 }));
    const snapshot = await client.waitFor(kind(ServerKind.bookSnapshot));
    expect(snapshot).toMatchObject({ inst: 1, depth: 10, bids: [100, 5, 99, 5, 98, 5] });
    for (let i = 1; i <= 30; i++) {
      source.emitBook(1, [100 - (i % 4), i % 3, 95 - (i % 7), i], [101 + (i % 5), i % 2], T + i);
    }
    const hubStream = app.gateway.hub.bookView(1, 10);
    const last = await client.waitFor(
      (m): m is BookDelta => m.kind === ServerKind.bookDelta && m.seq === hubStream.seq,
    );
    const deltas = client.messages.filter(kind(ServerKind.bookDelta));
    expect(deltas.map((d) => d.seq)).toEqual(
      Array.from({ length: deltas.length }, (_, i) => snapshot.seq + 1 + i),
    );
    expect(last.seq).toBe(hubStream.seq);
    let { bids, asks } = snapshot;
    for (const d of deltas) {
      bids = applyTopNDelta(bids, d.bids, true);
      asks = applyTopNDelta(asks, d.asks, false);
    }
    const book = app.gateway.hub.instrumentState(1)!.book;
    expect(bids).toEqual(book.bids.top(10));
    expect(asks).toEqual(book.asks.top(10));
  });

  it('trades arrive in sequence after the snapshot', async () => {
    const client = await connect();
    source.emitTrade(1, 100, 1, Side.buy, T + 1);
    client.send(subscribe(2, 'trades', 'BTC-USD'));
    const snapshot = await client.waitFor(kind(ServerKind.tradesSnapshot));
    expect(snapshot.seq).toBe(1);
    for (let i = 0; i < 20; i++) source.emitTrade(1, 100 + i, 1, Side.sell, T + 2 + i);
    await client.waitFor((m) => m.kind === ServerKind.trade && m.seq === 21);
    const seqs = client.messages.filter(kind(ServerKind.trade)).map((t) => t.seq);
    expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));
  });

  it('tickers: a snapshot of all instruments, then conflated updates', async () => {
    const client = await connect();
    client.send(subscribe(3, 'tickers', null));
    const snapshot = await client.waitFor(kind(ServerKind.tickerSnapshot));
    expect(snapshot.tickers.map((t) => t.inst).sort()).toEqual([1, 2, 3]);
    source.emitTrade(2, 555, 1, Side.buy, T + 5);
    const update = await client.waitFor(
      (m): m is TickerMessage => m.kind === ServerKind.ticker && m.inst === 2,
    );
    expect(update).toMatchObject({ inst: 2, last: 555, seq: snapshot.tickers[1]!.seq + 1 });
  });

  it('candles: the forming candle of the interval', async () => {
    const client = await connect();
    source.emitTrade(1, 100, 2, Side.buy, T + 1);
    client.send(subscribe(4, 'candles', 'BTC-USD', { interval: '1h' }));
    const candle = await client.waitFor(kind(ServerKind.candle));
    expect(candle).toMatchObject({ inst: 1, interval: 4, time: T, close: 100 });
    source.emitTrade(1, 130, 1, Side.buy, T + 2);
    const next = await client.waitFor(
      (m) => m.kind === ServerKind.candle && m.seq === candle.seq + 1,
    );
    expect(next).toMatchObject({ high: 130, close: 130 });
  });

  it('unknown symbol gets an error with the ref', async () => {
    const client = await connect();
    client.send(subscribe(42, 'trades', 'NOPE-USD'));
    const error = await client.waitFor(kind(ServerKind.error));
    expect(error).toMatchObject({ code: 'unknown_symbol', ref: 42 });
    expect(error.message).toContain('NOPE-USD');
  });

  it('garbage, unknown kinds, invalid fields and text frames get errors; the connection keeps working', async () => {
    const client = await connect();
    client.sendRaw(new Uint8Array([0x92, 0x01]));
    client.sendRaw(new Uint8Array([0xc1]));
    client.sendRaw(encodeMessage({ kind: 999 } as never));
    client.sendRaw(encodeMessage({ ...subscribe(5, 'book', 'BTC-USD'), depth: 1000 }));
    client.sendRaw('{"kind":100}');
    await client.waitFor((m) => m.kind === ServerKind.error && m.code === 'binary_only');
    const errors = client.messages.filter(kind(ServerKind.error));
    expect(errors.map((e) => e.code)).toEqual([
      'decode_error',
      'bad_message',
      'bad_message',
      'bad_message',
      'binary_only',
    ]);
    expect(errors[0]!.message).toContain('Unexpected end');
    expect(errors[1]!.message).toContain('unknown message kind');
    expect(errors[2]!.message).toContain('unknown message kind 999');
    expect(errors[3]).toMatchObject({ ref: 5 });
    expect(errors[3]!.message).toContain('depth');

    client.send(subscribe(6, 'trades', 'ETH-USD'));
    await client.waitFor(kind(ServerKind.tradesSnapshot));
    client.send(ping(9, 1));
    await client.waitFor(kind(ServerKind.pong));
    const health = await app.inject('/healthz');
    expect(health.json()).toMatchObject({ status: 'ok', clients: 1 });
  });

  it('an oversized frame closes only that client; the server keeps serving', async () => {
    const client = await connect();
    const closed = new Promise<number>((resolve) => client.socket.once('close', resolve));
    client.sendRaw(new Uint8Array(70 * 1024));
    expect(await closed).toBe(1009);
    const other = await connect();
    other.send(ping(1, 1));
    await other.waitFor(kind(ServerKind.pong));
  });

  it('two subscribers of one stream receive byte-identical messages', async () => {
    const a = await connect();
    const b = await connect();
    a.send(subscribe(1, 'trades', 'BTC-USD'));
    b.send(subscribe(1, 'trades', 'BTC-USD'));
    await a.waitFor(kind(ServerKind.tradesSnapshot));
    await b.waitFor(kind(ServerKind.tradesSnapshot));
    const aStart = a.frames.length;
    const bStart = b.frames.length;
    source.emitTrade(1, 100, 1, Side.buy, T + 1);
    await a.waitFor(kind(ServerKind.trade));
    await b.waitFor(kind(ServerKind.trade));
    expect(a.frames.slice(aStart)).toEqual(b.frames.slice(bStart));
    expect(a.frames[aStart]!.byteLength).toBeGreaterThan(0);
  });

  it('subscribing twice is harmless and unsubscribe stops the stream', async () => {
    const client = await connect();
    client.send(subscribe(1, 'trades', 'BTC-USD'));
    client.send(subscribe(1, 'trades', 'BTC-USD'));
    await client.waitFor((m) => m.kind === ServerKind.tradesSnapshot);
    source.emitTrade(1, 100, 1, Side.buy, T + 1);
    await client.waitFor(kind(ServerKind.trade));
    expect(client.messages.filter(kind(ServerKind.trade))).toHaveLength(1);
    client.send(unsubscribe({ ...subscribe(1, 'trades', 'BTC-USD') }));
    client.send(ping(2, 2));
    await client.waitFor(kind(ServerKind.pong));
    source.emitTrade(1, 100, 1, Side.buy, T + 2);
    client.send(ping(3, 3));
    await client.waitFor((m) => m.kind === ServerKind.pong && m.id === 3);
    expect(client.messages.filter(kind(ServerKind.trade))).toHaveLength(1);
    expect(ClientKind.unsubscribe).toBe(101);
  });
});
