/** Type guards for the REST responses in protocol/rest.ts. */
import { isInterval } from '../../../protocol/intervals';
import {
  isCandle,
  isInstrument,
  isRecord,
  isSafeInt,
  isTrade,
} from '../../../protocol/value-guards';
import type {
  BookResponse,
  CandlesResponse,
  InstrumentsResponse,
  TradesResponse,
} from '../../../protocol/rest';

const isInt = isSafeInt;

function isLevelList(value: unknown): value is Array<[number, number]> {
  return (
    Array.isArray(value) &&
    value.every((l) => Array.isArray(l) && l.length === 2 && isInt(l[0]) && isInt(l[1]))
  );
}

/** GET /api/instruments */
export function isInstrumentsResponse(value: unknown): value is InstrumentsResponse {
  return (
    isRecord(value) &&
    typeof value.version === 'string' &&
    Array.isArray(value.instruments) &&
    value.instruments.every(isInstrument)
  );
}

/** GET /api/candles */
export function isCandlesResponse(value: unknown): value is CandlesResponse {
  return (
    isRecord(value) &&
    typeof value.symbol === 'string' &&
    isInterval(value.interval) &&
    Array.isArray(value.candles) &&
    value.candles.every(isCandle)
  );
}

/** GET /api/book/:symbol */
export function isBookResponse(value: unknown): value is BookResponse {
  return (
    isRecord(value) &&
    typeof value.symbol === 'string' &&
    isInt(value.seq) &&
    isInt(value.time) &&
    isLevelList(value.bids) &&
    isLevelList(value.asks)
  );
}

/** GET /api/trades/:symbol */
export function isTradesResponse(value: unknown): value is TradesResponse {
  return (
    isRecord(value) &&
    typeof value.symbol === 'string' &&
    Array.isArray(value.trades) &&
    value.trades.every(isTrade)
  );
}
