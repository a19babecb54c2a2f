import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';

describe('backoffDelay', () => {
  it('grows exponentially from the base', () => {
    const mid = () => 0.5;
    expect(backoffDelay(0, mid)).toBeLessThan(backoffDelay(1, mid));
    expect(backoffDelay(1, mid)).toBeLessThan(backoffDelay(2, mid));
  });

  it('is capped at about 5 seconds however many attempts failed', () => {
    expect(backoffDelay(50, () => 1)).toBe(5_000);
    expect(backoffDelay(1_000, () => 0)).toBe(2_500);
  });

  it('spreads retries with jitter', () => {
    expect(backoffDelay(3, () => 0)).not.toBe(backoffDelay(3, () => 1));
  });
});
