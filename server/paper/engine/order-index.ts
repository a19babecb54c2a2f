/**
 * The engine's memory of orders: every open order, plus the most recent final ones so that a
 * repeated client order id or a late cancel is answered without the store. Older final orders
 * are found through the store's lookup.
 */
import type { Order } from '../types';

export class OrderIndex {
  /** Orders not in a final state, by id. */
  readonly open = new Map<string, Order>();
  private readonly byClientId = new Map<string, Order>();
  private readonly finalById = new Map<string, Order>();
  private readonly ring: Order[] = [];
  private next = 0;

  constructor(private readonly capacity: number) {}

  /** Registers a newly placed (or loaded) order that is not final. */
  addOpen(order: Order): void {
    this.open.set(order.id, order);
    this.byClientId.set(order.clientOrderId, order);
  }

  /** Moves an order that just became final out of the open set into the recent ring. */
  addFinal(order: Order): void {
    this.open.delete(order.id);
    if (this.capacity === 0) {
      if (this.byClientId.get(order.clientOrderId) === order) {
        this.byClientId.delete(order.clientOrderId);
      }
      return;
    }
    this.byClientId.set(order.clientOrderId, order);
    this.finalById.set(order.id, order);
    const evicted = this.ring[this.next];
    this.ring[this.next] = order;
    this.next = (this.next + 1) % this.capacity;
    if (evicted) {
      if (this.byClientId.get(evicted.clientOrderId) === evicted) {
        this.byClientId.delete(evicted.clientOrderId);
      }
      this.finalById.delete(evicted.id);
    }
  }

  /** The open or recent order with this client order id. */
  byClientOrderId(clientOrderId: string): Order | undefined {
    return this.byClientId.get(clientOrderId);
  }

  /** The open or recent order with this id. */
  byId(id: string): Order | undefined {
    return this.open.get(id) ?? this.finalById.get(id);
  }
}
