/**
 * Test support: a fake exchange on loopback, port 0: an HTTP server answering scripted JSON
 * routes and a WebSocket server on the same port whose connections the test drives. Adapter
 * tests point their REST and WebSocket base URLs here; nothing reaches the internet.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/** Answers one request: a status and a JSON body (or a raw string). */
export type FakeRoute = (url: URL, request: IncomingMessage) => { status?: number; body: unknown };

export interface FakeConnection {
  socket: WebSocket;
  /** The path and query the client connected with. */
  url: URL;
  /** Every text message the client sent, parsed as JSON when possible. */
  received: unknown[];
  /** Sends `value` as JSON (or a string as-is). */
  send(value: unknown): void;
  /** Resolves with the next message the client sends. */
  next(): Promise<unknown>;
}

export interface FakeVenue {
  httpUrl: string;
  wsUrl: string;
  /** Requests seen, as path + query, in order. */
  requests: string[];
  connections: FakeConnection[];
  /** Resolves with the next WebSocket connection (or the latest one not yet awaited). */
  nextConnection(): Promise<FakeConnection>;
  close(): Promise<void>;
}

/** Starts a fake venue with `routes` keyed by path (e.g. "/api/v3/exchangeInfo"). */
export async function startFakeVenue(routes: Record<string, FakeRoute>): Promise<FakeVenue> {
  const requests: string[] = [];
  const connections: FakeConnection[] = [];
  let awaited = 0;
  const waiters: ((connection: FakeConnection) => void)[] = [];

  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    requests.push(url.pathname + url.search);
    const route = routes[url.pathname];
    const answer = route ? route(url, request) : { status: 404, body: { error: 'not found' } };
    const body = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
    response.writeHead(answer.status ?? 200, { 'content-type': 'application/json' });
    response.end(body);
  });
  const wss = new WebSocketServer({ server });
  wss.on('connection', (socket: WebSocket, request: IncomingMessage) => {
    const received: unknown[] = [];
    const messageWaiters: ((value: unknown) => void)[] = [];
    let read = 0;
    socket.on('message', (data) => {
      const text = data.toString();
      let value: unknown = text;
      try {
        value = JSON.parse(text);
      } catch {
        // keep the raw text
      }
      received.push(value);
      const waiter = messageWaiters.shift();
      if (waiter) waiter(received[read++]);
    });
    const connection: FakeConnection = {
      socket,
      url: new URL(request.url ?? '/', 'ws://127.0.0.1'),
      received,
      send(value) {
        socket.send(typeof value === 'string' ? value : JSON.stringify(value));
      },
      next() {
        if (read < received.length) return Promise.resolve(received[read++]);
        return new Promise((resolve) => messageWaiters.push(resolve));
      },
    };
    connections.push(connection);
    const waiter = waiters.shift();
    if (waiter) {
      awaited++;
      waiter(connection);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    httpUrl: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    requests,
    connections,
    nextConnection() {
      if (awaited < connections.length) return Promise.resolve(connections[awaited++]!);
      return new Promise((resolve) => waiters.push(resolve));
    },
    async close() {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
