/// <reference lib="webworker" />
/**
 * The service worker: precaches the app shell so the dashboard opens offline, falls back to the
 * shell for app routes (never for /api or /ws), and caches REST GETs at runtime as decided by
 * cacheStrategyFor. It never calls skipWaiting on install: a new version waits for the trader.
 */
import { CacheableResponsePlugin } from 'workbox-cacheable-response';
import { ExpirationPlugin } from 'workbox-expiration';
import {
  cleanupOutdatedCaches,
  createHandlerBoundToURL,
  precacheAndRoute,
} from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { CacheFirst, NetworkFirst, StaleWhileRevalidate, type Strategy } from 'workbox-strategies';
import {
  CACHE_RULES,
  NAVIGATION_DENYLIST,
  NETWORK_TIMEOUT_SECONDS,
  cacheStrategyFor,
  type CacheRule,
} from './pwa/cache-rules';
import { isSkipWaitingMessage } from './pwa/sw-messages';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<string | { url: string }> };

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

registerRoute(
  new NavigationRoute(createHandlerBoundToURL('/index.html'), {
    denylist: [...NAVIGATION_DENYLIST],
  }),
);

function strategyFor(rule: CacheRule): Strategy {
  const plugins = [
    // Errors and partial responses must never replace good last-known data.
    new CacheableResponsePlugin({ statuses: [200] }),
    new ExpirationPlugin({
      maxEntries: rule.maxEntries,
      maxAgeSeconds: rule.maxAgeSeconds,
      purgeOnQuotaError: true,
    }),
  ];
  const options = { cacheName: rule.cacheName, plugins };
  switch (rule.strategy) {
    case 'network-first':
      return new NetworkFirst({ ...options, networkTimeoutSeconds: NETWORK_TIMEOUT_SECONDS });
    case 'stale-while-revalidate':
      return new StaleWhileRevalidate(options);
    case 'cache-first':
      return new CacheFirst(options);
  }
}

for (const rule of CACHE_RULES) {
  registerRoute(
    ({ url, request }) => cacheStrategyFor(url, request.method, self.location.origin).rule === rule,
    strategyFor(rule),
    'GET',
  );
}

// The page asks a waiting worker to take over only after the trader accepted the update.
self.addEventListener('message', (event) => {
  if (isSkipWaitingMessage(event.data)) void self.skipWaiting();
});
