import { describe, expect, it } from 'vitest';
import { DecimalError, formatUnits, parseUnits, rescaleUnits } from './decimal';

describe('parseUnits', () => {
  it.each([
    ['0.00012345', 8, 12345],
    ['65123.45', 2, 6512345],
    ['65123.4', 2, 6512340],
    ['65123', 2, 6512300],
    ['1.10000000', 2, 110],
    ['-0.5', 1, -5],
    ['-0.00', 2, 0],
    ['000123.4500', 4, 1234500],
    ['90071992547.40991', 5, 9007199254740991],
    [' 42.0 ', 0, 42],
  ])('reads %s at scale %i as %i', (text, scale, units) => {
    expect(parseUnits(text, scale)).toBe(units);
  });

  it('refuses to round extra decimals', () => {
    expect(() => parseUnits('0.000123456', 8)).toThrow(/would have to be rounded/);
    expect(() => parseUnits('1.005', 2)).toThrow(DecimalError);
  });

  it('refuses values too large to be exact', () => {
    expect(() => parseUnits('90071992547.40992', 5)).toThrow(/too large/);
    expect(() => parseUnits('1e21', 0)).toThrow(DecimalError);
  });

  it.each(['', 'abc', '1.2.3', '1,5', '.5', '5.', '+1', 'NaN', 'Infinity', '0x10', '1e3'])(
    'rejects the malformed number %j',
    (text) => {
      expect(() => parseUnits(text, 4)).toThrow(DecimalError);
    },
  );

  it('rejects an invalid scale', () => {
    expect(() => parseUnits('1', -1)).toThrow(/scale/);
    expect(() => parseUnits('1', 1.5)).toThrow(/scale/);
    expect(() => parseUnits('1', 16)).toThrow(/scale/);
  });
});

describe('formatUnits', () => {
  it.each([
    [12345, 8, '0.00012345'],
    [6512345, 2, '65123.45'],
    [5, 2, '0.05'],
    [0, 3, '0.000'],
    [-5, 2, '-0.05'],
    [-6512345, 2, '-65123.45'],
    [42, 0, '42'],
    [9007199254740991, 5, '90071992547.40991'],
  ])('writes %i at scale %i as %s', (units, scale, text) => {
    expect(formatUnits(units, scale)).toBe(text);
  });

  it('round-trips through parseUnits', () => {
    for (const units of [0, 1, 7, 99, 100, 123456789, 9007199254740991, -31]) {
      for (const scale of [0, 2, 5, 8]) {
        expect(parseUnits(formatUnits(units, scale), scale)).toBe(units);
      }
    }
  });

  it('refuses non-integers instead of printing a float', () => {
    expect(() => formatUnits(1.5, 2)).toThrow(DecimalError);
    expect(() => formatUnits(Number.NaN, 2)).toThrow(DecimalError);
    expect(() => formatUnits(2 ** 60, 2)).toThrow(DecimalError);
  });
});

describe('rescaleUnits', () => {
  it('moves between scales exactly', () => {
    expect(rescaleUnits(123, 2, 4)).toBe(12300);
    expect(rescaleUnits(12300, 4, 2)).toBe(123);
  });

  it('refuses to drop precision or overflow', () => {
    expect(() => rescaleUnits(12345, 4, 2)).toThrow(DecimalError);
    expect(() => rescaleUnits(9007199254740991, 0, 2)).toThrow(DecimalError);
  });
});
