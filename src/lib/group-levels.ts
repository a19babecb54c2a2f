/**
 * Price grouping for the order-book view: levels are bucketed to a multiple of the tick (bids
 * round down, asks round up, so a bucket never looks better than its worst level) and carry the
 * cumulative size from the best price.
 */
import type { BookSide, Level } from './order-book';

export interface BookRow {
  price: number;
  size: number;
  /** Total size from the best level up to and including this one. */
  cumulative: number;
}

/** Buckets sorted levels (best first) by `step` and adds cumulative sizes; keeps `limit` rows. */
export function groupLevels(
  levels: readonly Level[],
  step: number,
  side: BookSide,
  limit = Infinity,
): BookRow[] {
  const rows: BookRow[] = [];
  let cumulative = 0;
  for (const [price, size] of levels) {
    const bucket =
      step <= 1
        ? price
        : side === 'bids'
          ? Math.floor(price / step) * step
          : Math.ceil(price / step) * step;
    cumulative += size;
    const last = rows[rows.length - 1];
    if (last && last.price === bucket) {
      last.size += size;
      last.cumulative = cumulative;
    } else {
      if (rows.length >= limit) break;
      rows.push({ price: bucket, size, cumulative });
    }
  }
  return rows;
}
