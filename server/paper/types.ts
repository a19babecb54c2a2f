/**
 * The paper-trading model shared by the engine (pure, in memory), the store (PGlite or
 * PostgreSQL) and the API. The engine turns one command or one market event into a Transition:
 * the complete set of rows that change. The store writes a Transition in one database transaction
 * before anyone hears of it, so a crash never leaves half an order behind; on start the engine is
 * rebuilt from what the store loads.
 *
 * Units: prices and quantities are integer units of the instrument (protocol/instruments.ts), as
 * everywhere on the wire. Money (cash, fees, P&L, notional) is a bigint in units of 10^-MONEY_SCALE
 * of the account currency, so products of any instrument's price and size scales stay exact.
 */

/** Decimal places of money amounts (the finest price scale 10 + the finest size scale 4 + slack). */
export const MONEY_SCALE = 16;

export {
  ORDER_SIDES,
  ORDER_STATUSES,
  ORDER_TYPES,
  REJECT_CODES,
  TIME_IN_FORCE,
  type OrderSide,
  type OrderStatus,
  type OrderType,
  type RejectCode,
  type TimeInForce,
} from '../../protocol/paper';
import type {
  PlaceOrderBody,
  OrderSide,
  OrderStatus,
  OrderType,
  RejectCode,
  TimeInForce,
} from '../../protocol/paper';

/** What a client sends to place an order (POST /api/orders). */
export type OrderRequest = PlaceOrderBody;

export interface Order {
  /** Server id, e.g. `o_000123`; monotonic per account. */
  id: string;
  accountId: string;
  clientOrderId: string;
  inst: number;
  side: OrderSide;
  type: OrderType;
  quantity: number;
  limitPrice: number | null;
  stopPrice: number | null;
  timeInForce: TimeInForce;
  postOnly: boolean;
  status: OrderStatus;
  filledQuantity: number;
  /** Sum over fills of price × quantity in money units (average price = this / filled). */
  filledNotional: bigint;
  /** Set when status is `rejected` (and for a cancelled IOC remainder: null). */
  rejectCode: RejectCode | null;
  rejectMessage: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface Fill {
  /** e.g. `f_000456`; monotonic per account. */
  id: string;
  accountId: string;
  orderId: string;
  inst: number;
  side: OrderSide;
  price: number;
  quantity: number;
  /** price × quantity in money units. */
  notional: bigint;
  fee: bigint;
  liquidity: 'maker' | 'taker';
  time: number;
}

export interface Position {
  accountId: string;
  inst: number;
  /** Signed size units: positive long, negative short, 0 flat (kept for realized P&L). */
  quantity: number;
  /** Entry cost of the open quantity in money units (signed like quantity). */
  entryNotional: bigint;
  realizedPnl: bigint;
  updatedAt: number;
}

export interface Balance {
  accountId: string;
  currency: string;
  cash: bigint;
  /** Cash the account started with (reset restores it). */
  startingCash: bigint;
  feesPaid: bigint;
  realizedPnl: bigint;
  /** Next order/fill number (ids are allocated by the engine, persisted with the transition). */
  nextOrderNumber: number;
  nextFillNumber: number;
  /** Account event sequence: one per transition, carried on the `account` channel. */
  seq: number;
  updatedAt: number;
}

/** Everything one command or market event changed, written in one transaction. */
export interface Transition {
  accountId: string;
  /** The balance after the change (always written: it carries the new seq). */
  balance: Balance;
  /** Orders inserted or updated (full rows). */
  orders: Order[];
  /** New fills (append only). */
  fills: Fill[];
  /** Positions inserted or updated (full rows). */
  positions: Position[];
}

/** A whole account as the store loads it at start (open and recent orders are enough to trade). */
export interface AccountState {
  balance: Balance;
  /** Orders not in a final state (pending, open, partially_filled). */
  openOrders: Order[];
  positions: Position[];
}
