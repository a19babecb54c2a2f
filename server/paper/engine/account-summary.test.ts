import { describe, expect, it } from 'vitest';
import { instrumentMargin, markPosition } from './account-summary';
import { BTC, EUR, FakeMarket, PEPE, usd } from './test-support';

describe('markPosition', () => {
  it('marks to the mid, truncating half a money unit toward zero', () => {
    const market = new FakeMarket();
    market.setBook(PEPE.id, [1, 10], [2, 10]);
    // mid 1.5e-10 × 1 token = 1.5e-10 USD, exact at MONEY_SCALE 16
    expect(markPosition(PEPE, { quantity: 1, entryNotional: 0n }, market).marketValue).toBe(
      usd('0.00000000015'),
    );
  });

  it('falls back to one side, then the last trade, then the entry cost', () => {
    const market = new FakeMarket();
    const long = { quantity: 10_000, entryNotional: usd('60000') };
    expect(markPosition(BTC, long, market)).toEqual({
      marketValue: usd('60000'),
      unrealizedPnl: 0n,
      marked: false,
    });
    market.setTrade(BTC.id, 6_400_000);
    expect(markPosition(BTC, long, market).unrealizedPnl).toBe(usd('4000'));
    market.setBook(BTC.id, [], [6_300_000, 1]);
    expect(markPosition(BTC, long, market).unrealizedPnl).toBe(usd('3000'));
  });

  it('values shorts negatively: a rising market loses', () => {
    const market = new FakeMarket();
    market.setBook(EUR.id, [110_000, 1_000], [110_010, 1_000]);
    const short = { quantity: -10_000, entryNotional: usd('-10850') };
    expect(markPosition(EUR, short, market)).toEqual({
      marketValue: usd('-11000.5'),
      unrealizedPnl: usd('-150.5'),
      marked: true,
    });
  });
});

describe('instrumentMargin', () => {
  it('is the larger exposure of all buys or all sells filling', () => {
    expect(instrumentMargin(usd('100'), 0n, 0n)).toBe(usd('100'));
    expect(instrumentMargin(usd('100'), usd('50'), usd('40'))).toBe(usd('150'));
    expect(instrumentMargin(usd('100'), 0n, usd('100'))).toBe(usd('100'));
    expect(instrumentMargin(usd('100'), 0n, usd('250'))).toBe(usd('150'));
    expect(instrumentMargin(usd('-100'), usd('30'), usd('20'))).toBe(usd('120'));
  });
});
