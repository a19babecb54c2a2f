/**
 * Fuzz of a gateway session's input path: random bytes (binary and text frames), random
 * MessagePack values, random message-like records and byte mutations of valid requests go into
 * a real Session on a real hub through the socket's `message` event. No exception may escape,
 * the session stays open, an input that was refused changes no subscription, and afterwards the
 * session still answers pings and delivers its streams.
 */
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { decodeFrame, encodeMessage, encodeValue } from '../../protocol/codec';
import {
  CHANNELS,
  ServerKind,
  Side,
  ping,
  subscribe,
  unsubscribe,
  type ClientMessage,
} from '../../protocol/messages';
import { Hub } from '../hub/hub';
import { createFakeSource } from '../sources/fake-source';
import { FakeSocket } from './fake-socket';
import { FeedStats } from './feed-stats';
import { Session } from './session';

const RUNS = 200;

interface Input {
  data: Uint8Array;
  binary: boolean;
}

const VALID: ClientMessage[] = [
  subscribe(1, 'trades', 'ETH-USD'),
  subscribe(2, 'book', 'AAPL', { depth: 20 }),
  subscribe(3, 'candles', 'BTC-USD', { interval: '5m' }),
  unsubscribe(subscribe(4, 'trades', 'BTC-USD')),
  subscribe(5, 'tickers', null),
  ping(6, 1234.5),
];

const randomBytes = fc
  .record({ data: fc.uint8Array({ maxLength: 300 }), binary: fc.boolean() })
  .map((input): Input => input);

const plainValue = fc.anything({ maxDepth: 3 }).chain((value) => {
  try {
    return fc.constant<Input>({ data: encodeValue(value), binary: true });
  } catch {
    return fc.constant<Input>({ data: new Uint8Array([0xc1]), binary: true });
  }
});

const field = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 40 }),
  fc.constant(null),
  fc.boolean(),
  fc.constantFrom<unknown>(...CHANNELS, 'BTC-USD', 'NOPE', '1m', '7m', 0, 101, -1, 2 ** 53),
);
const messageLike = fc
  .record(
    {
      kind: fc.oneof(fc.constantFrom(100, 101, 102), field),
      ref: field,
      id: field,
      clientTime: field,
      channel: fc.oneof(fc.constantFrom(...CHANNELS), field),
      symbol: fc.oneof(fc.constantFrom('BTC-USD', 'ETH-USD', 'AAPL', 'NOPE'), field),
      depth: field,
      interval: field,
    },
    { requiredKeys: [] },
  )
  .map((record): Input => ({ data: encodeValue(record), binary: true }));

const mutated = fc
  .record({
    message: fc.constantFrom(...VALID),
    edits: fc.array(
      fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }), op: fc.nat(2) }),
      { minLength: 1, maxLength: 4 },
    ),
  })
  .map(({ message, edits }): Input => {
    const bytes = [...encodeMessage(message)];
    for (const { at, byte, op } of edits) {
      const i = at % (bytes.length + 1);
      if (op === 0) bytes[Math.min(i, bytes.length - 1)] = byte;
      else if (op === 1) bytes.splice(i, 0, byte);
      else bytes.splice(i, 1);
    }
    return { data: new Uint8Array(bytes), binary: true };
  });

const input = fc.oneof(randomBytes, plainValue, messageLike, mutated);

/** How many values a binary frame decodes to (0 when it does not decode). */
function valueCount({ data, binary }: Input): number {
  if (!binary) return 0;
  try {
    return decodeFrame(data).length;
  } catch {
    return 0;
  }
}

describe('session input fuzz', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('survives any input; refused input changes no subscription', () => {
    fc.assert(
      fc.property(fc.array(input, { minLength: 1, maxLength: 25 }), (inputs) => {
        const source = createFakeSource();
        const hub = new Hub(source);
        source.start(hub);
        const socket = new FakeSocket();
        const stats = new FeedStats();
        const session = new Session(socket, hub, {
          heartbeatMs: 60_000,
          stats,
          maxMessagesPerSecond: 1_000_000,
        });
        session.start();
        socket.receive(subscribe(90, 'trades', 'BTC-USD'));
        for (const item of inputs) {
          const before = session.streams;
          const rejected = stats.rejectedMessages;
          socket.emit('message', Buffer.from(item.data), item.binary);
          if (stats.rejectedMessages > rejected && valueCount(item) <= 1) {
            expect(session.streams).toEqual(before);
          }
        }
        expect(socket.closedWith).toBeNull();
        // Still serving: a ping is answered and a subscribed stream delivers.
        socket.receive(subscribe(91, 'trades', 'BTC-USD'));
        socket.receive(ping(77, 1));
        source.emitTrade(1, 100, 1, Side.buy, 5);
        vi.advanceTimersByTime(20);
        const messages = socket.messages();
        expect(messages).toContainEqual(expect.objectContaining({ kind: ServerKind.pong, id: 77 }));
        expect(messages.at(-1)).toMatchObject({ kind: ServerKind.trade, inst: 1 });
        socket.emit('close');
        expect(session.streams).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it('counts every refused message and answers it', () => {
    fc.assert(
      fc.property(fc.array(randomBytes, { minLength: 1, maxLength: 20 }), (inputs) => {
        const hub = new Hub(createFakeSource());
        const socket = new FakeSocket();
        const stats = new FeedStats();
        const session = new Session(socket, hub, {
          heartbeatMs: 60_000,
          stats,
          maxMessagesPerSecond: 1_000_000,
        });
        session.start();
        for (const item of inputs) socket.emit('message', Buffer.from(item.data), item.binary);
        vi.advanceTimersByTime(20);
        const errors = socket.messages().filter((m) => m.kind === ServerKind.error);
        expect(errors.length).toBe(stats.rejectedMessages);
        socket.emit('close');
      }),
      { numRuns: RUNS },
    );
  });
});
