/**
 * Fuzz of the Binance message path through the real source: frames go over a loopback WebSocket
 * from the fake Binance into the adapter's handler and its book sync, recorded by a
 * RecordingSink. An escaping exception would crash the socket handler (vitest reports it); an
 * unreadable frame must be counted and change nothing; the book only holds on-grid integers;
 * the adapter keeps trading after the storm.
 */
import fc from 'fast-check';
import { jsonMutation, mutateJson, type Json } from '../exchange/json-mutation';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Side } from '../../../protocol/messages';
import { BASE_SNAPSHOT, depthEvent, levels, tradeEvent } from './binance-fixtures';
import { startHarness, type Harness } from './binance-harness';
import { parseStreamMessage } from './binance-messages';

const RUNS = 120;
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ symbols: ['BTCUSDT', 'HALFUSDT'] });
}, 30_000);
afterAll(async () => {
  await h.close();
});

const decimalText = fc.oneof(
  fc.stringMatching(/^-?\d{0,7}(\.\d{0,10})?([eE][+-]?\d{1,3})?$/),
  fc.constantFrom('0', '0.00000000', '-1', '1e2', 'NaN', ' 1', '0x10', '64000.005'),
);

const mutation = jsonMutation(decimalText);

function snapshotOfSink() {
  return {
    books: [1, 2].map((inst) => h.book(inst)),
    events: h.sink.events.length,
    stats: { ...h.source.stats },
  };
}

/** Every level the sink holds is a positive integer on its instrument's grid. */
function expectOnGrid(): void {
  for (const [inst, book] of h.sink.books) {
    const { tick, lot } = h.source.instruments().find((i) => i.id === inst)!;
    for (const [price, size] of [...book.bids, ...book.asks]) {
      expect(Number.isSafeInteger(price) && price > 0 && price % tick === 0).toBe(true);
      expect(Number.isSafeInteger(size) && size > 0 && size % lot === 0).toBe(true);
    }
  }
}

/** Sends the frames; when none of them is readable, only `malformed` may move. */
async function deliver(texts: string[]): Promise<void> {
  const before = snapshotOfSink();
  await h.send(...texts);
  const unreadable = texts.filter((t) => parseStreamMessage(t).kind === 'malformed').length;
  if (unreadable === texts.length) {
    const after = snapshotOfSink();
    expect(after.stats).toEqual({
      ...before.stats,
      malformed: before.stats.malformed + unreadable,
    });
    expect(after.events).toBe(before.events);
    expect(after.books).toEqual(before.books);
  }
  expectOnGrid();
}

describe('Binance source under fuzz', () => {
  it('starts from a synced BTCUSDT book', async () => {
    await h.send(depthEvent(101, 101, [], []));
    await h.sync(BASE_SNAPSHOT);
    expect(h.book(1).bids).toHaveLength(6);
  });

  it('counts unreadable frames and leaves books and trades alone', async () => {
    const randomText = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.json({ maxDepth: 3 }),
      fc
        .record({
          stream: fc.oneof(fc.constant('btcusdt@depth@100ms'), fc.string()),
          data: fc.jsonValue({ maxDepth: 3 }),
        })
        .map((v) => JSON.stringify(v)),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(randomText, { minLength: 1, maxLength: 4 }), async (texts) => {
        // Random JSON may happen to be an acknowledgement ({result, id}): skip those.
        fc.pre(texts.every((t) => parseStreamMessage(t).kind === 'malformed'));
        await deliver(texts);
      }),
      { numRuns: RUNS },
    );
  });

  it('survives mutated depth and trade events, then still trades', async () => {
    let nextId = 102;
    const frame = fc.oneof(
      fc.constant('depth' as const),
      fc.constant('trade' as const),
      fc.constant('half' as const),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(frame, fc.array(mutation, { minLength: 1, maxLength: 3 })), {
          minLength: 1,
          maxLength: 4,
        }),
        async (cases) => {
          const texts = cases.map(([kind, mutations]) => {
            let raw: unknown;
            if (kind === 'depth') {
              raw = depthEvent(
                nextId,
                nextId++,
                levels(['63999.00', '1.00000']),
                levels(['64000.05', '0.50000']),
              );
            } else if (kind === 'half') {
              raw = depthEvent(1, 2, levels(['10.50', '4.00000000']), [], 'HALFUSDT');
            } else {
              raw = tradeEvent('64000.01', '0.01000', false, 1_700_000_000_500);
            }
            let value = JSON.parse(JSON.stringify(raw)) as Json;
            for (const m of mutations) value = mutateJson(value, m);
            return JSON.stringify(value);
          });
          await deliver(texts);
        },
      ),
      { numRuns: RUNS },
    );
    // The adapter is not wedged: a well-formed trade still reaches the sink exactly.
    const trades = h.sink.trades;
    await h.send(tradeEvent('64000.02', '0.02000', true, 1_700_000_009_999));
    expect(h.sink.trades).toBe(trades + 1);
    expect(h.sink.events.at(-1)).toEqual({
      type: 'trade',
      inst: 1,
      price: 6_400_002,
      size: 2_000,
      side: Side.sell,
      time: 1_700_000_009_999,
    });
  }, 60_000);
});
