/** Applies one conflated batch to the stores: at most one update per store. */
import { applyBookPatches } from '../stores/book-store';
import { applyCandles } from '../stores/candles-store';
import { applyConnection, useConnectionStore } from '../stores/connection-store';
import { markLive, noteLive, sliceKey } from '../stores/freshness-store';
import { applyTickers } from '../stores/quotes-store';
import { applyTradesPatches } from '../stores/trades-store';
import type { FeedBatch } from './feed-types';

/** The freshness slices a batch brings live data for. */
export function batchSlices(batch: FeedBatch): string[] {
  const keys: string[] = [];
  if (batch.tickers && batch.tickers.length > 0) keys.push(sliceKey.tickers());
  for (const b of batch.books ?? []) keys.push(sliceKey.book(b.inst));
  for (const t of batch.trades ?? []) keys.push(sliceKey.trades(t.inst));
  for (const c of batch.candles ?? []) keys.push(sliceKey.candle(c.inst, c.interval));
  return keys;
}

/** Writes a batch into the quotes, book, trades, candles, connection and freshness stores. */
export function applyBatch(batch: FeedBatch, now: number = Date.now()): void {
  if (batch.tickers) applyTickers(batch.tickers);
  if (batch.books) applyBookPatches(batch.books);
  if (batch.trades) applyTradesPatches(batch.trades);
  if (batch.candles) applyCandles(batch.candles);
  if (batch.connection) applyConnection(batch.connection);
  const keys = batchSlices(batch);
  // Market data only ever comes from the socket, so it is live whatever the last report said.
  if (keys.length > 0) markLive(keys, now);
  else {
    const state = useConnectionStore.getState().state;
    if (batch.connection && (state === 'live' || state === 'degraded')) noteLive(now);
  }
}
