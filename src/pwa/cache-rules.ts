/**
 * Which runtime-caching strategy the service worker uses for a request. Pure data and functions so
 * the routing decisions are unit-tested without a service worker (sw.ts only wires them up).
 */

export const CACHE_STRATEGIES = {
  networkFirst: 'network-first',
  staleWhileRevalidate: 'stale-while-revalidate',
  cacheFirst: 'cache-first',
  none: 'none',
} as const;
export type CacheStrategyName = (typeof CACHE_STRATEGIES)[keyof typeof CACHE_STRATEGIES];

/** One runtime cache: the paths it serves, how, and how much it may keep. */
export interface CacheRule {
  /** Stable id, also the suffix of the cache name. */
  id: string;
  /** A path matches when it equals a prefix without trailing slash, or starts with `prefix + '/'`. */
  prefixes: readonly string[];
  strategy: Exclude<CacheStrategyName, 'none'>;
  cacheName: string;
  maxEntries: number;
  maxAgeSeconds: number;
}

const MINUTE = 60;
const DAY = 24 * 60 * MINUTE;

/** Seconds NetworkFirst waits for the network before answering from the cache. */
export const NETWORK_TIMEOUT_SECONDS = 3;

const CACHE_PREFIX = 'quotedeck';

function rule(
  id: string,
  prefixes: readonly string[],
  strategy: CacheRule['strategy'],
  maxEntries: number,
  maxAgeSeconds: number,
): CacheRule {
  return { id, prefixes, strategy, cacheName: `${CACHE_PREFIX}-${id}`, maxEntries, maxAgeSeconds };
}

// Changing data is only useful offline as "last known", so a day is plenty; reference data (the
// instrument list, closed candles) stays valid much longer.
export const CACHE_RULES: readonly CacheRule[] = [
  rule('api-book', ['/api/book'], CACHE_STRATEGIES.networkFirst, 50, DAY),
  rule('api-trades', ['/api/trades'], CACHE_STRATEGIES.networkFirst, 50, DAY),
  rule('api-account', ['/api/account'], CACHE_STRATEGIES.networkFirst, 5, DAY),
  rule('api-orders', ['/api/orders'], CACHE_STRATEGIES.networkFirst, 20, DAY),
  rule('api-positions', ['/api/positions'], CACHE_STRATEGIES.networkFirst, 20, DAY),
  rule('api-fills', ['/api/fills'], CACHE_STRATEGIES.networkFirst, 20, DAY),
  rule('api-instruments', ['/api/instruments'], CACHE_STRATEGIES.staleWhileRevalidate, 5, 30 * DAY),
  rule('api-candles', ['/api/candles'], CACHE_STRATEGIES.staleWhileRevalidate, 200, 7 * DAY),
  rule('images', ['/img'], CACHE_STRATEGIES.cacheFirst, 200, 30 * DAY),
];

/** What the service worker does with one request. */
export type CacheDecision =
  { strategy: 'none'; rule: null } | { strategy: CacheRule['strategy']; rule: CacheRule };

const NONE: CacheDecision = { strategy: CACHE_STRATEGIES.none, rule: null };

function matchesPrefix(pathname: string, prefix: string): boolean {
  return pathname === prefix || pathname.startsWith(`${prefix}/`);
}

/**
 * The runtime-caching decision for a request: only same-origin GETs under a known prefix are
 * cached; mutations, /ws and anything unknown go straight to the network ('none').
 */
export function cacheStrategyFor(url: URL, method: string, origin: string): CacheDecision {
  if (method.toUpperCase() !== 'GET') return NONE;
  if (url.origin !== origin) return NONE;
  const found = CACHE_RULES.find((r) => r.prefixes.some((p) => matchesPrefix(url.pathname, p)));
  return found ? { strategy: found.strategy, rule: found } : NONE;
}

/** Paths the navigation fallback must never answer with the app shell. */
export const NAVIGATION_DENYLIST: readonly RegExp[] = [/^\/api(\/|$)/, /^\/ws(\/|$)/, /^\/healthz/];
