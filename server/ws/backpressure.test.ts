import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ServerKind,
  Side,
  subscribe,
  unsubscribe,
  type ServerMessage,
} from '../../protocol/messages';
import { Hub } from '../hub/hub';
import { createFakeSource } from '../sources/fake-source';
import { FakeSocket } from './fake-socket';
import { FeedStats } from './feed-stats';
import { Session } from './session';

const SOFT = 1000;

function open() {
  const source = createFakeSource();
  const hub = new Hub(source);
  source.start(hub);
  const socket = new FakeSocket();
  const stats = new FeedStats();
  const session = new Session(socket, hub, {
    heartbeatMs: 60_000,
    softBufferedBytes: SOFT,
    maxBufferedBytes: 1_000_000,
    maxLagMs: 10_000,
    stats,
  });
  session.start();
  // The client's requests and the answers to them, as if it read everything so far.
  const settle = () => vi.advanceTimersByTime(20);
  const newMessages = (from: number): ServerMessage[] => socket.messages().slice(from);
  return { source, hub, socket, session, stats, settle, newMessages };
}

const trades = (ms: ServerMessage[]) => ms.filter((m) => m.kind === ServerKind.trade);

describe('backpressure by bytes', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('past the soft bound the client is conflated: nothing more is queued for it', () => {
    const { source, socket, session, stats, settle, newMessages } = open();
    socket.receive(subscribe(1, 'trades', 'BTC-USD'));
    settle();
    const before = socket.messages().length;
    socket.bufferedAmount = SOFT + 1;
    source.emitTrade(1, 100, 1, Side.buy, 1);
    expect(session.conflating).toBe(true);
    expect(stats.conflations).toBe(1);
    for (let i = 0; i < 50; i++) source.emitTrade(1, 101 + i, 1, Side.sell, 2 + i);
    settle();
    // Only the trade queued before the bound was crossed leaves; the 50 after it are not kept.
    expect(trades(newMessages(before)).map((m) => m.seq)).toEqual([1]);
    expect(socket.closedWith).toBeNull();
    // …and each of them is counted as dropped.
    expect(stats.droppedMessages).toEqual({ conflated: 50, closed: 0 });
  });

  it('messages still queued when a client is dropped count as dropped on close', () => {
    const { source, socket, stats, settle } = open();
    socket.receive(subscribe(1, 'trades', 'BTC-USD'));
    settle();
    // Three trades queue for the next batch tick; the client goes before it comes.
    for (let i = 0; i < 3; i++) source.emitTrade(1, 100 + i, 1, Side.buy, 1 + i);
    socket.emit('close');
    expect(stats.droppedMessages).toEqual({ conflated: 0, closed: 3 });
  });

  it('after draining, each skipped stream gets a fresh snapshot carrying the newest state', () => {
    const { source, hub, socket, session, settle, newMessages } = open();
    source.emitBook(1, [100, 1], [101, 1], 1, true);
    socket.receive(subscribe(1, 'trades', 'BTC-USD'));
    socket.receive(subscribe(2, 'book', 'BTC-USD', { depth: 10 }));
    socket.receive(subscribe(3, 'trades', 'ETH-USD'));
    settle();
    socket.bufferedAmount = SOFT * 2;
    for (let i = 0; i < 30; i++) {
      source.emitTrade(1, 100 + i, 1, Side.buy, 2 + i);
      source.emitBook(1, [100, i + 1], [], 2 + i);
    }
    settle();
    const before = socket.messages().length;
    // Still behind: no snapshot yet.
    vi.advanceTimersByTime(100);
    expect(newMessages(before)).toEqual([]);

    socket.bufferedAmount = 0;
    vi.advanceTimersByTime(50);
    expect(session.conflating).toBe(false);
    const fresh = newMessages(before);
    const tape = fresh.find((m) => m.kind === ServerKind.tradesSnapshot);
    const book = fresh.find((m) => m.kind === ServerKind.bookSnapshot);
    expect(tape).toMatchObject({ inst: 1, seq: 30 });
    expect(tape?.kind === ServerKind.tradesSnapshot && tape.trades.at(-1)?.price).toBe(129);
    const newest = hub.bookView(1, 10);
    expect(book).toMatchObject({ inst: 1, seq: newest.seq, bids: newest.bids, asks: newest.asks });
    expect(newest.bids.slice(0, 2)).toEqual([100, 30]);
    // ETH-USD published nothing while the client was behind, so it needs no snapshot.
    expect(fresh.filter((m) => m.kind === ServerKind.tradesSnapshot)).toHaveLength(1);

    // Live again: the next print follows the snapshot's sequence.
    source.emitTrade(1, 500, 1, Side.buy, 100);
    settle();
    expect(trades(newMessages(before)).map((m) => m.seq)).toEqual([31]);
  });

  it('a stream the client left while behind is not re-subscribed', () => {
    const { source, hub, socket, settle, newMessages } = open();
    socket.receive(subscribe(1, 'trades', 'BTC-USD'));
    settle();
    socket.bufferedAmount = SOFT + 1;
    source.emitTrade(1, 100, 1, Side.buy, 1);
    source.emitTrade(1, 100, 1, Side.buy, 2);
    socket.receive(unsubscribe(subscribe(1, 'trades', 'BTC-USD')));
    const before = socket.messages().length;
    socket.bufferedAmount = 0;
    vi.advanceTimersByTime(100);
    expect(newMessages(before).filter((m) => m.kind === ServerKind.tradesSnapshot)).toEqual([]);
    expect(hub.instrumentState(1)!.tradesStream.active).toBe(false);
  });

  it('a client that stays behind past the lag limit is closed with 1013 "too slow"', () => {
    const { source, hub, socket, session, stats, settle } = open();
    socket.receive(subscribe(1, 'trades', 'BTC-USD'));
    settle();
    socket.bufferedAmount = SOFT * 10;
    source.emitTrade(1, 100, 1, Side.buy, 1);
    vi.advanceTimersByTime(9_000);
    expect(socket.closedWith).toBeNull();
    vi.advanceTimersByTime(1_100);
    expect(socket.closedWith).toEqual([1013, 'too slow']);
    expect(stats.slowCloses).toBe(1);
    expect(session.subscriptionCount).toBe(0);
    expect(hub.instrumentState(1)!.tradesStream.active).toBe(false);
  });

  it('a client that catches up in time is never closed, and can be conflated again', () => {
    const { source, socket, stats, settle } = open();
    socket.receive(subscribe(1, 'trades', 'BTC-USD'));
    settle();
    for (let round = 0; round < 3; round++) {
      socket.bufferedAmount = SOFT + 1;
      source.emitTrade(1, 100, 1, Side.buy, 1 + round);
      vi.advanceTimersByTime(8_000);
      socket.bufferedAmount = 0;
      vi.advanceTimersByTime(100);
    }
    expect(stats.conflations).toBe(3);
    expect(socket.closedWith).toBeNull();
  });
});
