/**
 * Collects what one command or market event changed and freezes it into a Transition. Rows are
 * copied when the transition is built, so the engine can keep mutating its own objects while the
 * caller persists and publishes the transition.
 */
import type { Balance, Fill, Order, Position, Transition } from '../types';

export class TransitionBuilder {
  private readonly orders = new Map<string, Order>();
  private readonly positions = new Map<number, Position>();
  private readonly fills: Fill[] = [];

  order(order: Order): void {
    this.orders.set(order.id, order);
  }

  position(position: Position): void {
    this.positions.set(position.inst, position);
  }

  fill(fill: Fill): void {
    this.fills.push(fill);
  }

  get empty(): boolean {
    return this.orders.size === 0 && this.fills.length === 0 && this.positions.size === 0;
  }

  /** Advances the balance's sequence by one and returns the frozen transition. */
  finish(balance: Balance, now: number): Transition {
    balance.seq += 1;
    balance.updatedAt = now;
    return {
      accountId: balance.accountId,
      balance: { ...balance },
      orders: [...this.orders.values()].map(copyOrder),
      fills: this.fills.slice(),
      positions: [...this.positions.values()].map((p) => ({ ...p })),
    };
  }
}

/** A detached copy of an order row. */
export function copyOrder(order: Order): Order {
  return { ...order };
}
