import { describe, expect, it } from 'vitest';
import { applyDeltaToFlat, applyLevels, levelsFromFlat, mergeDeltas } from './order-book';

describe('order book', () => {
  it('builds sides from a snapshot sorted best first and drops empty levels', () => {
    expect(levelsFromFlat([100, 5, 102, 1, 101, 0, 99, 2], 'bids')).toEqual([
      [102, 1],
      [100, 5],
      [99, 2],
    ]);
    expect(levelsFromFlat([105, 1, 103, 2, 104, 3], 'asks')).toEqual([
      [103, 2],
      [104, 3],
      [105, 1],
    ]);
  });

  it('trims a snapshot to the requested depth', () => {
    expect(levelsFromFlat([1, 1, 2, 1, 3, 1], 'bids', 2)).toEqual([
      [3, 1],
      [2, 1],
    ]);
  });

  it('applies a delta: update, insert in order, remove with size 0', () => {
    const bids = levelsFromFlat([100, 5, 99, 2, 98, 1], 'bids');
    const next = applyLevels(bids, [99, 7, 101, 3, 98, 0], 'bids');
    expect(next).toEqual([
      [101, 3],
      [100, 5],
      [99, 7],
    ]);
    expect(bids).toEqual([
      [100, 5],
      [99, 2],
      [98, 1],
    ]);
  });

  it('returns the same side when the delta is empty', () => {
    const asks = levelsFromFlat([10, 1], 'asks');
    expect(applyLevels(asks, [], 'asks')).toBe(asks);
  });

  it('ignores removal of an unknown level', () => {
    const asks = levelsFromFlat([10, 1], 'asks');
    expect(applyLevels(asks, [11, 0], 'asks')).toEqual([[10, 1]]);
  });

  it('merges deltas with the later size winning and removals kept', () => {
    const merged = mergeDeltas([100, 1, 101, 2], [101, 0, 102, 4]);
    expect(applyLevels(levelsFromFlat([101, 9, 103, 1], 'asks'), merged, 'asks')).toEqual([
      [100, 1],
      [102, 4],
      [103, 1],
    ]);
  });

  it('applies a delta to a full flat side without keeping zeros', () => {
    expect(applyDeltaToFlat([100, 1, 101, 2], [101, 0, 99, 3])).toEqual([100, 1, 99, 3]);
  });
});
