import { once } from 'node:events';
import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ServerKind } from '../../protocol/messages';
import { buildApp } from '../app';
import { createFakeSource } from '../sources/fake-source';
import { TestClient, kind } from './test-client';

describe('graceful shutdown', () => {
  it('tells feed clients the gateway is going away (1001) and closes', async () => {
    const app = await buildApp({ source: createFakeSource(), staticDir: null });
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const client = await TestClient.connect(url);
    await client.waitFor(kind(ServerKind.hello));
    const closed = once(client.socket, 'close') as Promise<[number, Buffer]>;

    await app.close();
    const [code, reason] = await closed;
    expect(code).toBe(1001);
    expect(reason.toString()).toBe('gateway shutting down');
  });

  it('does not wait on a client that never answers the close handshake', async () => {
    const app = await buildApp({ source: createFakeSource(), staticDir: null });
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const client = await TestClient.connect(url);
    await client.waitFor(kind(ServerKind.hello));
    // Stop reading: the client will never see, let alone answer, the close frame.
    (client.socket as unknown as { _socket: Socket })._socket.pause();
    const ended = once(client.socket, 'close');

    // Resolves only once the server let go of the stuck socket (the test times out otherwise).
    await app.close();
    (client.socket as unknown as { _socket: Socket })._socket.resume();
    await ended;
  });
});
