/** Test helper: empties every live-data store between tests. */
import { useBookStore } from '../stores/book-store';
import { useCandlesStore } from '../stores/candles-store';
import { useConnectionStore } from '../stores/connection-store';
import { useFreshnessStore } from '../stores/freshness-store';
import { useQuotesStore } from '../stores/quotes-store';
import { useTradesStore } from '../stores/trades-store';

/** Resets the live stores to their empty, connecting state. */
export function resetLiveStores(): void {
  useQuotesStore.setState({ tickers: {} });
  useBookStore.setState({ books: {} });
  useTradesStore.setState({ tapes: {} });
  useCandlesStore.setState({ forming: {} });
  useFreshnessStore.setState({ slices: {}, lastLiveAt: null, restoredAt: null });
  useConnectionStore.setState({ state: 'connecting', staleStreams: [] });
}
