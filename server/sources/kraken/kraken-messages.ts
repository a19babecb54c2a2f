/**
 * Guards for Kraken WebSocket v2 messages (after parseExactJson, so every number is its exact
 * decimal text). Anything that does not match a known shape becomes null and is counted as
 * malformed by the caller.
 */
import { numberText, parseExactJson } from './kraken-json';

/** A price level as sent: exact decimal texts. */
export interface RawLevel {
  price: string;
  qty: string;
}

export interface BookEntry {
  symbol: string;
  bids: RawLevel[];
  asks: RawLevel[];
  checksum: number;
  /** Exchange time in ms, or null when absent (snapshots carry none). */
  time: number | null;
}

export interface RawTrade {
  symbol: string;
  side: 'buy' | 'sell';
  price: string;
  qty: string;
  time: number | null;
}

/** One pair's ticker, reduced to the texts its 24h figures come from. */
export interface RawTicker {
  symbol: string;
  last: string;
  /** 24h price change in quote currency: the 24h open is `last - change`, exactly. */
  change: string;
  high: string;
  low: string;
  volume: string;
}

export type KrakenMessage =
  | { kind: 'heartbeat' }
  | { kind: 'status' }
  | { kind: 'pong' }
  | { kind: 'ack'; method: string; success: boolean; detail: string }
  | { kind: 'book'; snapshot: boolean; entries: BookEntry[] }
  | { kind: 'trade'; trades: RawTrade[] }
  | { kind: 'ticker'; tickers: RawTicker[] };

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A JSON number's exact text when it is a plain decimal (quoted strings are the wrong type). */
function decimal(value: unknown): string | null {
  const text = numberText(value);
  return text !== null && /^-?\d+(?:\.\d+)?$/.test(text) ? text : null;
}

/** Parses one WebSocket text frame; null when it is not JSON or not a shape we know. */
export function parseKrakenMessage(text: string): KrakenMessage | null {
  let value: unknown;
  try {
    value = parseExactJson(text);
  } catch {
    return null;
  }
  if (!isObject(value)) return null;
  if (typeof value.method === 'string') return parseMethodReply(value, value.method);
  switch (value.channel) {
    case 'heartbeat':
      return { kind: 'heartbeat' };
    case 'status':
      return { kind: 'status' };
    case 'ticker':
      return parseTickers(value);
    case 'book':
      return parseBook(value);
    case 'trade':
      return parseTrades(value);
    default:
      return null;
  }
}

function parseMethodReply(value: Json, method: string): KrakenMessage | null {
  if (method === 'pong') return { kind: 'pong' };
  if (typeof value.success !== 'boolean') return null;
  const detail =
    typeof value.error === 'string'
      ? value.error
      : isObject(value.result) && typeof value.result.symbol === 'string'
        ? value.result.symbol
        : '';
  return { kind: 'ack', method, success: value.success, detail };
}

function parseBook(value: Json): KrakenMessage | null {
  if ((value.type !== 'snapshot' && value.type !== 'update') || !Array.isArray(value.data)) {
    return null;
  }
  const entries: BookEntry[] = [];
  for (const item of value.data) {
    const entry = parseBookEntry(item);
    if (!entry) return null;
    entries.push(entry);
  }
  return { kind: 'book', snapshot: value.type === 'snapshot', entries };
}

function parseBookEntry(item: unknown): BookEntry | null {
  if (!isObject(item) || typeof item.symbol !== 'string') return null;
  const bids = parseLevels(item.bids);
  const asks = parseLevels(item.asks);
  const checksumText = numberText(item.checksum);
  const checksum = checksumText === null ? Number.NaN : Number(checksumText);
  if (!bids || !asks || !Number.isInteger(checksum) || checksum < 0 || checksum > 0xffffffff) {
    return null;
  }
  return { symbol: item.symbol, bids, asks, checksum, time: parseTime(item.timestamp) };
}

function parseLevels(value: unknown): RawLevel[] | null {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return null;
  const levels: RawLevel[] = [];
  for (const level of value) {
    const price = isObject(level) ? decimal(level.price) : null;
    const qty = isObject(level) ? decimal(level.qty) : null;
    if (price === null || qty === null) return null;
    levels.push({ price, qty });
  }
  return levels;
}

function parseTrades(value: Json): KrakenMessage | null {
  if (!Array.isArray(value.data)) return null;
  const trades: RawTrade[] = [];
  for (const item of value.data) {
    if (!isObject(item) || typeof item.symbol !== 'string') return null;
    const price = decimal(item.price);
    const qty = decimal(item.qty);
    if ((item.side !== 'buy' && item.side !== 'sell') || price === null || qty === null) {
      return null;
    }
    trades.push({
      symbol: item.symbol,
      side: item.side,
      price,
      qty,
      time: parseTime(item.timestamp),
    });
  }
  return { kind: 'trade', trades };
}

function parseTickers(value: Json): KrakenMessage | null {
  if ((value.type !== 'snapshot' && value.type !== 'update') || !Array.isArray(value.data)) {
    return null;
  }
  const tickers: RawTicker[] = [];
  for (const item of value.data) {
    if (!isObject(item) || typeof item.symbol !== 'string') return null;
    const last = decimal(item.last);
    const change = decimal(item.change);
    const high = decimal(item.high);
    const low = decimal(item.low);
    const volume = decimal(item.volume);
    if (last === null || change === null || high === null || low === null || volume === null) {
      return null;
    }
    tickers.push({ symbol: item.symbol, last, change, high, low, volume });
  }
  return { kind: 'ticker', tickers };
}

/** RFC 3339 timestamp ("2023-10-06T17:35:55.440295Z") to ms; null when absent or unreadable. */
function parseTime(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : null;
}
