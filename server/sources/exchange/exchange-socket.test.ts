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

function openSocket(
  url: string,
  idleTimeoutMs = 5_000,
  extra: Partial<ConstructorParameters<typeof ExchangeSocket>[0]> = {},
) {
  const stats = newExchangeStats();
  const events: string[] = [];
  const messages: string[] = [];
  socket = new ExchangeSocket(
    { url, stats, idleTimeoutMs, backoff: { baseMs: 10, maxMs: 20 }, ...extra },
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

  it('backs off further when a venue accepts, sends, and drops each connection at once', async () => {
    venue = await startFakeVenue({});
    const gaps: number[] = [];
    const { events } = openSocket(venue.wsUrl, 5_000, {
      backoff: { baseMs: 10, maxMs: 10_000 },
      // Always the longest delay allowed, so the growth is exact.
      random: () => 0.999,
    });
    let last = Date.now();
    for (let i = 0; i < 5; i++) {
      const connection = await venue.nextConnection();
      const now = Date.now();
      if (i > 0) gaps.push(now - last);
      last = now;
      connection.send({ hello: i });
      await expect.poll(() => events.filter((e) => e === 'open').length).toBe(i + 1);
      connection.socket.close(1011, 'try again');
    }
    // Delays of about 10, 20, 40, 80 ms: each attempt waits longer, though every connection
    // delivered a message (resetting on data would keep them at about 10 ms).
    expect(gaps[3]!).toBeGreaterThanOrEqual(70);
    expect(gaps[3]!).toBeGreaterThan(gaps[0]!);
  });

  it('starts again from the base delay after a connection that lasted', async () => {
    venue = await startFakeVenue({});
    let clock = 0;
    const { events } = openSocket(venue.wsUrl, 5_000, {
      backoff: { baseMs: 50, maxMs: 10_000 },
      random: () => 0.999,
      stableAfterMs: 1_000,
      now: () => clock,
    });
    for (let i = 0; i < 4; i++) {
      const connection = await venue.nextConnection();
      connection.send({ hello: i });
      await expect.poll(() => events.filter((e) => e === 'open').length).toBe(i + 1);
      connection.socket.close(1011, 'try again');
    }
    // The fifth connection lives a (fake) minute before it drops: the next retry is quick again.
    const fifth = await venue.nextConnection();
    fifth.send({ hello: 5 });
    await expect.poll(() => events.filter((e) => e === 'open').length).toBe(5);
    clock += 60_000;
    const before = Date.now();
    fifth.socket.close(1011, 'try again');
    await venue.nextConnection();
    // Without the reset this retry would wait about 800 ms (the fifth doubling of 50).
    expect(Date.now() - before).toBeLessThan(400);
  });
});
