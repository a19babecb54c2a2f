/**
 * Fuzz of the Kraken message path: the number-preserving JSON parser against JSON.parse, then
 * random text, character-level and structural mutations of well-formed book and trade frames
 * through KrakenFeed.handle into a RecordingSink. Nothing may throw, an unreadable frame is
 * counted and changes nothing, a readable one never trips the handler's catch-all, the book only
 * holds on-grid integers, and a fresh snapshot always restores the exact book.
 */
import fc from 'fast-check';
import { jsonMutation, mutateJson, type Json } from '../exchange/json-mutation';
import { describe, expect, it } from 'vitest';
import { newExchangeStats, type ExchangeStats } from '../exchange/exchange-stats';
import { mirrorFlat, RecordingSink } from '../recording-sink';
import { bookFrame, btcBook, snapshotOf, tradeFrame, type FakeKrakenBook } from './fake-kraken';
import { ASSET_PAIRS_BODY } from './fake-kraken';
import { expected } from './kraken-harness';
import { KrakenFeed } from './kraken-feed';
import { parseAssetPairs, resolvePairs } from './kraken-instruments';
import { numberText, parseExactJson } from './kraken-json';
import { parseKrakenMessage } from './kraken-messages';

const RUNS = 300;
const NOW = 1_700_000_040_000;
const PAIRS = resolvePairs(parseAssetPairs(ASSET_PAIRS_BODY), ['BTC/USD', 'ETH/BTC'], 1);
const KNOWN = new Set(PAIRS.map((p) => p.wsSymbol));

/** Parsed numbers back to numbers, so a parseExactJson result compares with JSON.parse. */
function asNumbers(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asNumbers);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asNumbers(v)]));
  }
  const text = numberText(value);
  return text === null ? value : Number(text);
}

function hasNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(hasNul);
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).some(([k, v]) => k.includes('\u0000') || hasNul(v));
  }
  return false;
}

interface TextEdit {
  at: number;
  op: 'insert' | 'delete' | 'replace';
  ch: string;
}

const textEdit: fc.Arbitrary<TextEdit> = fc.record({
  at: fc.nat(),
  op: fc.constantFrom('insert', 'delete', 'replace'),
  ch: fc.constantFrom(...'0123456789.-+eE"{}[],: \\nu', '\u0000', '\u00e9'),
});

function edit(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const { at, op, ch } of edits) {
    const i = at % (out.length + 1);
    if (op === 'insert') out = out.slice(0, i) + ch + out.slice(i);
    else if (op === 'delete') out = out.slice(0, i) + out.slice(i + 1);
    else out = out.slice(0, i) + ch + out.slice(i + 1);
  }
  return out;
}

const decimalToken = fc.oneof(
  fc.stringMatching(/^-?(0|[1-9]\d{0,6})(\.\d{1,10})?([eE][+-]?\d{1,3})?$/),
  fc.constantFrom('0', '-0', '0.0', '1e400', '1e-400', '37000.55', '0.000000001', '1.5e1'),
);

describe('parseExactJson under fuzz', () => {
  it('reads any JSON value like JSON.parse, numbers as exact plain decimals', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value);
        const parsed = parseExactJson(text);
        expect(asNumbers(parsed)).toEqual(JSON.parse(text));
      }),
      { numRuns: RUNS },
    );
  });

  it('writes number tokens as plain decimals of the same value', () => {
    fc.assert(
      fc.property(decimalToken, (token) => {
        const [parsed] = parseExactJson(`[${token}]`) as unknown[];
        const exact = numberText(parsed);
        expect(exact).not.toBeNull();
        expect(Number(exact)).toBe(Number(token));
        if (!/e[+-]?\d{3}/i.test(token) || Math.abs(Number(token.split(/e/i)[1])) <= 400) {
          expect(exact).toMatch(/^-?\d+(\.\d+)?$/);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('never turns invalid JSON into valid JSON, nor refuses valid JSON without NUL', () => {
    const texts = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc
        .tuple(fc.json({ maxDepth: 3 }), fc.array(textEdit, { maxLength: 4 }))
        .map(([text, edits]) => edit(text, edits)),
      fc
        .tuple(
          fc.constantFrom(snapshotOf(btcBook()), tradeFrame('BTC/USD', 'buy', '1.5', '2', 'x')),
          fc.array(textEdit, { minLength: 1, maxLength: 4 }),
        )
        .map(([text, edits]) => edit(text, edits)),
    );
    fc.assert(
      fc.property(texts, (text) => {
        let reference: unknown;
        try {
          reference = JSON.parse(text);
        } catch {
          expect(() => parseExactJson(text)).toThrow(SyntaxError);
          return;
        }
        if (hasNul(reference)) {
          expect(() => parseExactJson(text)).toThrow(SyntaxError);
          return;
        }
        expect(asNumbers(parseExactJson(text))).toEqual(reference);
      }),
      { numRuns: RUNS * 2 },
    );
  });
});

interface Rig {
  feed: KrakenFeed;
  sink: RecordingSink;
  stats: ExchangeStats;
  venue: FakeKrakenBook;
}

/** A feed with BTC/USD live from one snapshot of the fake venue book. */
function rig(): Rig {
  const sink = new RecordingSink(true);
  const stats = newExchangeStats();
  const feed = new KrakenFeed(PAIRS, {
    depth: 10,
    stats,
    resyncPaceMs: 0,
    log: () => {},
    now: () => NOW,
    send: () => true,
  });
  feed.attach(sink);
  feed.opened(false);
  const venue = btcBook();
  feed.handle(snapshotOf(venue));
  return { feed, sink, stats, venue };
}

function books(sink: RecordingSink) {
  return [...sink.books.entries()].map(([inst, book]) => ({
    inst,
    bids: mirrorFlat(book.bids, true),
    asks: mirrorFlat(book.asks, false),
  }));
}

function expectOnGrid(sink: RecordingSink): void {
  for (const [inst, book] of sink.books) {
    const { tick, lot } = PAIRS.find((p) => p.instrument.id === inst)!.instrument;
    for (const [price, size] of [...book.bids, ...book.asks]) {
      expect(Number.isSafeInteger(price) && price > 0 && price % tick === 0).toBe(true);
      expect(Number.isSafeInteger(size) && size > 0 && size % lot === 0).toBe(true);
    }
  }
}

/** Symbols a readable message names, or null when it is not readable. */
function symbolsOf(text: string): string[] | null {
  const message = parseKrakenMessage(text);
  if (!message) return null;
  if (message.kind === 'book') return message.entries.map((e) => e.symbol);
  if (message.kind === 'trade') return message.trades.map((t) => t.symbol);
  return [];
}

/** Hands `text` to the feed and checks what it may and may not change. */
function deliver(r: Rig, text: string): void {
  const before = { books: books(r.sink), events: r.sink.events.length, stats: { ...r.stats } };
  expect(() => r.feed.handle(text)).not.toThrow();
  const symbols = symbolsOf(text);
  if (symbols === null) {
    expect(r.stats).toEqual({ ...before.stats, malformed: before.stats.malformed + 1 });
    expect(r.sink.events.length).toBe(before.events);
    expect(books(r.sink)).toEqual(before.books);
  } else if (symbols.every((s) => KNOWN.has(s))) {
    // A readable message for known pairs must not reach the handler's catch-all.
    expect(r.stats.malformed).toBe(before.stats.malformed);
  }
  expectOnGrid(r.sink);
}

/** A well-formed update of the venue book (applied to it), with the venue's checksum. */
function venueUpdate(r: Rig, side: 'bid' | 'ask', price: string, qty: string): string {
  r.venue.set(side, price, qty);
  const levels: [string, string][] = [[price, qty]];
  return bookFrame(
    'update',
    'BTC/USD',
    side === 'bid' ? levels : [],
    side === 'ask' ? levels : [],
    r.venue.checksum(),
  );
}

/** Rewrites parsed numbers back as raw JSON numbers (the inverse of parseExactJson). */
function stringifyExact(value: unknown): string {
  return JSON.stringify(value).replace(/"\\u0000([^"]*)"/g, '$1');
}

const mutation = jsonMutation(
  fc.oneof(decimalToken, fc.constantFrom('01', '1.', '.5', '--1', '1e', 'NaN')),
);
/** The `text` op writes a raw (maybe invalid) number, marked as parseExactJson marks numbers. */
const rawNumber = (token: string): Json => `\u0000${token}`;

const FRAME_KINDS = ['bid', 'ask', 'trade', 'eth'] as const;

describe('KrakenFeed under fuzz', () => {
  it('counts unreadable frames and leaves books, trades and statuses alone', () => {
    const randomText = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.json({ maxDepth: 3 }),
      fc
        .record({
          channel: fc.constantFrom('book', 'trade', 'heartbeat', 'ticker', 'status', 'x'),
          type: fc.constantFrom('snapshot', 'update', 'delta'),
          data: fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 3 }),
        })
        .map((v) => JSON.stringify(v)),
    );
    fc.assert(
      fc.property(fc.array(randomText, { minLength: 1, maxLength: 5 }), (texts) => {
        const r = rig();
        for (const text of texts) deliver(r, text);
        r.feed.stop();
      }),
      { numRuns: RUNS },
    );
  });

  it('survives mutated book and trade frames and recovers the exact book from a snapshot', () => {
    const step = fc.record({
      kind: fc.constantFrom(...FRAME_KINDS),
      offset: fc.integer({ min: 0, max: 30 }),
      qty: fc.constantFrom('0.00000000', '1.00000000', '0.25000000', '7.50000000'),
      textEdits: fc.array(textEdit, { maxLength: 3 }),
      mutations: fc.array(mutation, { maxLength: 2 }),
    });
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 6 }), (steps) => {
        const r = rig();
        for (const s of steps) {
          let text: string;
          if (s.kind === 'trade') {
            text = tradeFrame('BTC/USD', 'sell', `${37000 + s.offset}.5`, s.qty, 'x');
          } else if (s.kind === 'eth') {
            text = bookFrame('update', 'ETH/BTC', [['0.05000', s.qty]], [], 0);
          } else {
            const price = s.kind === 'bid' ? `${36990 + s.offset}.5` : `${37001 + s.offset}.0`;
            text = venueUpdate(r, s.kind, price, s.qty);
          }
          if (s.mutations.length > 0) {
            let value = parseExactJson(text) as Json;
            for (const m of s.mutations) value = mutateJson(value, m, rawNumber);
            text = stringifyExact(value);
          }
          deliver(r, edit(text, s.textEdits));
        }
        // The venue's own book is the truth: a snapshot of it must be mirrored exactly.
        r.feed.handle(snapshotOf(r.venue));
        const btc = books(r.sink).find((b) => b.inst === 1);
        expect(btc).toEqual({ inst: 1, ...expected(r.venue, 1, 8) });
        // And it is live again: a correct update applies.
        r.feed.handle(venueUpdate(r, 'bid', '36000.0', '1.00000000'));
        expect(books(r.sink).find((b) => b.inst === 1)).toEqual({
          inst: 1,
          ...expected(r.venue, 1, 8),
        });
        r.feed.stop();
      }),
      { numRuns: RUNS },
    );
  });
});
