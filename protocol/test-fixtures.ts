/** Fixtures for tests on both sides of the wire (not used by the app itself). */
import type { Instrument } from './instruments';
import type { Ticker } from './messages';

/** Bitcoin quoted in dollars: prices in cents (scale 2), sizes in 0.0001 BTC lots. */
export const BTC_USD: Instrument = {
  id: 1,
  symbol: 'BTC-USD',
  name: 'Bitcoin',
  assetClass: 'crypto',
  base: 'BTC',
  quote: 'USD',
  priceScale: 2,
  tick: 1,
  sizeScale: 4,
  lot: 1,
};

/** A plausible ticker: bid and ask one unit around `last`, time equal to `seq` unless given. */
export function testTicker(fields: Partial<Ticker> & { inst: number }): Ticker {
  const last = fields.last ?? 100;
  const seq = fields.seq ?? 1;
  return {
    seq,
    time: seq,
    last,
    bid: last - 1,
    ask: last + 1,
    open24: 90,
    high24: 110,
    low24: 80,
    volume24: 5,
    ...fields,
  };
}
