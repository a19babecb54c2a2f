/**
 * Hostile clients against a real gateway on loopback: oversized frames, garbage (inside and
 * outside the WebSocket framing, and instead of HTTP), subscribe floods, message floods and
 * many connections from one address. Each is bounded in count and time; each checks that the
 * offender got the documented answer, that the refusal was counted, and that the gateway still
 * serves everyone else.
 */
import { once } from 'node:events';
import { connect as tcpConnect, type Socket } from 'node:net';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeMessage, joinFrame } from '../../protocol/codec';
import { INTERVAL_NAMES } from '../../protocol/intervals';
import {
  ServerKind,
  ping,
  subscribe,
  type ClientMessage,
  type ErrorMessage,
} from '../../protocol/messages';
import { buildApp, MAX_CLIENT_FRAME_BYTES } from '../app';
import { BOOK_TIERS } from '../hub/book-stream';
import { createFakeSource } from '../sources/fake-source';
import { createSimulatedSource } from '../sources/sim/simulated-source';
import type { MarketSource } from '../sources/source';
import { DEFAULT_MAX_CONNECTIONS_PER_IP } from './connection-limit';
import { DEFAULT_MAX_SUBSCRIPTIONS } from './session-options';
import { TestClient, kind } from './test-client';

let app: FastifyInstance | null = null;
const sockets: WebSocket[] = [];

async function start(source: MarketSource = createFakeSource()): Promise<string> {
  app = await buildApp({ source, staticDir: null, paper: null });
  return app.listen({ port: 0, host: '127.0.0.1' });
}

function gateway(): FastifyInstance {
  if (!app) throw new Error('no gateway');
  return app;
}

/** A client that is answered (or closed) and will be cleaned up after the test. */
async function client(url: string): Promise<TestClient> {
  const c = await TestClient.connect(url);
  sockets.push(c.socket);
  return c;
}

function closeOf(socket: WebSocket): Promise<{ code: number; reason: string }> {
  return (once(socket, 'close') as Promise<[number, Buffer]>).then(([code, reason]) => ({
    code,
    reason: reason.toString(),
  }));
}

/** The gateway still serves: a fresh client is greeted and its ping answered. */
async function stillServes(url: string): Promise<void> {
  const probe = await client(url);
  await probe.waitFor(kind(ServerKind.hello));
  probe.send(ping(42, 1));
  await probe.waitFor((m) => m.kind === ServerKind.pong && m.id === 42);
  await probe.close();
}

const frame = (messages: ClientMessage[]) => joinFrame(messages.map(encodeMessage));
const errorsOf = (c: TestClient) =>
  c.messages.filter((m): m is ErrorMessage => m.kind === ServerKind.error);

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  await app?.close();
  app = null;
});

describe('hostile clients', () => {
  it('a frame over the maximum payload closes the connection with 1009', async () => {
    const url = await start();
    const c = await client(url);
    await c.waitFor(kind(ServerKind.hello));
    const closed = closeOf(c.socket);
    c.sendRaw(new Uint8Array(MAX_CLIENT_FRAME_BYTES + 1));
    expect((await closed).code).toBe(1009);
    expect(gateway().gateway.stats.rejections.frame_too_large).toBe(1);
    expect(gateway().gateway.sessions.size).toBe(0);
    await stillServes(url);
  });

  it('garbage frames are answered and counted; the connection keeps working', async () => {
    const url = await start();
    const c = await client(url);
    await c.waitFor(kind(ServerKind.hello));
    const garbage = fc.sample(fc.uint8Array({ minLength: 1, maxLength: 2000 }), {
      seed: 7,
      numRuns: 120,
    });
    garbage.forEach((bytes, i) =>
      i % 3 === 0 ? c.sendRaw(Buffer.from(bytes).toString('latin1')) : c.sendRaw(bytes),
    );
    c.send(ping(1, 1));
    await c.waitFor((m) => m.kind === ServerKind.pong && m.id === 1);
    const { stats } = gateway().gateway;
    // Every frame was refused at least once (a frame may decode to several bad values).
    expect(stats.rejectedMessages).toBeGreaterThanOrEqual(garbage.length);
    expect(errorsOf(c)).toHaveLength(stats.rejectedMessages);
    expect(gateway().gateway.sessions.size).toBe(1);
  });

  it('bytes that break the WebSocket framing close that connection only', async () => {
    const url = await start();
    const c = await client(url);
    await c.waitFor(kind(ServerKind.hello));
    const closed = closeOf(c.socket);
    // An unmasked frame with a reserved opcode: not a WebSocket frame a client may send.
    (c.socket as unknown as { _socket: Socket })._socket.write(Buffer.from([0x83, 0x02, 1, 2]));
    expect([1002, 1006]).toContain((await closed).code);
    await expect.poll(() => gateway().gateway.stats.rejections.protocol_error).toBe(1);
    await stillServes(url);
  });

  it('garbage instead of an HTTP request gets 400 and the gateway lives on', async () => {
    const url = await start();
    const { port } = new URL(url);
    const garbage = fc.sample(fc.uint8Array({ minLength: 1, maxLength: 4000 }), {
      seed: 3,
      numRuns: 10,
    });
    for (const bytes of garbage) {
      const socket = tcpConnect(Number(port), '127.0.0.1');
      await once(socket, 'connect');
      const answer: Buffer[] = [];
      socket.on('data', (chunk: Buffer) => answer.push(chunk));
      socket.on('error', () => {});
      socket.end(Buffer.concat([Buffer.from(bytes), Buffer.from('\r\n\r\n')]));
      await once(socket, 'close');
      const text = Buffer.concat(answer).toString('latin1');
      if (text) expect(text).toMatch(/^HTTP\/1\.1 4\d\d/);
    }
    const health = await gateway().inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(200);
    await stillServes(url);
  });

  it('subscriptions past the per-connection limit are refused; the held ones keep flowing', async () => {
    const url = await start(createSimulatedSource({ seed: 5, instruments: 13, rate: 2000 }));
    const c = await client(url);
    await c.waitFor(kind(ServerKind.hello));
    const symbols = gateway().gateway.hub.instruments.map((i) => i.symbol);
    const requests: ClientMessage[] = [subscribe(0, 'tickers', null)];
    for (const symbol of symbols) {
      for (const depth of BOOK_TIERS)
        requests.push(subscribe(requests.length, 'book', symbol, { depth }));
      requests.push(subscribe(requests.length, 'trades', symbol));
      for (const interval of INTERVAL_NAMES) {
        requests.push(subscribe(requests.length, 'candles', symbol, { interval }));
      }
    }
    expect(requests.length).toBeGreaterThan(DEFAULT_MAX_SUBSCRIPTIONS);
    for (let i = 0; i < requests.length; i += 64) c.sendRaw(frame(requests.slice(i, i + 64)));
    const excess = requests.length - DEFAULT_MAX_SUBSCRIPTIONS;
    await expect.poll(() => errorsOf(c).length).toBe(excess);
    expect(errorsOf(c).every((e) => e.code === 'too_many_subscriptions')).toBe(true);
    expect(errorsOf(c).map((e) => e.ref)).toEqual(
      requests.slice(DEFAULT_MAX_SUBSCRIPTIONS).map((r) => (r as { ref: number }).ref),
    );
    const [session] = gateway().gateway.sessions;
    expect(session?.subscriptionCount).toBe(DEFAULT_MAX_SUBSCRIPTIONS);
    expect(gateway().gateway.stats.rejections.too_many_subscriptions).toBe(excess);
    // The held streams deliver; the last instrument's streams were all refused and send nothing.
    const after = c.messages.length;
    await c.waitFor(kind(ServerKind.bookDelta), after);
    const last = gateway().gateway.hub.instruments.at(-1)!.id;
    const streamed = c.messages.filter(
      (m) => m.kind !== ServerKind.ticker && m.kind !== ServerKind.streamStatus,
    );
    expect(streamed.some((m) => 'inst' in m && m.inst === last)).toBe(false);
  });

  it('a message flood gets rate_limited answers (a few, not one each), then a 1008 close', async () => {
    const url = await start();
    const flood = await client(url);
    await flood.waitFor(kind(ServerKind.hello));
    const closed = closeOf(flood.socket);
    const pings = frame(Array.from({ length: 64 }, (_, i) => ping(i, i)));
    const timer = setInterval(() => {
      if (flood.socket.readyState === WebSocket.OPEN) flood.sendRaw(pings);
    }, 20);
    try {
      const { code, reason } = await closed;
      expect(code).toBe(1008);
      expect(reason).toBe('too many messages');
    } finally {
      clearInterval(timer);
    }
    const { stats } = gateway().gateway;
    expect(stats.rejections.flood_close).toBe(1);
    expect(stats.rejections.rate_limited).toBeGreaterThan(10);
    const answers = errorsOf(flood).filter((e) => e.code === 'rate_limited').length;
    expect(answers).toBeGreaterThan(0);
    expect(answers).toBeLessThanOrEqual(6);
    await stillServes(url);
  }, 15_000);

  it('connections past the per-address limit are closed 1013 right after the upgrade', async () => {
    const url = await start();
    const wsUrl = `${url.replace(/^http/, 'ws')}/ws`;
    const closes = new Map<WebSocket, Promise<{ code: number; reason: string }>>();
    const open = async (): Promise<WebSocket> => {
      const socket = new WebSocket(wsUrl);
      sockets.push(socket);
      closes.set(socket, closeOf(socket));
      await once(socket, 'open');
      return socket;
    };
    const held: WebSocket[] = [];
    for (let i = 0; i < DEFAULT_MAX_CONNECTIONS_PER_IP; i += 16) {
      held.push(...(await Promise.all(Array.from({ length: 16 }, open))));
    }
    expect(gateway().gateway.sessions.size).toBe(DEFAULT_MAX_CONNECTIONS_PER_IP);
    const refused = await Promise.all(Array.from({ length: 4 }, open));
    const refusals = await Promise.all(refused.map((socket) => closes.get(socket)));
    expect(refusals).toEqual(
      Array(4).fill({ code: 1013, reason: 'too many connections from this address' }),
    );
    const { stats, sessions } = gateway().gateway;
    expect(stats.rejections.too_many_connections).toBe(4);
    expect(sessions.size).toBe(DEFAULT_MAX_CONNECTIONS_PER_IP);
    // A place freed is a place taken.
    held[0]!.close();
    await closes.get(held[0]!);
    await expect.poll(() => sessions.size).toBe(DEFAULT_MAX_CONNECTIONS_PER_IP - 1);
    await stillServes(url);
  });
});
