/**
 * Candle history from GET /api/v3/klines: the newest closed candles, paged backwards with
 * endTime (at most 1000 per request, weight 2 each), cached on disk as the exchange's strings so
 * a restart without network still has them and they are converted against the current grid.
 */
import type { Instrument } from '../../../protocol/instruments';
import { INTERVALS } from '../../../protocol/intervals';
import type { Candle } from '../../../protocol/messages';
import { fetchJson } from '../exchange/fetch-json';
import { fetchWithCache, type DiskCache } from '../exchange/instrument-cache';
import { gridUnits } from '../exchange/venue-units';
import type { HistoryInterval } from '../source';
import { isRawKlines, parseKlines, type RawKline } from './binance-messages';

/** Binance's largest `limit` for klines. */
export const KLINES_PAGE = 1000;

/** Fetches the newest `bars` closed candles (oldest first), paging back with endTime. */
export async function fetchKlines(
  restUrl: string,
  symbol: string,
  interval: HistoryInterval,
  bars: number,
  now: number,
  timeoutMs = 10_000,
): Promise<RawKline[]> {
  const ms = INTERVALS[interval].ms;
  // The candle that contains `now` is still forming.
  let endTime = Math.floor(now / ms) * ms - 1;
  const pages: RawKline[][] = [];
  let count = 0;
  while (count < bars) {
    const limit = Math.min(KLINES_PAGE, bars - count);
    const url =
      `${restUrl}/api/v3/klines?symbol=${encodeURIComponent(symbol)}` +
      `&interval=${interval}&limit=${limit}&endTime=${endTime}`;
    const rows = parseKlines(await fetchJson(url, timeoutMs));
    if (!rows)
      throw new Error(`binance: klines for ${symbol} ${interval} have an unexpected shape`);
    const page = rows.filter((row) => row[0] + ms - 1 <= endTime).slice(-limit);
    if (page.length === 0) break;
    pages.unshift(page);
    count += page.length;
    endTime = page[0]![0] - 1;
    if (rows.length < limit) break;
  }
  return pages.flat();
}

/** Converts rows to candles on the instrument's grid; off-grid rows are counted and dropped. */
export function toCandles(
  rows: readonly RawKline[],
  instrument: Instrument,
  onOffGrid: () => void,
): Candle[] {
  const candles: Candle[] = [];
  let last = -Infinity;
  for (const [time, ...values] of rows) {
    const prices = values
      .slice(0, 4)
      .map((text) => gridUnits(text, instrument.priceScale, instrument.tick));
    const volume = gridUnits(values[4], instrument.sizeScale, 1, true);
    const [open, high, low, close] = prices;
    if (open == null || high == null || low == null || close == null || volume === null) {
      onOffGrid();
      continue;
    }
    // Pages may overlap by a row; keep the series strictly increasing.
    if (time <= last) continue;
    last = time;
    candles.push({ time, open, high, low, close, volume });
  }
  return candles;
}

export interface HistoryRequest {
  restUrl: string;
  cache: DiskCache;
  instrument: Instrument;
  interval: HistoryInterval;
  bars: number;
  now: number;
  log: (line: string) => void;
  onOffGrid: () => void;
}

/** Loads one series, from the network (and cached) or the cache; empty with a log line if neither. */
export async function loadHistory(request: HistoryRequest): Promise<Candle[]> {
  const { instrument, interval } = request;
  const symbol = instrument.venueSymbol ?? instrument.symbol;
  if (request.bars <= 0) return [];
  try {
    const { value, fromCache } = await fetchWithCache(
      request.cache,
      `history/${symbol}-${interval}`,
      isRawKlines,
      () => fetchKlines(request.restUrl, symbol, interval, request.bars, request.now),
    );
    if (fromCache) request.log(`binance: ${symbol} ${interval} history from the disk cache`);
    return toCandles(value.slice(-request.bars), instrument, request.onOffGrid);
  } catch (error) {
    request.log(`binance: no ${interval} history for ${symbol}: ${String(error)}`);
    return [];
  }
}

/** Candles with open time before `end`, oldest first. */
export function candlesBefore(candles: readonly Candle[], end: number): Candle[] {
  return candles.filter((candle) => candle.time < end);
}
