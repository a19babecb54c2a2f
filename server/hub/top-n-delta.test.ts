import { describe, expect, it } from 'vitest';
import { OrderBook } from './order-book';
import { applyTopNDelta, topNDelta } from './top-n-delta';

describe('topNDelta', () => {
  it('reports changed sizes, entering levels, and leaving levels as size 0', () => {
    const before = [105, 1, 104, 2, 103, 3];
    const after = [105, 1, 104, 5, 102, 7];
    expect(topNDelta(before, after)).toEqual([104, 5, 102, 7, 103, 0]);
  });

  it('is empty when the view did not change', () => {
    expect(topNDelta([1, 1, 2, 2], [1, 1, 2, 2])).toEqual([]);
  });

  it('a level pushed out of the top N by a better one leaves the view', () => {
    const book = new OrderBook();
    book.apply([100, 1, 99, 1, 98, 1], [], 1, true);
    const before = book.bids.top(3);
    book.apply([101, 4], [], 2, false);
    const after = book.bids.top(3);
    const delta = topNDelta(before, after);
    expect(delta).toEqual([101, 4, 98, 0]);
    expect(applyTopNDelta(before, delta, true)).toEqual(after);
  });

  it('a level deeper than N that changes produces no delta', () => {
    const book = new OrderBook();
    book.apply([100, 1, 99, 1, 98, 1], [], 1, true);
    const before = book.bids.top(2);
    book.apply([98, 9], [], 2, false);
    expect(topNDelta(before, book.bids.top(2))).toEqual([]);
  });

  it('applying successive deltas to the first view reproduces the book top N', () => {
    const book = new OrderBook();
    book.apply([100, 1, 99, 2, 98, 3, 97, 4], [101, 1, 102, 2, 103, 3], 1, true);
    let bidView = book.bids.top(3);
    let askView = book.asks.top(3);
    const changes: Array<[number[], number[]]> = [
      [
        [100, 0],
        [101, 5],
      ],
      [
        [99, 0, 96, 1],
        [101, 0, 104, 1],
      ],
      [[105, 2], []],
      [[], [100, 1]],
    ];
    for (const [bids, asks] of changes) {
      book.apply(bids, asks, 2, false);
      const bidDelta = topNDelta(bidView, book.bids.top(3));
      const askDelta = topNDelta(askView, book.asks.top(3));
      bidView = applyTopNDelta(bidView, bidDelta, true);
      askView = applyTopNDelta(askView, askDelta, false);
      expect(bidView).toEqual(book.bids.top(3));
      expect(askView).toEqual(book.asks.top(3));
    }
  });
});
