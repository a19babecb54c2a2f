import { describe, expect, it } from 'vitest';
import { NAVIGATION_DENYLIST, cacheStrategyFor } from './cache-rules';

const ORIGIN = 'https://deck.example';

function decide(path: string, method = 'GET', origin = ORIGIN) {
  const decision = cacheStrategyFor(new URL(path, origin), method, ORIGIN);
  return { strategy: decision.strategy, cache: decision.rule?.cacheName ?? null };
}

describe('cacheStrategyFor', () => {
  it('serves changing data network-first, each kind from its own cache', () => {
    expect(decide('/api/book/BTC-USD?depth=20')).toEqual({
      strategy: 'network-first',
      cache: 'quotedeck-api-book',
    });
    expect(decide('/api/trades/ETH-USD?limit=100')).toEqual({
      strategy: 'network-first',
      cache: 'quotedeck-api-trades',
    });
    for (const kind of ['account', 'orders', 'positions', 'fills']) {
      expect(decide(`/api/${kind}`)).toEqual({
        strategy: 'network-first',
        cache: `quotedeck-api-${kind}`,
      });
    }
  });

  it('serves reference data stale-while-revalidate', () => {
    expect(decide('/api/instruments')).toEqual({
      strategy: 'stale-while-revalidate',
      cache: 'quotedeck-api-instruments',
    });
    expect(decide('/api/candles?symbol=BTC-USD&interval=1m&limit=500')).toEqual({
      strategy: 'stale-while-revalidate',
      cache: 'quotedeck-api-candles',
    });
  });

  it('serves generated images cache-first', () => {
    expect(decide('/img/icons/btc-64.webp')).toEqual({
      strategy: 'cache-first',
      cache: 'quotedeck-images',
    });
  });

  it('never caches mutations, whatever the path', () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      expect(decide('/api/orders', method).strategy).toBe('none');
      expect(decide('/api/book/BTC-USD', method).strategy).toBe('none');
    }
    expect(decide('/api/orders', 'get').strategy).toBe('network-first');
  });

  it('leaves the socket, health checks, unknown API paths and other origins alone', () => {
    expect(decide('/ws').strategy).toBe('none');
    expect(decide('/ws?v=1').strategy).toBe('none');
    expect(decide('/healthz').strategy).toBe('none');
    expect(decide('/api/unknown').strategy).toBe('none');
    expect(decide('/api/instruments', 'GET', 'https://evil.example').strategy).toBe('none');
  });

  it('matches whole path segments, not look-alike prefixes', () => {
    expect(decide('/api/bookmarks').strategy).toBe('none');
    expect(decide('/api/instrumentsx').strategy).toBe('none');
    expect(decide('/imgs/a.png').strategy).toBe('none');
  });

  it('handles malformed paths without throwing', () => {
    expect(decide('/api/book/%E0%A4%A').strategy).toBe('network-first');
    expect(decide('//api/instruments').strategy).toBe('none');
    expect(decide('/api/../api/instruments').strategy).toBe('stale-while-revalidate');
  });
});

describe('NAVIGATION_DENYLIST', () => {
  it('keeps the shell fallback away from the API and the socket only', () => {
    const denied = (path: string) => NAVIGATION_DENYLIST.some((re) => re.test(path));
    expect(denied('/api/instruments')).toBe(true);
    expect(denied('/ws')).toBe(true);
    expect(denied('/healthz')).toBe(true);
    expect(denied('/')).toBe(false);
    expect(denied('/apidocs')).toBe(false);
  });
});
