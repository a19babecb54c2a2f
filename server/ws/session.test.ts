import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { decodeFrame, encodeMessage } from '../../protocol/codec';
import { ServerKind, Side, ping, subscribe, type ServerMessage } from '../../protocol/messages';
import { Hub } from '../hub/hub';
import { createFakeSource } from '../sources/fake-source';
import { Session, type FeedSocket } from './session';

class FakeSocket extends EventEmitter implements FeedSocket {
  readyState = 1;
  bufferedAmount = 0;
  sent: Uint8Array[] = [];
  pings = 0;
  closedWith: [number | undefined, string | undefined] | null = null;
  terminated = false;
  send(data: Uint8Array): void {
    this.sent.push(data);
  }
  ping(): void {
    this.pings++;
  }
  close(code?: number, reason?: string): void {
    this.closedWith = [code, reason];
  }
  terminate(): void {
    this.terminated = true;
  }
  messages(): ServerMessage[] {
    return this.sent.flatMap((f) => decodeFrame(f) as ServerMessage[]);
  }
  receive(message: Parameters<typeof encodeMessage>[0]): void {
    this.emit('message', Buffer.from(encodeMessage(message)), true);
  }
}

describe('Session', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function open(options: { maxBufferedBytes?: number } = {}) {
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

  it('pings every heartbeat and terminates a client that missed two pongs', () => {
    const { socket } = open();
    vi.advanceTimersByTime(1000);
    expect(socket.pings).toBe(1);
    socket.emit('pong');
    vi.advanceTimersByTime(2000);
    expect(socket.pings).toBe(3);
    expect(socket.terminated).toBe(false);
    vi.advanceTimersByTime(1000);
    expect(socket.terminated).toBe(true);
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
});
