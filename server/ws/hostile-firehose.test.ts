/**
 * A client that never reads while a firehose runs: the simulator at a high rate, the client
 * subscribed to every ticker and the deep books and trades of many instruments on the JSON feed
 * (more bytes per event), re-asking for snapshots under the allowed rate, its socket paused.
 * The loopback kernel buffers take a few MB before the gateway has to hold anything, so this
 * runs for some seconds. The gateway's figures
 * for that client (and for all clients) must stay under their bounds until it is dropped with
 * 1013, a client that reads keeps being served, and process memory stays sane.
 */
import { once } from 'node:events';
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { ServerKind, subscribe, type Subscribe } from '../../protocol/messages';
import { buildApp } from '../app';
import { createSimulatedSource } from '../sources/sim/simulated-source';
import type { FastifyInstance } from 'fastify';
import { DEFAULT_MAX_TOTAL_BUFFERED_BYTES } from './buffer-budget';
import { TestClient, kind } from './test-client';

const SOFT = 256 * 1024;
const HARD = 2 * 1024 * 1024;
/** The hard bound is checked after each message is queued, so one frame may overshoot it. */
const ONE_FRAME = 256 * 1024;
const RSS_GROWTH_BOUND = 200 * 1024 * 1024;

let app: FastifyInstance | null = null;
const sockets: WebSocket[] = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  await app?.close();
  app = null;
});

describe('a client that never reads', () => {
  it('is conflated, then closed 1013, without the gateway holding more than its bounds', async () => {
    app = await buildApp({
      source: createSimulatedSource({ seed: 9, rate: 20_000, instruments: 40 }),
      staticDir: null,
      paper: null,
      softBufferedBytes: SOFT,
      maxBufferedBytes: HARD,
      maxLagMs: 1000,
    });
    const gateway = app.gateway;
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const rssBefore = process.memoryUsage().rss;

    const reader = await TestClient.connect(url);
    sockets.push(reader.socket);
    reader.send(subscribe(1, 'tickers', null));
    await reader.waitFor(kind(ServerKind.tickerSnapshot));

    const stuck = new WebSocket(`${url.replace(/^http/, 'ws')}/ws?format=json`);
    sockets.push(stuck);
    await once(stuck, 'open');
    await expect.poll(() => gateway.sessions.size).toBe(2);
    const requests: Subscribe[] = [
      subscribe(0, 'tickers', null),
      ...gateway.hub.instruments
        .slice(0, 20)
        .flatMap((instrument, n) => [
          subscribe(2 * n + 1, 'book', instrument.symbol, { depth: 100 }),
          subscribe(2 * n + 2, 'trades', instrument.symbol),
        ]),
    ];
    stuck.send(JSON.stringify(requests));
    // Stop reading before the kernel learns to buffer much for this socket.
    stuck.pause();
    const session = [...gateway.sessions].at(-1)!;
    // Asking again for snapshots (every instrument's ticker, deep books, the tape) under the
    // allowed message rate adds bytes at little CPU cost, so the client falls behind quickly
    // even on a busy machine.
    const snapshots = JSON.stringify([requests[0], ...requests.slice(1, 8)]);
    const again = setInterval(() => stuck.send(snapshots), 100);

    let highestClient = 0;
    let highestTotal = 0;
    let highestRss = 0;
    let wasConflated = false;
    const deadline = Date.now() + 30_000;
    try {
      while (!session.closeReason && Date.now() < deadline) {
        highestClient = Math.max(highestClient, session.pendingBytes);
        let total = 0;
        for (const s of gateway.sessions) total += s.pendingBytes;
        highestTotal = Math.max(highestTotal, total);
        highestRss = Math.max(highestRss, process.memoryUsage().rss);
        wasConflated ||= session.conflating;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    } finally {
      clearInterval(again);
    }

    expect(session.closeReason).toEqual({ code: 1013, reason: 'too slow' });
    expect(wasConflated).toBe(true);
    // It did fall behind past the soft bound, but never held more than the hard one.
    expect(highestClient).toBeGreaterThan(SOFT);
    expect(highestClient).toBeLessThanOrEqual(HARD + ONE_FRAME);
    expect(highestTotal).toBeLessThanOrEqual(DEFAULT_MAX_TOTAL_BUFFERED_BYTES);
    expect(gateway.stats.slowCloses).toBe(1);
    expect(gateway.sessions.has(session)).toBe(false);
    // A sanity bound, not a measurement: the firehose did not pile up in the gateway's heap.
    expect(highestRss - rssBefore).toBeLessThan(RSS_GROWTH_BOUND);

    // The reading client was never dropped and is still served.
    const after = reader.messages.length;
    await reader.waitFor(kind(ServerKind.ticker), after);
    expect(reader.socket.readyState).toBe(WebSocket.OPEN);
  }, 45_000);
});
