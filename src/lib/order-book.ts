/**
 * Pure order-book arithmetic on integer prices and sizes. Sides are arrays of [price, size] sorted
 * best first (bids descending, asks ascending); inputs are never mutated so stores can compare
 * references.
 */
import type { FlatLevels } from '../../protocol/messages';

export type Level = readonly [price: number, size: number];
export type BookSide = 'bids' | 'asks';

function compare(side: BookSide): (a: Level, b: Level) => number {
  return side === 'bids' ? (a, b) => b[0] - a[0] : (a, b) => a[0] - b[0];
}

/** Builds a sorted side from a flat [price, size, …] list, skipping empty levels. */
export function levelsFromFlat(flat: FlatLevels, side: BookSide, depth = Infinity): Level[] {
  const levels: Level[] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) {
    const price = flat[i]!;
    const size = flat[i + 1]!;
    if (size > 0) levels.push([price, size]);
  }
  levels.sort(compare(side));
  return levels.length > depth ? levels.slice(0, depth) : levels;
}

/** Applies a delta (size 0 removes a level) to a sorted side and returns a new sorted side. */
export function applyLevels(
  levels: readonly Level[],
  delta: FlatLevels,
  side: BookSide,
  depth = Infinity,
): readonly Level[] {
  if (delta.length === 0) return levels;
  const byPrice = new Map<number, number>();
  for (const [price, size] of levels) byPrice.set(price, size);
  for (let i = 0; i + 1 < delta.length; i += 2) {
    const price = delta[i]!;
    const size = delta[i + 1]!;
    if (size > 0) byPrice.set(price, size);
    else byPrice.delete(price);
  }
  const next: Level[] = [];
  for (const [price, size] of byPrice) next.push([price, size]);
  next.sort(compare(side));
  return next.length > depth ? next.slice(0, depth) : next;
}

/**
 * Merges two deltas of the same side into one: for each price the later size wins, and removals
 * (size 0) are kept so the merged delta still removes the level.
 */
export function mergeDeltas(earlier: FlatLevels, later: FlatLevels): FlatLevels {
  if (earlier.length === 0) return later;
  if (later.length === 0) return earlier;
  const byPrice = new Map<number, number>();
  for (let i = 0; i + 1 < earlier.length; i += 2) byPrice.set(earlier[i]!, earlier[i + 1]!);
  for (let i = 0; i + 1 < later.length; i += 2) byPrice.set(later[i]!, later[i + 1]!);
  const merged: number[] = [];
  for (const [price, size] of byPrice) merged.push(price, size);
  return merged;
}

/** Applies a delta to a full flat book side and returns the resulting full flat side (no zeros). */
export function applyDeltaToFlat(full: FlatLevels, delta: FlatLevels): FlatLevels {
  const byPrice = new Map<number, number>();
  for (let i = 0; i + 1 < full.length; i += 2) byPrice.set(full[i]!, full[i + 1]!);
  for (let i = 0; i + 1 < delta.length; i += 2) {
    if (delta[i + 1]! > 0) byPrice.set(delta[i]!, delta[i + 1]!);
    else byPrice.delete(delta[i]!);
  }
  const result: number[] = [];
  for (const [price, size] of byPrice) if (size > 0) result.push(price, size);
  return result;
}
