/**
 * The pure part of panel freshness, with hysteresis: a panel turns stale at once when its data
 * stops being live, and turns live again only once data newer than the stale moment arrived, so
 * a reconnect without data yet (or a flapping connection) does not flicker the marking.
 */
import type { ConnectionState } from '../feed/feed-types';

export interface FreshnessMemory {
  stale: boolean;
  /** The slice's asOf when it turned stale; fresh data is anything newer. */
  since: number;
}

export const NOT_STALE: FreshnessMemory = { stale: false, since: -Infinity };

export interface FreshnessFacts {
  connection: ConnectionState;
  /** The panel's stream is connected but not live (streamStatus false, or resyncing). */
  streamStale: boolean;
  hasData: boolean;
  restored: boolean;
  /** The slice's asOf, or null when unknown. */
  sliceAsOf: number | null;
}

/** Whether the facts alone say "not live" (before hysteresis). */
export function isRawStale(facts: FreshnessFacts): boolean {
  const connected = facts.connection === 'live' || facts.connection === 'degraded';
  // Nothing shown yet: only a known-offline connection is worth marking (not the first attempt).
  if (!facts.hasData) return facts.connection === 'offline';
  return !connected || facts.streamStale || facts.restored;
}

/** The next memory; returns the same object when nothing changed (safe as React state). */
export function nextFreshness(memory: FreshnessMemory, facts: FreshnessFacts): FreshnessMemory {
  if (isRawStale(facts)) {
    return memory.stale ? memory : { stale: true, since: facts.sliceAsOf ?? -Infinity };
  }
  if (!memory.stale) return memory;
  if (!facts.hasData) return NOT_STALE;
  if (facts.sliceAsOf !== null && facts.sliceAsOf > memory.since) return NOT_STALE;
  return memory;
}
