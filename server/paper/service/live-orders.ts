/** Which instruments have live orders, so market trades elsewhere cost nothing. */
import { LIVE_ORDER_STATUSES } from '../../../protocol/paper';
import type { Order } from '../types';

export class LiveOrders {
  private readonly byInst = new Map<number, Set<string>>();

  /** True when `inst` has a pending, open or partially filled order. */
  has(inst: number): boolean {
    return this.byInst.has(inst);
  }

  /** Starts over from the open orders of a loaded account. */
  reset(orders: readonly Order[]): void {
    this.byInst.clear();
    this.apply(orders);
  }

  /** Takes in orders as a committed transition wrote them. */
  apply(orders: readonly Order[]): void {
    for (const order of orders) {
      const ids = this.byInst.get(order.inst);
      if (LIVE_ORDER_STATUSES.includes(order.status)) {
        if (ids) ids.add(order.id);
        else this.byInst.set(order.inst, new Set([order.id]));
      } else if (ids) {
        ids.delete(order.id);
        if (ids.size === 0) this.byInst.delete(order.inst);
      }
    }
  }
}
