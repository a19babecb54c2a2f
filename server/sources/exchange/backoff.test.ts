import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';

describe('backoffDelay', () => {
  const policy = { baseMs: 100, maxMs: 1_000 };

  it('grows the jitter window exponentially up to the cap', () => {
    const top = (attempt: number) => backoffDelay(attempt, policy, () => 0.999999);
    expect(top(0)).toBe(99);
    expect(top(1)).toBe(199);
    expect(top(3)).toBe(799);
    expect(top(4)).toBe(999);
    expect(top(50)).toBe(999);
  });

  it('spreads retries over the whole window (full jitter)', () => {
    expect(backoffDelay(3, policy, () => 0)).toBe(0);
    expect(backoffDelay(3, policy, () => 0.5)).toBe(400);
  });

  it('treats nonsense attempt numbers as the first retry', () => {
    expect(backoffDelay(-5, policy, () => 0.5)).toBe(50);
    expect(backoffDelay(Number.NaN, policy, () => 0.5)).toBe(50);
  });
});
