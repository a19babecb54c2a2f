/** Percentiles and rates for the performance figures: small pure helpers, tested on their own. */

/**
 * The `p`-th percentile (0–100) of `values` by the nearest-rank method: the smallest value with at
 * least p % of the values at or below it. NaN for no values.
 */
export function percentile(values: ArrayLike<number>, p: number): number {
  if (values.length === 0 || !(p >= 0 && p <= 100)) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? Number.NaN;
}

/** A counter read at a time (ms). */
export interface CounterReading {
  count: number;
  at: number;
}

/** Events per second between two readings of a cumulative counter; NaN without elapsed time. */
export function ratePerSecond(from: CounterReading, to: CounterReading): number {
  const elapsed = to.at - from.at;
  if (!(elapsed > 0)) return Number.NaN;
  return (Math.max(0, to.count - from.count) * 1_000) / elapsed;
}

/** Average cost per item in µs, from cumulative milliseconds and item counts; NaN for no items. */
export function microsPerItem(msFrom: number, msTo: number, itemsFrom: number, itemsTo: number) {
  const items = itemsTo - itemsFrom;
  if (!(items > 0)) return Number.NaN;
  return ((msTo - msFrom) * 1_000) / items;
}
