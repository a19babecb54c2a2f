import { describe, expect, it } from 'vitest';
import { applyBookPatches, useBookStore } from './book-store';
import { selectGroupedSide } from './book-selectors';

describe('book store', () => {
  it('applies a snapshot then a delta, removing size-0 levels', () => {
    applyBookPatches([
      { inst: 1, reset: true, seq: 5, time: 1, bids: [100, 1, 99, 2], asks: [101, 1, 102, 3] },
    ]);
    applyBookPatches([{ inst: 1, reset: false, seq: 6, time: 2, bids: [100, 0], asks: [101, 4] }]);
    const book = useBookStore.getState().books[1];
    expect(book).toMatchObject({
      seq: 6,
      bids: [[99, 2]],
      asks: [
        [101, 4],
        [102, 3],
      ],
    });
  });

  it('ignores a delta for a book it never had', () => {
    applyBookPatches([{ inst: 42, reset: false, seq: 6, time: 2, bids: [100, 1], asks: [] }]);
    expect(useBookStore.getState().books[42]).toBeUndefined();
  });

  it('keeps the grouped view of an untouched side as the same reference', () => {
    applyBookPatches([
      { inst: 2, reset: true, seq: 1, time: 1, bids: [100, 1, 99, 2], asks: [101, 1] },
    ]);
    const before = useBookStore.getState().books[2]!;
    const bidsBefore = selectGroupedSide(before.bids, 10, 'bids', 20);
    expect(selectGroupedSide(before.bids, 10, 'bids', 20)).toBe(bidsBefore);
    applyBookPatches([{ inst: 2, reset: false, seq: 2, time: 2, bids: [], asks: [101, 5] }]);
    const after = useBookStore.getState().books[2]!;
    expect(selectGroupedSide(after.bids, 10, 'bids', 20)).toBe(bidsBefore);
    expect(selectGroupedSide(after.asks, 10, 'asks', 20)).not.toBe(
      selectGroupedSide(before.asks, 10, 'asks', 20),
    );
    expect(selectGroupedSide(after.bids, 1, 'bids', 20)).not.toBe(bidsBefore);
  });
});
