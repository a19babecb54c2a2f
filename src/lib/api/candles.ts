/** Query options for GET /api/candles. */
import { queryOptions } from '@tanstack/react-query';
import type { Interval } from '../../../protocol/intervals';
import { fetchJson } from './fetch-json';
import { isCandlesResponse } from './rest-guards';

export const CANDLE_HISTORY_LIMIT = 500;

/** Candle history for a chart (oldest first); the live forming candle comes from the socket. */
export function candlesQuery(symbol: string, interval: Interval, limit = CANDLE_HISTORY_LIMIT) {
  return queryOptions({
    queryKey: ['candles', symbol, interval, limit] as const,
    queryFn: ({ signal }) => {
      const params = new URLSearchParams({ symbol, interval, limit: String(limit) });
      return fetchJson(`/api/candles?${params}`, isCandlesResponse, { signal });
    },
    staleTime: 30_000,
  });
}
