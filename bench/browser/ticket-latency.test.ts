import { describe, expect, it } from 'vitest';
import { farPrice, firstEventAfter, latencySummary, pairedIntervals } from './ticket-latency';

describe('pairedIntervals', () => {
  it('pairs starts and ends by index', () => {
    expect(pairedIntervals([10, 20, 30], [12.5, 21, 40])).toEqual([2.5, 1, 10]);
  });

  it('refuses different counts and ends before their starts', () => {
    expect(() => pairedIntervals([1, 2], [3])).toThrow(/2 starts but 1 ends/);
    expect(() => pairedIntervals([5], [4])).toThrow(/pairing is off/);
  });
});

describe('firstEventAfter', () => {
  it('takes the first event in each start window and NaN for an empty window', () => {
    expect(firstEventAfter([10, 20, 30], [33, 12, 15, 31])).toEqual([2, Number.NaN, 1]);
  });

  it('ignores events before the first start', () => {
    expect(firstEventAfter([10], [5, 14])).toEqual([4]);
  });
});

describe('latencySummary', () => {
  it('reports nearest-rank p50 and p99 and the count', () => {
    const samples = Array.from({ length: 200 }, (_, i) => 200 - i);
    expect(latencySummary(samples)).toEqual({ p50: 100, p99: 198, count: 200 });
  });

  it('gives NaN percentiles for no samples', () => {
    const summary = latencySummary([]);
    expect(summary.count).toBe(0);
    expect(summary.p50).toBeNaN();
  });
});

describe('farPrice', () => {
  it('scales the reference and rounds down onto the tick grid', () => {
    expect(farPrice('65000.37', 0.5, 2, 1)).toEqual({ units: 3_250_018, text: '32500.18' });
    expect(farPrice('65000.37', 0.5, 2, 100)).toEqual({ units: 3_250_000, text: '32500.00' });
  });

  it('never goes below one tick', () => {
    expect(farPrice('0.01', 0.5, 2, 1)).toEqual({ units: 1, text: '0.01' });
  });
});
