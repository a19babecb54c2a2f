import { describe, expect, it } from 'vitest';
import { OrderBook } from './order-book';

describe('OrderBook', () => {
  it('keeps bids descending and asks ascending whatever order levels arrive in', () => {
    const book = new OrderBook();
    book.apply([100, 1, 102, 2, 101, 3], [105, 1, 103, 2, 104, 3], 1, true);
    expect(book.bids.top(10)).toEqual([102, 2, 101, 3, 100, 1]);
    expect(book.asks.top(10)).toEqual([103, 2, 104, 3, 105, 1]);
    expect(book.bids.best()).toBe(102);
    expect(book.asks.best()).toBe(103);
  });

  it('applies absolute sizes: changes replace, zero removes, unknown zero is ignored', () => {
    const book = new OrderBook();
    book.apply([100, 1, 99, 2], [101, 1], 1, true);
    book.apply([100, 7, 99, 0, 98, 0, 97, 4], [101, 0, 102, 5], 2, false);
    expect(book.bids.top(10)).toEqual([100, 7, 97, 4]);
    expect(book.asks.top(10)).toEqual([102, 5]);
    expect(book.time).toBe(2);
  });

  it('a snapshot replaces the whole book', () => {
    const book = new OrderBook();
    book.apply([100, 1, 99, 2], [101, 1, 102, 2], 1, true);
    book.apply([50, 1], [60, 1], 2, true);
    expect(book.bids.top(10)).toEqual([50, 1]);
    expect(book.asks.top(10)).toEqual([60, 1]);
  });

  it('top(n) returns only the best n levels', () => {
    const book = new OrderBook();
    const bids = Array.from({ length: 30 }, (_, i) => [1000 - i, i + 1]).flat();
    book.apply(bids, [], 1, true);
    const top = book.bids.top(5);
    expect(top).toEqual([1000, 1, 999, 2, 998, 3, 997, 4, 996, 5]);
    expect(book.bids.levelCount).toBe(30);
  });

  it('ignores malformed levels (non-integers, negative sizes, odd trailing value)', () => {
    const book = new OrderBook();
    book.apply([100, 1, 100.5, 1, 99, -3, 98], [Number.NaN, 1, 101, 2], 1, true);
    expect(book.bids.top(10)).toEqual([100, 1]);
    expect(book.asks.top(10)).toEqual([101, 2]);
  });

  it('an empty side has best price 0', () => {
    const book = new OrderBook();
    expect(book.bids.best()).toBe(0);
    expect(book.asks.top(10)).toEqual([]);
  });
});
