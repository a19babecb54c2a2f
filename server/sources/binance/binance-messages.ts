/**
 * Shapes of Binance spot JSON (WebSocket stream events and REST bodies), checked at the boundary.
 * Prices and quantities stay strings here; they become integers only against an instrument's grid.
 */
import { isRecord } from '../../../protocol/value-guards';

/** A price level as Binance sends it: [price, quantity], both decimal strings. */
export type RawLevel = readonly [string, string];

/** Diff depth stream event (`<symbol>@depth@100ms`). */
export interface DepthUpdateEvent {
  e: 'depthUpdate';
  E: number;
  s: string;
  /** First update id in the event. */
  U: number;
  /** Final update id in the event. */
  u: number;
  b: RawLevel[];
  a: RawLevel[];
}

/** Trade stream event (`<symbol>@trade`); `m` true means the buyer was the maker. */
export interface TradeEvent {
  e: 'trade';
  E: number;
  s: string;
  p: string;
  q: string;
  T: number;
  m: boolean;
}

/**
 * Individual symbol rolling-window 24hr ticker (`<symbol>@ticker`), reduced to what we read:
 * open, high, low and base-asset volume of the 24 h window ending at `E`.
 */
export interface DayTickerEvent {
  e: '24hrTicker';
  E: number;
  s: string;
  o: string;
  h: string;
  l: string;
  v: string;
}

/** GET /api/v3/depth answer. */
export interface DepthSnapshot {
  lastUpdateId: number;
  bids: RawLevel[];
  asks: RawLevel[];
}

/** One entry of GET /api/v3/exchangeInfo `symbols`, reduced to what we use. */
export interface SymbolInfo {
  symbol: string;
  status: string;
  baseAsset: string;
  quoteAsset: string;
  filters: Record<string, unknown>[];
}

/** A kline row reduced to [open time, open, high, low, close, volume]. */
export type RawKline = [number, string, string, string, string, string];

/** What one WebSocket text frame means to the adapter. */
export type StreamMessage =
  | { kind: 'depth'; event: DepthUpdateEvent }
  | { kind: 'trade'; event: TradeEvent }
  | { kind: 'ticker'; event: DayTickerEvent }
  | { kind: 'shutdown' }
  | { kind: 'ack' }
  | { kind: 'malformed'; reason: string };

function isId(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

function isLevel(value: unknown): value is RawLevel {
  return (
    Array.isArray(value) &&
    value.length >= 2 &&
    typeof value[0] === 'string' &&
    typeof value[1] === 'string'
  );
}

function isLevels(value: unknown): value is RawLevel[] {
  return Array.isArray(value) && value.every(isLevel);
}

/** True for a well-formed diff depth event. */
export function isDepthUpdate(value: unknown): value is DepthUpdateEvent {
  return (
    isRecord(value) &&
    value.e === 'depthUpdate' &&
    isId(value.E) &&
    typeof value.s === 'string' &&
    isId(value.U) &&
    isId(value.u) &&
    value.U <= value.u &&
    isLevels(value.b) &&
    isLevels(value.a)
  );
}

/** True for a well-formed trade event. */
export function isTradeEvent(value: unknown): value is TradeEvent {
  return (
    isRecord(value) &&
    value.e === 'trade' &&
    isId(value.E) &&
    typeof value.s === 'string' &&
    typeof value.p === 'string' &&
    typeof value.q === 'string' &&
    isId(value.T) &&
    typeof value.m === 'boolean'
  );
}

/** True for a well-formed 24hr ticker event (the fields we read). */
export function isDayTickerEvent(value: unknown): value is DayTickerEvent {
  return (
    isRecord(value) &&
    value.e === '24hrTicker' &&
    isId(value.E) &&
    typeof value.s === 'string' &&
    typeof value.o === 'string' &&
    typeof value.h === 'string' &&
    typeof value.l === 'string' &&
    typeof value.v === 'string'
  );
}

/** True for a well-formed depth snapshot body. */
export function isDepthSnapshot(value: unknown): value is DepthSnapshot {
  return (
    isRecord(value) && isId(value.lastUpdateId) && isLevels(value.bids) && isLevels(value.asks)
  );
}

/** True for an exchangeInfo symbol entry with the fields we read. */
export function isSymbolInfo(value: unknown): value is SymbolInfo {
  return (
    isRecord(value) &&
    typeof value.symbol === 'string' &&
    typeof value.status === 'string' &&
    typeof value.baseAsset === 'string' &&
    typeof value.quoteAsset === 'string' &&
    Array.isArray(value.filters) &&
    value.filters.every(isRecord)
  );
}

/** The `symbols` list of an exchangeInfo body, or null when the body has another shape. */
export function exchangeInfoSymbols(value: unknown): SymbolInfo[] | null {
  if (!isRecord(value) || !Array.isArray(value.symbols)) return null;
  return value.symbols.every(isSymbolInfo) ? value.symbols : null;
}

/** True for a cached list of reduced kline rows. */
export function isRawKlines(value: unknown): value is RawKline[] {
  return Array.isArray(value) && value.every(isRawKline);
}

function isRawKline(value: unknown): value is RawKline {
  return (
    Array.isArray(value) &&
    value.length === 6 &&
    isId(value[0]) &&
    value.slice(1).every((field) => typeof field === 'string')
  );
}

/** A GET /api/v3/klines body reduced to RawKline rows, or null when it has another shape. */
export function parseKlines(value: unknown): RawKline[] | null {
  if (!Array.isArray(value)) return null;
  const rows: RawKline[] = [];
  for (const row of value) {
    if (!Array.isArray(row) || row.length < 6) return null;
    const reduced: unknown[] = row.slice(0, 6);
    if (!isRawKline(reduced)) return null;
    rows.push(reduced);
  }
  return rows;
}

/** Classifies one combined-stream text frame ({"stream": ..., "data": ...}). */
export function parseStreamMessage(text: string): StreamMessage {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: 'malformed', reason: 'not JSON' };
  }
  if (!isRecord(value)) return { kind: 'malformed', reason: 'not an object' };
  // The shutdown notice is documented as a bare event; accept it wrapped too.
  const data = isRecord(value.data) ? value.data : value;
  if (data.e === 'serverShutdown') return { kind: 'shutdown' };
  if ('result' in value && 'id' in value) return { kind: 'ack' };
  if (typeof value.stream !== 'string' || !isRecord(value.data)) {
    return { kind: 'malformed', reason: 'not a combined-stream event' };
  }
  if (isDepthUpdate(data)) return { kind: 'depth', event: data };
  if (isTradeEvent(data)) return { kind: 'trade', event: data };
  if (isDayTickerEvent(data)) return { kind: 'ticker', event: data };
  return { kind: 'malformed', reason: `unexpected ${value.stream} payload` };
}
