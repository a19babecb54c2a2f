/**
 * The live market snapshot kept for offline viewing: the tickers of every instrument and, for the
 * few instruments the trader viewed last, their book (top levels), tape and forming candles, each
 * with the time it was current. Building is pure; parsing treats stored data as untrusted input.
 */
import { isInterval } from '../../protocol/intervals';
import type { FlatLevels, Ticker, Trade } from '../../protocol/messages';
import { isCandle, isRecord, isSafeInt, isTicker, isTrade } from '../../protocol/value-guards';
import type { CandleUpdate } from '../feed/feed-types';
import type { Level } from '../lib/order-book';
import type { BookState } from '../stores/book-store';
import { sliceKey, type SliceFreshness } from '../stores/freshness-store';

export const SNAPSHOT_VERSION = 1;
export const MAX_VIEWED_INSTRUMENTS = 8;
export const SNAPSHOT_BOOK_LEVELS = 20;
export const SNAPSHOT_TAPE_LENGTH = 100;

export interface SnapshotBook {
  asOf: number;
  seq: number;
  time: number;
  bids: FlatLevels;
  asks: FlatLevels;
}

export interface SnapshotInstrument {
  inst: number;
  book: SnapshotBook | null;
  /** Newest first, as the store keeps it. */
  trades: { asOf: number; items: Trade[] } | null;
  candles: Array<{ asOf: number; candle: CandleUpdate }>;
}

export interface MarketSnapshot {
  version: typeof SNAPSHOT_VERSION;
  savedAt: number;
  tickers: { asOf: number; items: Ticker[] } | null;
  instruments: SnapshotInstrument[];
}

/** What the snapshot is built from (the stores' states). */
export interface MarketState {
  tickers: Readonly<Record<number, Ticker>>;
  books: Readonly<Record<number, BookState>>;
  tapes: Readonly<Record<number, readonly Trade[]>>;
  forming: Readonly<Record<string, CandleUpdate>>;
  slices: Readonly<Record<string, SliceFreshness>>;
  lastLiveAt: number | null;
}

function flatten(levels: readonly Level[], limit: number): FlatLevels {
  return levels.slice(0, limit).flatMap(([price, size]) => [price, size]);
}

/** The instruments with a book or tape, most recently updated first, at most `limit`. */
export function viewedInstruments(state: MarketState, limit = MAX_VIEWED_INSTRUMENTS): number[] {
  const ids = new Set([...Object.keys(state.books), ...Object.keys(state.tapes)].map(Number));
  const recency = (inst: number) =>
    Math.max(
      state.slices[sliceKey.book(inst)]?.asOf ?? 0,
      state.slices[sliceKey.trades(inst)]?.asOf ?? 0,
    );
  return [...ids].sort((a, b) => recency(b) - recency(a)).slice(0, limit);
}

/** Builds the snapshot to store, or null when there is nothing worth keeping. */
export function buildMarketSnapshot(
  state: MarketState,
  now: number,
  maxInstruments = MAX_VIEWED_INSTRUMENTS,
): MarketSnapshot | null {
  const asOf = (key: string) => state.slices[key]?.asOf ?? state.lastLiveAt ?? now;
  const tickerItems = Object.values(state.tickers);
  const tickersSlice = state.slices[sliceKey.tickers()];
  const tickers =
    tickerItems.length === 0
      ? null
      : {
          // All tickers stream continuously, so live ones were current until the feed went quiet.
          asOf: tickersSlice?.restored
            ? tickersSlice.asOf
            : Math.max(asOf(sliceKey.tickers()), state.lastLiveAt ?? 0),
          items: tickerItems,
        };
  const instruments = viewedInstruments(state, maxInstruments).map((inst) => {
    const book = state.books[inst];
    const tape = state.tapes[inst];
    const candles = Object.values(state.forming)
      .filter((c) => c.inst === inst)
      .map((candle) => ({ asOf: asOf(sliceKey.candle(inst, candle.interval)), candle }));
    return {
      inst,
      book: book
        ? {
            asOf: asOf(sliceKey.book(inst)),
            seq: book.seq,
            time: book.time,
            bids: flatten(book.bids, SNAPSHOT_BOOK_LEVELS),
            asks: flatten(book.asks, SNAPSHOT_BOOK_LEVELS),
          }
        : null,
      trades: tape
        ? { asOf: asOf(sliceKey.trades(inst)), items: tape.slice(0, SNAPSHOT_TAPE_LENGTH) }
        : null,
      candles,
    };
  });
  if (!tickers && instruments.length === 0) return null;
  return { version: SNAPSHOT_VERSION, savedAt: now, tickers, instruments };
}

function isFlat(value: unknown): value is FlatLevels {
  return Array.isArray(value) && value.length % 2 === 0 && value.every(isSafeInt);
}

function isBook(value: unknown): value is SnapshotBook {
  return (
    isRecord(value) &&
    isSafeInt(value.asOf) &&
    isSafeInt(value.seq) &&
    isSafeInt(value.time) &&
    isFlat(value.bids) &&
    isFlat(value.asks)
  );
}

function isTimed<T>(
  value: unknown,
  item: (v: unknown) => v is T,
): value is { asOf: number; items: T[] } {
  return (
    isRecord(value) &&
    isSafeInt(value.asOf) &&
    Array.isArray(value.items) &&
    value.items.every(item)
  );
}

function isCandleEntry(value: unknown): value is { asOf: number; candle: CandleUpdate } {
  if (!isRecord(value) || !isSafeInt(value.asOf) || !isRecord(value.candle)) return false;
  const c = value.candle;
  return isSafeInt(c.inst) && isInterval(c.interval) && isCandle(c);
}

function isSnapshotInstrument(value: unknown): value is SnapshotInstrument {
  return (
    isRecord(value) &&
    isSafeInt(value.inst) &&
    (value.book === null || isBook(value.book)) &&
    (value.trades === null || isTimed(value.trades, isTrade)) &&
    Array.isArray(value.candles) &&
    value.candles.every((c) => isCandleEntry(c) && c.candle.inst === value.inst)
  );
}

/** The stored snapshot if it is well-formed and of this version; anything else is null. */
export function parseMarketSnapshot(value: unknown): MarketSnapshot | null {
  if (!isRecord(value) || value.version !== SNAPSHOT_VERSION || !isSafeInt(value.savedAt)) {
    return null;
  }
  if (value.tickers !== null && !isTimed(value.tickers, isTicker)) return null;
  if (!Array.isArray(value.instruments) || !value.instruments.every(isSnapshotInstrument)) {
    return null;
  }
  return value as unknown as MarketSnapshot;
}
