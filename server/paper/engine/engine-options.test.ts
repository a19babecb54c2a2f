import { describe, expect, it } from 'vitest';
import { formatId } from './engine-options';
import { FakeMarket, makeEngine, usd } from './test-support';

describe('engine options', () => {
  it('refuses settings that would make the arithmetic meaningless', () => {
    const market = new FakeMarket();
    expect(() => makeEngine(market, { leverage: 0 })).toThrow(RangeError);
    expect(() => makeEngine(market, { leverage: 1.5 })).toThrow(RangeError);
    expect(() => makeEngine(market, { takerFeeBps: -1 })).toThrow(RangeError);
    expect(() => makeEngine(market, { makerFeeBps: 0.5 })).toThrow(RangeError);
    expect(() => makeEngine(market, { startingCash: -1n })).toThrow(RangeError);
  });

  it('starts a fresh account from the options, a stored one from its balance', () => {
    const market = new FakeMarket();
    const fresh = makeEngine(market, { accountId: 'x', currency: 'EUR', startingCash: usd('5') });
    expect(fresh.state().balance).toMatchObject({
      accountId: 'x',
      currency: 'EUR',
      cash: usd('5'),
      seq: 0,
      nextOrderNumber: 1,
    });
    const loaded = makeEngine(market, { initialState: fresh.state(), currency: 'USD' });
    expect(loaded.currency).toBe('EUR');
    expect(loaded.accountId).toBe('x');
  });

  it('pads ids so they sort like their numbers', () => {
    expect(formatId('o_', 42)).toBe('o_0000000042');
    expect(formatId('f_', 1)).toBe('f_0000000001');
  });
});
