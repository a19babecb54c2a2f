import { testOrderBody } from '../../protocol/test-fixtures';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ServerKind, Side } from '../../protocol/messages';
import type {
  AccountResponse,
  CancelAllResponse,
  FillsResponse,
  OrderRejectedResponse,
  OrdersResponse,
  PlaceOrderBody,
  PlaceOrderResponse,
  PositionsResponse,
} from '../../protocol/paper';
import type { ErrorResponse } from '../../protocol/rest';
import { buildApp } from '../app';
import { openPaperStore } from '../paper/store/open-paper-store';
import type { PaperStore } from '../paper/store/paper-store';
import { createFakeSource, type FakeSource } from '../sources/fake-source';
import { AccountClient } from './account-test-client';

let store: PaperStore;
let app: FastifyInstance;
let source: FakeSource;
let url: string;
let accounts = 0;
let orders = 0;
let accountId: string;

beforeAll(async () => {
  store = await openPaperStore({ dataDir: 'memory://' });
}, 120_000);
afterAll(async () => {
  await store.close();
});

beforeEach(async () => {
  source = createFakeSource();
  accountId = `rest${++accounts}`;
  await startGateway();
});

async function startGateway(fees: { makerFeeBps?: number; takerFeeBps?: number } = {}) {
  app = await buildApp({
    source,
    staticDir: null,
    paper: { store, accountId, markMs: 50, ...fees },
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  // BTC-USD: bids 64,990 / 64,980, asks 65,010 / 65,020 (cents; sizes in 0.0001 BTC).
  source.emitBook(
    1,
    [6_499_000, 10_000, 6_498_000, 20_000],
    [6_501_000, 5_000, 6_502_000, 10_000],
    Date.now(),
    true,
  );
}

afterEach(async () => {
  await app.close();
});

function body(fields: Partial<PlaceOrderBody> = {}): PlaceOrderBody {
  return testOrderBody(`t${accounts}-${++orders}`, fields);
}

async function call<T>(method: string, path: string, payload?: unknown) {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: payload === undefined ? {} : { 'content-type': 'application/json' },
    body:
      payload === undefined
        ? undefined
        : typeof payload === 'string'
          ? payload
          : JSON.stringify(payload),
  });
  return {
    status: res.status,
    cache: res.headers.get('cache-control'),
    json: (await res.json()) as T,
  };
}

async function everything() {
  const [all, fills, positions, account] = await Promise.all([
    call<OrdersResponse>('GET', '/api/orders?status=all&limit=1000'),
    call<FillsResponse>('GET', '/api/fills?limit=1000'),
    call<PositionsResponse>('GET', '/api/positions'),
    call<AccountResponse>('GET', '/api/account'),
  ]);
  return {
    orders: all.json.orders,
    fills: fills.json.fills,
    positions: positions.json.positions,
    account: account.json.account,
  };
}

describe('paper REST and account channel on a real gateway', () => {
  it('a limit order rests (REST and socket agree), then is cancelled', async () => {
    const client = await AccountClient.connect(url);
    const snapshot = await client.waitFor((m) => m.kind === ServerKind.accountSnapshot);
    expect(snapshot).toMatchObject({ seq: 0, orders: [], positions: [], fills: [] });

    const placed = await call<PlaceOrderResponse>('POST', '/api/orders', body());
    expect(placed.status).toBe(201);
    expect(placed.cache).toBe('no-store');
    expect(placed.json).toMatchObject({
      duplicate: false,
      order: { status: 'open', symbol: 'BTC-USD' },
    });
    const id = placed.json.order.id;

    const open = await call<OrdersResponse>('GET', '/api/orders?status=open');
    expect(open.json.orders.map((o) => o.id)).toEqual([id]);
    expect(open.cache).toBe('no-store');
    const update = await client.waitFor((m) => m.kind === ServerKind.accountUpdate && m.seq === 1);
    expect(update.kind === ServerKind.accountUpdate && update.orders[0]).toMatchObject({
      id,
      status: 'open',
    });

    const cancelled = await call<{ order: { status: string } }>('DELETE', `/api/orders/${id}`);
    expect(cancelled).toMatchObject({ status: 200, json: { order: { status: 'cancelled' } } });
    const again = await call<ErrorResponse>('DELETE', `/api/orders/${id}`);
    expect(again).toMatchObject({ status: 409, json: { error: { code: 'not_open' } } });
    expect((await call<ErrorResponse>('DELETE', '/api/orders/o_999')).status).toBe(404);
    await client.waitFor((m) => m.kind === ServerKind.accountUpdate && m.seq === 2);
    expect((await call<OrdersResponse>('GET', '/api/orders?status=open')).json.orders).toEqual([]);
    client.close();
  });

  it('a market order fills: fill, position and account move; marks follow the market', async () => {
    const client = await AccountClient.connect(url);
    await client.waitFor((m) => m.kind === ServerKind.accountSnapshot);
    const placed = await call<PlaceOrderResponse>(
      'POST',
      '/api/orders',
      body({ type: 'market', limitPrice: null, quantity: 5_000 }),
    );
    expect(placed.json.order).toMatchObject({
      status: 'filled',
      filledQuantity: 5_000,
      averagePrice: '65010.00',
    });
    const state = await everything();
    expect(state.fills).toMatchObject([
      { price: 6_501_000, quantity: 5_000, liquidity: 'taker', fee: '16.25250000' },
    ]);
    expect(state.positions).toMatchObject([
      { symbol: 'BTC-USD', quantity: 5_000, averageEntryPrice: '65010.00', markPrice: 6_500_000 },
    ]);
    // 0.5 BTC × 65,010 + 5 bps fee out of 100,000.
    expect(state.account).toMatchObject({
      cash: '67478.74750000',
      feesPaid: '16.25250000',
      makerFeeBps: 2,
      takerFeeBps: 5,
      seq: 1,
    });
    const update = await client.waitFor((m) => m.kind === ServerKind.accountUpdate);
    expect(update.kind === ServerKind.accountUpdate && update.fills).toHaveLength(1);

    source.emitBook(1, [6_599_000, 10_000], [6_601_000, 5_000], Date.now(), true);
    const mark = await client.waitFor(
      (m) => m.kind === ServerKind.accountMark && m.positions[0]?.markPrice === 6_600_000,
    );
    expect(mark.positions[0]).toMatchObject({ unrealizedPnl: '495.00000000' });
    client.close();
  });

  it('a resting order fills when the market trades through it', async () => {
    const placed = await call<PlaceOrderResponse>(
      'POST',
      '/api/orders',
      body({ limitPrice: 6_495_000, quantity: 2_000 }),
    );
    source.emitTrade(1, 6_494_000, 1_500, Side.sell, Date.now());
    source.emitTrade(1, 6_494_000, 1_500, Side.sell, Date.now());
    await expect.poll(async () => (await everything()).orders[0]?.status).toBe('filled');
    const state = await everything();
    expect(state.orders[0]).toMatchObject({ id: placed.json.order.id, filledQuantity: 2_000 });
    expect(state.fills.map((f) => [f.quantity, f.liquidity, f.price])).toEqual([
      [500, 'maker', 6_495_000],
      [1_500, 'maker', 6_495_000],
    ]);
    expect(state.positions[0]?.quantity).toBe(2_000);
  });

  it('the same clientOrderId sequentially and 10× concurrently makes one order', async () => {
    const one = body();
    const first = await call<PlaceOrderResponse>('POST', '/api/orders', one);
    const second = await call<PlaceOrderResponse>('POST', '/api/orders', one);
    expect([first.status, second.status]).toEqual([201, 200]);
    expect(second.json).toEqual({ order: first.json.order, duplicate: true });

    const burst = body({ type: 'market', limitPrice: null });
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => call<PlaceOrderResponse>('POST', '/api/orders', burst)),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([
      200, 200, 200, 200, 200, 200, 200, 200, 200, 201,
    ]);
    expect(new Set(answers.map((a) => a.json.order.id)).size).toBe(1);
    const stored = await store.listOrders(accountId, { limit: 100 });
    expect(stored.map((o) => o.clientOrderId).sort()).toEqual(
      [one.clientOrderId, burst.clientOrderId].sort(),
    );
    expect(await store.listFills(accountId, { limit: 100 })).toHaveLength(1);
  });

  it.each([
    ['bad JSON', '{"clientOrderId": "x",', 'bad_request'],
    ['an array', '[]', 'bad_request'],
    ['a missing symbol', { ...body(), symbol: undefined }, 'symbol'],
    ['a string quantity', { ...body(), quantity: '5' }, 'quantity'],
    ['a negative quantity', { ...body(), quantity: -5 }, 'quantity'],
    ['a fractional price', { ...body(), limitPrice: 6_400_000.5 }, 'limitPrice'],
    ['an unknown side', { ...body(), side: 'long' }, 'side'],
    ['a string postOnly', { ...body(), postOnly: 'true' }, 'postOnly'],
    ['a bad clientOrderId', { ...body(), clientOrderId: 'has space' }, 'clientOrderId'],
  ])('%s gets 400 and changes nothing', async (_name, payload, mention) => {
    await call('POST', '/api/orders', body());
    const before = await everything();
    const res = await call<ErrorResponse>('POST', '/api/orders', payload);
    expect(res.status).toBe(400);
    expect(res.cache).toBe('no-store');
    expect(res.json.error.code).toBe('bad_request');
    expect(res.json.error.message).toContain(mention === 'bad_request' ? '' : mention);
    expect(await everything()).toEqual(before);
  });

  it('an off-tick or unknown-instrument order is recorded as rejected (422), nothing else changes', async () => {
    const before = await everything();
    const offTick = body({ symbol: 'AAPL', limitPrice: 10_000, quantity: 1 });
    const tick = await call<OrderRejectedResponse>('POST', '/api/orders', {
      ...offTick,
      limitPrice: 10_000.5,
    });
    expect(tick.status).toBe(400);
    const unknown = await call<OrderRejectedResponse>(
      'POST',
      '/api/orders',
      body({ symbol: 'DOGE-USD' }),
    );
    expect(unknown).toMatchObject({
      status: 422,
      json: { error: { code: 'unknown_instrument' }, order: { status: 'rejected' } },
    });
    const stale = await call<OrderRejectedResponse>(
      'POST',
      '/api/orders',
      body({ symbol: 'ETH-USD' }),
    );
    expect(stale.json.error.code).toBe('stale_market');
    const after = await everything();
    expect(after.fills).toEqual(before.fills);
    expect(after.positions).toEqual(before.positions);
    expect(after.account.cash).toBe(before.account.cash);
    expect(after.orders.map((o) => o.status)).toEqual(['rejected', 'rejected']);
  });

  it('cancel-all per instrument and for all; bad queries are 400 or 404', async () => {
    await call('POST', '/api/orders', body());
    await call('POST', '/api/orders', body({ side: 'sell', limitPrice: 6_600_000 }));
    expect((await call<ErrorResponse>('DELETE', '/api/orders?symbol=NOPE')).status).toBe(404);
    const some = await call<CancelAllResponse>('DELETE', '/api/orders?symbol=ETH-USD');
    expect(some.json.orders).toEqual([]);
    const all = await call<CancelAllResponse>('DELETE', '/api/orders');
    expect(all.json.orders.map((o) => o.status)).toEqual(['cancelled', 'cancelled']);
    expect((await call('GET', '/api/orders?status=pending')).status).toBe(400);
    expect((await call('GET', '/api/orders?limit=0')).status).toBe(400);
    expect((await call('GET', '/api/orders?before=o_404')).status).toBe(400);
    expect((await call('GET', '/api/fills?limit=abc')).status).toBe(400);
    const page = await call<OrdersResponse>(
      'GET',
      `/api/orders?limit=1&before=${all.json.orders[1]!.id}`,
    );
    expect(page.json.orders.map((o) => o.id)).toEqual([all.json.orders[0]!.id]);
  });

  it('tells REST and socket clients the configured fee rates, and charges them', async () => {
    await app.close();
    // Closing the app stopped its source; the same account on a gateway with other fee flags.
    source = createFakeSource();
    await startGateway({ makerFeeBps: 1, takerFeeBps: 10 });
    const client = await AccountClient.connect(url);
    const snapshot = await client.waitFor((m) => m.kind === ServerKind.accountSnapshot);
    expect(snapshot.account).toMatchObject({ makerFeeBps: 1, takerFeeBps: 10 });
    expect((await call<AccountResponse>('GET', '/api/account')).json.account).toMatchObject({
      makerFeeBps: 1,
      takerFeeBps: 10,
    });
    await call('POST', '/api/orders', body({ type: 'market', limitPrice: null, quantity: 5_000 }));
    // 0.5 BTC × 65,010 = 32,505 at 10 bps.
    const update = await client.waitFor((m) => m.kind === ServerKind.accountUpdate);
    expect(update.account).toMatchObject({ feesPaid: '32.50500000', takerFeeBps: 10 });
    client.close();
  });

  it('reset needs {"confirm": true}, then starts over and re-snapshots subscribers', async () => {
    await call('POST', '/api/orders', body({ type: 'market', limitPrice: null }));
    const client = await AccountClient.connect(url);
    await client.waitFor((m) => m.kind === ServerKind.accountSnapshot);
    for (const payload of [{}, { confirm: 'true' }, { confirm: false }]) {
      expect((await call('POST', '/api/account/reset', payload)).status).toBe(400);
    }
    expect((await everything()).fills).toHaveLength(1);
    const reset = await call<AccountResponse>('POST', '/api/account/reset', { confirm: true });
    expect(reset).toMatchObject({
      status: 200,
      cache: 'no-store',
      json: { account: { cash: '100000.00000000', seq: 2 } },
    });
    const snapshot = await client.waitFor(
      (m) => m.kind === ServerKind.accountSnapshot && m.seq === 2,
    );
    expect(snapshot).toMatchObject({ orders: [], positions: [], fills: [] });
    expect(await everything()).toMatchObject({ orders: [], fills: [], positions: [] });
    client.close();
  });
});

describe('without a paper account', () => {
  it('has no paper routes', async () => {
    const plain = await buildApp({ source: createFakeSource(), staticDir: null });
    expect((await plain.inject('/api/account')).statusCode).toBe(404);
    await plain.close();
  });
});
