import { describe, expect, it } from 'vitest';
import { DELIVERED_PER_EVENT, highestSustained, planStep } from './step-plan';

describe('planStep', () => {
  it('scales the simulator rate with the target and keeps the market shape', () => {
    const low = planStep(1_000);
    const high = planStep(20_000);
    expect(high.simRate / low.simRate).toBeCloseTo(20, 0);
    expect(low.simRate * DELIVERED_PER_EVENT).toBeGreaterThanOrEqual(1_000);
    expect(high.args).toEqual(expect.arrayContaining(['--sim-instruments', '200']));
    expect(high.args[high.args.indexOf('--rate') + 1]).toBe(String(high.simRate));
  });

  it('refuses a non-positive target', () => {
    expect(() => planStep(0)).toThrow(RangeError);
    expect(() => planStep(Number.NaN)).toThrow(RangeError);
  });
});

describe('highestSustained', () => {
  it('is the highest rate before the first step with long tasks', () => {
    expect(
      highestSustained([
        { target: 5_000, delivered: 4_800, longTasks: 0 },
        { target: 1_000, delivered: 990, longTasks: 0 },
        { target: 20_000, delivered: 18_000, longTasks: 3 },
        { target: 50_000, delivered: 30_000, longTasks: 0 },
      ]),
    ).toBe(4_800);
  });

  it('is 0 when even the first step had long tasks, or nothing ran', () => {
    expect(highestSustained([{ target: 1_000, delivered: 1_000, longTasks: 1 }])).toBe(0);
    expect(highestSustained([])).toBe(0);
  });
});
