/** The engine's state and the bookkeeping every command shares (resting, reserving, filling). */
import type { Instrument } from '../../../protocol/instruments';
import type { Balance, Fill, Order, Position } from '../types';
import { summarize, type AccountSummary, type Exposure } from './account-summary';
import { formatId, freshBalance, resolveOptions } from './engine-options';
import type { InstrumentLookup, PaperEngineOptions, ResolvedOptions } from './engine-options';
import { bookFill, emptyPosition } from './ledger';
import type { MarketView } from './market-view';
import { feeOf, notionalOf } from './money';
import { OrderIndex } from './order-index';
import { Reserves } from './reserves';
import { RestingOrders } from './resting-orders';
import { copyOrder, type TransitionBuilder } from './transition-builder';

/** The engine's mutable state, shared by its command modules. */
export class EngineCore {
  readonly options: ResolvedOptions;
  readonly instruments: InstrumentLookup;
  readonly market: MarketView;
  readonly lookup: ((clientOrderId: string) => Order | null | undefined) | undefined;
  balance: Balance;
  readonly positions = new Map<number, Position>();
  readonly orders: OrderIndex;
  readonly reserves = new Reserves();
  readonly resting = new Map<number, RestingOrders>();

  constructor(options: PaperEngineOptions) {
    this.options = resolveOptions(options);
    this.instruments = options.instruments;
    this.market = options.market;
    this.lookup = options.findOrderByClientId;
    this.orders = new OrderIndex(this.options.recentOrderCapacity);
    const state = options.initialState ?? null;
    this.balance = state ? { ...state.balance } : freshBalance(this.options);
    for (const position of state?.positions ?? []) {
      this.positions.set(position.inst, { ...position });
    }
    const open = (state?.openOrders ?? []).map(copyOrder).sort((a, b) => compareIds(a.id, b.id));
    for (const order of open) {
      const instrument = this.instruments.byId(order.inst);
      if (instrument) this.rest(order, instrument);
      else this.orders.addOpen(order);
    }
  }

  /** Resting orders of an instrument, created on first use. */
  restingOf(inst: number): RestingOrders {
    let resting = this.resting.get(inst);
    if (!resting) {
      resting = new RestingOrders();
      this.resting.set(inst, resting);
    }
    return resting;
  }

  /** Files a non-final order: open set, its instrument's priority list, and its reserve. */
  rest(order: Order, instrument: Instrument): void {
    this.orders.addOpen(order);
    this.restingOf(order.inst).add(order);
    this.reserves.hold(instrument, order);
  }

  /** Takes a resting order off its list and reserve (it stays in the open set). */
  unrest(order: Order, instrument: Instrument): void {
    this.reserves.release(instrument, order);
    this.resting.get(order.inst)?.remove(order);
  }

  /** Records that an order reached a final state. */
  finalize(order: Order, builder: TransitionBuilder): void {
    this.orders.addFinal(order);
    builder.order(order);
  }

  /** Books one fill of `order`: the fill row, position, balance and the order's filled amounts. */
  fill(
    order: Order,
    instrument: Instrument,
    price: number,
    quantity: number,
    liquidity: Fill['liquidity'],
    builder: TransitionBuilder,
    now: number,
  ): void {
    const notional = notionalOf(instrument, price, quantity);
    const bps = liquidity === 'maker' ? this.options.makerFeeBps : this.options.takerFeeBps;
    const fee = feeOf(notional, bps);
    const fill: Fill = {
      id: formatId('f_', this.balance.nextFillNumber++),
      accountId: this.balance.accountId,
      orderId: order.id,
      inst: instrument.id,
      side: order.side,
      price,
      quantity,
      notional,
      fee,
      liquidity,
      time: now,
    };
    let position = this.positions.get(instrument.id);
    if (!position) {
      position = emptyPosition(this.balance.accountId, instrument.id, now);
      this.positions.set(instrument.id, position);
    }
    bookFill(instrument, position, this.balance, fill, now);
    order.filledQuantity += quantity;
    order.filledNotional += notional;
    order.updatedAt = now;
    builder.fill(fill);
    builder.position(position);
    builder.order(order);
  }

  /** Exposures of every instrument with a position or an open order. */
  exposures(): Array<[number, Exposure]> {
    const out: Array<[number, Exposure]> = [];
    for (const [inst, position] of this.positions) {
      const held = this.reserves.of(inst);
      if (position.quantity === 0 && !held) continue;
      out.push([
        inst,
        {
          quantity: position.quantity,
          entryNotional: position.entryNotional,
          openBuy: held?.buy ?? 0n,
          openSell: held?.sell ?? 0n,
        },
      ]);
    }
    for (const [inst, held] of this.reserves.entries()) {
      if (this.positions.has(inst)) continue;
      out.push([inst, { quantity: 0, entryNotional: 0n, openBuy: held.buy, openSell: held.sell }]);
    }
    return out;
  }

  summary(): AccountSummary {
    return summarize(this.balance, this.exposures(), this.market, {
      instrument: (inst) => this.instruments.byId(inst),
      leverage: this.options.leverage,
    });
  }

  /** Cancels one open order into `builder`. */
  cancel(order: Order, builder: TransitionBuilder, now: number): void {
    const instrument = this.instruments.byId(order.inst);
    if (instrument) this.unrest(order, instrument);
    order.status = 'cancelled';
    order.updatedAt = now;
    this.finalize(order, builder);
  }
}

/** Orders ids sort like their numbers (longer is larger). */
export function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
