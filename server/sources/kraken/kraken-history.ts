/**
 * Candle history from Kraken's public REST `GET /0/public/OHLC?pair=&interval=&since=`.
 * Kraken answers at most the 720 most recent entries after `since`, oldest first, plus `last`
 * (the id to pass as `since` for the next page); the final entry is the forming candle, which we
 * drop. We page forward from `since` until no new closed candle arrives (so at most 720 bars of
 * history exist per interval, whatever `historyBars` asks for). Cached on disk per pair/interval.
 */
import type { Instrument } from '../../../protocol/instruments';
import type { Candle } from '../../../protocol/messages';
import type { HistoryInterval } from '../source';
import { fetchJson } from '../exchange/fetch-json';
import { fetchWithCache, type DiskCache } from '../exchange/instrument-cache';
import { gridUnits } from '../exchange/venue-units';

/** Kraken's interval parameter (minutes) per history interval. */
export const KRAKEN_INTERVAL_MINUTES: Readonly<Record<HistoryInterval, number>> = {
  '1m': 1,
  '1h': 60,
};

const MAX_PAGES = 5;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Guard for a cached candle list. */
export function isCandleList(value: unknown): value is Candle[] {
  return (
    Array.isArray(value) &&
    value.every(
      (c) =>
        isObject(c) &&
        ['time', 'open', 'high', 'low', 'close', 'volume'].every((k) => Number.isSafeInteger(c[k])),
    )
  );
}

/** One OHLC page: its rows (still raw) and the `last` cursor. */
export function parseOhlcPage(body: unknown): { rows: unknown[]; last: number } {
  if (!isObject(body) || !Array.isArray(body.error) || !isObject(body.result)) {
    throw new Error('kraken OHLC: unexpected response shape');
  }
  if (body.error.length > 0) throw new Error(`kraken OHLC: ${body.error.join(', ')}`);
  const last = body.result.last;
  const rows = Object.entries(body.result).find(([key, v]) => key !== 'last' && Array.isArray(v));
  if (typeof last !== 'number' || !rows || !Array.isArray(rows[1])) {
    throw new Error('kraken OHLC: missing rows or last');
  }
  return { rows: rows[1], last };
}

/** One OHLC row ([time s, open, high, low, close, vwap, volume, count]) as integer units. */
export function ohlcCandle(row: unknown, inst: Instrument): Candle | null {
  if (!Array.isArray(row) || row.length < 7 || !Number.isSafeInteger(row[0])) return null;
  const price = (text: unknown) => gridUnits(text, inst.priceScale, inst.tick);
  const candle = {
    time: (row[0] as number) * 1000,
    open: price(row[1]),
    high: price(row[2]),
    low: price(row[3]),
    close: price(row[4]),
    volume: gridUnits(row[6], inst.sizeScale, 1, true),
  };
  const { open, high, low, close, volume } = candle;
  if (open === null || high === null || low === null || close === null || volume === null) {
    return null;
  }
  return { time: candle.time, open, high, low, close, volume };
}

/** Fetches the last `bars` closed candles of one pair and interval from the network. */
export async function fetchKrakenHistory(
  restUrl: string,
  restKey: string,
  inst: Instrument,
  interval: HistoryInterval,
  bars: number,
  now: number,
  onDropped: (count: number) => void,
): Promise<Candle[]> {
  const minutes = KRAKEN_INTERVAL_MINUTES[interval];
  const stepMs = minutes * 60_000;
  const closedBefore = Math.floor(now / stepMs) * stepMs;
  let since = Math.floor((closedBefore - bars * stepMs) / 1000) - 1;
  const byTime = new Map<number, Candle>();
  for (let page = 0; page < MAX_PAGES; page++) {
    const url = `${restUrl}/0/public/OHLC?pair=${encodeURIComponent(restKey)}&interval=${minutes}&since=${since}`;
    const { rows, last } = parseOhlcPage(await fetchJson(url));
    let added = 0;
    let dropped = 0;
    for (const row of rows) {
      const candle = ohlcCandle(row, inst);
      if (!candle) dropped++;
      else if (candle.time + stepMs <= now && !byTime.has(candle.time)) {
        byTime.set(candle.time, candle);
        added++;
      }
    }
    if (dropped > 0) onDropped(dropped);
    if (added === 0 || last <= since) break;
    since = last;
  }
  return [...byTime.values()].sort((a, b) => a.time - b.time).slice(-bars);
}

/** History from the network (cached), else the cache, else empty with a log line. */
export async function loadKrakenHistory(
  cache: DiskCache,
  fetchFresh: () => Promise<Candle[]>,
  key: string,
  log: (line: string) => void,
): Promise<Candle[]> {
  try {
    const { value, fromCache } = await fetchWithCache(cache, key, isCandleList, fetchFresh);
    if (fromCache) log(`kraken: ${key} served from the disk cache (network failed)`);
    return value;
  } catch (error) {
    log(`kraken: no history for ${key}: ${error instanceof Error ? error.message : error}`);
    return [];
  }
}
