import { describe, expect, it } from 'vitest';
import { averagePrice, feeOf, formatMoney, notionalOf, parseMoney } from './money';
import { BTC, EUR, FINE, PEPE, usd } from './test-support';

describe('notionalOf', () => {
  it('multiplies price and size units exactly into money units', () => {
    // 65,010.00 × 0.5000 BTC
    expect(notionalOf(BTC, 6_501_000, 5_000)).toBe(usd('32505'));
    // 0.0000090000 × 1,000,000 PEPE (price scale 10)
    expect(notionalOf(PEPE, 90_000, 1_000_000)).toBe(usd('9'));
    // 1.08500 × 10,000 EUR
    expect(notionalOf(EUR, 108_500, 10_000)).toBe(usd('10850'));
    // the smallest PEPE price times one token is still exact
    expect(notionalOf(PEPE, 1, 1)).toBe(usd('0.0000000001'));
  });

  it('rounds half away from zero only when the scales exceed the money scale', () => {
    expect(notionalOf(FINE, 10 ** 10, 10 ** 8)).toBe(usd('1'));
    expect(notionalOf(FINE, 50, 1)).toBe(1n);
    expect(notionalOf(FINE, 49, 1)).toBe(0n);
  });
});

describe('feeOf', () => {
  it('charges bps of the notional, exact when it divides', () => {
    expect(feeOf(usd('32505'), 5)).toBe(usd('16.2525'));
    expect(feeOf(usd('10000'), 2)).toBe(usd('2'));
  });

  it('rounds up to the money unit', () => {
    expect(feeOf(1n, 5)).toBe(1n);
    expect(feeOf(10_000n, 5)).toBe(5n);
    expect(feeOf(10_001n, 5)).toBe(6n);
  });

  it('is zero for zero bps or zero notional', () => {
    expect(feeOf(usd('100'), 0)).toBe(0n);
    expect(feeOf(0n, 5)).toBe(0n);
  });
});

describe('parseMoney and formatMoney', () => {
  it('round-trips decimal amounts exactly', () => {
    expect(parseMoney('100000')).toBe(100_000n * 10n ** 16n);
    expect(parseMoney('0.0000000000000001')).toBe(1n);
    expect(formatMoney(parseMoney('-1.5'), 2)).toBe('-1.50');
    expect(formatMoney(parseMoney('21941.9905'), 4)).toBe('21941.9905');
    expect(formatMoney(parseMoney('0.004'), 2)).toBe('0.00');
    expect(formatMoney(parseMoney('-0.004'), 2)).toBe('0.00');
  });

  it('refuses malformed or over-precise amounts', () => {
    for (const text of ['', '1e5', '1.', 'abc', '1,000', '0.00000000000000001']) {
      expect(() => parseMoney(text)).toThrow(RangeError);
    }
  });
});

describe('averagePrice', () => {
  it('divides notional by quantity in price units, rounded', () => {
    // 0.5 @ 65,010 and 0.7 @ 65,020 → 65,015.83…
    const notional = usd('32505') + usd('45514');
    expect(averagePrice(BTC, notional, 12_000)).toBe(6_501_583);
    expect(averagePrice(PEPE, usd('9'), 1_000_000)).toBe(90_000);
    expect(averagePrice(BTC, 0n, 0)).toBe(0);
  });
});
