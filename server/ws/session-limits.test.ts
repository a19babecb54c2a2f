import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { encodeMessage, joinFrame } from '../../protocol/codec';
import {
  ServerKind,
  Side,
  ping,
  subscribe,
  unsubscribe,
  type ClientMessage,
  type ErrorMessage,
  type ServerMessage,
} from '../../protocol/messages';
import { Hub } from '../hub/hub';
import { createFakeSource } from '../sources/fake-source';
import { FakeSocket } from './fake-socket';
import { FeedStats } from './feed-stats';
import { Session } from './session';
import type { SessionOptions } from './session-options';

function open(options: Partial<SessionOptions> = {}) {
  const source = createFakeSource();
  const hub = new Hub(source);
  source.start(hub);
  const socket = new FakeSocket();
  const stats = new FeedStats();
  const session = new Session(socket, hub, { heartbeatMs: 60_000, stats, ...options });
  session.start();
  const settle = () => vi.advanceTimersByTime(20);
  const errors = (): ErrorMessage[] =>
    socket.messages().filter((m): m is ErrorMessage => m.kind === ServerKind.error);
  const sendFrame = (messages: ClientMessage[]) =>
    socket.emit('message', Buffer.from(joinFrame(messages.map(encodeMessage))), true);
  return { source, hub, socket, session, stats, settle, errors, sendFrame };
}

const ofKind = (ms: ServerMessage[], kind: number) => ms.filter((m) => m.kind === kind);

describe('session limits', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('refuses subscriptions past the limit with too_many_subscriptions and changes nothing', () => {
    const { source, socket, session, stats, settle, errors } = open({ maxSubscriptions: 3 });
    socket.receive(subscribe(1, 'trades', 'BTC-USD'));
    socket.receive(subscribe(2, 'trades', 'ETH-USD'));
    socket.receive(subscribe(3, 'tickers', null));
    socket.receive(subscribe(4, 'trades', 'AAPL'));
    // Subscribing again to a held stream is not a new subscription.
    socket.receive(subscribe(5, 'trades', 'BTC-USD'));
    settle();
    expect(session.subscriptionCount).toBe(3);
    expect(errors()).toEqual([expect.objectContaining({ code: 'too_many_subscriptions', ref: 4 })]);
    expect(stats.rejections.too_many_subscriptions).toBe(1);
    expect(stats.rejectedMessages).toBe(1);

    const before = socket.messages().length;
    source.emitTrade(3, 150, 1, Side.buy, 10);
    source.emitTrade(1, 100, 1, Side.buy, 11);
    settle();
    const trades = ofKind(socket.messages().slice(before), ServerKind.trade);
    expect(trades.map((t) => (t as { inst: number }).inst)).toEqual([1]);

    // Leaving a stream makes room again.
    socket.receive(unsubscribe(subscribe(6, 'trades', 'ETH-USD')));
    socket.receive(subscribe(7, 'trades', 'AAPL'));
    settle();
    expect(session.subscriptionCount).toBe(3);
    expect(errors()).toHaveLength(1);
  });

  it('refuses frames over the message rate with one rate_limited answer a second', () => {
    // The burst is at least one full frame (64 messages).
    const { socket, stats, settle, errors } = open({ maxMessagesPerSecond: 10, messageBurst: 20 });
    for (let i = 0; i < 74; i++) socket.receive(ping(i, i));
    settle();
    expect(ofKind(socket.messages(), ServerKind.pong)).toHaveLength(64);
    expect(errors().map((e) => e.code)).toEqual(['rate_limited']);
    expect(stats.rejections.rate_limited).toBe(10);
    expect(socket.closedWith).toBeNull();

    // A second later the bucket holds 10 more.
    vi.advanceTimersByTime(1000);
    for (let i = 0; i < 12; i++) socket.receive(ping(100 + i, i));
    settle();
    expect(ofKind(socket.messages(), ServerKind.pong)).toHaveLength(74);
    expect(errors().map((e) => e.code)).toEqual(['rate_limited', 'rate_limited']);
  });

  it('a refused frame is refused whole: none of its subscribes take effect', () => {
    const { session, stats, settle, sendFrame } = open({
      maxMessagesPerSecond: 1,
      messageBurst: 1,
    });
    // The burst is raised to one full frame (64 messages); use it up.
    sendFrame(Array.from({ length: 64 }, (_, i) => ping(i, i)));
    sendFrame([subscribe(1, 'trades', 'BTC-USD'), subscribe(2, 'tickers', null)]);
    settle();
    expect(session.subscriptionCount).toBe(0);
    expect(stats.rejections.rate_limited).toBe(1);
  });

  it('closes a client that stays over the rate (1008); one under it is never closed', () => {
    const flood = open({ maxMessagesPerSecond: 10, messageBurst: 10, floodCloseMs: 3000 });
    const calm = open({ maxMessagesPerSecond: 10, messageBurst: 10, floodCloseMs: 3000 });
    for (let tick = 0; tick < 50 && !flood.socket.closedWith; tick++) {
      for (let i = 0; i < 5; i++) flood.socket.receive(ping(i, i));
      calm.socket.receive(ping(tick, tick));
      vi.advanceTimersByTime(100);
    }
    expect(flood.socket.closedWith).toEqual([1008, 'too many messages']);
    expect(flood.session.closeReason).toEqual({ code: 1008, reason: 'too many messages' });
    expect(flood.stats.rejections.flood_close).toBe(1);
    // Closed after about 3 s of excess, not at the first refusal.
    expect(flood.stats.rejections.rate_limited).toBeGreaterThan(50);
    expect(calm.socket.closedWith).toBeNull();
    expect(calm.stats.rejectedMessages).toBe(0);
  });

  it('a burst followed by quiet is not a flood', () => {
    const { socket, settle } = open({
      maxMessagesPerSecond: 10,
      messageBurst: 10,
      floodCloseMs: 3000,
    });
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 15; i++) socket.receive(ping(i, i));
      vi.advanceTimersByTime(2000);
    }
    settle();
    expect(socket.closedWith).toBeNull();
  });

  it('counts frames ws refuses (too large, protocol errors) but not plain network errors', () => {
    const { socket, stats } = open();
    const tooLarge = Object.assign(new RangeError('Max payload size exceeded'), {
      code: 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH',
    });
    socket.emit('error', tooLarge);
    const other = open();
    other.socket.emit(
      'error',
      Object.assign(new Error('Invalid opcode 5'), { code: 'WS_ERR_INVALID_OPCODE' }),
    );
    const reset = open();
    reset.socket.emit('error', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }));
    expect(stats.rejections.frame_too_large).toBe(1);
    expect(other.stats.rejections.protocol_error).toBe(1);
    expect(Object.values(reset.stats.rejections).every((n) => n === 0)).toBe(true);
    // None of them are client messages.
    expect(stats.rejectedMessages + other.stats.rejectedMessages).toBe(0);
  });
});
