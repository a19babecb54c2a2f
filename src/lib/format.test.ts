import { describe, expect, it } from 'vitest';
import { formatChangePercent, formatClock } from './format';

describe('format', () => {
  it('formats a change in percent with sign and two decimals', () => {
    expect(formatChangePercent(10_250, 10_000)).toBe('+2.50%');
    expect(formatChangePercent(9_999, 10_000)).toBe('-0.01%');
    expect(formatChangePercent(10_000, 10_000)).toBe('0.00%');
    expect(formatChangePercent(5, 0)).toBe('0.00%');
  });

  it('formats times as HH:MM:SS', () => {
    expect(formatClock(Date.UTC(2024, 0, 1, 13, 5, 9))).toMatch(/^\d{2}:\d{2}:\d{2}$/);
  });
});
