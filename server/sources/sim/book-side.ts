/**
 * One side of an aggregated order book: price levels kept sorted with the best level LAST, so the
 * busy end (the touch) is cheap to insert into, remove from and consume.
 */

export class BookSide {
  /** Sort keys (price for bids, -price for asks), ascending: worst first, best last. */
  private readonly keys: number[] = [];
  private readonly sizes: number[] = [];

  constructor(readonly isBid: boolean) {}

  get length(): number {
    return this.keys.length;
  }

  /** Price of the level `k` places from the touch (0 = best). */
  priceFromTop(k: number): number {
    return this.priceAt(this.keys.length - 1 - k);
  }

  /** Size of the level `k` places from the touch (0 = best). */
  sizeFromTop(k: number): number {
    return this.sizes[this.keys.length - 1 - k] ?? 0;
  }

  /** Best price, or NaN when the side is empty. */
  best(): number {
    return this.keys.length === 0 ? Number.NaN : this.priceFromTop(0);
  }

  /** Worst (deepest) price, or NaN when the side is empty. */
  deepest(): number {
    return this.keys.length === 0 ? Number.NaN : this.priceAt(0);
  }

  /** Adds size at a price; returns the level's new total. */
  add(price: number, size: number): number {
    const key = this.isBid ? price : -price;
    const index = this.lowerBound(key);
    if (this.keys[index] === key) {
      const total = (this.sizes[index] ?? 0) + size;
      this.sizes[index] = total;
      return total;
    }
    this.keys.splice(index, 0, key);
    this.sizes.splice(index, 0, size);
    return size;
  }

  /** Sets the size of the level `k` from the top; 0 removes it. */
  setFromTop(k: number, size: number): void {
    const index = this.keys.length - 1 - k;
    if (size > 0) {
      this.sizes[index] = size;
    } else {
      this.keys.splice(index, 1);
      this.sizes.splice(index, 1);
    }
  }

  /** The first price at or beyond `price` (away from the touch, in steps of `tick`) with no level. */
  firstFreePrice(price: number, tick: number): number {
    let key = this.isBid ? price : -price;
    // Keys ascend toward the touch, so the next level away from it sits one index lower.
    for (let index = this.lowerBound(key); this.keys[index] === key; index--) key -= tick;
    return this.isBid ? key : -key;
  }

  /** Removes the deepest level and returns its price. */
  removeDeepest(): number {
    const price = this.deepest();
    this.keys.shift();
    this.sizes.shift();
    return price;
  }

  /** Levels best first as a flat [price, size, ...] list, at most `depth` of them. */
  flat(depth = Number.POSITIVE_INFINITY): number[] {
    const out: number[] = [];
    for (let k = 0; k < this.keys.length && k < depth; k++) {
      out.push(this.priceFromTop(k), this.sizeFromTop(k));
    }
    return out;
  }

  private priceAt(index: number): number {
    const key = this.keys[index] ?? Number.NaN;
    return this.isBid ? key : -key;
  }

  private lowerBound(key: number): number {
    let low = 0;
    let high = this.keys.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.keys[mid] ?? 0) < key) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
