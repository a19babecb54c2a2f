import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  bookDelta,
  bookSnapshot,
  ClientKind,
  ServerKind,
  hello,
  pong,
  streamStatus,
} from '../../protocol/messages';
import { accountSnapshot, accountUpdate } from '../../protocol/account-messages';
import { TEST_ACCOUNT } from '../../protocol/test-fixtures';
import { fakeSession } from './fake-feed-socket';

const setup = () => fakeSession();

const btcBook = { channel: 'book', symbol: 'BTC-USD', depth: 20, interval: null } as const;

describe('FeedSession', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('subscribes on open, goes live on hello and reports ping latency', () => {
    const { session, sockets, lastConnection } = setup();
    session.subscribe(btcBook);
    session.start();
    const socket = sockets[0]!;
    expect(socket.binaryType).toBe('arraybuffer');
    socket.open();
    expect(socket.sent.map((m) => m.kind)).toEqual([ClientKind.subscribe, ClientKind.ping]);
    socket.receive(hello(Date.now(), 'v1', 2_000));
    const pingTime = socket.sent[1]!.clientTime as number;
    vi.advanceTimersByTime(12);
    socket.receive(pong(1, pingTime, Date.now()));
    vi.advanceTimersByTime(20);
    expect(lastConnection()).toMatchObject({ state: 'live', latencyMs: 12 });
    session.stop();
  });

  it('goes offline when the gateway closes, reconnects with backoff and re-sends subscriptions', () => {
    const { session, sockets, lastConnection } = setup();
    session.start();
    sockets[0]!.open();
    session.subscribe(btcBook);
    sockets[0]!.receive(hello(Date.now(), 'v1', 2_000));
    sockets[0]!.serverClose();
    vi.advanceTimersByTime(20);
    expect(lastConnection()?.state).toBe('offline');
    // The first retry comes within the first backoff step (at most 250 ms).
    vi.advanceTimersByTime(300);
    expect(sockets).toHaveLength(2);
    sockets[1]!.open();
    expect(sockets[1]!.sent[0]).toMatchObject({ kind: ClientKind.subscribe, channel: 'book' });
    sockets[1]!.receive(hello(Date.now(), 'v1', 2_000));
    vi.advanceTimersByTime(20);
    expect(lastConnection()?.state).toBe('live');
    session.stop();
  });

  it('closes a silent socket after three heartbeats and reconnects', () => {
    const { session, sockets } = setup();
    session.start();
    sockets[0]!.open();
    vi.advanceTimersByTime(8_000);
    expect(sockets[0]!.closed).toBe(true);
    vi.advanceTimersByTime(5_000);
    expect(sockets.length).toBeGreaterThanOrEqual(2);
    session.stop();
  });

  it('counts a garbage frame and keeps going', () => {
    const { session, sockets, lastConnection } = setup();
    session.start();
    sockets[0]!.open();
    sockets[0]!.onmessage?.(
      new MessageEvent('message', { data: new Uint8Array([0xd9, 9]).buffer }),
    );
    sockets[0]!.receive(hello(Date.now(), 'v1', 2_000));
    vi.advanceTimersByTime(20);
    expect(lastConnection()).toMatchObject({ state: 'live', invalidMessages: 1 });
    session.stop();
  });

  it('says connecting only until the first attempt fails, then offline until a hello', () => {
    const { session, sockets, lastConnection } = setup();
    session.start();
    vi.advanceTimersByTime(20);
    expect(lastConnection()?.state ?? 'connecting').toBe('connecting');
    sockets[0]!.serverClose();
    vi.advanceTimersByTime(20);
    expect(lastConnection()?.state).toBe('offline');
    vi.advanceTimersByTime(300);
    sockets[1]!.open();
    vi.advanceTimersByTime(20);
    // Open is not enough: only the gateway's hello proves the feed is back.
    expect(lastConnection()?.state).toBe('offline');
    sockets[1]!.receive(hello(Date.now(), 'v1', 2_000));
    vi.advanceTimersByTime(20);
    expect(lastConnection()?.state).toBe('live');
    session.stop();
  });

  it('goes offline within about three seconds of silence and live again on hello', () => {
    const { session, sockets, lastConnection } = setup();
    session.start();
    sockets[0]!.open();
    sockets[0]!.receive(hello(Date.now(), 'v1', 2_000));
    vi.advanceTimersByTime(20);
    expect(lastConnection()?.state).toBe('live');
    // Checked once per heartbeat: lost after three silent heartbeats, so within four seconds.
    vi.advanceTimersByTime(4_100);
    expect(lastConnection()?.state).toBe('offline');
    expect(sockets[0]!.closed).toBe(true);
    vi.advanceTimersByTime(300);
    const next = sockets.at(-1)!;
    next.open();
    next.receive(hello(Date.now(), 'v1', 2_000));
    vi.advanceTimersByTime(20);
    expect(lastConnection()?.state).toBe('live');
    session.stop();
  });

  it('is degraded while a stream is not live at the gateway, and lists that stream', () => {
    const { session, sockets, lastConnection } = setup();
    session.setInstruments([{ id: 7, symbol: 'BTC-USD' }]);
    session.subscribe(btcBook);
    session.start();
    sockets[0]!.open();
    sockets[0]!.receive(hello(Date.now(), 'v1', 2_000));
    sockets[0]!.receive(streamStatus('book', 7, false));
    vi.advanceTimersByTime(20);
    expect(lastConnection()).toMatchObject({ state: 'degraded', staleStreams: ['book|7'] });
    sockets[0]!.receive(streamStatus('book', 7, true));
    vi.advanceTimersByTime(20);
    expect(lastConnection()).toMatchObject({ state: 'live', staleStreams: [] });
    session.stop();
  });

  it('is degraded while a stream waits for its resync snapshot', () => {
    const { session, sockets, lastConnection } = setup();
    session.setInstruments([{ id: 7, symbol: 'BTC-USD' }]);
    session.subscribe(btcBook);
    session.start();
    const socket = sockets[0]!;
    socket.open();
    socket.receive(hello(Date.now(), 'v1', 2_000));
    socket.receive(bookSnapshot(7, 1, 20, [100, 1], [101, 1]));
    socket.receive(bookDelta(7, 5, [100, 2], []));
    vi.advanceTimersByTime(20);
    expect(lastConnection()).toMatchObject({ state: 'degraded', staleStreams: ['book|7'] });
    socket.receive(bookSnapshot(7, 6, 20, [100, 3], [101, 1]));
    vi.advanceTimersByTime(20);
    expect(lastConnection()?.state).toBe('live');
    session.stop();
  });

  it('resubscribes the account when an update goes missing, degraded until the new snapshot', () => {
    const { session, sockets, lastConnection, batches } = setup();
    const account = { channel: 'account', symbol: null, depth: null, interval: null } as const;
    session.subscribe(account);
    session.start();
    const socket = sockets[0]!;
    socket.open();
    socket.receive(hello(Date.now(), 'v1', 2_000));
    const at = (seq: number) => ({ ...TEST_ACCOUNT, seq });
    socket.receive(accountSnapshot(at(3), [], [], []));
    socket.sent = [];
    socket.receive(accountUpdate(at(5), [], [], []));
    vi.advanceTimersByTime(20);
    expect(socket.sent.map((m) => [m.kind, m.channel])).toEqual([
      [ClientKind.unsubscribe, 'account'],
      [ClientKind.subscribe, 'account'],
    ]);
    expect(lastConnection()).toMatchObject({ state: 'degraded', staleStreams: ['account|0'] });
    socket.receive(accountSnapshot(at(5), [], [], []));
    vi.advanceTimersByTime(20);
    expect(lastConnection()?.state).toBe('live');
    expect(batches.flatMap((b) => b.account ?? []).map((m) => m.kind)).toEqual([
      ServerKind.accountSnapshot,
      ServerKind.accountSnapshot,
    ]);

    socket.sent = [];
    session.resnapshot(account);
    expect(socket.sent.map((m) => m.kind)).toEqual([ClientKind.unsubscribe, ClientKind.subscribe]);
    session.stop();
  });

  it('believes the browser offline event at once and retries at once when online', () => {
    const { session, sockets, lastConnection } = setup();
    session.start();
    sockets[0]!.open();
    sockets[0]!.receive(hello(Date.now(), 'v1', 2_000));
    session.setNetwork(false);
    vi.advanceTimersByTime(20);
    expect(lastConnection()?.state).toBe('offline');
    expect(sockets[0]!.closed).toBe(true);
    // No attempts while the browser says it is offline, however long that lasts.
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(1);
    expect(lastConnection()?.state).toBe('offline');
    const before = sockets.length;
    session.setNetwork(true);
    expect(sockets.length).toBe(before + 1);
    session.stop();
  });

  it('counts decoded messages, frames and rejects, and estimates the gateway clock offset', () => {
    const { session, sockets } = setup();
    session.start();
    const socket = sockets[0]!;
    socket.open();
    // The gateway's clock runs 5 s ahead of ours.
    socket.receive(hello(Date.now() + 5_000, 'v1', 2_000));
    const pingTime = socket.sent.find((m) => m.kind === ClientKind.ping)!.clientTime as number;
    vi.advanceTimersByTime(10);
    socket.receive(pong(1, pingTime, pingTime + 5_005));
    socket.receive(bookSnapshot(1, 1, 20, [100, 1], [101, 1]));
    socket.onmessage?.(new MessageEvent('message', { data: 'not binary' }));
    const stats = session.stats();
    expect(stats).toMatchObject({ messages: 3, frames: 4, invalid: 1, rttMs: 10 });
    expect(stats.clockOffsetMs).toBe(5_000);
    expect(stats.handleMs).toBeGreaterThanOrEqual(0);
    session.stop();
  });
});
