import { describe, expect, it } from 'vitest';
import { testTicker } from '../../protocol/test-fixtures';
import { packTickers, unpackTickers } from './ticker-pack';

describe('ticker packing', () => {
  it('round-trips tickers exactly, including large integer volumes', () => {
    const tickers = [
      testTicker({ inst: 1, last: 6_500_012 }),
      testTicker({ inst: 2, volume24: 2 ** 52 + 1 }),
    ];
    expect(unpackTickers(packTickers(tickers))).toEqual(tickers);
  });

  it('rejects what is not a whole pack of integers', () => {
    expect(unpackTickers([1, 2, 3])).toBeNull();
    expect(unpackTickers(new Float64Array(9))).toBeNull();
    const packed = packTickers([testTicker({ inst: 1 })]);
    packed[3] = 1.5;
    expect(unpackTickers(packed)).toBeNull();
    packed[3] = Number.NaN;
    expect(unpackTickers(packed)).toBeNull();
  });
});
