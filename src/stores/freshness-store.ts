/**
 * How fresh the live market data is: per slice (tickers, one instrument's book or tape, one
 * forming candle) the time it was last known current and whether it came from the offline
 * snapshot, plus the last time the feed was live at all. Fed by applyBatch and the snapshot restore.
 */
import { create } from 'zustand';
import type { Interval } from '../../protocol/intervals';

export interface SliceFreshness {
  /** When this slice was last updated (ms since epoch), or the snapshot's time when restored. */
  asOf: number;
  /** True while the data is the restored snapshot, not yet replaced from the feed. */
  restored: boolean;
}

export interface FreshnessState {
  slices: Readonly<Record<string, SliceFreshness>>;
  /** Last time data or a report arrived while connected, or null before that. */
  lastLiveAt: number | null;
  /** The time of the restored snapshot, if one was restored. */
  restoredAt: number | null;
}

export const useFreshnessStore = create<FreshnessState>()(() => ({
  slices: {},
  lastLiveAt: null,
  restoredAt: null,
}));

/** Slice keys: one per piece of live state that a panel shows. */
export const sliceKey = {
  tickers: () => 'tickers',
  book: (inst: number) => `book|${inst}`,
  trades: (inst: number) => `trades|${inst}`,
  candle: (inst: number, interval: Interval) => `candle|${inst}|${interval}`,
} as const;

/** Marks slices as just updated from the feed (no longer restored), in one store update. */
export function markLive(keys: readonly string[], now: number): void {
  useFreshnessStore.setState((state) => {
    if (keys.length === 0) return { lastLiveAt: now };
    const slices: Record<string, SliceFreshness> = { ...state.slices };
    for (const key of keys) slices[key] = { asOf: now, restored: false };
    return { slices, lastLiveAt: now };
  });
}

/** Notes that the feed is connected and talking, without data for any slice. */
export function noteLive(now: number): void {
  useFreshnessStore.setState({ lastLiveAt: now });
}

/** Marks restored slices with their times; slices the feed already filled are left alone. */
export function markRestored(entries: Readonly<Record<string, number>>, snapshotAt: number): void {
  useFreshnessStore.setState((state) => {
    const slices: Record<string, SliceFreshness> = { ...state.slices };
    for (const [key, asOf] of Object.entries(entries)) {
      if (!slices[key]) slices[key] = { asOf, restored: true };
    }
    return { slices, restoredAt: snapshotAt };
  });
}
