/**
 * What the engine reads of the live market. The gateway implements it over the hub (book, tape,
 * stream status); tests implement it with a fake. Reads must be cheap: the engine asks for the book
 * on every order and for the best levels of every held instrument when it checks buying power.
 */
import type { FlatLevels } from '../../../protocol/messages';

/** Best-first levels of one instrument's book and the time (ms) it was last updated. */
export interface BookTop {
  /** Flat [price, size, price, size, …], highest bid first. */
  bids: FlatLevels;
  /** Flat [price, size, …], lowest ask first. */
  asks: FlatLevels;
  time: number;
}

export interface LastTrade {
  price: number;
  size: number;
  time: number;
}

export interface MarketView {
  /** The best `depth` levels per side, or null when the instrument has no book yet. */
  book(inst: number, depth: number): BookTop | null;
  /** The newest trade, or null. */
  lastTrade(inst: number): LastTrade | null;
  /** False while the instrument is not trading (market closed, feed not live). */
  isOpen(inst: number): boolean;
}

/** Price (integer units) and size of a book's best level on one side, or null when empty. */
export function bestLevel(levels: FlatLevels): { price: number; size: number } | null {
  const price = levels[0];
  const size = levels[1];
  if (price === undefined || size === undefined) return null;
  return { price, size };
}
