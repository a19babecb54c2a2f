import { describe, expect, it } from 'vitest';
import { nextFreshness, NOT_STALE, type FreshnessFacts } from './freshness-rules';

const live: FreshnessFacts = {
  connection: 'live',
  streamStale: false,
  hasData: true,
  restored: false,
  sliceAsOf: 1_000,
};

describe('nextFreshness', () => {
  it('stays live while the connection is live and the data came from the feed', () => {
    expect(nextFreshness(NOT_STALE, live)).toBe(NOT_STALE);
  });

  it('turns stale at once when the connection is lost, remembering the data time', () => {
    expect(nextFreshness(NOT_STALE, { ...live, connection: 'offline' })).toEqual({
      stale: true,
      since: 1_000,
    });
  });

  it('does not recover on reconnect alone, only once newer data arrived', () => {
    const stale = nextFreshness(NOT_STALE, { ...live, connection: 'offline' });
    const reconnected = nextFreshness(stale, { ...live, connection: 'live' });
    expect(reconnected.stale).toBe(true);
    // A flapping connection keeps the marking instead of blinking it.
    expect(nextFreshness(reconnected, { ...live, connection: 'offline' })).toBe(reconnected);
    expect(nextFreshness(reconnected, { ...live, sliceAsOf: 2_000 })).toEqual(NOT_STALE);
  });

  it('marks restored data and stream-level outages as stale even when connected', () => {
    expect(nextFreshness(NOT_STALE, { ...live, restored: true }).stale).toBe(true);
    expect(nextFreshness(NOT_STALE, { ...live, streamStale: true }).stale).toBe(true);
    expect(nextFreshness(NOT_STALE, { ...live, connection: 'degraded' }).stale).toBe(false);
  });

  it('marks an empty panel only when offline, not while the first attempt is under way', () => {
    const empty = { ...live, hasData: false, sliceAsOf: null };
    expect(nextFreshness(NOT_STALE, { ...empty, connection: 'connecting' }).stale).toBe(false);
    expect(nextFreshness(NOT_STALE, { ...empty, connection: 'offline' }).stale).toBe(true);
  });
});
