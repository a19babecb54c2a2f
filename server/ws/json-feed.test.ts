import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { checkServerMessage } from '../../protocol/guards';
import { ServerKind, Side, ping, subscribe, type ServerMessage } from '../../protocol/messages';
import { buildApp } from '../app';
import { createFakeSource, type FakeSource } from '../sources/fake-source';
import { TestClient, kind } from './test-client';

const T = Date.UTC(2025, 0, 1, 10, 0, 0);
let app: FastifyInstance;
let source: FakeSource;
let url: string;
const sockets: WebSocket[] = [];

/** A JSON-mode client: a text frame is a JSON array of messages (one bare object when naive). */
async function connectJson(path = '/ws?format=json') {
  const socket = new WebSocket(`${url.replace(/^http/, 'ws')}${path}`);
  sockets.push(socket);
  const messages: ServerMessage[] = [];
  const frames: Array<{ text: string; binary: boolean }> = [];
  socket.on('message', (data: Buffer, binary) => {
    const text = data.toString('utf8');
    frames.push({ text, binary });
    const parsed: unknown = JSON.parse(text);
    for (const value of Array.isArray(parsed) ? parsed : [parsed]) {
      const checked = checkServerMessage(value);
      if (!checked.ok) throw new Error(`invalid message: ${checked.error}`);
      messages.push(checked.value);
    }
  });
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  const waitFor = async (match: (m: ServerMessage) => boolean): Promise<ServerMessage> => {
    for (let i = 0; i < 100; i++) {
      const found = messages.find(match);
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error('timed out waiting for a message');
  };
  return { socket, messages, frames, waitFor };
}

beforeEach(async () => {
  source = createFakeSource();
  app = await buildApp({ source, staticDir: null, conflateMs: 20 });
  url = await app.listen({ port: 0, host: '127.0.0.1' });
  source.emitBook(1, [100, 5], [101, 5], T, true);
});

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  await app.close();
});

describe('/ws?format=json', () => {
  it('speaks the protocol shapes as JSON text frames', async () => {
    const client = await connectJson();
    const hello = await client.waitFor((m) => m.kind === ServerKind.hello);
    expect(hello).toMatchObject({
      protocol: 1,
      instrumentsVersion: app.gateway.hub.instrumentsVersion,
    });
    client.socket.send(JSON.stringify(subscribe(1, 'trades', 'BTC-USD')));
    await client.waitFor((m) => m.kind === ServerKind.tradesSnapshot);
    source.emitTrade(1, 100, 2, Side.sell, T + 1);
    const trade = await client.waitFor((m) => m.kind === ServerKind.trade);
    expect(trade).toEqual({ kind: 31, inst: 1, seq: 1, price: 100, size: 2, side: 2, time: T + 1 });
    expect(client.frames.every((f) => !f.binary)).toBe(true);
  });

  it('JSON and binary clients of one stream see the same messages', async () => {
    const json = await connectJson();
    const binary = await TestClient.connect(url);
    try {
      json.socket.send(JSON.stringify([subscribe(1, 'book', 'BTC-USD', { depth: 10 })]));
      binary.send(subscribe(1, 'book', 'BTC-USD', { depth: 10 }));
      await json.waitFor((m) => m.kind === ServerKind.bookSnapshot);
      await binary.waitFor(kind(ServerKind.bookSnapshot));
      source.emitBook(1, [100, 9], [], T + 1);
      await json.waitFor((m) => m.kind === ServerKind.bookDelta);
      await binary.waitFor(kind(ServerKind.bookDelta));
      const strip = (ms: ServerMessage[]) => ms.filter((m) => m.kind !== ServerKind.hello);
      expect(strip(json.messages)).toEqual(strip(binary.messages));
    } finally {
      await binary.close();
    }
  });

  it('a binary frame gets a clear JSON error; the connection keeps working', async () => {
    const client = await connectJson();
    client.socket.send(new Uint8Array([0x81, 0xa4, 0x6b]));
    client.socket.send('not json');
    const error = await client.waitFor((m) => m.kind === ServerKind.error);
    expect(error).toMatchObject({ code: 'text_only' });
    await client.waitFor((m) => m.kind === ServerKind.error && m.code === 'decode_error');
    client.socket.send(JSON.stringify(ping(4, 4)));
    await client.waitFor((m) => m.kind === ServerKind.pong);
  });

  it.each([
    ['xml', 'format "xml" is not supported; use msgpack or json'],
    ['', 'format "" is not supported; use msgpack or json'],
    ['json&format=json', 'format given more than once is not supported; use msgpack or json'],
  ])('format=%s is refused with 400 before the upgrade', async (format, text) => {
    const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/ws?format=${format}`);
    const response = await new Promise<IncomingMessage>((resolve, reject) => {
      socket.once('unexpected-response', (_request, res) => resolve(res));
      socket.once('open', () => reject(new Error('upgraded')));
    });
    expect(response.statusCode).toBe(400);
    let body = '';
    for await (const chunk of response) body += String(chunk);
    expect(JSON.parse(body)).toEqual({ error: { code: 'bad_request', message: text } });
    expect(app.gateway.sessions.size).toBe(0);
  });

  it('an explicit format=msgpack is the binary feed', async () => {
    const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/ws?format=msgpack`);
    sockets.push(socket);
    const [, binary] = await new Promise<[Buffer, boolean]>((resolve) =>
      socket.once('message', (data: Buffer, isBinary) => resolve([data, isBinary])),
    );
    expect(binary).toBe(true);
  });

  it('permessage-deflate stays off even when the client offers it', async () => {
    const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/ws`, { perMessageDeflate: true });
    sockets.push(socket);
    const offered = (socket as unknown as { _req: { getHeader(n: string): unknown } })._req;
    expect(String(offered.getHeader('sec-websocket-extensions'))).toContain('permessage-deflate');
    const [response] = await Promise.all([
      new Promise<IncomingMessage>((resolve) => socket.once('upgrade', resolve)),
      new Promise((resolve) => socket.once('open', resolve)),
    ]);
    expect(response.headers['sec-websocket-extensions']).toBeUndefined();
    expect(socket.extensions).toBe('');
  });

  it('the naive fan-out baseline sends JSON, one frame per message', async () => {
    await app.close();
    source = createFakeSource();
    app = await buildApp({ source, staticDir: null, fanout: 'naive' });
    url = await app.listen({ port: 0, host: '127.0.0.1' });
    const client = await connectJson();
    client.socket.send(JSON.stringify(subscribe(1, 'trades', 'BTC-USD')));
    await client.waitFor((m) => m.kind === ServerKind.tradesSnapshot);
    for (let i = 0; i < 5; i++) source.emitTrade(1, 100 + i, 1, Side.buy, T + i);
    await client.waitFor((m) => m.kind === ServerKind.trade && m.seq === 5);
    expect(client.frames.length).toBe(client.messages.length);
    // Like a typical gateway, each frame is one bare JSON object.
    expect(client.frames.every((f) => f.text.startsWith('{"kind":'))).toBe(true);
  });
});
