/**
 * Fuzz of the Coinbase message path: random text, random JSON and mutations of well-formed
 * level2 / market_trades / heartbeat frames go through CoinbaseFeed.message (the handler the
 * socket calls) into a RecordingSink. No exception may escape, a frame that cannot be read is
 * counted and changes nothing, the book only ever holds on-grid integer levels, and a fresh
 * snapshot always brings the book back exactly.
 */
import fc from 'fast-check';
import { jsonMutation, mutateJson, type Json } from '../exchange/json-mutation';
import { describe, expect, it } from 'vitest';
import type { Instrument } from '../../../protocol/instruments';
import { newExchangeStats, type ExchangeStats } from '../exchange/exchange-stats';
import { mirrorFlat, RecordingSink } from '../recording-sink';
import { CoinbaseFeed } from './coinbase-feed';
import { parseProduct, toInstrument } from './coinbase-instruments';
import { parseFrame } from './coinbase-messages';
import { PRODUCTS } from './fake-coinbase';

const RUNS = 300;
const NOW = 1_714_564_800_000;

function instrument(id: number, product: unknown): Instrument {
  const parsed = parseProduct(product);
  if (!parsed) throw new Error('fixture product does not parse');
  return toInstrument(parsed, id);
}

// BTC-USD: tick 1 at scale 2, lot 1 at scale 8. ETH-EUR: tick 5 (0.05) at scale 2, lot 1 at 4.
const INSTRUMENTS = [instrument(1, PRODUCTS['BTC-USD']), instrument(2, PRODUCTS['ETH-EUR'])];

const level = (side: 'bid' | 'offer', price: string, quantity: string) => ({
  side,
  event_time: '2024-05-01T12:00:00.100Z',
  price_level: price,
  new_quantity: quantity,
});

const SNAPSHOTS = [
  {
    type: 'snapshot',
    product_id: 'BTC-USD',
    updates: [level('bid', '100.00', '1.5'), level('offer', '100.50', '0.25')],
  },
  {
    type: 'snapshot',
    product_id: 'ETH-EUR',
    updates: [level('bid', '3100.05', '2'), level('offer', '3100.50', '0.0001')],
  },
];
const SNAPSHOT_BOOKS = new Map([
  [1, { bids: [10_000, 150_000_000], asks: [10_050, 25_000_000] }],
  [2, { bids: [310_005, 20_000], asks: [310_050, 1] }],
]);

/** Well-formed frames (without sequence_num) that mutations start from. */
const VALID_FRAMES: { channel: string; events: unknown[] }[] = [
  {
    channel: 'l2_data',
    events: [
      {
        type: 'update',
        product_id: 'BTC-USD',
        updates: [level('bid', '99.99', '0.5'), level('offer', '100.50', '0')],
      },
    ],
  },
  {
    channel: 'l2_data',
    events: [
      {
        type: 'update',
        product_id: 'ETH-EUR',
        updates: [level('bid', '3099.95', '1.25'), level('offer', '3101.00', '3')],
      },
    ],
  },
  {
    channel: 'market_trades',
    events: [
      {
        type: 'update',
        trades: [
          {
            trade_id: '1',
            product_id: 'ETH-EUR',
            price: '3100.10',
            size: '0.5',
            side: 'BUY',
            time: '2024-05-01T12:00:00.200Z',
          },
        ],
      },
    ],
  },
  {
    channel: 'heartbeats',
    events: [{ current_time: '2024-05-01 12:00:00 +0000 UTC', heartbeat_counter: 7 }],
  },
];

interface Rig {
  feed: CoinbaseFeed;
  sink: RecordingSink;
  stats: ExchangeStats;
  /** The text of a frame with the next sequence_num. */
  frame(channel: string, events: unknown[]): string;
}

/** A feed whose books are live from one snapshot each. */
function rig(): Rig {
  const sink = new RecordingSink(true);
  const stats = newExchangeStats();
  const feed = new CoinbaseFeed({
    instruments: INSTRUMENTS,
    sink,
    stats,
    log: () => {},
    now: () => NOW,
    send: () => {},
    restart: () => {},
    minResyncIntervalMs: 0,
    snapshotTimeoutMs: 60_000,
  });
  let seq = 0;
  const frame = (channel: string, events: unknown[]) =>
    JSON.stringify({
      channel,
      client_id: '',
      timestamp: '2024-05-01T12:00:00.123456789Z',
      sequence_num: seq++,
      events,
    });
  feed.opened();
  feed.message(frame('l2_data', SNAPSHOTS));
  return { feed, sink, stats, frame };
}

function books(sink: RecordingSink) {
  return [...sink.books.entries()].map(([inst, book]) => ({
    inst,
    bids: mirrorFlat(book.bids, true),
    asks: mirrorFlat(book.asks, false),
  }));
}

/** Every level the sink holds is a positive integer on its instrument's grid. */
function expectOnGrid(sink: RecordingSink): void {
  for (const [inst, book] of sink.books) {
    const { tick, lot } = INSTRUMENTS.find((i) => i.id === inst)!;
    for (const [price, size] of [...book.bids, ...book.asks]) {
      expect(Number.isSafeInteger(price) && price > 0 && price % tick === 0).toBe(true);
      expect(Number.isSafeInteger(size) && size > 0 && size % lot === 0).toBe(true);
    }
  }
}

const decimalText = fc.oneof(
  fc.stringMatching(/^-?\d{0,7}(\.\d{0,10})?([eE][+-]?\d{1,3})?$/),
  fc.constantFrom('0', '0.00', '-1', '1e2', 'NaN', 'Infinity', ' 1', '1 ', '0x10', '١٢٣'),
);

const mutation = jsonMutation(decimalText);

/** Sends `text`; a frame that does not parse must be counted and change nothing. */
function deliver(r: Rig, text: string): void {
  const before = { books: books(r.sink), events: r.sink.events.length, stats: { ...r.stats } };
  expect(() => r.feed.message(text)).not.toThrow();
  if (parseFrame(text) === null) {
    expect(r.stats).toEqual({ ...before.stats, malformed: before.stats.malformed + 1 });
    expect(r.sink.events.length).toBe(before.events);
    expect(books(r.sink)).toEqual(before.books);
  }
  expectOnGrid(r.sink);
}

const randomText = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.json({ maxDepth: 3 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc
    .record({
      channel: fc.oneof(fc.constantFrom('l2_data', 'market_trades', 'heartbeats'), fc.string()),
      sequence_num: fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constant(null)),
      events: fc.oneof(fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 3 }), fc.jsonValue()),
      timestamp: fc.oneof(fc.string(), fc.constant('2024-13-45T99:99:99.9Z')),
    })
    .map((value) => JSON.stringify(value)),
);

describe('CoinbaseFeed under fuzz', () => {
  it('counts unreadable frames and leaves books, trades and statuses alone', () => {
    fc.assert(
      fc.property(fc.array(randomText, { minLength: 1, maxLength: 5 }), (texts) => {
        const r = rig();
        for (const text of texts) deliver(r, text);
        r.feed.dispose();
      }),
      { numRuns: RUNS },
    );
  });

  it('never throws on mutated well-formed frames and keeps every level on the grid', () => {
    const mutated = fc
      .tuple(
        fc.constantFrom(...VALID_FRAMES),
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        fc.boolean(),
      )
      .map(([frame, mutations, rawEnvelope]) => ({ frame, mutations, rawEnvelope }));
    fc.assert(
      fc.property(fc.array(mutated, { minLength: 1, maxLength: 4 }), (cases) => {
        const r = rig();
        for (const { frame, mutations, rawEnvelope } of cases) {
          if (rawEnvelope) {
            // Mutate the whole envelope, sequence_num and timestamp included.
            let value = JSON.parse(r.frame(frame.channel, frame.events)) as Json;
            for (const m of mutations) value = mutateJson(value, m);
            deliver(r, JSON.stringify(value));
          } else {
            let events = frame.events as Json;
            for (const m of mutations) events = mutateJson(events, m);
            deliver(r, r.frame(frame.channel, events as unknown[]));
          }
        }
        // Whatever came before, a fresh snapshot and the next update give the exact book.
        r.feed.message(r.frame('l2_data', SNAPSHOTS));
        expect(books(r.sink)).toEqual(
          [...SNAPSHOT_BOOKS].map(([inst, book]) => ({ inst, ...book })),
        );
        r.feed.message(r.frame('l2_data', [VALID_FRAMES[0]!.events[0]]));
        expect(books(r.sink).find((b) => b.inst === 1)).toEqual({
          inst: 1,
          bids: [10_000, 150_000_000, 9_999, 50_000_000],
          asks: [],
        });
        r.feed.dispose();
      }),
      { numRuns: RUNS },
    );
  });
});
