/** The app's QueryClient, configured so persisted data survives and shows offline. */
import { QueryClient } from '@tanstack/react-query';
import { QUERY_MAX_AGE_MS } from './query-persistence';

/**
 * A QueryClient whose queries live as long as the persisted cache (gcTime = maxAge, else they are
 * collected before they are written) and try their fetch once even while offline ('offlineFirst'),
 * so the service worker's runtime cache can answer it.
 */
export function createAppQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: 2,
        refetchOnWindowFocus: false,
        gcTime: QUERY_MAX_AGE_MS,
        networkMode: 'offlineFirst',
      },
    },
  });
}
