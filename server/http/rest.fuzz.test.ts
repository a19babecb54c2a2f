/**
 * Fuzz of the REST inputs against one app with a paper account: random and mutated order bodies,
 * random content types, random querystrings and path parameters on the list and market routes.
 * Bad input must get a 4xx with `{"error":{"code","message"}}`, never a 5xx, and must leave the
 * account (orders, fills, positions, cash) exactly as it was.
 */
import { testOrderBody } from '../../protocol/test-fixtures';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Side } from '../../protocol/messages';
import type { PlaceOrderBody } from '../../protocol/paper';
import { buildApp } from '../app';
import { createFakeSource, type FakeSource } from '../sources/fake-source';

const RUNS = 40;
let app: FastifyInstance;
let source: FakeSource;
let orderNo = 0;

function validBody(fields: Partial<PlaceOrderBody> = {}): PlaceOrderBody {
  return testOrderBody(`fuzz-${++orderNo}`, fields);
}

let clients = 0;

/**
 * app.inject from a new loopback address each time: the per-client rate limiter must not turn
 * thousands of fuzz requests into 429s (the limiter has its own tests).
 */
function inject(options: InjectOptions | string): Promise<LightMyRequestResponse> {
  const n = ++clients;
  const remoteAddress = `127.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
  const base = typeof options === 'string' ? { url: options } : options;
  return app.inject({ ...base, remoteAddress });
}

beforeAll(async () => {
  source = createFakeSource();
  app = await buildApp({
    source,
    // As the gateway runs: the static route also installs the API's not-found answer.
    staticDir: '/nonexistent',
    logger: false,
    paper: { dataDir: 'memory://', markMs: 60_000 },
  });
  await app.ready();
  const now = Date.now();
  source.emitBook(1, [6_499_000, 10_000, 6_498_000, 20_000], [6_501_000, 5_000], now, true);
  source.emitTrade(1, 6_500_000, 1_000, Side.buy, now);
  // Some state worth protecting: a resting limit order and a filled market order.
  for (const body of [validBody(), validBody({ type: 'market', limitPrice: null })]) {
    const res = await inject({ method: 'POST', url: '/api/orders', payload: body });
    expect(res.statusCode, res.body).toBe(201);
  }
}, 120_000);
afterAll(async () => {
  await app.close();
});

/** Everything a rejected request must not change. */
async function accountState(): Promise<unknown> {
  const read = async (url: string) => {
    const res = await inject(url);
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    return res.json() as unknown;
  };
  return {
    orders: await read('/api/orders?status=all&limit=1000'),
    fills: await read('/api/fills?limit=1000'),
    positions: await read('/api/positions'),
    account: await read('/api/account'),
  };
}

/** A 4xx in the one error shape, never a 5xx. */
function expectClientError(res: LightMyRequestResponse, what: string): void {
  expect(res.statusCode, `${what} → ${res.statusCode} ${res.body}`).toBeGreaterThanOrEqual(400);
  expect(res.statusCode, `${what} → ${res.statusCode} ${res.body}`).toBeLessThan(500);
  const body = res.json() as { error?: { code?: unknown; message?: unknown } };
  expect(typeof body.error?.code, what).toBe('string');
  expect(typeof body.error?.message, what).toBe('string');
}

const field = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(
    '5',
    'true',
    -1,
    0,
    0.5,
    1e21,
    Number.MAX_SAFE_INTEGER + 2,
    '',
    'x'.repeat(100),
    'BTC-USD ',
    'btc-usd',
  ),
);

const FIELDS = Object.keys(testOrderBody('fields')) as (keyof PlaceOrderBody)[];

/** A valid body with some fields replaced, removed, or joined by unknown ones. */
const mutatedBody = fc
  .array(
    fc.record({
      key: fc.oneof(fc.constantFrom(...FIELDS), fc.string({ maxLength: 8 })),
      remove: fc.boolean(),
      value: field,
    }),
    { minLength: 1, maxLength: 3 },
  )
  .map((changes) => {
    const body: Record<string, unknown> = { ...validBody() };
    for (const { key, remove, value } of changes) {
      if (remove) delete body[key];
      else body[key] = value;
    }
    return body;
  });

describe('POST /api/orders under fuzz', () => {
  it('answers random JSON bodies with a 4xx error and changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 3 }), async (body) => {
        const before = await accountState();
        const res = await inject({
          method: 'POST',
          url: '/api/orders',
          payload: body as object,
        });
        expectClientError(res, JSON.stringify(body));
        expect(await accountState()).toEqual(before);
      }),
      { numRuns: RUNS },
    );
  });

  it('answers random bytes and content types with a 4xx error and changes nothing', async () => {
    const contentType = fc.constantFrom(
      'application/json',
      'application/json; charset=utf-8',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/octet-stream',
    );
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 200 }), contentType, async (payload, type) => {
        let json = true;
        try {
          JSON.parse(payload);
        } catch {
          json = false;
        }
        fc.pre(!json || type !== 'application/json');
        const before = await accountState();
        const res = await inject({
          method: 'POST',
          url: '/api/orders',
          headers: { 'content-type': type },
          payload,
        });
        expectClientError(res, `${type}: ${payload}`);
        expect(await accountState()).toEqual(before);
      }),
      { numRuns: RUNS },
    );
  });

  it('answers mutated order bodies with 2xx/422, or a 4xx error that changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedBody, async (body) => {
        const before = await accountState();
        const res = await inject({ method: 'POST', url: '/api/orders', payload: body });
        const what = JSON.stringify(body);
        expect(res.statusCode, `${what} → ${res.body}`).toBeLessThan(500);
        // 201/200 place (or repeat) an order; 422 records a refused one: both are state changes.
        if ([200, 201, 422].includes(res.statusCode)) return;
        expectClientError(res, what);
        expect(await accountState()).toEqual(before);
      }),
      { numRuns: RUNS * 2 },
    );
  });
});

const queryValue = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.integer().map(String),
  fc.constantFrom('', '-1', '0', '1e3', '1.5', '99999999999999999999', 'all', 'open', 'NaN', '1m'),
);
const queryKey = fc.oneof(
  fc.constantFrom('limit', 'before', 'status', 'symbol', 'interval', 'from', 'to', 'depth'),
  fc.string({ maxLength: 6 }),
);
const querystring = fc.oneof(
  fc
    .array(fc.tuple(queryKey, queryValue), { maxLength: 4 })
    .map((pairs) => new URLSearchParams(pairs).toString()),
  // Raw, possibly broken, percent-encoding in the query (the path has its own case below).
  fc.string({ maxLength: 40 }).map((s) => s.replace(/[#\s]/g, '')),
);
const symbolParam = fc.oneof(
  fc.constantFrom('BTC-USD', 'btc-usd', 'NOPE', '..', '.', 'x'.repeat(40), 'a%2Fb', '%00'),
  fc.string({ maxLength: 40 }).map(encodeURIComponent),
);

describe('GET routes under fuzz', () => {
  it('answer random querystrings with 200 or a 4xx error, never changing the account', async () => {
    const route = fc.oneof(
      fc.constantFrom('/api/orders', '/api/fills', '/api/candles'),
      symbolParam.map((s) => `/api/book/${s}`),
      symbolParam.map((s) => `/api/trades/${s}`),
    );
    const before = await accountState();
    await fc.assert(
      fc.asyncProperty(route, querystring, async (path, query) => {
        const url = `${path}?${query}`;
        const res = await inject(url);
        if (res.statusCode === 200 || res.statusCode === 304) return;
        expectClientError(res, url);
      }),
      { numRuns: RUNS * 3 },
    );
    expect(await accountState()).toEqual(before);
  });

  it('answer the routes that take no input alike, whatever querystring they are given', async () => {
    const route = fc.constantFrom(
      '/api/instruments',
      '/api/positions',
      '/api/account',
      '/healthz',
      '/readyz',
    );
    // Fields that change between two calls on their own.
    const stable = (body: unknown): unknown =>
      JSON.parse(JSON.stringify(body), (key: string, value: unknown) =>
        key === 'uptimeSeconds' || key === 'clients' ? 0 : value,
      );
    await fc.assert(
      fc.asyncProperty(route, querystring, async (path, query) => {
        const plain = await inject(path);
        const res = await inject(`${path}?${query}`);
        if (res.statusCode === 400) return expectClientError(res, `${path}?${query}`);
        expect(res.statusCode, `${path}?${query} → ${res.body}`).toBe(plain.statusCode);
        expect(stable(res.json())).toEqual(stable(plain.json()));
      }),
      { numRuns: RUNS },
    );
  });

  // Framework errors (FST_ERR_BAD_URL) used to get fastify's own body; buildApp maps them now.
  it('answer a broken percent-escape in the path with the one error shape', async () => {
    for (const path of ['/api/book/%', '/api/trades/%ZZ', '/api/book/BTC%2']) {
      expectClientError(await inject(path), path);
    }
  });
});

describe('cancel and reset routes under fuzz', () => {
  it('DELETE /api/orders/:id with ids of no order answers a 4xx error and changes nothing', async () => {
    const ids = fc.oneof(
      fc.string({ maxLength: 80 }).map(encodeURIComponent),
      fc.constantFrom('%', '..', 'ord_0', 'x'.repeat(65), '%00', 'a%2Fb', '-1', '0'),
    );
    const before = await accountState();
    const known = new Set(
      (
        before as { orders: { orders: Array<{ id: string; clientOrderId: string }> } }
      ).orders.orders.flatMap((o) => [o.id, o.clientOrderId]),
    );
    await fc.assert(
      fc.asyncProperty(ids, async (id) => {
        fc.pre(id !== '' && !known.has(decodeURIComponentSafe(id)));
        const res = await inject({ method: 'DELETE', url: `/api/orders/${id}` });
        expectClientError(res, `DELETE /api/orders/${id}`);
      }),
      { numRuns: RUNS },
    );
    expect(await accountState()).toEqual(before);
  });

  it('DELETE /api/orders naming no known symbol answers a 4xx error and changes nothing', async () => {
    // Without a symbol (or with a known one) the route cancels orders: every case names a bad one.
    const badSymbol = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom('', 'btc-usd', 'NOPE', 'x'.repeat(33), 'BTC-USD '),
    );
    const before = await accountState();
    await fc.assert(
      fc.asyncProperty(
        badSymbol,
        fc.array(fc.tuple(queryKey, queryValue), { maxLength: 3 }),
        async (symbol, extra) => {
          fc.pre(symbol !== 'BTC-USD' && symbol !== 'ETH-USD');
          const pairs = extra.filter(([key]) => key !== 'symbol');
          const query = new URLSearchParams([['symbol', symbol], ...pairs]).toString();
          const res = await inject({ method: 'DELETE', url: `/api/orders?${query}` });
          expectClientError(res, `DELETE /api/orders?${query}`);
        },
      ),
      { numRuns: RUNS },
    );
    expect(await accountState()).toEqual(before);
  });

  it('POST /api/account/reset without {"confirm": true} answers a 4xx error and changes nothing', async () => {
    const body = fc.oneof(
      fc.jsonValue({ maxDepth: 2 }),
      fc.record({ confirm: field }),
      fc.constantFrom({}, { confirm: 'true' }, { confirm: 1 }, { confirm: false }, [true], null),
    );
    const before = await accountState();
    await fc.assert(
      fc.asyncProperty(body, async (payload) => {
        fc.pre(
          !(
            typeof payload === 'object' &&
            payload !== null &&
            Reflect.get(payload, 'confirm') === true
          ),
        );
        const res = await inject({
          method: 'POST',
          url: '/api/account/reset',
          headers: { 'content-type': 'application/json' },
          payload: JSON.stringify(payload),
        });
        expectClientError(res, `reset ${JSON.stringify(payload)}`);
      }),
      { numRuns: RUNS },
    );
    expect(await accountState()).toEqual(before);
  });
});

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
