import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Ticker } from '../../protocol/messages';
import { applyBatch } from '../feed/apply-batch';
import { useBookStore } from '../stores/book-store';
import { useCandlesStore } from '../stores/candles-store';
import { useFreshnessStore } from '../stores/freshness-store';
import { useQuotesStore } from '../stores/quotes-store';
import { useTradesStore } from '../stores/trades-store';
import { parseMarketSnapshot, SNAPSHOT_VERSION, type MarketSnapshot } from './market-snapshot';
import { restoreStoredMarket } from './offline-market';
import { createMemorySnapshotStorage, MARKET_SNAPSHOT_KEY } from './snapshot-storage';
import { startSnapshotWriter } from './snapshot-writer';
import { resetLiveStores } from './test-stores';

const ticker = (inst: number, last: number): Ticker => ({
  inst,
  seq: 1,
  time: 1,
  last,
  bid: last - 1,
  ask: last + 1,
  open24: last,
  high24: last,
  low24: last,
  volume24: 1,
});

const snapshot: MarketSnapshot = {
  version: SNAPSHOT_VERSION,
  savedAt: 5_000,
  tickers: { asOf: 4_000, items: [ticker(1, 100), ticker(2, 200)] },
  instruments: [
    {
      inst: 1,
      book: { asOf: 4_100, seq: 9, time: 4_100, bids: [99, 2, 98, 1], asks: [101, 3] },
      trades: { asOf: 4_200, items: [{ id: 5, price: 100, size: 1, side: 1, time: 4_200 }] },
      candles: [
        {
          asOf: 4_300,
          candle: {
            inst: 1,
            interval: '1m',
            time: 0,
            open: 1,
            high: 2,
            low: 1,
            close: 2,
            volume: 1,
          },
        },
      ],
    },
  ],
};

describe('restoreStoredMarket', () => {
  beforeEach(resetLiveStores);

  it('fills the stores and marks every slice restored with its time', async () => {
    const storage = createMemorySnapshotStorage([[MARKET_SNAPSHOT_KEY, snapshot]]);
    expect(await restoreStoredMarket(storage)).toBe(true);
    expect(useQuotesStore.getState().tickers[2]?.last).toBe(200);
    expect(useBookStore.getState().books[1]?.bids).toEqual([
      [99, 2],
      [98, 1],
    ]);
    expect(useTradesStore.getState().tapes[1]).toHaveLength(1);
    expect(useCandlesStore.getState().forming['1|1m']?.close).toBe(2);
    expect(useFreshnessStore.getState().slices).toEqual({
      tickers: { asOf: 4_000, restored: true },
      'book|1': { asOf: 4_100, restored: true },
      'trades|1': { asOf: 4_200, restored: true },
      'candle|1|1m': { asOf: 4_300, restored: true },
    });
  });

  it('never replaces what the feed already delivered, and live data replaces restored data', async () => {
    applyBatch({ tickers: [ticker(1, 150), ticker(2, 250)] }, 9_000);
    await restoreStoredMarket(createMemorySnapshotStorage([[MARKET_SNAPSHOT_KEY, snapshot]]));
    expect(useQuotesStore.getState().tickers[1]?.last).toBe(150);
    expect(useFreshnessStore.getState().slices.tickers).toEqual({ asOf: 9_000, restored: false });
    expect(useFreshnessStore.getState().slices['book|1']?.restored).toBe(true);
    applyBatch(
      { books: [{ inst: 1, reset: true, seq: 20, time: 9_100, bids: [97, 1], asks: [103, 1] }] },
      9_100,
    );
    expect(useBookStore.getState().books[1]?.bids).toEqual([[97, 1]]);
    expect(useFreshnessStore.getState().slices['book|1']).toEqual({ asOf: 9_100, restored: false });
  });

  it('ignores a corrupt, old-version or unreadable snapshot and leaves the stores empty', async () => {
    const bad = [{ ...snapshot, version: 0 }, { garbage: true }, 'x', null];
    for (const value of bad) {
      expect(
        await restoreStoredMarket(createMemorySnapshotStorage([[MARKET_SNAPSHOT_KEY, value]])),
      ).toBe(false);
    }
    const failing = {
      get: () => Promise.reject(new Error('IndexedDB is blocked')),
      set: () => Promise.resolve(),
    };
    expect(await restoreStoredMarket(failing)).toBe(false);
    expect(useQuotesStore.getState().tickers).toEqual({});
    expect(useFreshnessStore.getState().slices).toEqual({});
  });
});

describe('startSnapshotWriter', () => {
  beforeEach(() => {
    resetLiveStores();
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it('writes at most once per interval while data streams, and at once on pagehide', () => {
    const storage = createMemorySnapshotStorage();
    const writes = vi.spyOn(storage, 'set');
    const target = new EventTarget();
    const stop = startSnapshotWriter({
      storage,
      intervalMs: 2_000,
      events: { window: target as unknown as Window },
    });
    for (let i = 0; i < 30; i++) {
      applyBatch({ tickers: [ticker(1, 100 + i)] }, Date.now());
      vi.advanceTimersByTime(100);
    }
    // 3 s of updates: the first write right away, then one per 2 s.
    expect(writes).toHaveBeenCalledTimes(2);
    applyBatch({ tickers: [ticker(1, 999)] }, Date.now());
    target.dispatchEvent(new Event('pagehide'));
    expect(writes).toHaveBeenCalledTimes(3);
    const stored = parseMarketSnapshot(storage.data.get(MARKET_SNAPSHOT_KEY));
    expect(stored?.tickers?.items[0]?.last).toBe(999);
    stop();
    applyBatch({ tickers: [ticker(1, 1)] }, Date.now());
    vi.advanceTimersByTime(5_000);
    expect(writes).toHaveBeenCalledTimes(3);
  });
});
