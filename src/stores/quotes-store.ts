/** Latest ticker per instrument id, fed by the worker. */
import { create } from 'zustand';
import type { Ticker } from '../../protocol/messages';
import { useLiveStore } from '../lib/in-view';

export interface QuotesState {
  tickers: Readonly<Record<number, Ticker>>;
}

export const useQuotesStore = create<QuotesState>()(() => ({ tickers: {} }));

/** Applies a batch of tickers with a single store update. */
export function applyTickers(tickers: readonly Ticker[]): void {
  if (tickers.length === 0) return;
  useQuotesStore.setState((state) => {
    const next = { ...state.tickers };
    for (const t of tickers) next[t.inst] = t;
    return { tickers: next };
  });
}

/**
 * The ticker of one instrument; re-renders only when that instrument's ticker changes, and only
 * while its panel is in view.
 */
export function useQuote(inst: number | undefined): Ticker | undefined {
  return useLiveStore(useQuotesStore, (state) =>
    inst === undefined ? undefined : state.tickers[inst],
  );
}
