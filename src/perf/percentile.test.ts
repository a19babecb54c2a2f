import { describe, expect, it } from 'vitest';
import { microsPerItem, percentile, ratePerSecond } from './percentile';

describe('percentile', () => {
  it('takes the nearest rank', () => {
    const values = [15, 20, 35, 40, 50];
    expect(percentile(values, 50)).toBe(35);
    expect(percentile(values, 30)).toBe(20);
    expect(percentile(values, 100)).toBe(50);
    expect(percentile(values, 0)).toBe(15);
  });

  it('does not depend on input order and leaves the input alone', () => {
    const values = [9, 1, 5, 3, 7];
    expect(percentile(values, 40)).toBe(3);
    expect(values).toEqual([9, 1, 5, 3, 7]);
  });

  it('sees the tail: one slow frame in a hundred is the p99', () => {
    const frames = Array.from({ length: 100 }, (_, i) => (i === 42 ? 120 : 16.7));
    expect(percentile(frames, 95)).toBeCloseTo(16.7);
    expect(percentile(frames, 99)).toBeCloseTo(16.7);
    expect(percentile([...frames, 130], 99)).toBe(120);
  });

  it('is NaN for no values or a percentile out of range', () => {
    expect(percentile([], 50)).toBeNaN();
    expect(percentile([1], -1)).toBeNaN();
    expect(percentile([1], 101)).toBeNaN();
    expect(percentile([1], Number.NaN)).toBeNaN();
  });
});

describe('ratePerSecond', () => {
  it('turns two readings of a counter into a rate', () => {
    expect(ratePerSecond({ count: 100, at: 1_000 }, { count: 1_100, at: 1_500 })).toBe(2_000);
  });
  it('is NaN without elapsed time and never negative after a counter reset', () => {
    expect(ratePerSecond({ count: 1, at: 5 }, { count: 2, at: 5 })).toBeNaN();
    expect(ratePerSecond({ count: 50, at: 0 }, { count: 10, at: 1_000 })).toBe(0);
  });
});

describe('microsPerItem', () => {
  it('divides the time spent by the items handled', () => {
    expect(microsPerItem(10, 12, 1_000, 3_000)).toBe(1);
  });
  it('is NaN when nothing was handled', () => {
    expect(microsPerItem(10, 12, 5, 5)).toBeNaN();
  });
});
