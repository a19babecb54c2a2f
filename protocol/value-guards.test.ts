import { describe, expect, it } from 'vitest';
import { BTC_USD } from './test-fixtures';
import { isCandle, isInstrument, isTicker, isTrade } from './value-guards';

const trade = { id: 1, price: 100, size: 5, side: 1, time: 1_763_000_000_000 };
const candle = { time: 0, open: 1, high: 2, low: 1, close: 2, volume: 3 };
const instrument = { ...BTC_USD };

describe('value guards', () => {
  it('accept well-formed values', () => {
    expect(isTrade(trade)).toBe(true);
    expect(isCandle(candle)).toBe(true);
    expect(isInstrument(instrument)).toBe(true);
    expect(
      isTicker({
        inst: 1,
        seq: 2,
        time: 3,
        last: 4,
        bid: 3,
        ask: 5,
        open24: 4,
        high24: 6,
        low24: 2,
        volume24: 9,
      }),
    ).toBe(true);
  });

  it.each([
    ['a float price', { ...trade, price: 100.5 }],
    ['a string size', { ...trade, size: '5' }],
    ['an unknown side', { ...trade, side: 3 }],
    ['a missing time', { ...trade, time: undefined }],
    ['an array', [1, 100, 5, 1, 0]],
    ['null', null],
  ])('reject a trade with %s', (_what, value) => {
    expect(isTrade(value)).toBe(false);
  });

  it('rejects candles with non-integer or missing fields', () => {
    expect(isCandle({ ...candle, close: Number.NaN })).toBe(false);
    expect(isCandle({ ...candle, volume: 2 ** 60 })).toBe(false);
    expect(isCandle({ time: 0 })).toBe(false);
  });

  it('rejects instruments that could not be traded or formatted', () => {
    expect(isInstrument({ ...instrument, tick: 0 })).toBe(false);
    expect(isInstrument({ ...instrument, lot: -1 })).toBe(false);
    expect(isInstrument({ ...instrument, venueSymbol: 42 })).toBe(false);
    expect(isInstrument({ ...instrument, venue: 'binance', venueSymbol: 'BTCUSDT' })).toBe(true);
    expect(isInstrument({ ...instrument, assetClass: 'bonds' })).toBe(false);
    expect(isInstrument({ ...instrument, symbol: 7 })).toBe(false);
  });
});
