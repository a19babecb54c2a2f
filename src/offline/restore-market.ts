/**
 * Puts a stored market snapshot into the stores, marked as restored with its times. Whatever the
 * feed already delivered wins: restoring never overwrites a slice that is already there.
 */
import type { Ticker, Trade } from '../../protocol/messages';
import type { CandleUpdate } from '../feed/feed-types';
import { levelsFromFlat } from '../lib/order-book';
import { useBookStore, type BookState } from '../stores/book-store';
import { candleKey, useCandlesStore } from '../stores/candles-store';
import { markRestored, sliceKey, useFreshnessStore } from '../stores/freshness-store';
import { useQuotesStore } from '../stores/quotes-store';
import { useTradesStore } from '../stores/trades-store';
import type { MarketSnapshot } from './market-snapshot';

/** Restores the snapshot into the quotes, book, trades, candles and freshness stores. */
export function restoreMarket(snapshot: MarketSnapshot): void {
  const slices = useFreshnessStore.getState().slices;
  const restored: Record<string, number> = {};
  const tickers: Record<number, Ticker> = {};
  const books: Record<number, BookState> = {};
  const tapes: Record<number, readonly Trade[]> = {};
  const forming: Record<string, CandleUpdate> = {};

  if (snapshot.tickers && !slices[sliceKey.tickers()]) {
    for (const t of snapshot.tickers.items) tickers[t.inst] = t;
    restored[sliceKey.tickers()] = snapshot.tickers.asOf;
  }
  for (const entry of snapshot.instruments) {
    const { inst, book, trades } = entry;
    if (book && !slices[sliceKey.book(inst)]) {
      books[inst] = {
        bids: levelsFromFlat(book.bids, 'bids'),
        asks: levelsFromFlat(book.asks, 'asks'),
        seq: book.seq,
        time: book.time,
      };
      restored[sliceKey.book(inst)] = book.asOf;
    }
    if (trades && !slices[sliceKey.trades(inst)]) {
      tapes[inst] = trades.items;
      restored[sliceKey.trades(inst)] = trades.asOf;
    }
    for (const { asOf, candle } of entry.candles) {
      const key = sliceKey.candle(inst, candle.interval);
      if (slices[key]) continue;
      forming[candleKey(inst, candle.interval)] = candle;
      restored[key] = asOf;
    }
  }

  // Spread the live state last, so that nothing the feed wrote meanwhile is replaced.
  useQuotesStore.setState((s) => ({ tickers: { ...tickers, ...s.tickers } }));
  useBookStore.setState((s) => ({ books: { ...books, ...s.books } }));
  useTradesStore.setState((s) => ({ tapes: { ...tapes, ...s.tapes } }));
  useCandlesStore.setState((s) => ({ forming: { ...forming, ...s.forming } }));
  markRestored(restored, snapshot.savedAt);
}
