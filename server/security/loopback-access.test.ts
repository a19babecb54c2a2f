/** An open gateway on 127.0.0.1: no token, but cross-site pages and rebinding names are refused. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrdersResponse } from '../../protocol/paper';
import type { ErrorResponse } from '../../protocol/rest';
import { buildApp } from '../app';
import { openPaperStore } from '../paper/store/open-paper-store';
import type { PaperStore } from '../paper/store/paper-store';
import { createFakeSource } from '../sources/fake-source';
import { tryUpgrade } from './upgrade-probe';

let store: PaperStore;
let app: FastifyInstance;
let base: string;
let ws: string;

beforeAll(async () => {
  store = await openPaperStore({ dataDir: 'memory://' });
  app = await buildApp({
    source: createFakeSource(),
    staticDir: null,
    paper: { store, accountId: 'loopback-access' },
  });
  base = await app.listen({ host: '127.0.0.1', port: 0 });
  ws = `${base.replace('http', 'ws')}/ws`;
}, 120_000);

afterAll(async () => {
  await app.close();
  await store.close();
});

const order = {
  clientOrderId: 'csrf-1',
  symbol: 'BTC-USD',
  side: 'buy',
  type: 'market',
  quantity: 1,
};

describe('an open gateway on loopback', () => {
  it('serves the API and the feed without a token', async () => {
    expect((await app.inject('/api/instruments')).statusCode).toBe(200);
    expect(await tryUpgrade(ws)).toEqual({ opened: true });
  });

  it('opens the feed for its own and other loopback pages (the Vite dev server)', async () => {
    expect(await tryUpgrade(ws, { origin: base })).toEqual({ opened: true });
    expect(await tryUpgrade(ws, { origin: 'http://localhost:5173' })).toEqual({ opened: true });
  });

  it('refuses a feed upgrade from a foreign page', async () => {
    for (const origin of ['https://evil.example', 'http://127.0.0.2:4173', 'null']) {
      expect(await tryUpgrade(ws, { origin })).toEqual({ opened: false, status: 403 });
    }
  });

  it('refuses a rebinding host name on the API and the feed, and explains why', async () => {
    const res = await app.inject({ url: '/api/account', headers: { host: 'evil.example:4173' } });
    expect(res.statusCode).toBe(403);
    expect(res.json<ErrorResponse>().error.code).toBe('forbidden_host');
    expect(await tryUpgrade(ws, { host: 'evil.example' })).toEqual({ opened: false, status: 403 });
    // The public app and probes do not care.
    const health = await app.inject({ url: '/healthz', headers: { host: 'evil.example' } });
    expect(health.statusCode).toBe(200);
  });

  it('refuses an order posted by a foreign page and places nothing (CSRF)', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/orders',
      headers: { origin: 'https://evil.example' },
      payload: order,
    });
    expect(res.statusCode).toBe(403);
    expect(res.json<ErrorResponse>().error.code).toBe('forbidden_origin');
    const reset = await app.inject({
      method: 'POST',
      url: '/api/account/reset',
      headers: { origin: 'https://evil.example' },
      payload: { confirm: true },
    });
    expect(reset.statusCode).toBe(403);
    const orders = await app.inject('/api/orders');
    expect(orders.json<OrdersResponse>().orders).toEqual([]);
  });

  it('takes an order from its own page', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/orders',
      headers: { origin: base },
      payload: { ...order, clientOrderId: 'own-1' },
    });
    expect([201, 422]).toContain(res.statusCode);
  });
});
