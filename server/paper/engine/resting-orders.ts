/**
 * One instrument's own resting orders, kept in priority order so a trade only looks at the front:
 * limit buys highest price first, limit sells lowest first, buy stops lowest trigger first, sell
 * stops highest first; equal prices keep arrival order (time priority).
 */
import type { Order } from '../types';

/** Orders sorted by a key; inserting after equal keys keeps arrival order. */
class PriorityList {
  readonly items: Order[] = [];

  /** `rank` is smaller for orders served first. */
  constructor(private readonly rank: (order: Order) => number) {}

  add(order: Order): void {
    const key = this.rank(order);
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.rank(this.items[mid]!) <= key) lo = mid + 1;
      else hi = mid;
    }
    this.items.splice(lo, 0, order);
  }

  remove(order: Order): boolean {
    const index = this.items.indexOf(order);
    if (index < 0) return false;
    this.items.splice(index, 1);
    return true;
  }

  first(): Order | undefined {
    return this.items[0];
  }
}

export class RestingOrders {
  readonly bids = new PriorityList((o) => -(o.limitPrice ?? 0));
  readonly asks = new PriorityList((o) => o.limitPrice ?? 0);
  readonly buyStops = new PriorityList((o) => o.stopPrice ?? 0);
  readonly sellStops = new PriorityList((o) => -(o.stopPrice ?? 0));

  /** Files an open order where it waits: stop lists while pending, else the limit lists. */
  add(order: Order): void {
    this.listFor(order).add(order);
  }

  /** Removes an order from wherever it waits. */
  remove(order: Order): void {
    this.listFor(order).remove(order);
  }

  get size(): number {
    return (
      this.bids.items.length +
      this.asks.items.length +
      this.buyStops.items.length +
      this.sellStops.items.length
    );
  }

  private listFor(order: Order): PriorityList {
    const buy = order.side === 'buy';
    if (order.status === 'pending') return buy ? this.buyStops : this.sellStops;
    return buy ? this.bids : this.asks;
  }
}
