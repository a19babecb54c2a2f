/**
 * A SourceSink for tests and benchmarks: counts events, keeps an optional log, records status
 * changes, and rebuilds every instrument's book from the stream so it can be compared with the
 * source's own (the simulator's, or the expected book of an exchange scenario).
 */
import type { FlatLevels, Side } from '../../protocol/messages';
import type { SourceSink, VenueDayStats } from './source';

export type SinkEvent =
  | {
      type: 'book';
      inst: number;
      bids: FlatLevels;
      asks: FlatLevels;
      time: number;
      snapshot: boolean;
    }
  | { type: 'trade'; inst: number; price: number; size: number; side: Side; time: number };

export interface MirrorBook {
  bids: Map<number, number>;
  asks: Map<number, number>;
}

export class RecordingSink implements SourceSink {
  readonly events: SinkEvent[] = [];
  readonly books = new Map<number, MirrorBook>();
  /** Level changes plus trades, snapshots excluded. */
  count = 0;
  trades = 0;

  constructor(private readonly keepLog = false) {}

  book(inst: number, bids: FlatLevels, asks: FlatLevels, time: number, snapshot: boolean): void {
    if (this.keepLog) this.events.push({ type: 'book', inst, bids, asks, time, snapshot });
    let mirror = this.books.get(inst);
    if (snapshot || !mirror) {
      mirror = { bids: new Map(), asks: new Map() };
      this.books.set(inst, mirror);
    }
    if (!snapshot) this.count += (bids.length + asks.length) / 2;
    apply(mirror.bids, bids);
    apply(mirror.asks, asks);
  }

  trade(inst: number, price: number, size: number, side: Side, time: number): void {
    if (this.keepLog) this.events.push({ type: 'trade', inst, price, size, side, time });
    this.count += 1;
    this.trades += 1;
  }

  /** Every exchange-reported 24h statistics event, in order (kept apart like statuses). */
  readonly dayStatsLog: { inst: number; stats: VenueDayStats; time: number }[] = [];

  dayStats(inst: number, stats: VenueDayStats, time: number): void {
    this.dayStatsLog.push({ inst, stats: { ...stats }, time });
  }

  /** Every status change, in order (kept apart from the market event log). */
  readonly statuses: { inst: number; live: boolean }[] = [];

  status(inst: number, live: boolean): void {
    this.statuses.push({ inst, live });
  }
}

function apply(levels: Map<number, number>, flat: FlatLevels): void {
  for (let i = 0; i < flat.length; i += 2) {
    const price = flat[i] ?? 0;
    const size = flat[i + 1] ?? 0;
    if (size === 0) levels.delete(price);
    else levels.set(price, size);
  }
}

/** A mirror side as best-first flat levels. */
export function mirrorFlat(levels: Map<number, number>, isBid: boolean): number[] {
  const prices = [...levels.keys()].sort((a, b) => (isBid ? b - a : a - b));
  return prices.flatMap((price) => [price, levels.get(price) ?? 0]);
}
