import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BACKOFF_BASE_MS, BACKOFF_CAP_MS, backoffDelay } from './backoff';

describe('backoffDelay', () => {
  it('waits anywhere from zero up to a ceiling that doubles per attempt (full jitter)', () => {
    expect(backoffDelay(0, () => 0)).toBe(0);
    expect(backoffDelay(0, () => 0.999_999)).toBe(BACKOFF_BASE_MS);
    expect(backoffDelay(1, () => 0.999_999)).toBe(2 * BACKOFF_BASE_MS);
    expect(backoffDelay(2, () => 0.5)).toBe(2 * BACKOFF_BASE_MS);
    expect(backoffDelay(3, () => 0)).toBe(0);
  });

  it('is capped however many attempts failed', () => {
    expect(backoffDelay(50, () => 0.999_999)).toBe(BACKOFF_CAP_MS);
    expect(backoffDelay(1_000_000, () => 1)).toBe(BACKOFF_CAP_MS);
    expect(backoffDelay(Number.POSITIVE_INFINITY, () => 1)).toBe(BACKOFF_CAP_MS);
    expect(backoffDelay(Number.NaN, () => 1)).toBe(BACKOFF_BASE_MS);
  });

  it('always stays within [0, min(cap, base * 2^attempt)] whatever the random source says', () => {
    fc.assert(
      fc.property(fc.integer({ min: -5, max: 10_000 }), fc.double(), (attempt, r) => {
        const delay = backoffDelay(attempt, () => r);
        const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt));
        return Number.isInteger(delay) && delay >= 0 && delay <= ceiling;
      }),
    );
  });

  it('spreads many clients over the whole window, not just its upper half', () => {
    // A deterministic sequence standing in for many clients' random draws.
    let seed = 7;
    const random = () => ((seed = (seed * 16_807) % 2_147_483_647) - 1) / 2_147_483_646;
    const delays = Array.from({ length: 1_000 }, () => backoffDelay(10, random));
    const early = delays.filter((d) => d < BACKOFF_CAP_MS / 2).length;
    expect(early).toBeGreaterThan(400);
    expect(early).toBeLessThan(600);
  });
});
