/**
 * One pair's local book as Kraken's v2 guide says to keep it: apply every level of a message
 * (in order, so the last update to a level wins), truncate each side to the subscribed depth
 * (Kraken sends no removal for levels pushed out of scope), then compare the checksum of the top
 * 10 levels with the one in the message. Works in integer units; conversion happens before.
 */
import type { FlatLevels } from '../../../protocol/messages';
import type { BookSide } from '../../hub/order-book';
import { OrderBook } from '../../hub/order-book';
import { bookChecksum, CHECKSUM_LEVELS } from './kraken-checksum';

/** Levels that changed in one message, as absolute sizes (0 = removed), ready for the sink. */
export interface BookChanges {
  bids: FlatLevels;
  asks: FlatLevels;
}

export class KrakenBook {
  private readonly book = new OrderBook();

  constructor(readonly depth: number) {}

  /** Replaces the book with a snapshot (truncated to the depth). */
  replace(bids: FlatLevels, asks: FlatLevels): void {
    this.book.apply(bids, asks, 0, true);
    truncate(this.book.bids, this.depth, new Map());
    truncate(this.book.asks, this.depth, new Map());
  }

  /** Applies an update's levels in order, truncates, and returns the net level changes. */
  update(bids: FlatLevels, asks: FlatLevels): BookChanges {
    return {
      bids: applySide(this.book.bids, bids, this.depth),
      asks: applySide(this.book.asks, asks, this.depth),
    };
  }

  /** True when the top 10 levels hash to Kraken's checksum. */
  matches(checksum: number): boolean {
    return (
      bookChecksum(this.book.asks.top(CHECKSUM_LEVELS), this.book.bids.top(CHECKSUM_LEVELS)) ===
      checksum
    );
  }

  /** The whole (truncated) book, best first. */
  levels(): BookChanges {
    return { bids: this.book.bids.top(this.depth), asks: this.book.asks.top(this.depth) };
  }
}

function applySide(side: BookSide, levels: FlatLevels, depth: number): FlatLevels {
  const touched = new Map<number, number>();
  for (let i = 0; i + 1 < levels.length; i += 2) {
    const price = levels[i]!;
    side.set(price, levels[i + 1]!);
    touched.set(price, 0);
  }
  truncate(side, depth, touched);
  const out: FlatLevels = [];
  for (const price of touched.keys()) out.push(price, side.sizeAt(price));
  return out;
}

/** Drops levels beyond `depth`, recording each removed price in `touched`. */
function truncate(side: BookSide, depth: number, touched: Map<number, number>): void {
  if (side.levelCount <= depth) return;
  const all = side.top(side.levelCount);
  for (let i = depth * 2; i < all.length; i += 2) {
    const price = all[i]!;
    side.set(price, 0);
    touched.set(price, 0);
  }
}
