import { describe, expect, it } from 'vitest';
import { BookSide } from './book-side';

describe('BookSide', () => {
  it('keeps bids best (highest) first and merges sizes at one price', () => {
    const bids = new BookSide(true);
    bids.add(100, 5);
    bids.add(102, 1);
    bids.add(101, 2);
    expect(bids.add(101, 3)).toBe(5);
    expect(bids.flat()).toEqual([102, 1, 101, 5, 100, 5]);
    expect(bids.best()).toBe(102);
    expect(bids.deepest()).toBe(100);
  });

  it('keeps asks best (lowest) first', () => {
    const asks = new BookSide(false);
    asks.add(105, 1);
    asks.add(103, 2);
    asks.add(104, 3);
    expect(asks.flat()).toEqual([103, 2, 104, 3, 105, 1]);
    expect(asks.flat(2)).toEqual([103, 2, 104, 3]);
    expect(asks.priceFromTop(1)).toBe(104);
    expect(asks.sizeFromTop(2)).toBe(1);
  });

  it('sets, removes and trims levels', () => {
    const asks = new BookSide(false);
    asks.add(103, 2);
    asks.add(104, 3);
    asks.add(105, 1);
    asks.setFromTop(1, 7);
    asks.setFromTop(0, 0);
    expect(asks.flat()).toEqual([104, 7, 105, 1]);
    expect(asks.removeDeepest()).toBe(105);
    expect(asks.length).toBe(1);
    asks.setFromTop(0, 0);
    expect(Number.isNaN(asks.best())).toBe(true);
    expect(asks.flat()).toEqual([]);
  });

  it('finds the first free price away from the touch', () => {
    const bids = new BookSide(true);
    for (const price of [100, 99, 98, 96]) bids.add(price, 1);
    expect(bids.firstFreePrice(99, 1)).toBe(97);
    expect(bids.firstFreePrice(97, 1)).toBe(97);
    const asks = new BookSide(false);
    for (const price of [200, 202, 204, 206]) asks.add(price, 1);
    expect(asks.firstFreePrice(202, 2)).toBe(208);
    expect(asks.firstFreePrice(201, 1)).toBe(201);
  });
});
