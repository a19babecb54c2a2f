/**
 * Money held by open orders per instrument and side (remaining quantity at the order's limit or
 * stop price), kept incrementally so a buying-power check never scans the open orders.
 */
import type { Instrument } from '../../../protocol/instruments';
import type { Order } from '../types';
import { reserveOf } from './account-summary';

export interface Held {
  buy: bigint;
  sell: bigint;
}

export class Reserves {
  private readonly byInst = new Map<number, Held>();

  /** Adds what `order` reserves in its current state. */
  hold(instrument: Instrument, order: Order): void {
    const amount = reserveOf(instrument, order);
    if (amount === 0n) return;
    let held = this.byInst.get(order.inst);
    if (!held) {
      held = { buy: 0n, sell: 0n };
      this.byInst.set(order.inst, held);
    }
    if (order.side === 'buy') held.buy += amount;
    else held.sell += amount;
  }

  /** Removes what `order` reserves in its current state (call before changing it). */
  release(instrument: Instrument, order: Order): void {
    const amount = reserveOf(instrument, order);
    const held = this.byInst.get(order.inst);
    if (amount === 0n || !held) return;
    if (order.side === 'buy') held.buy -= amount;
    else held.sell -= amount;
    if (held.buy === 0n && held.sell === 0n) this.byInst.delete(order.inst);
  }

  of(inst: number): Held | undefined {
    return this.byInst.get(inst);
  }

  entries(): IterableIterator<[number, Held]> {
    return this.byInst.entries();
  }
}
