import { afterEach, describe, expect, it } from 'vitest';
import { ExchangeSocket } from './exchange-socket';
import { newExchangeStats } from './exchange-stats';
import { startFakeVenue, type FakeVenue } from './fake-venue';

let venue: FakeVenue | null = null;
let socket: ExchangeSocket | null = null;

afterEach(async () => {
  await socket?.stop();
  await venue?.close();
  socket = null;
  venue = null;
});

function openSocket(url: string, idleTimeoutMs = 5_000) {
  const stats = newExchangeStats();
  const events: string[] = [];
  const messages: string[] = [];
  socket = new ExchangeSocket(
    { url, stats, idleTimeoutMs, backoff: { baseMs: 10, maxMs: 20 } },
    {
      onOpen: (s) => {
        events.push('open');
        s.send({ op: 'subscribe' });
      },
      onMessage: (text) => messages.push(text),
      onDown: (reason) => events.push(`down: ${reason}`),
    },
  );
  socket.start();
  return { stats, events, messages };
}

describe('ExchangeSocket', () => {
  it('subscribes on every connection and reconnects after the server drops it', async () => {
    venue = await startFakeVenue({});
    const { stats, events, messages } = openSocket(`${venue.wsUrl}/ws`);
    const first = await venue.nextConnection();
    expect(await first.next()).toEqual({ op: 'subscribe' });
    first.send({ hello: 1 });
    await expect.poll(() => messages).toEqual(['{"hello":1}']);
    first.socket.close(1001, 'going away');
    const second = await venue.nextConnection();
    expect(await second.next()).toEqual({ op: 'subscribe' });
    expect(stats.reconnects).toBe(1);
    expect(events.filter((e) => e.startsWith('down'))).toEqual(['down: closed (1001 going away)']);
  });

  it('treats a silent connection as dead and reconnects', async () => {
    venue = await startFakeVenue({});
    const { events } = openSocket(venue.wsUrl, 100);
    await venue.nextConnection();
    const second = await venue.nextConnection();
    expect(second).toBeDefined();
    expect(events).toContain('down: no data within the heartbeat timeout');
  });

  it('counts binary frames as malformed instead of passing them on', async () => {
    venue = await startFakeVenue({});
    const { stats, messages } = openSocket(venue.wsUrl);
    const connection = await venue.nextConnection();
    connection.socket.send(Buffer.from([0xc1, 0xff]));
    connection.send('{"ok":true}');
    await expect.poll(() => messages).toEqual(['{"ok":true}']);
    expect(stats.malformed).toBe(1);
  });

  it('keeps retrying while the exchange is unreachable, reporting each failure', async () => {
    venue = await startFakeVenue({});
    const url = venue.wsUrl;
    await venue.close();
    venue = null;
    const { events } = openSocket(url);
    await expect.poll(() => events.length).toBeGreaterThanOrEqual(2);
    expect(events.every((e) => e.startsWith('down: closed'))).toBe(true);
  });
});
