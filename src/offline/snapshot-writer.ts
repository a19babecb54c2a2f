/**
 * Writes the live market snapshot at a bounded rate (at most once per interval while data
 * changes) and at once when the page is hidden or unloaded, since that may be the last chance.
 */
import { useBookStore } from '../stores/book-store';
import { useCandlesStore } from '../stores/candles-store';
import { useFreshnessStore } from '../stores/freshness-store';
import { useQuotesStore } from '../stores/quotes-store';
import { useTradesStore } from '../stores/trades-store';
import { buildMarketSnapshot, type MarketState } from './market-snapshot';
import { MARKET_SNAPSHOT_KEY, type SnapshotStorage } from './snapshot-storage';

export interface SnapshotWriterOptions {
  storage: SnapshotStorage;
  intervalMs?: number;
  now?: () => number;
  /** Where visibilitychange and pagehide come from (the document and window in the app). */
  events?: { document?: Document; window?: Window };
}

/** The stores' current state as the snapshot builder wants it. */
export function readMarketState(): MarketState {
  const freshness = useFreshnessStore.getState();
  return {
    tickers: useQuotesStore.getState().tickers,
    books: useBookStore.getState().books,
    tapes: useTradesStore.getState().tapes,
    forming: useCandlesStore.getState().forming,
    slices: freshness.slices,
    lastLiveAt: freshness.lastLiveAt,
  };
}

/** Starts writing snapshots whenever live data changes; returns the function that stops it. */
export function startSnapshotWriter(options: SnapshotWriterOptions): () => void {
  const { storage, intervalMs = 2_000, now = Date.now, events = {} } = options;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastWrite = -Infinity;
  let dirty = false;

  const write = () => {
    clearTimeout(timer);
    timer = undefined;
    if (!dirty) return;
    dirty = false;
    lastWrite = now();
    const snapshot = buildMarketSnapshot(readMarketState(), lastWrite);
    // A failed write (quota, private mode) only costs the offline view; the app goes on.
    if (snapshot) storage.set(MARKET_SNAPSHOT_KEY, snapshot).catch(() => undefined);
  };

  const unsubscribe = useFreshnessStore.subscribe((state, previous) => {
    if (state.slices === previous.slices && state.lastLiveAt === previous.lastLiveAt) return;
    dirty = true;
    if (timer === undefined) timer = setTimeout(write, Math.max(0, lastWrite + intervalMs - now()));
  });
  const onVisibility = () => {
    if (events.document?.visibilityState === 'hidden') write();
  };
  events.document?.addEventListener('visibilitychange', onVisibility);
  events.window?.addEventListener('pagehide', write);

  return () => {
    unsubscribe();
    clearTimeout(timer);
    events.document?.removeEventListener('visibilitychange', onVisibility);
    events.window?.removeEventListener('pagehide', write);
  };
}
