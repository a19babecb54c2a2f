import { describe, expect, it } from 'vitest';
import type { Ticker, Trade } from '../../protocol/messages';
import type { BookState } from '../stores/book-store';
import type { SliceFreshness } from '../stores/freshness-store';
import {
  buildMarketSnapshot,
  MAX_VIEWED_INSTRUMENTS,
  parseMarketSnapshot,
  SNAPSHOT_BOOK_LEVELS,
  SNAPSHOT_TAPE_LENGTH,
  type MarketState,
} from './market-snapshot';
import { testTicker } from '../../protocol/test-fixtures';

const ticker = (inst: number): Ticker => testTicker({ inst });

const trades = (n: number): Trade[] =>
  Array.from({ length: n }, (_, i) => ({ id: n - i, price: 100, size: 1, side: 1, time: 5 }));

const book = (levels: number): BookState => ({
  bids: Array.from({ length: levels }, (_, i) => [1_000 - i, 1] as const),
  asks: Array.from({ length: levels }, (_, i) => [1_001 + i, 1] as const),
  seq: 3,
  time: 4,
});

function marketState(instruments: number): MarketState {
  const tickers: Record<number, Ticker> = {};
  const books: Record<number, BookState> = {};
  const tapes: Record<number, readonly Trade[]> = {};
  const slices: Record<string, SliceFreshness> = { tickers: { asOf: 50, restored: false } };
  for (let inst = 1; inst <= 20; inst++) tickers[inst] = ticker(inst);
  for (let inst = 1; inst <= instruments; inst++) {
    books[inst] = book(40);
    tapes[inst] = trades(150);
    // Instrument 1 was viewed longest ago.
    slices[`book|${inst}`] = { asOf: 100 + inst, restored: false };
  }
  return {
    tickers,
    books,
    tapes,
    forming: {
      '2|1m': {
        inst: 2,
        interval: '1m',
        time: 60_000,
        open: 1,
        high: 2,
        low: 1,
        close: 2,
        volume: 3,
      },
    },
    slices,
    lastLiveAt: 200,
  };
}

describe('buildMarketSnapshot', () => {
  it('keeps every ticker but only the most recently viewed instruments, each bounded', () => {
    const snapshot = buildMarketSnapshot(marketState(12), 300)!;
    expect(snapshot.tickers?.items).toHaveLength(20);
    expect(snapshot.tickers?.asOf).toBe(200);
    expect(snapshot.instruments).toHaveLength(MAX_VIEWED_INSTRUMENTS);
    expect(snapshot.instruments.map((i) => i.inst)).not.toContain(1);
    expect(snapshot.instruments[0]!.inst).toBe(12);
    for (const entry of snapshot.instruments) {
      expect(entry.book!.bids).toHaveLength(SNAPSHOT_BOOK_LEVELS * 2);
      expect(entry.trades!.items).toHaveLength(SNAPSHOT_TAPE_LENGTH);
      expect(entry.book!.asOf).toBe(100 + entry.inst);
    }
    expect(snapshot.instruments.find((i) => i.inst === 2)).toBeUndefined();
  });

  it('includes the forming candles of viewed instruments only', () => {
    const snapshot = buildMarketSnapshot(marketState(2), 300)!;
    const two = snapshot.instruments.find((i) => i.inst === 2)!;
    expect(two.candles.map((c) => c.candle.interval)).toEqual(['1m']);
    expect(snapshot.instruments.find((i) => i.inst === 1)!.candles).toEqual([]);
  });

  it('builds nothing from empty stores', () => {
    const empty = { ...marketState(0), tickers: {} };
    expect(buildMarketSnapshot(empty, 1)).toBeNull();
  });
});

describe('parseMarketSnapshot', () => {
  const good = buildMarketSnapshot(marketState(2), 300);

  it('accepts what it built, after a structured-clone-like round trip', () => {
    expect(parseMarketSnapshot(JSON.parse(JSON.stringify(good)))).toEqual(good);
  });

  it('ignores garbage, other versions and corrupt entries', () => {
    const corrupt = JSON.parse(JSON.stringify(good));
    corrupt.instruments[0].book.bids = [1, 'x'];
    const badTrade = JSON.parse(JSON.stringify(good));
    badTrade.instruments[0].trades.items[0].side = 7;
    const foreignCandle = JSON.parse(JSON.stringify(good));
    foreignCandle.instruments[1].candles = foreignCandle.instruments[0].candles;
    const badTicker = JSON.parse(JSON.stringify(good));
    badTicker.tickers.items[3].last = 1.5;
    for (const value of [
      undefined,
      null,
      'quotedeck',
      42,
      [],
      { ...good, version: 2 },
      { ...good, version: undefined },
      { ...good, instruments: 'all' },
      corrupt,
      badTrade,
      foreignCandle,
      badTicker,
    ]) {
      expect(parseMarketSnapshot(value)).toBeNull();
    }
  });
});
