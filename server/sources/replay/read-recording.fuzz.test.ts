/**
 * Fuzz of the recording reader: random bytes, flipped, cut and spliced recordings, and records
 * that verify (correct CRC) but carry random or mutated MessagePack. The reader may refuse a file
 * with a RecordingError; anything else escaping is a bug, and whatever it accepts must be a
 * prefix of what was written with well-formed integer events.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeValue, joinFrame } from '../../../protocol/codec';
import { frameRecord, MAGIC, RecordingError } from './framing';
import { parseRecording, type Recording } from './read-recording';
import type { RecordedEvent } from './record-codec';
import { buildRecording, tradeAt } from './test-recording';

const T0 = 1_700_000_000_000;
const RUNS = 300;

const BOOK: RecordedEvent = {
  type: 'book',
  time: T0,
  inst: 1,
  bids: [100, 5, 99, 7],
  asks: [101, 3],
  snapshot: true,
};
const STATUS: RecordedEvent = { type: 'status', time: T0 + 9, inst: 1, live: false };
const BLOCKS: RecordedEvent[][] = [
  [BOOK, tradeAt(T0 + 1, 1), tradeAt(T0 + 2, 2)],
  [STATUS, tradeAt(T0 + 10, 3)],
  [tradeAt(T0 + 11, 4)],
];
const VALID = buildRecording(BLOCKS, [
  {
    inst: 1,
    interval: '1m',
    end: T0,
    candles: [{ time: T0 - 60_000, open: 10, high: 12, low: 9, close: 11, volume: 4 }],
  },
]);
const ALL_EVENTS = BLOCKS.flat();

/** Parses, allowing only a RecordingError as a refusal; anything else thrown fails the test. */
function parseOrRefuse(bytes: Uint8Array): Recording | null {
  try {
    return parseRecording(bytes, 'fuzz');
  } catch (error) {
    if (error instanceof RecordingError) return null;
    throw error;
  }
}

const isSafe = (value: unknown) => Number.isSafeInteger(value);

/** The invariants every accepted recording keeps, whatever the input was. */
function expectWellFormed(recording: Recording, length: number): void {
  expect(recording.validBytes).toBeLessThanOrEqual(length);
  expect(recording.validBytes + (recording.tail?.bytes ?? 0)).toBe(length);
  expect(recording.tornTail).toBe(recording.tail !== null);
  expect(recording.segmentStarts).toHaveLength(recording.segments.length);
  for (const event of recording.events) {
    expect(isSafe(event.time) && isSafe(event.inst)).toBe(true);
    if (event.type === 'book') {
      expect([...event.bids, ...event.asks].every(isSafe)).toBe(true);
      expect((event.bids.length % 2) + (event.asks.length % 2)).toBe(0);
    } else if (event.type === 'trade') {
      expect(isSafe(event.price) && isSafe(event.size)).toBe(true);
      expect([1, 2]).toContain(event.side);
    } else if (event.type === 'stats') {
      const { open24, ...rest } = event.stats;
      expect((open24 === null || isSafe(open24)) && Object.values(rest).every(isSafe)).toBe(true);
    }
  }
}

describe('parseRecording under fuzz', () => {
  it('refuses random bytes with a RecordingError or reads them as a (damaged) recording', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 256 }), fc.boolean(), (random, withMagic) => {
        const bytes = withMagic ? joinFrame([MAGIC, random]) : random;
        const recording = parseOrRefuse(bytes);
        if (recording) expectWellFormed(recording, bytes.byteLength);
      }),
      { numRuns: RUNS },
    );
  });

  it('keeps a prefix of the written events when bytes of a recording are flipped', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), {
          minLength: 1,
          maxLength: 4,
        }),
        (flips) => {
          const bytes = VALID.bytes.slice();
          for (const [at, mask] of flips) {
            const index = at % bytes.byteLength;
            bytes[index] = bytes[index]! ^ mask;
          }
          const recording = parseOrRefuse(bytes);
          if (!recording) return;
          expectWellFormed(recording, bytes.byteLength);
          // CRC32 guards each record: a damaged one and all after it are ignored, never misread.
          expect(recording.events).toEqual(ALL_EVENTS.slice(0, recording.events.length));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('keeps a prefix when a recording is cut and random bytes are spliced in', () => {
    fc.assert(
      fc.property(fc.nat(), fc.uint8Array({ maxLength: 64 }), (cutAt, junk) => {
        const cut = cutAt % (VALID.bytes.byteLength + 1);
        const bytes = joinFrame([VALID.bytes.subarray(0, cut), junk]);
        const recording = parseOrRefuse(bytes);
        if (!recording) return;
        expectWellFormed(recording, bytes.byteLength);
        expect(recording.events).toEqual(ALL_EVENTS.slice(0, recording.events.length));
      }),
      { numRuns: RUNS },
    );
  });

  it('treats verified records with random MessagePack values as malformed, never throwing', () => {
    const header = VALID.bytes.subarray(0, VALID.ends[0]!);
    const value = fc.oneof(
      fc.jsonValue(),
      // Shapes close to real records: a known kind tag with random contents.
      fc.tuple(fc.constantFrom(0, 1, 2, 3, -1), fc.jsonValue()),
      fc.tuple(
        fc.constant(2),
        fc.array(
          fc.array(fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, 1, 2, 3)), {
            maxLength: 7,
          }),
        ),
      ),
      fc.tuple(fc.constant(1), fc.integer(), fc.integer(), fc.integer(), fc.jsonValue()),
    );
    fc.assert(
      fc.property(value, (random) => {
        const bytes = joinFrame([header, frameRecord(encodeValue(random)), VALID.bytes.slice(8)]);
        const recording = parseOrRefuse(bytes);
        // The header record is intact: the recording is always readable.
        expect(recording).not.toBeNull();
        expectWellFormed(recording!, bytes.byteLength);
      }),
      { numRuns: RUNS },
    );
  });

  it('reads mutated event records (valid CRC) only as well-formed integer events', () => {
    const header = VALID.bytes.subarray(0, VALID.ends[0]!);
    const field = fc.oneof(
      fc.integer(),
      fc.constantFrom(
        Number.MAX_SAFE_INTEGER,
        -Number.MAX_SAFE_INTEGER,
        Number.MAX_SAFE_INTEGER + 2,
      ),
      fc.double(),
      fc.string({ maxLength: 3 }),
      fc.constant(null),
      fc.array(fc.integer(), { maxLength: 5 }),
    );
    const event = fc.oneof(
      fc.tuple(fc.constant(1), field, field, field, field, field),
      fc.tuple(fc.constant(2), field, field, field, field, field),
      fc.tuple(fc.constant(3), field, field, field),
    );
    fc.assert(
      fc.property(fc.array(event, { maxLength: 4 }), (events) => {
        const bytes = joinFrame([header, frameRecord(encodeValue([2, ...events]))]);
        const recording = parseOrRefuse(bytes);
        expect(recording).not.toBeNull();
        expectWellFormed(recording!, bytes.byteLength);
      }),
      { numRuns: RUNS },
    );
  });

  // Known bug (see the #7 chaos/fuzz report): decodeEvents adds time deltas without checking the
  // sum, so two verified deltas of 2^53 - 1 give an event time past Number.MAX_SAFE_INTEGER.
  // Flip to `it` once record-codec.ts checks the running time.
  it('keeps event times safe integers whatever the deltas add up to', () => {
    const header = VALID.bytes.subarray(0, VALID.ends[0]!);
    const delta = fc.oneof(
      fc.integer(),
      fc.constantFrom(Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER),
    );
    const trade = fc.tuple(
      fc.constant(2),
      delta,
      fc.constant(1),
      fc.constant(100),
      fc.constant(1),
      fc.constant(1),
    );
    fc.assert(
      fc.property(fc.array(trade, { minLength: 1, maxLength: 4 }), (events) => {
        const bytes = joinFrame([header, frameRecord(encodeValue([2, ...events]))]);
        const recording = parseOrRefuse(bytes);
        expectWellFormed(recording!, bytes.byteLength);
      }),
      { numRuns: RUNS },
    );
  });
});
