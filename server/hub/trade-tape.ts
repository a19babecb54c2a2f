/**
 * The recent trades of one instrument in a fixed-size ring, so memory stays bounded however long
 * the gateway runs. Trade ids count up from 1 and double as the trades stream's sequence.
 */
import type { Side, Trade } from '../../protocol/messages';

export const DEFAULT_TAPE_CAPACITY = 1000;

export class TradeTape {
  private readonly ring: Array<Trade | undefined>;
  private nextId = 1;
  private count = 0;

  constructor(readonly capacity: number = DEFAULT_TAPE_CAPACITY) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) {
      throw new RangeError(`tape capacity must be a positive integer, got ${capacity}`);
    }
    this.ring = new Array<Trade | undefined>(capacity);
  }

  /** Id of the newest trade, 0 before the first. */
  get lastId(): number {
    return this.nextId - 1;
  }

  get size(): number {
    return this.count;
  }

  /** Records a print and returns it with its new id. */
  push(price: number, size: number, side: Side, time: number): Trade {
    const trade: Trade = { id: this.nextId++, price, size, side, time };
    this.ring[trade.id % this.capacity] = trade;
    this.count = Math.min(this.count + 1, this.capacity);
    return trade;
  }

  /** The newest trade, if any. */
  last(): Trade | undefined {
    return this.count === 0 ? undefined : this.ring[this.lastId % this.capacity];
  }

  /** Up to `limit` newest trades, oldest first. */
  recent(limit: number): Trade[] {
    const n = Math.max(0, Math.min(limit, this.count));
    const out: Trade[] = [];
    for (let id = this.nextId - n; id < this.nextId; id++) out.push(this.ring[id % this.capacity]!);
    return out;
  }
}
