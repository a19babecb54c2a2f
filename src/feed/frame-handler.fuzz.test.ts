/**
 * The worker must survive any byte sequence the socket delivers: FrameHandler.handleFrame never
 * throws, counts what it rejects, and input it rejects changes nothing (a handler that saw the
 * garbage then behaves exactly like one that never saw it).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeMessage, encodeValue, joinFrame } from '../../protocol/codec';
import { accountSnapshot, accountUpdate } from '../../protocol/account-messages';
import {
  bookDelta,
  bookSnapshot,
  candleMessage,
  hello,
  pong,
  streamStatus,
  tickerMessage,
  tradeMessage,
  tradesSnapshot,
  type GatewayMessage,
} from '../../protocol/messages';
import { TEST_ACCOUNT, testTicker } from '../../protocol/test-fixtures';
import { BatchBuilder } from './batch-builder';
import { FrameHandler } from './frame-handler';
import { lookalike, mutate, mutation } from './fuzz-arbitraries';

const RUNS = 300;

/** A handler that records every event it raises. */
function recorded() {
  const events: string[] = [];
  const builder = new BatchBuilder();
  const handler = new FrameHandler(
    builder,
    {
      hello: () => events.push('hello'),
      pong: () => events.push('pong'),
      error: () => events.push('error'),
      resync: (channel, inst) => events.push(`resync ${channel} ${inst}`),
      streamStatus: (channel, inst, live) => events.push(`status ${channel} ${inst} ${live}`),
      snapshot: (channel, inst) => events.push(`snapshot ${channel} ${inst}`),
    },
    () => 1_000_000,
  );
  return { handler, builder, events };
}

const account = (seq: number) => ({ ...TEST_ACCOUNT, seq });
const trade = (id: number) => ({ id, price: 100 + id, size: 1, side: 1 as const, time: id });

/** Streams in place: a book, a tape and the account, each at seq 10. */
const PREFIX: GatewayMessage[] = [
  hello(1, 'v1', 1_000),
  bookSnapshot(1, 10, 20, [100, 1], [101, 1]),
  tradesSnapshot(1, 10, [trade(9), trade(10)]),
  accountSnapshot(account(10), [], [], []),
  tickerMessage(testTicker({ inst: 1, seq: 10 })),
];
/** What follows on each stream. */
const SUFFIX: GatewayMessage[] = [
  bookDelta(1, 11, [100, 0, 99, 3], []),
  tradeMessage(1, trade(11)),
  accountUpdate(account(11), [], [], []),
  tickerMessage(testTicker({ inst: 1, seq: 11, last: 120 })),
  candleMessage(1, 1, 3, { time: 60_000, open: 1, high: 2, low: 1, close: 2, volume: 3 }),
  pong(1, 2, 3),
];
const frameOf = (messages: readonly GatewayMessage[]) => joinFrame(messages.map(encodeMessage));

/**
 * Feeds `garbage` between a valid prefix and suffix and compares with a handler that skipped it.
 * Returns whether the garbage was rejected as a whole (only then must nothing have changed).
 */
function checkGarbage(garbage: unknown): boolean {
  const seen = recorded();
  const clean = recorded();
  for (const { handler } of [seen, clean]) handler.handleFrame(frameOf(PREFIX));
  const before = { invalid: seen.handler.invalid, decoded: seen.handler.decoded };
  const events = seen.events.length;
  let accepted = 0;
  expect(() => {
    accepted = seen.handler.handleFrame(garbage);
  }).not.toThrow();
  const rejected = seen.handler.invalid - before.invalid;
  const decoded = seen.handler.decoded - before.decoded;
  // Every rejected frame or message is counted; a frame that failed to decode counts once.
  expect(rejected).toBeGreaterThanOrEqual(decoded === 0 ? 1 : 0);
  const wholly = accepted === 0 && (decoded === 0 || rejected >= decoded);
  if (!wholly) return false;
  expect(seen.events.length).toBe(events);
  for (const { handler } of [seen, clean]) handler.handleFrame(frameOf(SUFFIX));
  expect(seen.builder.take()).toEqual(clean.builder.take());
  expect(seen.events).toEqual(clean.events);
  return true;
}

/** Valid wire messages with arbitrary numbers in them. */
const int = fc.integer({ min: -5, max: 2 ** 40 });
const levels = fc.array(fc.nat(1_000_000), { maxLength: 8 }).map((a) => a.slice(0, a.length & ~1));
const validMessage: fc.Arbitrary<GatewayMessage> = fc.oneof(
  fc.tuple(int, int).map(([inst, seq]) => tickerMessage(testTicker({ inst, seq }))),
  fc.tuple(int, int, levels, levels).map(([i, s, b, a]) => bookSnapshot(i, s, 20, b, a)),
  fc.tuple(int, int, levels, levels).map(([i, s, b, a]) => bookDelta(i, s, b, a)),
  fc.tuple(int, int).map(([i, s]) => tradeMessage(i, trade(s))),
  fc.tuple(int, int).map(([i, s]) => tradesSnapshot(i, s, [trade(s)])),
  fc.tuple(int, fc.boolean()).map(([i, live]) => streamStatus('book', i, live)),
  int.map((seq) => accountUpdate(account(seq), [], [], [])),
  fc.constant(hello(1, 'v1', 1_000)),
);

describe('FrameHandler fuzz', () => {
  it('survives random bytes, as Uint8Array or ArrayBuffer, and changes nothing', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 256 }), fc.boolean(), (bytes, buffer) => {
        checkGarbage(buffer ? bytes.slice().buffer : bytes);
      }),
      { numRuns: RUNS },
    );
  });

  it('survives frames that are not bytes at all', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        expect(checkGarbage(value)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('survives any MessagePack value, and rejects it whole unless it is a real message', () => {
    fc.assert(
      fc.property(fc.array(fc.anything(), { minLength: 1, maxLength: 4 }), (values) => {
        expect(checkGarbage(joinFrame(values.map(encodeValue)))).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('survives maps that look like messages (real kinds, fields of any type)', () => {
    fc.assert(
      fc.property(fc.array(lookalike, { minLength: 1, maxLength: 3 }), (values) => {
        checkGarbage(joinFrame(values.map(encodeValue)));
      }),
      { numRuns: RUNS },
    );
  });

  it('survives mutated valid frames', () => {
    let wholly = 0;
    fc.assert(
      fc.property(
        fc.array(validMessage, { minLength: 1, maxLength: 4 }),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        (messages, mutations) => {
          if (checkGarbage(mutate(frameOf(messages), mutations))) wholly++;
        },
      ),
      { numRuns: RUNS },
    );
    // The property above must have exercised the "rejected, so nothing changed" branch.
    expect(wholly).toBeGreaterThan(0);
  });
});
