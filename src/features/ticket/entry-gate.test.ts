import { describe, expect, it } from 'vitest';
import { entryBlockReason, type EntryFacts } from './entry-gate';

const live: EntryFacts = {
  navigatorOnline: true,
  connection: 'live',
  symbol: 'BTC-USD',
  stale: false,
  staleAsOf: null,
  hasBook: true,
};

describe('entryBlockReason', () => {
  it('allows entry only when online, connected and the book is live', () => {
    expect(entryBlockReason(live)).toBeNull();
    expect(entryBlockReason({ ...live, connection: 'degraded' })).toBeNull();
  });

  it('names the reason otherwise', () => {
    expect(entryBlockReason({ ...live, navigatorOnline: false })).toMatch(/^You are offline/);
    expect(entryBlockReason({ ...live, connection: 'offline' })).toMatch(/gateway is unreachable/);
    expect(entryBlockReason({ ...live, connection: 'connecting' })).toBe(
      'Connecting to the gateway…',
    );
    expect(entryBlockReason({ ...live, stale: true, staleAsOf: null })).toBe(
      'BTC-USD market data is not live; orders are disabled until it is.',
    );
    expect(entryBlockReason({ ...live, stale: true, staleAsOf: Date.UTC(2024, 0, 1) })).toMatch(
      /^BTC-USD market data is not live since \d{2}:\d{2}:\d{2}/,
    );
    expect(entryBlockReason({ ...live, hasBook: false })).toBe(
      'Waiting for the BTC-USD order book.',
    );
  });
});
