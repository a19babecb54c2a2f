/**
 * Memoized book views. A grouped side is cached per (levels array, step, limit): the store keeps
 * a side's array when a delta did not touch it, so the view's reference is stable too and the
 * components that use it skip rendering.
 */
import { groupLevels, type BookRow } from '../lib/group-levels';
import type { BookSide, Level } from '../lib/order-book';
import { useBook } from './book-store';

const cache = new WeakMap<readonly Level[], Map<string, BookRow[]>>();

/** The grouped rows of one side; the same array for the same inputs. */
export function selectGroupedSide(
  levels: readonly Level[],
  step: number,
  side: BookSide,
  limit: number,
): BookRow[] {
  let byArgs = cache.get(levels);
  if (!byArgs) {
    byArgs = new Map();
    cache.set(levels, byArgs);
  }
  const key = `${step}|${side}|${limit}`;
  let rows = byArgs.get(key);
  if (!rows) {
    rows = groupLevels(levels, step, side, limit);
    byArgs.set(key, rows);
  }
  return rows;
}

export interface GroupedBook {
  bids: BookRow[];
  asks: BookRow[];
  seq: number;
  time: number;
}

/** The grouped book of one instrument (`step` in price units), or undefined before a snapshot. */
export function useGroupedBook(
  inst: number | undefined,
  step: number,
  limit: number,
): GroupedBook | undefined {
  const book = useBook(inst);
  if (!book) return undefined;
  return {
    bids: selectGroupedSide(book.bids, step, 'bids', limit),
    asks: selectGroupedSide(book.asks, step, 'asks', limit),
    seq: book.seq,
    time: book.time,
  };
}
