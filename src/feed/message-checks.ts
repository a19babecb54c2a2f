/**
 * Field-level checks for the parts of server messages the worker applies; checkServerMessage only
 * validates the envelope, so list elements and numeric fields are checked here before use.
 */
import type { Ticker, Trade } from '../../protocol/messages';

function isInt(value: unknown): value is number {
  return Number.isSafeInteger(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const TICKER_FIELDS = [
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

/** True when `value` has every ticker field as an integer. */
export function isTicker(value: unknown): value is Ticker {
  return isRecord(value) && TICKER_FIELDS.every((field) => isInt(value[field]));
}

/** True when `value` is a trade with integer fields and a known side. */
export function isTrade(value: unknown): value is Trade {
  return (
    isRecord(value) &&
    isInt(value.id) &&
    isInt(value.price) &&
    isInt(value.size) &&
    (value.side === 1 || value.side === 2) &&
    isInt(value.time)
  );
}

/** True when the candle fields of `value` are all integers. */
export function hasCandleFields(value: Record<string, unknown>): boolean {
  return ['time', 'open', 'high', 'low', 'close', 'volume'].every((field) => isInt(value[field]));
}
