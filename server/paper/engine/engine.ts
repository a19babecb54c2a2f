/**
 * The paper-trading engine: pure, synchronous and deterministic (no I/O, no timers; the caller
 * passes `now`). Each command or market event returns the Transition to persist — the caller
 * writes it, then publishes it — and the engine has already applied it in memory.
 *
 * Fills: taking orders walk the visible book as the market view shows it (one fill per level,
 * taker fee); the live book is not depleted by paper orders. Resting limit orders fill at their
 * own price when a trade prints at or through it, by at most the traded size per side (maker fee),
 * best price first, then oldest first. Stops trigger on a trade at or through the stop (buy:
 * trade ≥ stop, sell: trade ≤ stop) and then behave as a market (stop) or limit (stop_limit)
 * order placed at that moment; a triggered stop that cannot trade (no liquidity, stale or closed
 * market) is cancelled with that reason in rejectCode.
 *
 * Money: see money.ts (exact bigints, fees rounded up), ledger.ts (cash and P&L) and
 * account-summary.ts (mark, equity and the margin rule). In short: a buy pays notional + fee from
 * cash, a sell receives notional − fee; equity = cash + Σ positions at the mid; buying power =
 * equity × leverage − Σ per instrument max(|value + open buys|, |value − open sells|).
 *
 * Idempotency: `place` answers a known client order id with the original order and no transition.
 * It knows open orders and the most recent final ones; for older ones it asks the synchronous
 * `findOrderByClientId` option, or the caller looks the id up in the store first and passes the
 * answer as `stored` (then calls `place` without awaiting in between, so concurrent repeats meet
 * the in-memory index). Not handled: books that cross a resting order without a trade (it fills
 * on the next trade at or through its price), and stops already through the market when placed
 * (they trigger on the next trade).
 */
import type { AccountState, Order, OrderRequest, Transition } from '../types';
import type { AccountSummary } from './account-summary';
import { compareIds, EngineCore } from './engine-core';
import type { PaperEngineOptions } from './engine-options';
import { fillResting, triggerStops } from './market-events';
import { isClientOrderId } from './order-request';
import { placeOrder } from './place-order';
import { copyOrder, TransitionBuilder } from './transition-builder';

export interface PlaceResult {
  /** The order as it stands (the original one when `duplicate`). */
  order: Order;
  /** What to persist; null for a duplicate. */
  transition: Transition | null;
  duplicate: boolean;
  /** Cost of walking past the best level on entry (money units, ≥ 0), null when nothing filled on entry. */
  slippage: bigint | null;
}

export type CancelResult =
  | { ok: true; order: Order; transition: Transition }
  | { ok: false; error: 'unknown_order' | 'not_open'; order: Order | null };

export interface CancelAllResult {
  orders: Order[];
  transition: Transition | null;
}

/** A market print the engine reacts to (protocol Trade / TradeMessage fit). */
export interface MarketTrade {
  price: number;
  size: number;
}

export interface PaperEngine {
  readonly accountId: string;
  readonly currency: string;
  /** The fee rates in force (options or defaults), integer basis points. */
  readonly makerFeeBps: number;
  readonly takerFeeBps: number;
  /** Places an order; `stored` is the store's answer for this client order id, if it was asked. */
  place(request: OrderRequest, now: number, stored?: Order | null): PlaceResult;
  cancel(orderId: string, now: number): CancelResult;
  /** Cancels every open and pending order, of one instrument or (null) all. */
  cancelAll(inst: number | null, now: number): CancelAllResult;
  /** Back to starting cash: open orders cancelled, positions and P&L zeroed. */
  reset(now: number): Transition;
  /** A trade printed on the market: fills resting orders and triggers stops. */
  onTrade(inst: number, trade: MarketTrade, now: number): Transition | null;
  /** The open or recently final order with this client order id (memory only). */
  findByClientOrderId(clientOrderId: string): Order | null;
  /** The open or recently final order with this id (memory only). */
  findOrder(orderId: string): Order | null;
  /** The whole account as the store would load it (copies). */
  state(): AccountState;
  /** Equity, cash, P&L, fees and buying power at the live market. */
  summary(): AccountSummary;
}

/** Creates a paper engine over a market view, from a stored account or a fresh one. */
export function createPaperEngine(options: PaperEngineOptions): PaperEngine {
  const core = new EngineCore(options);
  return {
    accountId: core.balance.accountId,
    currency: core.balance.currency,
    makerFeeBps: core.options.makerFeeBps,
    takerFeeBps: core.options.takerFeeBps,
    place(request, now, stored) {
      const known = core.orders.byClientOrderId(request.clientOrderId) ?? stored ?? undefined;
      const found = known ?? core.lookup?.(request.clientOrderId) ?? null;
      if (found)
        return { order: copyOrder(found), transition: null, duplicate: true, slippage: null };
      if (!isClientOrderId(request.clientOrderId)) {
        throw new RangeError('clientOrderId must be 1-64 characters of A-Z, a-z, 0-9, _ or -');
      }
      return placeOrder(core, request, now);
    },
    cancel(orderId, now) {
      const order = core.orders.open.get(orderId);
      if (!order) {
        const final = core.orders.byId(orderId);
        return final
          ? { ok: false, error: 'not_open', order: copyOrder(final) }
          : { ok: false, error: 'unknown_order', order: null };
      }
      const builder = new TransitionBuilder();
      core.cancel(order, builder, now);
      return { ok: true, order: copyOrder(order), transition: builder.finish(core.balance, now) };
    },
    cancelAll(inst, now) {
      const builder = new TransitionBuilder();
      const cancelled: Order[] = [];
      for (const order of [...core.orders.open.values()]) {
        if (inst !== null && order.inst !== inst) continue;
        core.cancel(order, builder, now);
        cancelled.push(order);
      }
      if (builder.empty) return { orders: [], transition: null };
      return { orders: cancelled.map(copyOrder), transition: builder.finish(core.balance, now) };
    },
    reset(now) {
      const builder = new TransitionBuilder();
      for (const order of [...core.orders.open.values()]) core.cancel(order, builder, now);
      for (const position of core.positions.values()) {
        position.quantity = 0;
        position.entryNotional = 0n;
        position.realizedPnl = 0n;
        position.updatedAt = now;
        builder.position(position);
      }
      core.positions.clear();
      const balance = core.balance;
      balance.cash = balance.startingCash;
      balance.feesPaid = 0n;
      balance.realizedPnl = 0n;
      return builder.finish(balance, now);
    },
    onTrade(inst, trade, now) {
      const resting = core.resting.get(inst);
      const instrument = core.instruments.byId(inst);
      if (!resting || resting.size === 0 || !instrument) return null;
      if (!(trade.price > 0) || !(trade.size > 0)) return null;
      const builder = new TransitionBuilder();
      fillResting(core, instrument, resting, trade, builder, now);
      triggerStops(core, instrument, resting, trade.price, builder, now);
      return builder.empty ? null : builder.finish(core.balance, now);
    },
    findByClientOrderId(clientOrderId) {
      const order = core.orders.byClientOrderId(clientOrderId);
      return order ? copyOrder(order) : null;
    },
    findOrder(orderId) {
      const order = core.orders.byId(orderId);
      return order ? copyOrder(order) : null;
    },
    state() {
      return {
        balance: { ...core.balance },
        openOrders: [...core.orders.open.values()]
          .sort((a, b) => compareIds(a.id, b.id))
          .map(copyOrder),
        positions: [...core.positions.values()].map((p) => ({ ...p })),
      };
    },
    summary: () => core.summary(),
  };
}
