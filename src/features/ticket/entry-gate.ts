/** Whether order entry is allowed right now, and if not, the reason shown on the ticket. */
import type { ConnectionState } from '../../feed/feed-types';
import { formatClock } from '../../lib/format';

export interface EntryFacts {
  navigatorOnline: boolean;
  connection: ConnectionState;
  symbol: string | undefined;
  /** The instrument's book panel is marked stale. */
  stale: boolean;
  staleAsOf: number | null;
  hasBook: boolean;
}

/** Null when orders may be sent, else why not (orders are never queued for later). */
export function entryBlockReason(facts: EntryFacts): string | null {
  if (!facts.navigatorOnline)
    return 'You are offline. Orders are not queued; trade again once online.';
  if (facts.connection === 'offline') {
    return 'The gateway is unreachable. Orders are not queued; trade again once it is live.';
  }
  if (facts.connection === 'connecting') return 'Connecting to the gateway…';
  if (!facts.symbol) return 'Choose an instrument.';
  if (facts.stale) {
    const since = facts.staleAsOf === null ? '' : ` since ${formatClock(facts.staleAsOf)}`;
    return `${facts.symbol} market data is not live${since}; orders are disabled until it is.`;
  }
  if (!facts.hasBook) return `Waiting for the ${facts.symbol} order book.`;
  return null;
}
