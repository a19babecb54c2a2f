/**
 * The forming candle per (instrument, interval). The chart reads it through `subscribe`, not
 * through renders, so a tick updates the series without touching React.
 */
import { create } from 'zustand';
import type { Interval } from '../../protocol/intervals';
import type { CandleUpdate } from '../feed/feed-types';

export interface CandlesState {
  forming: Readonly<Record<string, CandleUpdate>>;
}

export const useCandlesStore = create<CandlesState>()(() => ({ forming: {} }));

/** Key of a forming candle in the store. */
export function candleKey(inst: number, interval: Interval): string {
  return `${inst}|${interval}`;
}

/** Stores the newest forming candles with a single store update. */
export function applyCandles(candles: readonly CandleUpdate[]): void {
  if (candles.length === 0) return;
  useCandlesStore.setState((state) => {
    const next = { ...state.forming };
    for (const c of candles) next[candleKey(c.inst, c.interval)] = c;
    return { forming: next };
  });
}
