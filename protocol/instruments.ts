import { formatUnits } from './decimal';

export const ASSET_CLASSES = ['crypto', 'equity', 'fx'] as const;
export type AssetClass = (typeof ASSET_CLASSES)[number];

/**
 * What a client needs to know about a tradable instrument.
 *
 * Prices are integers in units of 10^-priceScale and must be multiples of `tick`;
 * sizes are integers in units of 10^-sizeScale and must be multiples of `lot`.
 */
export interface Instrument {
  /** Small integer id used on the wire instead of the symbol. */
  id: number;
  /** Display symbol, e.g. BTC-USD, AAPL, EUR-USD. */
  symbol: string;
  name: string;
  assetClass: AssetClass;
  base: string;
  quote: string;
  priceScale: number;
  tick: number;
  sizeScale: number;
  lot: number;
  /** Where the instrument trades when it comes from a real exchange (e.g. "binance"). */
  venue?: string;
  /** The exchange's own symbol (e.g. "BTCUSDT"), kept next to the display symbol. */
  venueSymbol?: string;
}

/** Formats a price in integer units with the instrument's precision. */
export function formatPrice(instrument: Instrument, units: number): string {
  return formatUnits(units, instrument.priceScale);
}

/** Formats a size in integer units with the instrument's precision. */
export function formatSize(instrument: Instrument, units: number): string {
  return formatUnits(units, instrument.sizeScale);
}

/** True when `price` lies on the instrument's tick grid. */
export function isOnTick(instrument: Instrument, price: number): boolean {
  return Number.isSafeInteger(price) && price % instrument.tick === 0;
}

/** True when `size` is a positive whole number of lots. */
export function isOnLot(instrument: Instrument, size: number): boolean {
  return Number.isSafeInteger(size) && size > 0 && size % instrument.lot === 0;
}

/** Tick size as a decimal string (e.g. "0.01"). */
export function tickSizeText(instrument: Instrument): string {
  return formatUnits(instrument.tick, instrument.priceScale);
}

/** Lot size as a decimal string (e.g. "0.0001"). */
export function lotSizeText(instrument: Instrument): string {
  return formatUnits(instrument.lot, instrument.sizeScale);
}
