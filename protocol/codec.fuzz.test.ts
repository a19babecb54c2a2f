/**
 * The codec under hostile bytes: decodeFrame and decodeValue either return values or throw their
 * own DecodeError, never anything else (a RangeError or TypeError escaping from msgpackr would
 * reach whoever forgot a catch), and what encodeValue writes decodes to the same value.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DecodeError,
  decodeFrame,
  decodeValue,
  encodeMessage,
  encodeValue,
  joinFrame,
} from './codec';
import * as m from './messages';

const RUNS = 500;

/** Calls `decode`; passes when it returns or throws a DecodeError, fails on any other throw. */
function decodesOrRefuses(decode: () => unknown): void {
  try {
    decode();
  } catch (error) {
    expect(error).toBeInstanceOf(DecodeError);
  }
}

const int = fc.integer({ min: 0, max: 2 ** 40 });
const trade = (id: number) => ({ id, price: 100, size: 1, side: m.Side.sell, time: id });
const message: fc.Arbitrary<m.ServerMessage | m.ClientMessage> = fc.oneof(
  fc.tuple(int, int).map(([i, s]) => m.bookDelta(i, s, [i, s], [])),
  fc.tuple(int, int).map(([i, s]) => m.bookSnapshot(i, s, 20, [1, 2], [3, 4])),
  fc.tuple(int, int).map(([i, s]) => m.tradeMessage(i, trade(s))),
  fc.tuple(int, int).map(([i, s]) => m.tradesSnapshot(i, s, [trade(s)])),
  // -0 travels as the integer 0 (MessagePack has no negative zero), so it is left out here.
  fc.tuple(int, fc.double({ noNaN: true })).map(([id, t]) => m.ping(id, Object.is(t, -0) ? 0 : t)),
  fc.string({ maxLength: 40 }).map((text) => m.errorMessage('x', text)),
  fc.constant(m.hello(1, 'v1', 1_000)),
);

/** Overwrites, inserts, deletes or truncates bytes. */
const edit = fc.tuple(fc.constantFrom('set', 'insert', 'delete', 'cut'), fc.nat(), fc.nat(255));
function mutate(bytes: Uint8Array, edits: ReadonlyArray<[string, number, number]>): Uint8Array {
  let out = [...bytes];
  for (const [op, position, byte] of edits) {
    const at = out.length === 0 ? 0 : position % out.length;
    if (op === 'set' && out.length > 0) out[at] = byte;
    else if (op === 'insert') out.splice(at, 0, byte);
    else if (op === 'delete') out.splice(at, 1);
    else if (op === 'cut') out = out.slice(0, at);
  }
  return new Uint8Array(out);
}

describe('decodeFrame fuzz', () => {
  it('returns values or throws DecodeError for random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) => {
        decodesOrRefuses(() => decodeFrame(bytes));
      }),
      { numRuns: RUNS },
    );
  });

  it('returns values or throws DecodeError for mutated valid frames', () => {
    fc.assert(
      fc.property(
        fc.array(message, { minLength: 1, maxLength: 4 }),
        fc.array(edit, { minLength: 1, maxLength: 5 }),
        (messages, edits) => {
          decodesOrRefuses(() =>
            decodeFrame(mutate(joinFrame(messages.map(encodeMessage)), edits)),
          );
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('gives back exactly the messages of an intact frame', () => {
    fc.assert(
      fc.property(fc.array(message, { minLength: 1, maxLength: 4 }), (messages) => {
        expect(decodeFrame(joinFrame(messages.map(encodeMessage)))).toEqual(messages);
      }),
      { numRuns: RUNS },
    );
  });

  it('decodes any plain MessagePack value without a non-DecodeError throw', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        decodesOrRefuses(() => decodeFrame(encodeValue(value)));
      }),
      { numRuns: RUNS },
    );
  });
});

describe('decodeValue fuzz', () => {
  it('returns a value or throws DecodeError for random and mutated bytes', () => {
    fc.assert(
      fc.property(
        fc.jsonValue(),
        fc.array(edit, { maxLength: 5 }),
        fc.uint8Array({ maxLength: 64 }),
        (value, edits, noise) => {
          decodesOrRefuses(() => decodeValue(mutate(encodeValue(value), edits)));
          decodesOrRefuses(() => decodeValue(noise));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('round-trips any JSON value (without "__proto__" keys, see below)', () => {
    const json = fc.jsonValue().filter((v) => !JSON.stringify(v).includes('"__proto__"'));
    fc.assert(
      fc.property(json, (value) => {
        expect(JSON.stringify(decodeValue(encodeValue(value)))).toBe(JSON.stringify(value));
      }),
      { numRuns: RUNS },
    );
  });

  it('never lets a "__proto__" key reach an object prototype (msgpackr renames it)', () => {
    const hostile = JSON.parse('{"__proto__": {"kind": 21, "inst": 1, "seq": 2}}') as unknown;
    for (const decoded of [
      decodeValue(encodeValue(hostile)),
      decodeFrame(encodeValue(hostile))[0],
    ]) {
      expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
      expect((decoded as Record<string, unknown>).kind).toBeUndefined();
    }
    expect(({} as Record<string, unknown>).kind).toBeUndefined();
  });
});
