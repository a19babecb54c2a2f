/**
 * The book stream of one (instrument, depth tier): the visible top-N view, its own seq, and
 * deltas of that view. The snapshot is encoded once per seq and shared by everyone joining then.
 */
import { MAX_BOOK_DEPTH, bookDelta, bookSnapshot, type FlatLevels } from '../../protocol/messages';
import type { OrderBook } from './order-book';
import { Encoded, Stream } from './stream';
import { topNDelta } from './top-n-delta';

export const BOOK_TIERS = [10, 20, 50, 100] as const;

/** The smallest tier that shows at least `depth` levels. */
export function bookTier(depth: number): number {
  return BOOK_TIERS.find((tier) => tier >= depth) ?? MAX_BOOK_DEPTH;
}

export class BookStream extends Stream {
  seq = 0;
  time = 0;
  bids: FlatLevels = [];
  asks: FlatLevels = [];
  private snapshotMessage: Encoded | null = null;

  constructor(
    readonly inst: number,
    readonly tier: number,
  ) {
    super({ channel: 'book', inst, depth: tier });
  }

  /** Brings the view up to date with `book`, publishing a delta to subscribers when it changed. */
  refresh(book: OrderBook): void {
    const bids = book.bids.top(this.tier);
    const asks = book.asks.top(this.tier);
    const bidDelta = topNDelta(this.bids, bids);
    const askDelta = topNDelta(this.asks, asks);
    this.time = book.time;
    if (bidDelta.length === 0 && askDelta.length === 0) return;
    this.seq++;
    this.bids = bids;
    this.asks = asks;
    this.snapshotMessage = null;
    if (this.active) this.publish(bookDelta(this.inst, this.seq, bidDelta, askDelta));
  }

  /** The snapshot of the current view (shared by everyone joining at this seq). */
  snapshot(): Encoded {
    this.snapshotMessage ??= new Encoded(
      bookSnapshot(this.inst, this.seq, this.tier, this.bids, this.asks),
    );
    return this.snapshotMessage;
  }
}
