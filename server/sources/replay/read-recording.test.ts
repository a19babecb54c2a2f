import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeValue } from '../../../protocol/codec';
import { frameRecord, MAGIC, RecordingError } from './framing';
import { parseRecording, readRecording } from './read-recording';
import type { RecordedEvent } from './record-codec';
import { buildRecording, tempDir, tradeAt, writeTemp } from './test-recording';

const T0 = 1_700_000_000_000;

function blocksOf(sizes: readonly number[]): RecordedEvent[][] {
  let n = 0;
  return sizes.map((size) =>
    Array.from({ length: size }, () => {
      n += 1;
      return tradeAt(T0 + n * 250, n);
    }),
  );
}

function concat(...parts: Uint8Array[]): Uint8Array {
  return Uint8Array.from(parts.flatMap((p) => [...p]));
}

describe('readRecording', () => {
  const temp = tempDir();
  afterAll(() => temp.remove());

  it('reads back header, history and events with their times and sides', () => {
    const book: RecordedEvent = {
      type: 'book',
      time: T0,
      inst: 1,
      bids: [100, 5, 99, 7],
      asks: [101, 3],
      snapshot: true,
    };
    const status: RecordedEvent = { type: 'status', time: T0 + 5, inst: 1, live: false };
    const candles = [
      { time: T0 - 120_000 - (T0 % 60_000), open: 10, high: 12, low: 9, close: 11, volume: 4 },
      { time: T0 - 60_000 - (T0 % 60_000), open: 11, high: 11, low: 7, close: 8, volume: 0 },
    ];
    const { bytes } = buildRecording(
      [[book, tradeAt(T0 + 1, 2)], [status]],
      [{ inst: 1, interval: '1m', end: T0, candles }],
    );
    const recording = parseRecording(bytes);
    expect(recording.header.source).toBe('test');
    expect(recording.header.instruments.map((i) => i.symbol)).toEqual(['TST-USD']);
    expect(recording.history).toEqual([{ inst: 1, interval: '1m', end: T0, candles }]);
    expect(recording.events).toEqual([book, tradeAt(T0 + 1, 2), status]);
    expect(recording.tornTail).toBe(false);
    expect(recording.validBytes).toBe(bytes.byteLength);
  });

  it('keeps every record before a cut and nothing after, wherever the file is cut', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 6 }),
        fc.nat(),
        (sizes, seed) => {
          const blocks = blocksOf(sizes);
          const { bytes, ends, counts } = buildRecording(blocks);
          // Anywhere after the header record (a cut inside it leaves no recording at all).
          const cut = ends[0]! + (seed % (bytes.byteLength - ends[0]! + 1));
          const recording = parseRecording(bytes.subarray(0, cut));
          const complete = ends.filter((end) => end <= cut).length;
          const expected = counts.slice(0, complete).reduce((a, b) => a + b, 0);
          expect(recording.events).toEqual(blocks.flat().slice(0, expected));
          const atBoundary = ends.includes(cut);
          expect(recording.tornTail).toBe(!atBoundary);
          expect(recording.validBytes).toBe(ends[complete - 1]);
          if (!atBoundary) expect(recording.tail).toMatchObject({ reason: 'torn' });
        },
      ),
    );
  });

  it('stops at a record whose checksum fails and ignores everything after it', () => {
    const blocks = blocksOf([2, 2, 2]);
    const { bytes, ends } = buildRecording(blocks);
    const damaged = bytes.slice();
    damaged[ends[1]! + 12] = damaged[ends[1]! + 12]! ^ 0xff; // a payload byte of the third record
    const recording = parseRecording(damaged);
    expect(recording.events).toEqual(blocks[0]);
    expect(recording.tail).toEqual({
      reason: 'checksum',
      offset: ends[1],
      bytes: bytes.byteLength - ends[1]!,
    });
  });

  it('treats a zero-filled tail (data that never reached the disk) as damage after the last record', () => {
    const blocks = blocksOf([3]);
    const { bytes } = buildRecording(blocks);
    const recording = parseRecording(concat(bytes, new Uint8Array(64)));
    expect(recording.events).toEqual(blocks[0]);
    expect(recording.tail).toMatchObject({ reason: 'checksum', offset: bytes.byteLength });
  });

  it('stops at a verified record that is not a known record shape, skips unknown kinds', () => {
    const blocks = blocksOf([1, 1]);
    const { bytes } = buildRecording(blocks);
    const unknown = frameRecord(encodeValue([99, 'from a later version']));
    const badEvent = frameRecord(encodeValue([2, [2, 0, 1, 100, 1, 3]])); // side 3
    const recording = parseRecording(concat(bytes, unknown, badEvent, bytes.subarray(8)));
    expect(recording.events).toEqual(blocks.flat());
    expect(recording.tail).toMatchObject({
      reason: 'malformed',
      offset: bytes.byteLength + unknown.byteLength,
    });
  });

  it('rejects input that is not a recording with a clear error', () => {
    const header = buildRecording([]).bytes;
    expect(() => parseRecording(new Uint8Array(0))).toThrow(/empty, not a recording/);
    expect(() => parseRecording(new TextEncoder().encode('{"not":"a recording"}'))).toThrow(
      /not a Quotedeck recording \(bad magic\)/,
    );
    expect(() => parseRecording(MAGIC.subarray(0, 5))).toThrow(/bad magic/);
    expect(() => parseRecording(MAGIC)).toThrow(/no complete header \(no records\)/);
    expect(() => parseRecording(header.subarray(0, header.byteLength - 1))).toThrow(
      /no complete header \(torn record at byte 8\)/,
    );
    // Verified framing but the first record is events, not a header.
    const noHeader = concat(MAGIC, frameRecord(encodeValue([2, [2, 0, 1, 100, 1, 1]])));
    expect(() => parseRecording(noHeader)).toThrow(RecordingError);
    const badHeader = concat(MAGIC, frameRecord(encodeValue([0, { format: 1 }])));
    // A record that verifies but is not MessagePack at all.
    const notMsgpack = concat(MAGIC, frameRecord(Uint8Array.from([0x92, 0x01])));
    expect(() => parseRecording(notMsgpack)).toThrow(/malformed record at byte 8/);
    expect(() => parseRecording(badHeader)).toThrow(/malformed record at byte 8/);
  });

  it('names the file in errors, including a missing one', () => {
    const path = writeTemp(temp.dir, 'garbage.bin', new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9]));
    expect(() => readRecording(path)).toThrow(`${path} is not a Quotedeck recording`);
    expect(() => readRecording(temp.file('missing.qdrec'))).toThrow(/cannot read recording/);
  });
});
