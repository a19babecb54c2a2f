/**
 * The guards under arbitrary input: checkClientMessage, checkServerMessage and checkAccountMessage
 * never throw, always answer with a reason when they refuse, and accept only values that survive
 * the wire unchanged (accepted ⇒ encodes and decodes to the same value), so nothing accepted
 * depends on a JavaScript-only quirk (undefined, NaN, a function, a prototype trick).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeFrame, encodeMessage } from './codec';
import {
  checkAccountMessage,
  checkClientMessage,
  checkServerMessage,
  type Checked,
} from './guards';
import { accountMark, accountSnapshot, accountUpdate } from './account-messages';
import * as m from './messages';
import { CHANNELS, ClientKind, ServerKind } from './messages';
import { TEST_ACCOUNT, TEST_FILL, TEST_ORDER, TEST_POSITION, testTicker } from './test-fixtures';

const RUNS = 1_000;

type Guard = (value: unknown) => Checked<unknown>;
const GUARDS: ReadonlyArray<[string, Guard]> = [
  ['checkClientMessage', checkClientMessage],
  ['checkServerMessage', checkServerMessage],
  ['checkAccountMessage', checkAccountMessage],
];

/** Field values that are sometimes right and often subtly wrong. */
const fieldValue = fc.oneof(
  fc.anything({ maxDepth: 2 }),
  fc.integer(),
  fc.constantFrom(0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, null, undefined, ''),
  fc.constantFrom(...CHANNELS, '1m', '5m', 'BTC-USD', 'bad symbol!', 'x'.repeat(40)),
  fc.array(fc.integer({ min: 0, max: 1_000 }), { maxLength: 6 }),
  fc.constantFrom(TEST_ACCOUNT, [TEST_ORDER], [TEST_FILL], [TEST_POSITION], [], [{}]),
);
const FIELDS = [
  'ref',
  'channel',
  'symbol',
  'depth',
  'interval',
  'id',
  'clientTime',
  'inst',
  'seq',
  'bids',
  'asks',
  'tickers',
  'trades',
  'account',
  'orders',
  'fills',
  'positions',
];
const KINDS = [...Object.values(ServerKind), ...Object.values(ClientKind), 0, 999];
/** Maps with a known (or nearly known) kind and any mix of the fields guards look at. */
const lookalike = fc
  .tuple(fc.constantFrom(...KINDS), fc.dictionary(fc.constantFrom(...FIELDS), fieldValue))
  .map(([kind, fields]) => ({ ...fields, kind }));
/** Well-formed messages of every kind, as the gateway and the app build them. */
const VALID: ReadonlyArray<Record<string, unknown>> = [
  m.subscribe(1, 'book', 'BTC-USD', { depth: 20 }),
  m.subscribe(2, 'candles', 'ETH-USD', { interval: '5m' }),
  m.subscribe(3, 'tickers', null),
  m.subscribe(4, 'account', null),
  m.unsubscribe(m.subscribe(5, 'trades', 'BTC-USD')),
  m.ping(6, 1_700_000_000_000),
  m.hello(1, 'v1', 1_000),
  m.pong(1, 2, 3),
  m.errorMessage('bad_request', 'nope', 3),
  m.tickerSnapshot([testTicker({ inst: 1 })]),
  m.tickerMessage(testTicker({ inst: 1 })),
  m.bookSnapshot(1, 2, 20, [100, 1], [101, 1]),
  m.bookDelta(1, 3, [100, 0], []),
  m.tradesSnapshot(1, 4, [{ id: 4, price: 1, size: 1, side: m.Side.buy, time: 4 }]),
  m.tradeMessage(1, { id: 5, price: 1, size: 1, side: m.Side.sell, time: 5 }),
  m.streamStatus('book', 1, false),
  accountSnapshot(TEST_ACCOUNT, [TEST_ORDER], [TEST_POSITION], [TEST_FILL]),
  accountUpdate(TEST_ACCOUNT, [TEST_ORDER], [TEST_FILL], [TEST_POSITION]),
  accountMark(TEST_ACCOUNT, [TEST_POSITION]),
].map((message) => ({ ...message }));
/** A valid message with a few fields replaced by odd values or removed: the guards' borderline. */
const nearValid = fc
  .tuple(
    fc.constantFrom(...VALID),
    fc.array(fc.tuple(fc.constantFrom(...FIELDS, 'kind'), fc.option(fieldValue)), { maxLength: 2 }),
  )
  .map(([base, edits]) => {
    const value: Record<string, unknown> = { ...base };
    for (const [field, replacement] of edits) {
      if (replacement === null) delete value[field];
      else value[field] = replacement;
    }
    return value;
  });
/** True when a "__proto__" own key hides anywhere inside: msgpackr renames it on decode. */
function hasProtoKey(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (Object.prototype.hasOwnProperty.call(value, '__proto__')) return true;
  return Object.values(value).some(hasProtoKey);
}
// Without "__proto__" keys: those are renamed on the wire by design (see codec.fuzz.test.ts).
const input = fc
  .oneof(fc.anything(), lookalike, nearValid, nearValid)
  .filter((value) => !hasProtoKey(value));

/** A deep copy of plain data (what the generators make), to compare against after the guards ran. */
function deepCopy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(deepCopy);
  if (typeof value !== 'object' || value === null) return value;
  const copy: Record<string, unknown> = {};
  // defineProperty, not assignment: an own "__proto__" key must stay an own key in the copy.
  for (const [key, field] of Object.entries(value)) {
    Object.defineProperty(copy, key, {
      value: deepCopy(field),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return copy;
}

/** The guard's verdict, asserting it did not throw and explains every refusal. */
function verdict(guard: Guard, value: unknown): Checked<unknown> {
  let result: Checked<unknown> | undefined;
  expect(() => {
    result = guard(value);
  }).not.toThrow();
  if (!result!.ok) expect(result!.error).toMatch(/\S/);
  return result!;
}

describe('guards fuzz', () => {
  for (const [name, guard] of GUARDS) {
    it(`${name} never throws and accepts only values that cross the wire unchanged`, () => {
      let accepted = 0;
      fc.assert(
        fc.property(input, (value) => {
          const result = verdict(guard, value);
          if (!result.ok) return;
          accepted++;
          const bytes = encodeMessage(result.value as Parameters<typeof encodeMessage>[0]);
          expect(decodeFrame(bytes)).toEqual([result.value]);
        }),
        { numRuns: RUNS },
      );
      // The generators must reach the accepting branch, or the property says nothing.
      expect(accepted).toBeGreaterThan(0);
    });
  }

  it('a refused value is left as it was (guards do not repair input in place)', () => {
    fc.assert(
      fc.property(lookalike, (value) => {
        const before = deepCopy(value);
        for (const [, guard] of GUARDS) verdict(guard, value);
        expect(value).toEqual(before);
      }),
      { numRuns: RUNS },
    );
  });
});
