import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorResponse } from '../../protocol/rest';
import { buildApp } from '../app';
import { openPaperStore } from '../paper/store/open-paper-store';
import type { PaperStore } from '../paper/store/paper-store';
import { createFakeSource } from '../sources/fake-source';

let store: PaperStore;
let app: FastifyInstance;
let n = 0;

beforeAll(async () => {
  store = await openPaperStore({ dataDir: 'memory://' });
}, 120_000);
afterAll(async () => {
  await store.close();
});
afterEach(async () => {
  await app.close();
});

async function start(apiPerMinute: number, ordersPerMinute: number): Promise<void> {
  app = await buildApp({
    source: createFakeSource(),
    staticDir: null,
    paper: { store, accountId: `limits${++n}` },
    rateLimits: { apiPerMinute, ordersPerMinute },
  });
}

const cancelAll = () => app.inject({ method: 'DELETE', url: '/api/orders' });

describe('rate limits', () => {
  it('answers 429 with a clear error once a client spends its API budget', async () => {
    await start(5, 5);
    for (let i = 0; i < 5; i += 1)
      expect((await app.inject('/api/instruments')).statusCode).toBe(200);
    const res = await app.inject('/api/instruments');
    expect(res.statusCode).toBe(429);
    expect(res.json<ErrorResponse>().error).toMatchObject({ code: 'rate_limited' });
    expect(res.json<ErrorResponse>().error.message).toMatch(/at most 5 per minute/);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    // Another client has its own budget.
    const other = await app.inject({ url: '/api/instruments', remoteAddress: '10.0.0.9' });
    expect(other.statusCode).toBe(200);
  });

  it('limits order routes more strictly than reads', async () => {
    await start(100, 2);
    expect((await cancelAll()).statusCode).toBe(200);
    expect((await cancelAll()).statusCode).toBe(200);
    expect((await cancelAll()).statusCode).toBe(429);
    expect((await app.inject('/api/orders')).statusCode).toBe(200);
  });

  it('never limits the app, the probes or the metrics', async () => {
    await start(1, 1);
    for (let i = 0; i < 5; i += 1) {
      expect((await app.inject('/healthz')).statusCode).toBe(200);
      expect((await app.inject('/metrics')).statusCode).toBe(200);
    }
  });

  it('can be turned off', async () => {
    await start(0, 1);
    for (let i = 0; i < 5; i += 1) expect((await cancelAll()).statusCode).toBe(200);
  });
});
