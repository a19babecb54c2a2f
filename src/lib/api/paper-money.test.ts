import { describe, expect, it } from 'vitest';
import { BTC_USD } from '../../../protocol/test-fixtures';
import {
  feeOf,
  formatMoney,
  formatSignedMoney,
  money,
  notionalOf,
  remark,
  valueAtMid,
} from './paper-money';

describe('paper money', () => {
  it('parses wire money exactly and refuses anything else', () => {
    expect(money('0.1') + money('0.2')).toBe(money('0.3'));
    expect(formatMoney(money('100000.00000000'))).toBe('100,000.00');
    expect(() => money('1e3')).toThrow();
    expect(() => money('0.1.2')).toThrow();
  });

  it('formats rounded half away from zero with a sign for gains', () => {
    expect(formatMoney(money('-1.005'))).toBe('-1.01');
    expect(formatMoney(money('-0.004'))).toBe('0.00');
    expect(formatSignedMoney(money('2.5'))).toBe('+2.50');
    expect(formatSignedMoney(money('0.001'))).toBe('0.00');
  });

  it('computes notionals and fees like the engine (fees rounded up)', () => {
    // 0.5 BTC × $100.00
    expect(notionalOf(BTC_USD, 10_000, 5_000)).toBe(money('50'));
    expect(feeOf(money('50'), 5)).toBe(money('0.025'));
    expect(feeOf(1n, 5)).toBe(1n);
    expect(feeOf(money('50'), 0)).toBe(0n);
  });

  it('re-marks a position at the live mid: P&L follows the market exactly', () => {
    // Long 1 BTC bought at $100; the gateway marked it at $101 (+$1).
    const view = { marketValue: '101', unrealizedPnl: '1' };
    const live = valueAtMid(BTC_USD, 10_000, 10_190, 10_210);
    expect(live).toBe(money('102'));
    expect(remark(view, live)).toEqual({ marketValue: money('102'), unrealizedPnl: money('2') });
    // Short 1 BTC at $100 loses when the market rises.
    const short = valueAtMid(BTC_USD, -10_000, 10_190, 10_210);
    expect(remark({ marketValue: '-101', unrealizedPnl: '-1' }, short).unrealizedPnl).toBe(
      money('-2'),
    );
    expect(remark(view, null).unrealizedPnl).toBe(money('1'));
    expect(valueAtMid(BTC_USD, 1, undefined, 10)).toBeNull();
  });
});
