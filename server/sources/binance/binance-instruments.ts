/**
 * Binance spot instruments from GET /api/v3/exchangeInfo: tick from PRICE_FILTER, lot from
 * LOT_SIZE, minimums from LOT_SIZE minQty and NOTIONAL / MIN_NOTIONAL. Each symbol's entry is
 * cached on disk so a restart without network still knows its grid.
 */
import { DecimalError } from '../../../protocol/decimal';
import type { Instrument } from '../../../protocol/instruments';
import { displaySymbol } from '../exchange/exchange-source';
import { ExchangeHttpError, fetchJson } from '../exchange/fetch-json';
import type { DiskCache } from '../exchange/instrument-cache';
import { fetchWithCache } from '../exchange/instrument-cache';
import { decimalScale, gridUnits, stepUnits } from '../exchange/venue-units';
import { exchangeInfoSymbols, isSymbolInfo, type SymbolInfo } from './binance-messages';

/** Order minimums of a Binance instrument, in its integer units (0 when not published). */
export interface BinanceLimits {
  minSize: number;
  /** Minimum price × size, in units of 10^-(priceScale + sizeScale). */
  minNotional: number;
}

export interface BinanceInstrument {
  instrument: Instrument;
  limits: BinanceLimits;
}

/** Binance answers this code for a symbol it does not list. */
const INVALID_SYMBOL = '-1121';

function filter(info: SymbolInfo, type: string): Record<string, unknown> | undefined {
  return info.filters.find((entry) => entry.filterType === type);
}

function filterText(info: SymbolInfo, type: string, field: string): string {
  const value = filter(info, type)?.[field];
  if (typeof value !== 'string') {
    throw new Error(`binance: ${info.symbol} has no ${type} ${field} in exchangeInfo`);
  }
  return value;
}

/** Maps one exchangeInfo entry to an instrument with id `id`; throws when its grid is unusable. */
export function toBinanceInstrument(info: SymbolInfo, id: number): BinanceInstrument {
  const tickText = filterText(info, 'PRICE_FILTER', 'tickSize');
  const stepText = filterText(info, 'LOT_SIZE', 'stepSize');
  try {
    const priceScale = decimalScale(tickText);
    const sizeScale = decimalScale(stepText);
    const tick = stepUnits(tickText, priceScale);
    const lot = stepUnits(stepText, sizeScale);
    const minQty = filter(info, 'LOT_SIZE')?.minQty;
    const notional = filter(info, 'NOTIONAL') ?? filter(info, 'MIN_NOTIONAL');
    const notionalScale = priceScale + sizeScale;
    const instrument: Instrument = {
      id,
      symbol: displaySymbol(info.baseAsset, info.quoteAsset),
      name: `${info.baseAsset.toUpperCase()} / ${info.quoteAsset.toUpperCase()}`,
      assetClass: 'crypto',
      base: info.baseAsset.toUpperCase(),
      quote: info.quoteAsset.toUpperCase(),
      priceScale,
      tick,
      sizeScale,
      lot,
      venue: 'binance',
      venueSymbol: info.symbol,
    };
    const limits: BinanceLimits = {
      minSize: gridUnits(minQty, sizeScale, 1) ?? 0,
      minNotional:
        notionalScale <= 15 ? (gridUnits(notional?.minNotional, notionalScale, 1) ?? 0) : 0,
    };
    return { instrument, limits };
  } catch (error) {
    const reason = error instanceof DecimalError ? error.message : String(error);
    throw new Error(`binance: ${info.symbol} has an unusable tick or lot size (${reason})`);
  }
}

function infoUrl(restUrl: string, symbols: readonly string[]): string {
  const list = encodeURIComponent(JSON.stringify(symbols));
  return `${restUrl}/api/v3/exchangeInfo?symbols=${list}`;
}

function isInvalidSymbol(error: unknown): boolean {
  return (
    error instanceof ExchangeHttpError &&
    error.status === 400 &&
    error.message.includes(INVALID_SYMBOL)
  );
}

/** Asks for each symbol alone to name the one(s) Binance does not list. */
async function unknownSymbols(restUrl: string, symbols: readonly string[], timeoutMs: number) {
  const unknown: string[] = [];
  for (const symbol of symbols) {
    try {
      await fetchJson(infoUrl(restUrl, [symbol]), timeoutMs);
    } catch (error) {
      if (isInvalidSymbol(error)) unknown.push(symbol);
    }
  }
  return unknown;
}

function unknownError(symbols: readonly string[]): Error {
  const list = symbols.join(', ');
  return new Error(`binance: unknown symbol ${list} (not listed by GET /api/v3/exchangeInfo)`);
}

/** One request for all symbols; null when the network failed (the cache may still know them). */
async function fetchAll(
  restUrl: string,
  symbols: readonly string[],
  timeoutMs: number,
  log: (line: string) => void,
): Promise<SymbolInfo[] | null> {
  let body: unknown;
  try {
    body = await fetchJson(infoUrl(restUrl, symbols), timeoutMs);
  } catch (error) {
    if (isInvalidSymbol(error)) {
      const unknown = await unknownSymbols(restUrl, symbols, timeoutMs);
      throw unknownError(unknown.length > 0 ? unknown : symbols);
    }
    log(`binance: exchangeInfo unavailable, using the cache: ${String(error)}`);
    return null;
  }
  const infos = exchangeInfoSymbols(body);
  if (!infos) log('binance: exchangeInfo answered an unexpected shape, using the cache');
  return infos;
}

/** Normalizes a symbol as typed ("btcusdt") to Binance's form; throws on impossible text. */
export function binanceSymbol(text: string): string {
  const symbol = text.trim().toUpperCase();
  if (!/^[A-Z0-9-_.]{1,20}$/.test(symbol)) {
    throw new Error(`binance: ${JSON.stringify(text)} is not a Binance symbol (e.g. BTCUSDT)`);
  }
  return symbol;
}

/** Loads the instruments for `symbols` (Binance's own symbols), ids from `firstId`. */
export async function loadBinanceInstruments(
  restUrl: string,
  symbols: readonly string[],
  cache: DiskCache,
  firstId: number,
  log: (line: string) => void,
  timeoutMs = 10_000,
): Promise<BinanceInstrument[]> {
  const all = await fetchAll(restUrl, symbols, timeoutMs, log);
  if (all) {
    const missing = symbols.filter((symbol) => !all.some((info) => info.symbol === symbol));
    if (missing.length > 0) throw unknownError(missing);
  }
  const result: BinanceInstrument[] = [];
  for (const [index, symbol] of symbols.entries()) {
    const { value, fromCache } = await fetchWithCache(
      cache,
      `symbols/${symbol}`,
      isSymbolInfo,
      async () => {
        const info = all?.find((entry) => entry.symbol === symbol);
        if (!info) throw new Error(`binance: exchangeInfo for ${symbol} unavailable`);
        return info;
      },
    );
    if (fromCache) log(`binance: ${symbol} instrument from the disk cache`);
    if (value.status !== 'TRADING') log(`binance: ${symbol} status is ${value.status}`);
    result.push(toBinanceInstrument(value, firstId + index));
  }
  return result;
}
