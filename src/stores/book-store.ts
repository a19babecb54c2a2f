/** Order book per instrument id: sorted sides, stream sequence and receive time. */
import { create } from 'zustand';
import { applyLevels, levelsFromFlat, type Level } from '../lib/order-book';
import { useLiveStore } from '../lib/in-view';
import type { BookPatch } from '../feed/feed-types';

export interface BookState {
  bids: readonly Level[];
  asks: readonly Level[];
  seq: number;
  time: number;
}

export interface BooksState {
  books: Readonly<Record<number, BookState>>;
}

export const useBookStore = create<BooksState>()(() => ({ books: {} }));

/** Applies merged book patches (snapshots replace, deltas update) with a single store update. */
export function applyBookPatches(patches: readonly BookPatch[]): void {
  if (patches.length === 0) return;
  useBookStore.setState((state) => {
    const next = { ...state.books };
    for (const patch of patches) {
      const current = next[patch.inst];
      if (patch.reset || !current) {
        // A delta without a book cannot be applied; the worker resyncs such streams.
        if (!patch.reset) continue;
        next[patch.inst] = {
          bids: levelsFromFlat(patch.bids, 'bids'),
          asks: levelsFromFlat(patch.asks, 'asks'),
          seq: patch.seq,
          time: patch.time,
        };
      } else {
        next[patch.inst] = {
          bids: applyLevels(current.bids, patch.bids, 'bids'),
          asks: applyLevels(current.asks, patch.asks, 'asks'),
          seq: patch.seq,
          time: patch.time,
        };
      }
    }
    return { books: next };
  });
}

/** The book of one instrument, or undefined before its snapshot; live while its panel is in view. */
export function useBook(inst: number | undefined): BookState | undefined {
  return useLiveStore(useBookStore, (state) =>
    inst === undefined ? undefined : state.books[inst],
  );
}
