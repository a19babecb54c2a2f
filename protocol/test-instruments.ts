/** Instruments for tests on both sides of the wire (not used by the app itself). */
import type { Instrument } from './instruments';

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
