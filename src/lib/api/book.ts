/** Query options for GET /api/book/:symbol. */
import { queryOptions } from '@tanstack/react-query';
import { fetchJson } from './fetch-json';
import { isBookResponse } from './rest-guards';

/** A one-off book view (e.g. for a cold start); the live book comes from the socket. */
export function bookQuery(symbol: string, depth = 20) {
  return queryOptions({
    queryKey: ['book', symbol, depth] as const,
    queryFn: ({ signal }) =>
      fetchJson(`/api/book/${encodeURIComponent(symbol)}?depth=${depth}`, isBookResponse, {
        signal,
      }),
    staleTime: 5_000,
  });
}
