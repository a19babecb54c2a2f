import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { encodeMessage } from '../../protocol/codec';
import { ServerKind, Side, ping, subscribe } from '../../protocol/messages';
import { Hub } from '../hub/hub';
import { createFakeSource } from '../sources/fake-source';
import { FakeSocket } from './fake-socket';
import { Session } from './session';
import type { SessionOptions } from './session-options';
import { FeedStats } from './feed-stats';

describe('Session', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function open(options: Partial<SessionOptions> = {}) {
    const source = createFakeSource();
    const hub = new Hub(source);
    source.start(hub);
    const socket = new FakeSocket();
    const session = new Session(socket, hub, { heartbeatMs: 1000, ...options });
    session.start();
    return { source, hub, socket, session };
  }

  it('joins the messages of one tick into one frame: hello, snapshot, then deltas in order', () => {
    const { source, socket } = open();
    source.emitBook(1, [100, 1], [101, 1], 1, true);
    socket.receive(subscribe(1, 'trades', 'BTC-USD'));
    source.emitTrade(1, 100, 1, Side.buy, 2);
    source.emitTrade(1, 101, 1, Side.buy, 3);
    expect(socket.sent).toHaveLength(0);
    vi.advanceTimersByTime(20);
    expect(socket.sent).toHaveLength(1);
    expect(socket.messages().map((m) => m.kind)).toEqual([
      ServerKind.hello,
      ServerKind.tradesSnapshot,
      ServerKind.trade,
      ServerKind.trade,
    ]);
  });

  it('answers a ping right away with a pong carrying the client time', () => {
    const { socket } = open();
    socket.receive(ping(7, 123.5));
    expect(socket.messages()[1]).toMatchObject({ kind: ServerKind.pong, id: 7, clientTime: 123.5 });
  });

  it('closes a client that stops reading with 1013 "too slow" and unsubscribes it', () => {
    const { source, hub, socket, session } = open({ maxBufferedBytes: 4096 });
    socket.receive(subscribe(1, 'trades', 'BTC-USD'));
    vi.advanceTimersByTime(20);
    socket.bufferedAmount = 5000;
    source.emitTrade(1, 100, 1, Side.buy, 2);
    expect(socket.closedWith).toEqual([1013, 'too slow']);
    expect(session.subscriptionCount).toBe(0);
    expect(hub.instrumentState(1)!.tradesStream.active).toBe(false);
    vi.advanceTimersByTime(2000);
    expect(socket.terminated).toBe(true);
  });

  it('pings every heartbeat and terminates (and counts) a client that missed two pongs', () => {
    const stats = new FeedStats();
    const { socket } = open({ stats });
    vi.advanceTimersByTime(1000);
    expect(socket.pings).toBe(1);
    socket.emit('pong');
    vi.advanceTimersByTime(2000);
    expect(socket.pings).toBe(3);
    expect(socket.terminated).toBe(false);
    expect(stats.heartbeatTimeouts).toBe(0);
    vi.advanceTimersByTime(1000);
    expect(socket.terminated).toBe(true);
    expect(stats.heartbeatTimeouts).toBe(1);
    vi.advanceTimersByTime(5000);
    expect(stats.heartbeatTimeouts).toBe(1);
  });

  it('a Buffer[] or ArrayBuffer message is decoded too', () => {
    const { socket } = open();
    const bytes = encodeMessage(ping(1, 1));
    socket.emit(
      'message',
      [Buffer.from(bytes.subarray(0, 2)), Buffer.from(bytes.subarray(2))],
      true,
    );
    socket.emit('message', bytes.slice().buffer, true);
    vi.advanceTimersByTime(20);
    expect(socket.messages().filter((m) => m.kind === ServerKind.pong)).toHaveLength(2);
  });

  it('refuses frames that pack too many messages', () => {
    const { socket } = open();
    const many = Buffer.concat(Array.from({ length: 65 }, () => encodeMessage(ping(1, 1))));
    socket.emit('message', many, true);
    vi.advanceTimersByTime(20);
    const messages = socket.messages();
    expect(messages.filter((m) => m.kind === ServerKind.pong)).toHaveLength(0);
    expect(messages[1]).toMatchObject({ kind: ServerKind.error, code: 'bad_message' });
  });

  it('JSON mode: one text frame per tick, a JSON array of the same message shapes', () => {
    const { source, socket } = open({ format: 'json' });
    socket.receiveText(JSON.stringify(subscribe(1, 'trades', 'BTC-USD')));
    source.emitTrade(1, 100, 1, Side.buy, 2);
    vi.advanceTimersByTime(20);
    expect(socket.sent).toHaveLength(1);
    expect(socket.binary).toEqual([false]);
    const frame = JSON.parse(socket.sent[0] as string) as unknown[];
    expect(frame.map((m) => (m as { kind: number }).kind)).toEqual([
      ServerKind.hello,
      ServerKind.tradesSnapshot,
      ServerKind.trade,
    ]);
    expect(frame[2]).toEqual({ kind: 31, inst: 1, seq: 1, price: 100, size: 1, side: 1, time: 2 });
  });

  it('JSON mode takes an array of messages in one text frame', () => {
    const { socket } = open({ format: 'json' });
    socket.receiveText(JSON.stringify([ping(1, 1), ping(2, 2)]));
    vi.advanceTimersByTime(20);
    expect(socket.messages().filter((m) => m.kind === ServerKind.pong)).toHaveLength(2);
  });

  it('JSON mode answers bad input with JSON errors and counts them; the session keeps working', () => {
    const stats = new FeedStats();
    const { socket } = open({ format: 'json', stats });
    socket.receiveText('{"kind":');
    socket.receiveText('');
    socket.receiveText(JSON.stringify({ ...subscribe(4, 'book', 'BTC-USD'), depth: 0 }));
    socket.receiveText('[1, {"kind": 7}]');
    socket.receive(ping(1, 1));
    socket.receiveText(JSON.stringify(subscribe(5, 'trades', 'NOPE')));
    socket.receiveText(JSON.stringify(ping(9, 9)));
    vi.advanceTimersByTime(20);
    const errors = socket.messages().filter((m) => m.kind === ServerKind.error);
    expect(errors.map((e) => e.code)).toEqual([
      'decode_error',
      'decode_error',
      'bad_message',
      'bad_message',
      'bad_message',
      'text_only',
      'unknown_symbol',
    ]);
    expect(errors[0]!.message).toContain('malformed JSON');
    expect(errors[2]).toMatchObject({ ref: 4 });
    expect(errors[5]!.message).toContain('text');
    expect(stats.rejectedMessages).toBe(7);
    expect(socket.messages().at(-1)).toMatchObject({ kind: ServerKind.pong, id: 9 });
    expect(socket.sent.every((f) => typeof f === 'string')).toBe(true);
  });

  it('naive baseline: JSON, one frame per message, sent at once without batching', () => {
    const { source, socket } = open({ fanout: 'naive' });
    expect(socket.sent).toHaveLength(1);
    socket.receiveText(JSON.stringify(subscribe(1, 'trades', 'BTC-USD')));
    source.emitTrade(1, 100, 1, Side.buy, 2);
    source.emitTrade(1, 101, 1, Side.buy, 3);
    expect(socket.sent).toHaveLength(4);
    expect(socket.sent.map((f) => JSON.parse(f as string) as { kind: number })).toMatchObject([
      { kind: ServerKind.hello },
      { kind: ServerKind.tradesSnapshot },
      { kind: ServerKind.trade, seq: 1 },
      { kind: ServerKind.trade, seq: 2 },
    ]);
  });

  it('counts frames, messages and bytes sent', () => {
    const stats = new FeedStats();
    const { source, socket } = open({ stats });
    socket.receive(subscribe(1, 'trades', 'BTC-USD'));
    source.emitTrade(1, 100, 1, Side.buy, 2);
    vi.advanceTimersByTime(20);
    expect(stats).toMatchObject({ framesSent: 1, messagesSent: 3 });
    expect(stats.bytesSent).toBe((socket.sent[0] as Uint8Array).byteLength);
  });
});
