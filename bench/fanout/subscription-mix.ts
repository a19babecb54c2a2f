/**
 * What each simulated client subscribes to: like a dashboard, the tickers channel (the watchlist)
 * plus the book and trades of one to three symbols, with the chart's 1m candles for the first.
 * Clients fall into a few profiles; clients of one profile receive the same message stream, which
 * is what lets the load process decode a sample of clients and derive the rest (delivery.ts).
 */
import { subscribe, type Subscribe } from '../../protocol/messages';

export const PROFILE_COUNT = 16;

export interface ClientProfile {
  profile: number;
  /** Symbols whose book and trades the client follows, primary first. */
  symbols: string[];
  bookDepth: number;
}

/** The profile of client `index` (0-based) over the gateway's instrument symbols. */
export function profileOf(index: number, symbols: readonly string[]): ClientProfile {
  if (symbols.length === 0) throw new RangeError('the mix needs at least one symbol');
  if (!Number.isSafeInteger(index) || index < 0) {
    throw new RangeError(`client index must be a non-negative integer, got ${index}`);
  }
  const profile = index % PROFILE_COUNT;
  const n = symbols.length;
  const third = Math.max(1, Math.floor(n / 3));
  // The busiest names come first in the catalog; secondary picks reach into the quieter thirds.
  const picks = [profile % n];
  if (profile % 2 === 1) picks.push((third + (profile % third)) % n);
  if (profile % 4 === 0) picks.push((2 * third + ((profile * 3) % third)) % n);
  const unique = [...new Set(picks)].map((i) => symbols[i]!);
  return { profile, symbols: unique, bookDepth: profile % 2 === 0 ? 10 : 20 };
}

/** The subscribe requests a client of `profile` sends right after connecting. */
export function subscriptionsOf(profile: ClientProfile): Subscribe[] {
  const requests: Subscribe[] = [subscribe(1, 'tickers', null)];
  for (const symbol of profile.symbols) {
    requests.push(subscribe(requests.length + 1, 'book', symbol, { depth: profile.bookDepth }));
    requests.push(subscribe(requests.length + 1, 'trades', symbol));
  }
  const primary = profile.symbols[0];
  if (primary !== undefined) {
    requests.push(subscribe(requests.length + 1, 'candles', primary, { interval: '1m' }));
  }
  return requests;
}
