/** Type guards for the REST responses in protocol/rest.ts. */
import { ASSET_CLASSES, type Instrument } from '../../../protocol/instruments';
import { isInterval } from '../../../protocol/intervals';
import type { Candle, Trade } from '../../../protocol/messages';
import type {
  BookResponse,
  CandlesResponse,
  InstrumentsResponse,
  TradesResponse,
} from '../../../protocol/rest';

type Rec = Record<string, unknown>;

function isRecord(value: unknown): value is Rec {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isInt = (value: unknown): value is number => Number.isSafeInteger(value);

function isInstrument(value: unknown): value is Instrument {
  return (
    isRecord(value) &&
    isInt(value.id) &&
    typeof value.symbol === 'string' &&
    typeof value.name === 'string' &&
    (ASSET_CLASSES as readonly unknown[]).includes(value.assetClass) &&
    typeof value.base === 'string' &&
    typeof value.quote === 'string' &&
    isInt(value.priceScale) &&
    isInt(value.tick) &&
    (value.tick as number) > 0 &&
    isInt(value.sizeScale) &&
    isInt(value.lot)
  );
}

function isCandle(value: unknown): value is Candle {
  return (
    isRecord(value) &&
    isInt(value.time) &&
    isInt(value.open) &&
    isInt(value.high) &&
    isInt(value.low) &&
    isInt(value.close) &&
    isInt(value.volume)
  );
}

function isTrade(value: unknown): value is Trade {
  return (
    isRecord(value) &&
    isInt(value.id) &&
    isInt(value.price) &&
    isInt(value.size) &&
    (value.side === 1 || value.side === 2) &&
    isInt(value.time)
  );
}

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
