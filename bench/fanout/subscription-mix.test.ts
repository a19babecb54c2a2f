import { describe, expect, it } from 'vitest';
import { ClientKind } from '../../protocol/messages';
import { PROFILE_COUNT, profileOf, subscriptionsOf } from './subscription-mix';

const SYMBOLS = Array.from({ length: 90 }, (_, i) => `S${i}`);

describe('profileOf', () => {
  it('gives clients of one profile the same symbols and spreads profiles over instruments', () => {
    expect(profileOf(3, SYMBOLS)).toEqual(profileOf(3 + PROFILE_COUNT * 7, SYMBOLS));
    const followed = new Set<string>();
    for (let i = 0; i < PROFILE_COUNT; i += 1) {
      const { symbols } = profileOf(i, SYMBOLS);
      expect(symbols.length).toBeGreaterThanOrEqual(1);
      expect(symbols.length).toBeLessThanOrEqual(3);
      for (const symbol of symbols) followed.add(symbol);
    }
    expect(followed.size).toBeGreaterThanOrEqual(PROFILE_COUNT + 8);
    expect([...followed].some((s) => Number(s.slice(1)) >= 60)).toBe(true);
  });

  it('never repeats a symbol when there are few instruments', () => {
    for (let i = 0; i < PROFILE_COUNT; i += 1) {
      const { symbols } = profileOf(i, ['A', 'B']);
      expect(new Set(symbols).size).toBe(symbols.length);
    }
  });

  it('rejects an empty symbol list and a bad index', () => {
    expect(() => profileOf(0, [])).toThrow(RangeError);
    expect(() => profileOf(-1, SYMBOLS)).toThrow(RangeError);
    expect(() => profileOf(1.5, SYMBOLS)).toThrow(RangeError);
  });
});

describe('subscriptionsOf', () => {
  it('asks for tickers, then book and trades per symbol, then the primary candles', () => {
    const requests = subscriptionsOf({ profile: 4, symbols: ['BTC-USD', 'AAPL'], bookDepth: 10 });
    expect(requests.map((r) => [r.channel, r.symbol])).toEqual([
      ['tickers', null],
      ['book', 'BTC-USD'],
      ['trades', 'BTC-USD'],
      ['book', 'AAPL'],
      ['trades', 'AAPL'],
      ['candles', 'BTC-USD'],
    ]);
    expect(requests.every((r) => r.kind === ClientKind.subscribe)).toBe(true);
    expect(new Set(requests.map((r) => r.ref)).size).toBe(requests.length);
    expect(requests[1]?.depth).toBe(10);
  });
});
