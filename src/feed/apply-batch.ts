/** Applies one conflated batch to the stores: at most one update per store. */
import { applyBookPatches } from '../stores/book-store';
import { applyCandles } from '../stores/candles-store';
import { applyConnection } from '../stores/connection-store';
import { applyTickers } from '../stores/quotes-store';
import { applyTradesPatches } from '../stores/trades-store';
import type { FeedBatch } from './feed-types';

/** Writes a batch into the quotes, book, trades, candles and connection stores. */
export function applyBatch(batch: FeedBatch): void {
  if (batch.tickers) applyTickers(batch.tickers);
  if (batch.books) applyBookPatches(batch.books);
  if (batch.trades) applyTradesPatches(batch.trades);
  if (batch.candles) applyCandles(batch.candles);
  if (batch.connection) applyConnection(batch.connection);
}
