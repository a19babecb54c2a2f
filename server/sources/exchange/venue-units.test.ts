import { describe, expect, it } from 'vitest';
import { decimalScale, gridUnits, stepUnits } from './venue-units';

describe('decimalScale', () => {
  it('counts significant decimals only', () => {
    expect(decimalScale('0.01000000')).toBe(2);
    expect(decimalScale('0.00001')).toBe(5);
    expect(decimalScale('1.00000000')).toBe(0);
    expect(decimalScale('5')).toBe(0);
  });

  it('rejects text that is not an unsigned decimal', () => {
    expect(() => decimalScale('-0.1')).toThrow(/unsigned decimal/);
    expect(() => decimalScale('1e-8')).toThrow(/unsigned decimal/);
    expect(() => decimalScale('')).toThrow(/unsigned decimal/);
  });
});

describe('stepUnits', () => {
  it('turns a tick size into integer units', () => {
    expect(stepUnits('0.01000000', 2)).toBe(1);
    expect(stepUnits('0.5', 2)).toBe(50);
  });

  it('refuses a zero step', () => {
    expect(() => stepUnits('0.00', 2)).toThrow(/positive/);
  });
});

describe('gridUnits', () => {
  it('converts exactly, whatever float rounding would do', () => {
    expect(gridUnits('0.29', 2, 1)).toBe(29);
    expect(gridUnits('64123.45000000', 2, 1)).toBe(6_412_345);
    expect(gridUnits('0.00012345', 8, 1)).toBe(12_345);
  });

  it('returns null off the grid or beyond the scale instead of rounding', () => {
    expect(gridUnits('100.25', 2, 50)).toBeNull();
    expect(gridUnits('100.001', 2, 1)).toBeNull();
    expect(gridUnits('abc', 2, 1)).toBeNull();
    expect(gridUnits(12.5, 2, 1)).toBeNull();
    expect(gridUnits('-1', 2, 1)).toBeNull();
  });

  it('accepts zero only where it means a removed level', () => {
    expect(gridUnits('0.00000000', 8, 1)).toBeNull();
    expect(gridUnits('0.00000000', 8, 1, true)).toBe(0);
  });
});
