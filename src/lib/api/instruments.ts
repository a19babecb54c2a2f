/** Query options for GET /api/instruments. */
import { queryOptions } from '@tanstack/react-query';
import { fetchJson } from './fetch-json';
import { isInstrumentsResponse } from './rest-guards';

/** The instrument list; it changes rarely, so it stays fresh for a long time. */
export const instrumentsQuery = queryOptions({
  queryKey: ['instruments'] as const,
  queryFn: ({ signal }) => fetchJson('/api/instruments', isInstrumentsResponse, { signal }),
  staleTime: 5 * 60_000,
});
