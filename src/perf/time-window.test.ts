import { describe, expect, it } from 'vitest';
import { TimeWindow } from './time-window';

describe('TimeWindow', () => {
  it('keeps only the values of the last window', () => {
    const window = new TimeWindow(2_000);
    window.push(0, 1);
    window.push(1_000, 2);
    window.push(2_500, 3);
    expect([...window.valuesAt(2_500)]).toEqual([2, 3]);
    expect(window.countAt(3_100)).toBe(1);
    expect(window.countAt(10_000)).toBe(0);
  });

  it('keeps at most its capacity, dropping the oldest', () => {
    const window = new TimeWindow(60_000, 3);
    for (let i = 0; i < 5; i++) window.push(i, i);
    expect([...window.valuesAt(5)]).toEqual([2, 3, 4]);
  });

  it('starts over after clear', () => {
    const window = new TimeWindow(1_000);
    window.push(0, 1);
    window.clear();
    expect(window.countAt(0)).toBe(0);
  });
});
