/**
 * What a recording holds, per instrument, in the terms the dashboard shows: the book after the
 * last recorded event, every price the book ever had, and the recorded trades in order. The
 * replay e2e test compares the page against it, so the expectation comes from the file itself
 * rather than from another run of the same gateway code.
 */
import type { Instrument } from '../../protocol/instruments';
import { readRecording } from '../../server/sources/replay/read-recording';

export interface RecordedTrade {
  price: number;
  size: number;
}

export interface RecordedMarket {
  instrument: Instrument;
  /** Best first: bids descending, asks ascending, as [price, size] in integer units. */
  bids: Array<[number, number]>;
  asks: Array<[number, number]>;
  /** Every price a level of the book had at some point of the recording. */
  bookPrices: Set<number>;
  /** Oldest first. */
  trades: RecordedTrade[];
}

export interface RecordedSession {
  markets: Map<string, RecordedMarket>;
  /** Recorded time from the first event to the last, ms. */
  spanMs: number;
}

/** Reads `file` and rebuilds each instrument's final book and its trades. */
export function recordedSession(file: string): RecordedSession {
  const recording = readRecording(file);
  const byId = new Map<
    number,
    { market: RecordedMarket; bids: Map<number, number>; asks: Map<number, number> }
  >();
  for (const instrument of recording.header.instruments) {
    byId.set(instrument.id, {
      market: { instrument, bids: [], asks: [], bookPrices: new Set(), trades: [] },
      bids: new Map(),
      asks: new Map(),
    });
  }
  for (const event of recording.events) {
    const entry = byId.get(event.inst);
    if (!entry) continue;
    if (event.type === 'trade') {
      entry.market.trades.push({ price: event.price, size: event.size });
    } else if (event.type === 'book') {
      if (event.snapshot) {
        entry.bids.clear();
        entry.asks.clear();
      }
      apply(entry.bids, event.bids, entry.market.bookPrices);
      apply(entry.asks, event.asks, entry.market.bookPrices);
    }
  }
  const result = new Map<string, RecordedMarket>();
  for (const { market, bids, asks } of byId.values()) {
    market.bids = [...bids].sort((a, b) => b[0] - a[0]);
    market.asks = [...asks].sort((a, b) => a[0] - b[0]);
    result.set(market.instrument.symbol, market);
  }
  const first = recording.events[0]?.time ?? 0;
  const last = recording.events.at(-1)?.time ?? first;
  return { markets: result, spanMs: last - first };
}

/** Applies flat [price, size, …] pairs; size 0 removes the level. */
function apply(side: Map<number, number>, flat: readonly number[], seen: Set<number>): void {
  for (let i = 0; i + 1 < flat.length; i += 2) {
    const price = flat[i]!;
    const size = flat[i + 1]!;
    if (size === 0) side.delete(price);
    else {
      side.set(price, size);
      seen.add(price);
    }
  }
}
