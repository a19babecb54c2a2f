/**
 * A full order book for one instrument: integer price levels per side, kept sorted best-first so
 * the top N can be read without sorting on every update.
 */
import type { FlatLevels } from '../../protocol/messages';

/** One side of a book: sizes by price plus the prices in best-first order. */
export class BookSide {
  private readonly sizes = new Map<number, number>();
  private readonly prices: number[] = [];

  /** `descending` is true for bids (best = highest price). */
  constructor(private readonly descending: boolean) {}

  get levelCount(): number {
    return this.prices.length;
  }

  /** Best price, or 0 when the side is empty. */
  best(): number {
    return this.prices[0] ?? 0;
  }

  /** Size at `price`, or 0 when there is no level. */
  sizeAt(price: number): number {
    return this.sizes.get(price) ?? 0;
  }

  /** Sets the absolute size of a level; size 0 removes it. */
  set(price: number, size: number): void {
    if (!Number.isSafeInteger(price) || !Number.isSafeInteger(size) || size < 0) return;
    const had = this.sizes.has(price);
    if (size === 0) {
      if (!had) return;
      this.sizes.delete(price);
      this.prices.splice(this.indexOf(price), 1);
      return;
    }
    this.sizes.set(price, size);
    if (!had) this.prices.splice(this.indexOf(price), 0, price);
  }

  clear(): void {
    this.sizes.clear();
    this.prices.length = 0;
  }

  /** The best `n` levels as a flat [price, size, …] list. */
  top(n: number): FlatLevels {
    const count = Math.min(n, this.prices.length);
    const out: FlatLevels = new Array<number>(count * 2);
    for (let i = 0; i < count; i++) {
      const price = this.prices[i]!;
      out[i * 2] = price;
      out[i * 2 + 1] = this.sizes.get(price)!;
    }
    return out;
  }

  /** Position of `price` in best-first order, or where it would be inserted. */
  private indexOf(price: number): number {
    let lo = 0;
    let hi = this.prices.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const other = this.prices[mid]!;
      const before = this.descending ? other > price : other < price;
      if (before) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** Bids and asks of one instrument. */
export class OrderBook {
  readonly bids = new BookSide(true);
  readonly asks = new BookSide(false);
  /** Time of the last change applied. */
  time = 0;

  /** Applies absolute level sizes; with `snapshot` the lists replace the whole book. */
  apply(bids: FlatLevels, asks: FlatLevels, time: number, snapshot: boolean): void {
    if (snapshot) {
      this.bids.clear();
      this.asks.clear();
    }
    applyLevels(this.bids, bids);
    applyLevels(this.asks, asks);
    this.time = time;
  }
}

function applyLevels(side: BookSide, levels: FlatLevels): void {
  for (let i = 0; i + 1 < levels.length; i += 2) side.set(levels[i]!, levels[i + 1]!);
}
