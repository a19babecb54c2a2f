import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ClientKind, hello, pong } from '../../protocol/messages';
import { fakeSession } from './fake-feed-socket';
import { LONG_HIDDEN_MS } from './feed-session';

const HEARTBEAT = 1_000;

/** A session on its first socket, open and live. */
function liveSession() {
  const setup = fakeSession({ heartbeatMs: HEARTBEAT });
  setup.session.start();
  const socket = setup.sockets[0]!;
  socket.open();
  socket.receive(hello(Date.now(), 'v1', 2_000));
  return { ...setup, socket };
}

/** Lets fake time pass until the session makes its next connection attempt. */
function awaitAttempt(sockets: readonly unknown[]): void {
  const before = sockets.length;
  for (let waited = 0; sockets.length === before && waited < 10_000; waited += 10) {
    vi.advanceTimersByTime(10);
  }
  expect(sockets.length).toBe(before + 1);
}

describe('FeedSession close reasons', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('says why when the gateway shuts down (1001), until a gateway says hello again', () => {
    const { session, socket, sockets, lastConnection } = liveSession();
    socket.serverClose(1001, 'gateway shutting down');
    vi.advanceTimersByTime(20);
    expect(lastConnection()).toMatchObject({
      state: 'offline',
      closeReason: 'gateway shutting down',
    });
    // Attempts that fail while it is down (plain drops, 1006) keep the explanation.
    for (let i = 0; i < 3; i++) {
      awaitAttempt(sockets);
      sockets.at(-1)!.serverClose(1006);
    }
    vi.advanceTimersByTime(20);
    expect(lastConnection()?.closeReason).toBe('gateway shutting down');
    awaitAttempt(sockets);
    const next = sockets.at(-1)!;
    next.open();
    next.receive(hello(Date.now(), 'v1', 2_000));
    vi.advanceTimersByTime(20);
    expect(lastConnection()).toMatchObject({ state: 'live', closeReason: null });
    session.stop();
  });

  it('explains a slow-client close (1013) and reconnects after a backoff', () => {
    const { session, socket, sockets, lastConnection } = liveSession();
    socket.serverClose(1013, 'too slow');
    vi.advanceTimersByTime(20);
    expect(lastConnection()?.closeReason).toBe('gateway asked to retry later (too slow)');
    vi.advanceTimersByTime(300);
    expect(sockets).toHaveLength(2);
    session.stop();
  });
});

describe('FeedSession backoff', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('keeps backing off against a gateway that accepts and closes at once, until a hello', () => {
    const random = vi.spyOn(Math, 'random').mockReturnValue(0.999);
    const { session, sockets } = fakeSession({ heartbeatMs: HEARTBEAT });
    session.start();
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      const socket = sockets.at(-1)!;
      socket.open();
      socket.serverClose(1008, 'no');
      const before = sockets.length;
      let waited = 0;
      while (sockets.length === before) {
        vi.advanceTimersByTime(50);
        waited += 50;
      }
      waits.push(waited);
    }
    // Opening is not talking: the waits grow to the cap instead of restarting at the first step.
    expect(waits).toEqual([250, 500, 1_000, 2_000, 4_000, 5_000]);
    const socket = sockets.at(-1)!;
    socket.open();
    socket.receive(hello(Date.now(), 'v1', 2_000));
    socket.serverClose(1001);
    const before = sockets.length;
    vi.advanceTimersByTime(250);
    expect(sockets.length).toBe(before + 1);
    random.mockRestore();
    session.stop();
  });
});

describe('FeedSession wake', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('reconnects at once when the socket went silent during a sleep', () => {
    const { session, socket, sockets, lastConnection } = liveSession();
    // The machine sleeps: the clock jumps, no timer ran, the socket is dead without a close.
    vi.setSystemTime(Date.now() + 5 * 60_000);
    session.wake(5 * 60_000);
    expect(socket.closed).toBe(true);
    expect(sockets).toHaveLength(2);
    vi.advanceTimersByTime(20);
    expect(lastConnection()?.state).toBe('offline');
    sockets[1]!.open();
    sockets[1]!.receive(hello(Date.now(), 'v1', 2_000));
    vi.advanceTimersByTime(20);
    expect(lastConnection()?.state).toBe('live');
    session.stop();
  });

  it('leaves a socket that another tab kept busy alone, after a short or a long absence', () => {
    const { session, socket, sockets } = liveSession();
    vi.advanceTimersByTime(500);
    socket.receive(pong(1, Date.now(), Date.now()));
    session.wake(2_000);
    session.wake(10 * 60_000);
    vi.advanceTimersByTime(200);
    socket.receive(pong(2, Date.now(), Date.now()));
    vi.advanceTimersByTime(2_000);
    socket.receive(pong(3, Date.now(), Date.now()));
    vi.advanceTimersByTime(600);
    expect(socket.closed).toBe(false);
    expect(sockets).toHaveLength(1);
    session.stop();
  });

  it('after a long absence pings at once and gives the socket up if the next beats hear nothing', () => {
    const { session, socket, sockets } = liveSession();
    vi.advanceTimersByTime(HEARTBEAT + 500);
    const sentBefore = socket.sent.length;
    session.wake(LONG_HIDDEN_MS + 1);
    expect(socket.sent.slice(sentBefore).map((m) => m.kind)).toEqual([ClientKind.ping]);
    expect(socket.closed).toBe(false);
    vi.advanceTimersByTime(HEARTBEAT + 10);
    expect(socket.closed).toBe(false);
    // The first beat at least a beat after the ping gives up: sooner than the three-beat rule
    // (which would wait for 3.5 s here), and the new attempt goes out without a backoff.
    vi.advanceTimersByTime(HEARTBEAT);
    expect(socket.closed).toBe(true);
    expect(sockets).toHaveLength(2);
    session.stop();
  });

  it('cuts a long backoff short after a long absence, not after a short one', () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.999);
    const { session, sockets } = fakeSession({ heartbeatMs: HEARTBEAT });
    session.start();
    // Several failed attempts: the next one is seconds away.
    for (let i = 0; i < 5; i++) {
      sockets.at(-1)!.serverClose();
      vi.advanceTimersByTime(2 ** i * 250 + 10);
    }
    sockets.at(-1)!.serverClose();
    const before = sockets.length;
    session.wake(1_000);
    expect(sockets).toHaveLength(before);
    session.wake(LONG_HIDDEN_MS);
    expect(sockets).toHaveLength(before + 1);
    vi.restoreAllMocks();
    session.stop();
  });

  it('does nothing while the browser is offline or after stop', () => {
    const { session, socket, sockets } = liveSession();
    session.setNetwork(false);
    vi.setSystemTime(Date.now() + 60_000);
    session.wake(60_000);
    expect(sockets).toHaveLength(1);
    session.setNetwork(true);
    expect(sockets).toHaveLength(2);
    session.stop();
    session.wake(60_000);
    expect(sockets).toHaveLength(2);
    expect(socket.closed).toBe(true);
  });
});

describe('FeedSession heartbeat', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('keeps a socket that answers pings, and drops one that stops answering within four beats', () => {
    const { session, socket, sockets, lastConnection } = liveSession();
    // Ten beats with a pong after each ping: alive, whatever else is quiet.
    for (let i = 0; i < 10; i++) {
      vi.advanceTimersByTime(HEARTBEAT);
      const last = socket.sent.filter((m) => m.kind === ClientKind.ping).at(-1)!;
      socket.receive(pong(last.id as number, last.clientTime as number, Date.now()));
    }
    expect(socket.closed).toBe(false);
    // Then the gateway goes silent without closing (a dead NAT, a pulled cable).
    vi.advanceTimersByTime(4 * HEARTBEAT + 10);
    expect(socket.closed).toBe(true);
    expect(lastConnection()).toMatchObject({
      state: 'offline',
      lastError: 'no data from the gateway; reconnecting',
    });
    vi.advanceTimersByTime(300);
    expect(sockets).toHaveLength(2);
    session.stop();
  });
});
