/**
 * Marking positions to market and the margin rule — pure functions of account state and market.
 *
 * Mark price: the mid of the best bid and ask; one side only → that side; empty book → the last
 * trade; nothing at all → the entry cost (no unrealized P&L). Half a money unit of the mid is
 * truncated toward zero.
 *
 * Margin rule (documented for the API and UI):
 *   equity        = cash + Σ signed market value of positions
 *   margin(inst)  = max(|value + open buys|, |value − open sells|)
 *                   (value signed at the mark; open orders at their limit price, stops at their
 *                   stop price, remaining quantity only — orders that reduce a position need none)
 *   buying power  = equity × leverage − Σ margin(inst)
 * An order is refused with `insufficient_buying_power` when it raises its instrument's margin by
 * more than the buying power left after its estimated fee. Shorts are allowed within buying power.
 */
import type { Instrument } from '../../../protocol/instruments';
import type { AccountState, Balance, Order, Position } from '../types';
import type { MarketView } from './market-view';
import { absMoney, notionalOf } from './money';

export interface MarginRules {
  instrument(inst: number): Instrument | undefined;
  /** Positive integer; 1 means no borrowing beyond shorting within equity. */
  leverage: number;
}

/** What one instrument contributes to the margin: the position and its open orders. */
export interface Exposure {
  quantity: number;
  entryNotional: bigint;
  /** Σ remaining × price of open buy orders (money units). */
  openBuy: bigint;
  openSell: bigint;
}

export interface AccountSummary {
  currency: string;
  startingCash: bigint;
  cash: bigint;
  /** cash + Σ position market value. */
  equity: bigint;
  /** Σ signed market value of positions at the mark. */
  positionsValue: bigint;
  realizedPnl: bigint;
  unrealizedPnl: bigint;
  feesPaid: bigint;
  marginUsed: bigint;
  buyingPower: bigint;
}

export interface PositionMark {
  /** Signed value at the mark (money units). */
  marketValue: bigint;
  unrealizedPnl: bigint;
  /** False when nothing was there to mark against and the entry cost stood in. */
  marked: boolean;
}

/** Signed value of `quantity` at the instrument's mark, or null when there is no price at all. */
export function markValue(
  instrument: Instrument,
  quantity: number,
  market: MarketView,
): bigint | null {
  if (quantity === 0) return 0n;
  const size = Math.abs(quantity);
  const book = market.book(instrument.id, 1);
  const bid = book?.bids[0];
  const ask = book?.asks[0];
  let value: bigint;
  if (bid !== undefined && ask !== undefined) {
    value = (notionalOf(instrument, bid, size) + notionalOf(instrument, ask, size)) / 2n;
  } else if (bid !== undefined || ask !== undefined) {
    value = notionalOf(instrument, (bid ?? ask)!, size);
  } else {
    const last = market.lastTrade(instrument.id);
    if (!last) return null;
    value = notionalOf(instrument, last.price, size);
  }
  return quantity < 0 ? -value : value;
}

/** A position's market value and unrealized P&L at the live mark. */
export function markPosition(
  instrument: Instrument,
  position: Pick<Position, 'quantity' | 'entryNotional'>,
  market: MarketView,
): PositionMark {
  const value = markValue(instrument, position.quantity, market);
  if (value === null) {
    return { marketValue: position.entryNotional, unrealizedPnl: 0n, marked: false };
  }
  return { marketValue: value, unrealizedPnl: value - position.entryNotional, marked: true };
}

/** Margin one instrument uses: max(|value + open buys|, |value − open sells|). */
export function instrumentMargin(value: bigint, openBuy: bigint, openSell: bigint): bigint {
  const up = absMoney(value + openBuy);
  const down = absMoney(value - openSell);
  return up > down ? up : down;
}

/** Money an open order reserves: remaining quantity at its limit (or stop) price; 0 when final. */
export function reserveOf(instrument: Instrument, order: Order): bigint {
  if (order.status !== 'pending' && order.status !== 'open' && order.status !== 'partially_filled')
    return 0n;
  const price = order.limitPrice ?? order.stopPrice;
  if (price === null) return 0n;
  return notionalOf(instrument, price, order.quantity - order.filledQuantity);
}

/** Summary of a balance and its exposures; shared by the engine and `accountSummary`. */
export function summarize(
  balance: Balance,
  exposures: Iterable<[number, Exposure]>,
  market: MarketView,
  rules: MarginRules,
): AccountSummary {
  let positionsValue = 0n;
  let unrealizedPnl = 0n;
  let marginUsed = 0n;
  for (const [inst, exposure] of exposures) {
    const instrument = rules.instrument(inst);
    if (!instrument) continue;
    const mark = markPosition(instrument, exposure, market);
    positionsValue += mark.marketValue;
    unrealizedPnl += mark.unrealizedPnl;
    marginUsed += instrumentMargin(mark.marketValue, exposure.openBuy, exposure.openSell);
  }
  const equity = balance.cash + positionsValue;
  return {
    currency: balance.currency,
    startingCash: balance.startingCash,
    cash: balance.cash,
    equity,
    positionsValue,
    realizedPnl: balance.realizedPnl,
    unrealizedPnl,
    feesPaid: balance.feesPaid,
    marginUsed,
    buyingPower: equity * BigInt(rules.leverage) - marginUsed,
  };
}

/** Equity, cash, P&L, fees and buying power of a stored account at the live market. */
export function accountSummary(
  state: AccountState,
  market: MarketView,
  rules: MarginRules,
): AccountSummary {
  return summarize(state.balance, exposuresOf(state, rules), market, rules);
}

/** Per-instrument exposures of an account state (positions plus reserves of open orders). */
export function exposuresOf(state: AccountState, rules: MarginRules): Map<number, Exposure> {
  const exposures = new Map<number, Exposure>();
  const get = (inst: number): Exposure => {
    let exposure = exposures.get(inst);
    if (!exposure) {
      exposure = { quantity: 0, entryNotional: 0n, openBuy: 0n, openSell: 0n };
      exposures.set(inst, exposure);
    }
    return exposure;
  };
  for (const position of state.positions) {
    if (position.quantity === 0) continue;
    const exposure = get(position.inst);
    exposure.quantity = position.quantity;
    exposure.entryNotional = position.entryNotional;
  }
  for (const order of state.openOrders) {
    const instrument = rules.instrument(order.inst);
    if (!instrument) continue;
    const reserve = reserveOf(instrument, order);
    if (order.side === 'buy') get(order.inst).openBuy += reserve;
    else get(order.inst).openSell += reserve;
  }
  return exposures;
}
