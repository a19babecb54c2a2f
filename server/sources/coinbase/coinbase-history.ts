/**
 * Candle history from `GET /api/v3/brokerage/market/products/{id}/candles`: at most 350 candles
 * per request, so the last `bars` closed candles are fetched in windows walking back from the
 * forming candle. Values are decimal strings (converted exactly), times are seconds. Results are
 * cached on disk per product and interval; without network the cached copy (or nothing) is used.
 */
import type { Instrument } from '../../../protocol/instruments';
import { INTERVALS } from '../../../protocol/intervals';
import type { Candle } from '../../../protocol/messages';
import type { HistoryInterval } from '../source';
import type { ExchangeStats } from '../exchange/exchange-stats';
import { fetchJson } from '../exchange/fetch-json';
import { fetchWithCache, type DiskCache } from '../exchange/instrument-cache';
import { gridUnits } from '../exchange/venue-units';

/** Coinbase's limit of candles per request. */
export const MAX_CANDLES_PER_REQUEST = 350;

const GRANULARITY: Record<HistoryInterval, string> = {
  '1m': 'ONE_MINUTE',
  '1h': 'ONE_HOUR',
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCandle(value: unknown): value is Candle {
  if (!isRecord(value)) return false;
  return ['time', 'open', 'high', 'low', 'close', 'volume'].every((key) =>
    Number.isSafeInteger(value[key]),
  );
}

/** Guard for a cached candle list. */
export function isCandleList(value: unknown): value is Candle[] {
  return Array.isArray(value) && value.every(isCandle);
}

/** One REST candle in integer units, or null (counted in stats) when malformed or off-grid. */
export function parseCandle(value: unknown, inst: Instrument, stats: ExchangeStats): Candle | null {
  if (!isRecord(value)) {
    stats.malformed++;
    return null;
  }
  const start = value['start'];
  const seconds = typeof start === 'string' && /^\d+$/.test(start) ? Number(start) : NaN;
  if (!Number.isSafeInteger(seconds)) {
    stats.malformed++;
    return null;
  }
  const price = (key: string) => gridUnits(value[key], inst.priceScale, inst.tick);
  const open = price('open');
  const high = price('high');
  const low = price('low');
  const close = price('close');
  const volume = gridUnits(value['volume'], inst.sizeScale, 1, true);
  if (open === null || high === null || low === null || close === null || volume === null) {
    stats.offGrid++;
    return null;
  }
  return { time: seconds * 1000, open, high, low, close, volume };
}

export interface HistoryRequest {
  restUrl: string;
  inst: Instrument;
  interval: HistoryInterval;
  bars: number;
  /** Now, ms: candles open before the candle containing it are closed. */
  now: number;
  stats: ExchangeStats;
  timeoutMs?: number;
  /** Pause between requests, ms (public REST is limited to 10 requests per second per IP). */
  spacingMs: number;
}

/**
 * Fetches the closed candles of the last `bars` intervals, oldest first, paging back 350 at a
 * time (intervals without trades have no candle at Coinbase, so fewer may come back).
 */
export async function fetchCandles(request: HistoryRequest): Promise<Candle[]> {
  const { inst, interval, bars } = request;
  const ms = INTERVALS[interval].ms;
  const forming = Math.floor(request.now / ms) * ms;
  const byTime = new Map<number, Candle>();
  let windowEnd = forming;
  for (let remaining = bars; remaining > 0;) {
    if (remaining < bars && request.spacingMs > 0) await sleep(request.spacingMs);
    const count = Math.min(MAX_CANDLES_PER_REQUEST, remaining);
    remaining -= count;
    const windowStart = windowEnd - count * ms;
    // `end` is inclusive at Coinbase, so stop one second before the window's end.
    const url =
      `${request.restUrl}/api/v3/brokerage/market/products/${encodeURIComponent(inst.venueSymbol ?? inst.symbol)}` +
      `/candles?start=${windowStart / 1000}&end=${windowEnd / 1000 - 1}` +
      `&granularity=${GRANULARITY[interval]}&limit=${count}`;
    const body = await fetchJson(url, request.timeoutMs);
    const list = isRecord(body) ? body['candles'] : undefined;
    if (!Array.isArray(list)) throw new Error(`GET ${url}: no candles list in the answer`);
    for (const item of list) {
      const candle = parseCandle(item, inst, request.stats);
      if (candle && candle.time >= windowStart && candle.time < windowEnd) {
        byTime.set(candle.time, candle);
      }
    }
    windowEnd = windowStart;
  }
  return [...byTime.values()].sort((a, b) => a.time - b.time).slice(-bars);
}

/** Fresh history (cached), else the cached copy, else empty with a log line; never throws. */
export async function loadHistory(
  cache: DiskCache,
  request: HistoryRequest,
  log: (line: string) => void,
): Promise<Candle[]> {
  const key = `history/${request.inst.venueSymbol ?? request.inst.symbol}-${request.interval}`;
  try {
    const { value, fromCache } = await fetchWithCache(cache, key, isCandleList, () =>
      fetchCandles(request),
    );
    if (fromCache) log(`coinbase: ${request.inst.symbol} ${request.interval} history from cache`);
    return value;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    log(`coinbase: no ${request.inst.symbol} ${request.interval} history: ${reason}`);
    return [];
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
