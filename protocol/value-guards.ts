/**
 * Type guards for the data values that travel in messages and REST bodies. Shared by every reader of
 * the protocol so that "a valid trade" means the same thing on the socket and over REST.
 */
import { ASSET_CLASSES, type Instrument } from './instruments';
import type { Candle, Ticker, Trade } from './messages';

/** True for a plain object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True for an integer JavaScript can represent exactly. */
export function isSafeInt(value: unknown): value is number {
  return Number.isSafeInteger(value);
}

/** Every field of a Ticker, in wire order (all safe integers). */
export const TICKER_FIELDS = [
  'inst',
  'seq',
  'time',
  'last',
  'bid',
  'ask',
  'open24',
  'high24',
  'low24',
  'volume24',
] as const;

const CANDLE_FIELDS = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;

/** True when `value` has every ticker field as an integer. */
export function isTicker(value: unknown): value is Ticker {
  return isRecord(value) && TICKER_FIELDS.every((field) => isSafeInt(value[field]));
}

/** True when `value` has every candle field as an integer. */
export function isCandle(value: unknown): value is Candle {
  return isRecord(value) && CANDLE_FIELDS.every((field) => isSafeInt(value[field]));
}

/** True when `value` is a trade with integer fields and a known side. */
export function isTrade(value: unknown): value is Trade {
  return (
    isRecord(value) &&
    isSafeInt(value.id) &&
    isSafeInt(value.price) &&
    isSafeInt(value.size) &&
    (value.side === 1 || value.side === 2) &&
    isSafeInt(value.time)
  );
}

/** True when `value` describes an instrument with a usable tick and lot. */
export function isInstrument(value: unknown): value is Instrument {
  return (
    isRecord(value) &&
    isSafeInt(value.id) &&
    typeof value.symbol === 'string' &&
    typeof value.name === 'string' &&
    (ASSET_CLASSES as readonly unknown[]).includes(value.assetClass) &&
    typeof value.base === 'string' &&
    typeof value.quote === 'string' &&
    isSafeInt(value.priceScale) &&
    isSafeInt(value.tick) &&
    value.tick > 0 &&
    isSafeInt(value.sizeScale) &&
    isSafeInt(value.lot) &&
    value.lot > 0 &&
    isOptionalString(value.venue) &&
    isOptionalString(value.venueSymbol)
  );
}

function isOptionalString(value: unknown): boolean {
  return value === undefined || typeof value === 'string';
}
