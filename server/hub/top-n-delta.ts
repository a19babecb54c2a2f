/**
 * The change between two views of the top N levels of one side, as a delta a client can apply:
 * levels whose size changed or that entered the view carry their new size, levels that left it
 * carry size 0.
 */
import type { FlatLevels } from '../../protocol/messages';

/** Delta turning the `before` view into the `after` view (both flat, best-first). */
export function topNDelta(before: FlatLevels, after: FlatLevels): FlatLevels {
  const previous = new Map<number, number>();
  for (let i = 0; i + 1 < before.length; i += 2) previous.set(before[i]!, before[i + 1]!);
  const delta: FlatLevels = [];
  for (let i = 0; i + 1 < after.length; i += 2) {
    const price = after[i]!;
    const size = after[i + 1]!;
    if (previous.get(price) !== size) delta.push(price, size);
    previous.delete(price);
  }
  for (const price of previous.keys()) delta.push(price, 0);
  return delta;
}

/** Applies a delta to a flat best-first view (used by tests and clients alike). */
export function applyTopNDelta(
  view: FlatLevels,
  delta: FlatLevels,
  descending: boolean,
): FlatLevels {
  const levels = new Map<number, number>();
  for (let i = 0; i + 1 < view.length; i += 2) levels.set(view[i]!, view[i + 1]!);
  for (let i = 0; i + 1 < delta.length; i += 2) {
    const size = delta[i + 1]!;
    if (size === 0) levels.delete(delta[i]!);
    else levels.set(delta[i]!, size);
  }
  const prices = [...levels.keys()].sort((a, b) => (descending ? b - a : a - b));
  return prices.flatMap((price) => [price, levels.get(price)!]);
}
