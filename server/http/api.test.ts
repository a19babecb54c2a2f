import { brotliDecompressSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Side } from '../../protocol/messages';
import type {
  BookResponse,
  CandlesResponse,
  ErrorResponse,
  InstrumentsResponse,
  TradesResponse,
} from '../../protocol/rest';
import { buildApp } from '../app';
import { createFakeSource, type FakeSource } from '../sources/fake-source';

const T = Date.UTC(2025, 0, 1, 10, 0, 0);
const MIN = 60_000;
let app: FastifyInstance;
let source: FakeSource;

beforeEach(async () => {
  source = createFakeSource();
  app = await buildApp({ source, staticDir: '/nonexistent' });
  await app.ready();
  source.emitBook(1, [100, 5, 99, 6, 98, 7], [101, 1, 102, 2], T, true);
  for (let i = 0; i < 5; i++) source.emitTrade(1, 100 + i, 1 + i, Side.buy, T + i * MIN);
});

afterEach(async () => {
  await app.close();
});

function expectError(body: unknown, code: string, mentions: string): void {
  const error = (body as ErrorResponse).error;
  expect(error.code).toBe(code);
  expect(error.message).toContain(mentions);
}

describe('GET /api/instruments', () => {
  it('lists instruments with a version, cacheable with a strong ETag that answers 304', async () => {
    const res = await app.inject('/api/instruments');
    expect(res.statusCode).toBe(200);
    const body = res.json<InstrumentsResponse>();
    expect(body.instruments.map((i) => i.symbol)).toEqual(['BTC-USD', 'ETH-USD', 'AAPL']);
    expect(body.version).toBe(app.gateway.hub.instrumentsVersion);
    expect(res.headers['cache-control']).toBe('public, max-age=60');
    expect(res.headers.etag).toBe(`"${body.version}"`);
    const again = await app.inject({
      url: '/api/instruments',
      headers: { 'if-none-match': `W/"other", "${body.version}"` },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const stale = await app.inject({
      url: '/api/instruments',
      headers: { 'if-none-match': '"old"' },
    });
    expect(stale.statusCode).toBe(200);
  });
});

describe('GET /api/candles', () => {
  it('returns closed history then the forming candle, newest `limit`', async () => {
    const res = await app.inject('/api/candles?symbol=BTC-USD&interval=1m&limit=3');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=5');
    const body = res.json<CandlesResponse>();
    expect(body).toMatchObject({ symbol: 'BTC-USD', interval: '1m' });
    expect(body.candles.map((c) => c.time)).toEqual([T + 2 * MIN, T + 3 * MIN, T + 4 * MIN]);
    expect(body.candles[2]).toMatchObject({ open: 104, close: 104, volume: 5 });
  });

  it('filters by from/to and defaults to 500 candles', async () => {
    const all = await app.inject('/api/candles?symbol=BTC-USD&interval=1m');
    expect(all.json<CandlesResponse>().candles).toHaveLength(500);
    const ranged = await app.inject(
      `/api/candles?symbol=BTC-USD&interval=5m&from=${T - 10 * MIN}&to=${T}`,
    );
    expect(ranged.json<CandlesResponse>().candles.map((c) => c.time)).toEqual([
      T - 10 * MIN,
      T - 5 * MIN,
      T,
    ]);
  });

  it('derives 4h candles from hour history', async () => {
    const res = await app.inject('/api/candles?symbol=ETH-USD&interval=4h&limit=5000');
    const candles = res.json<CandlesResponse>().candles;
    expect(candles.length).toBeGreaterThan(10);
    expect(candles.every((c) => c.time % (4 * 60 * MIN) === 0)).toBe(true);
  });

  it.each([
    ['symbol=BTC-USD', 'interval'],
    ['symbol=BTC-USD&interval=2m', 'interval'],
    ['symbol=BTC-USD&interval=1m&limit=0', 'limit'],
    ['symbol=BTC-USD&interval=1m&limit=5001', 'limit'],
    ['symbol=BTC-USD&interval=1m&limit=abc', 'limit'],
    ['symbol=BTC-USD&interval=1m&from=-1', 'from'],
    ['symbol=BTC-USD&interval=1m&from=10&to=5', 'from'],
    ['interval=1m', 'symbol'],
  ])('rejects %s with 400 naming %s', async (query, field) => {
    const res = await app.inject(`/api/candles?${query}`);
    expect(res.statusCode).toBe(400);
    expectError(res.json(), 'bad_request', field);
  });

  it('unknown symbol is a 404', async () => {
    const res = await app.inject('/api/candles?symbol=NOPE&interval=1m');
    expect(res.statusCode).toBe(404);
    expectError(res.json(), 'unknown_symbol', 'NOPE');
  });

  it('compresses with brotli when asked', async () => {
    const res = await app.inject({
      url: '/api/candles?symbol=BTC-USD&interval=1m',
      headers: { 'accept-encoding': 'br' },
    });
    expect(res.headers['content-encoding']).toBe('br');
    const body = JSON.parse(brotliDecompressSync(res.rawPayload).toString()) as CandlesResponse;
    expect(body.candles).toHaveLength(500);
    const gzip = await app.inject({
      url: '/api/candles?symbol=BTC-USD&interval=1m',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(gzip.headers['content-encoding']).toBe('gzip');
  });
});

describe('GET /api/book/:symbol', () => {
  it('returns the top levels best first with the stream seq', async () => {
    const res = await app.inject('/api/book/BTC-USD?depth=2');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-cache');
    const body = res.json<BookResponse>();
    expect(body).toMatchObject({
      symbol: 'BTC-USD',
      time: T,
      bids: [
        [100, 5],
        [99, 6],
      ],
      asks: [
        [101, 1],
        [102, 2],
      ],
    });
    expect(body.seq).toBeGreaterThan(0);
  });

  it('rejects a bad depth and an unknown symbol', async () => {
    const bad = await app.inject('/api/book/BTC-USD?depth=101');
    expect(bad.statusCode).toBe(400);
    expectError(bad.json(), 'bad_request', 'depth');
    const unknown = await app.inject('/api/book/NOPE');
    expect(unknown.statusCode).toBe(404);
    expectError(unknown.json(), 'unknown_symbol', 'NOPE');
  });
});

describe('GET /api/trades/:symbol', () => {
  it('returns the newest trades oldest first', async () => {
    const res = await app.inject('/api/trades/BTC-USD?limit=2');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.json<TradesResponse>().trades.map((t) => t.id)).toEqual([4, 5]);
  });

  it('rejects a limit beyond 1000 and an unknown symbol', async () => {
    const bad = await app.inject('/api/trades/BTC-USD?limit=1001');
    expect(bad.statusCode).toBe(400);
    expectError(bad.json(), 'bad_request', 'limit');
    const unknown = await app.inject('/api/trades/XYZ');
    expect(unknown.statusCode).toBe(404);
  });
});

describe('other paths', () => {
  it('GET /healthz is ok and never cached', async () => {
    const res = await app.inject('/healthz');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.json()).toMatchObject({ status: 'ok', source: 'fake', clients: 0 });
  });

  it('unknown API paths are a JSON 404', async () => {
    const res = await app.inject({ url: '/api/nope', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(404);
    expectError(res.json(), 'not_found', '/api/nope');
  });

  it('the source starts when the app is ready and stops when it closes', async () => {
    expect(source.started).toBe(true);
    await app.close();
    expect(source.stopped).toBe(true);
  });
});
