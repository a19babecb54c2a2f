/** Query options for GET /api/trades/:symbol. */
import { queryOptions } from '@tanstack/react-query';
import { fetchJson } from './fetch-json';
import { isTradesResponse } from './rest-guards';

/** Recent trades (oldest first); the live tape comes from the socket. */
export function tradesQuery(symbol: string, limit = 100) {
  return queryOptions({
    queryKey: ['trades', symbol, limit] as const,
    queryFn: ({ signal }) =>
      fetchJson(`/api/trades/${encodeURIComponent(symbol)}?limit=${limit}`, isTradesResponse, {
        signal,
      }),
    staleTime: 5_000,
  });
}
