import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { ReadyResponse } from '../../protocol/rest';
import { buildApp } from '../app';
import { openPaperStore } from '../paper/store/open-paper-store';
import type { PaperStore } from '../paper/store/paper-store';
import { createFakeSource } from '../sources/fake-source';

let app: FastifyInstance | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

async function ready(): Promise<{ code: number; body: ReadyResponse }> {
  const res = await app!.inject({ method: 'GET', url: '/readyz' });
  return { code: res.statusCode, body: res.json<ReadyResponse>() };
}

describe('GET /readyz', () => {
  it('is ready while some market is live, and says so when none is', async () => {
    const source = createFakeSource();
    app = await buildApp({ source, staticDir: null });
    await app.ready();
    expect(await ready()).toEqual({
      code: 200,
      body: { status: 'ready', liveInstruments: 3, instruments: 3, paper: 'off', reasons: [] },
    });
    for (const { id } of source.instruments()) source.emitStatus(id, false);
    expect(await ready()).toMatchObject({
      code: 503,
      body: {
        status: 'not_ready',
        liveInstruments: 0,
        reasons: ['no market is live at the source yet'],
      },
    });
  });

  it('is not ready while the paper account cannot open, and says why', async () => {
    app = await buildApp({
      source: createFakeSource(),
      staticDir: null,
      // A data directory inside a file cannot be created.
      paper: { dataDir: '/dev/null/paper', background: true },
    });
    await app.ready();
    await app.gateway.paper!.ready().catch(() => undefined);
    expect(await ready()).toMatchObject({
      code: 503,
      body: { paper: 'failed', reasons: ['the paper account could not start'] },
    });
    const orders = await app.inject({ method: 'GET', url: '/api/orders' });
    expect(orders.statusCode).toBe(503);
    expect(orders.json()).toMatchObject({ error: { message: /could not start/ } });
  });

  it('is not ready when the database stops answering, and ready again when it does', async () => {
    const store = await openPaperStore({ dataDir: 'memory://' });
    let broken = false;
    const flaky: PaperStore = {
      ...store,
      getBalance: (accountId) =>
        broken ? Promise.reject(new Error('connection lost')) : store.getBalance(accountId),
    };
    try {
      const source = createFakeSource();
      app = await buildApp({ source, staticDir: null, paper: { store: flaky } });
      await app.ready();
      source.emitStatus(1, true);
      expect((await ready()).body).toMatchObject({ status: 'ready', paper: 'ready', reasons: [] });
      broken = true;
      expect(await ready()).toMatchObject({
        code: 503,
        body: { status: 'not_ready', paper: 'ready', reasons: ['the database is not reachable'] },
      });
      broken = false;
      expect((await ready()).code).toBe(200);
    } finally {
      await app?.close();
      app = null;
      await store.close();
    }
  }, 120_000);
});
