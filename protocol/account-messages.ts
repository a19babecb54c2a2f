/**
 * Messages of the `account` channel (the paper-trading account). Subscribe with
 * `subscribe(ref, 'account', null)`: the gateway answers with an AccountSnapshot, then sends an
 * AccountUpdate per change (`seq` is the account's sequence, +1 per change, so a gap means
 * resubscribe) and, while positions are open, an AccountMark at most every 500 ms (marks only,
 * not sequenced). Nested views are copied in the key order of their SHAPES entry, so every
 * message is encoded with shared structures only and any decoder can read it on its own.
 */
import type { AccountView, FillView, OrderView, PositionView } from './paper';
import { ServerKind } from './messages';

/** The whole account, sent on subscribe (and again after a reset). */
export interface AccountSnapshot {
  kind: typeof ServerKind.accountSnapshot;
  seq: number;
  account: AccountView;
  /** Live orders: pending, open and partially filled, oldest first. */
  orders: OrderView[];
  positions: PositionView[];
  /** The latest fills, newest first (at most ACCOUNT_SNAPSHOT_FILLS). */
  fills: FillView[];
}

/** One change of the account: the orders and positions it touched and its new fills. */
export interface AccountUpdate {
  kind: typeof ServerKind.accountUpdate;
  seq: number;
  account: AccountView;
  orders: OrderView[];
  /** New fills, oldest first. */
  fills: FillView[];
  positions: PositionView[];
}

/** Marks only: unrealized P&L moving with the market. Not sequenced. */
export interface AccountMark {
  kind: typeof ServerKind.accountMark;
  account: AccountView;
  positions: PositionView[];
}

export type AccountMessage = AccountSnapshot | AccountUpdate | AccountMark;

/** Fills carried by a snapshot. */
export const ACCOUNT_SNAPSHOT_FILLS = 50;
/** Shortest interval between two AccountMark messages, ms. */
export const ACCOUNT_MARK_MS = 500;

/** Copies an order view in wire key order. */
export function orderView(o: OrderView): OrderView {
  return {
    id: o.id,
    clientOrderId: o.clientOrderId,
    inst: o.inst,
    symbol: o.symbol,
    side: o.side,
    type: o.type,
    quantity: o.quantity,
    limitPrice: o.limitPrice,
    stopPrice: o.stopPrice,
    timeInForce: o.timeInForce,
    postOnly: o.postOnly,
    status: o.status,
    filledQuantity: o.filledQuantity,
    averagePrice: o.averagePrice,
    rejectCode: o.rejectCode,
    rejectMessage: o.rejectMessage,
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
  };
}

/** Copies a fill view in wire key order. */
export function fillView(f: FillView): FillView {
  return {
    id: f.id,
    orderId: f.orderId,
    inst: f.inst,
    symbol: f.symbol,
    side: f.side,
    price: f.price,
    quantity: f.quantity,
    fee: f.fee,
    liquidity: f.liquidity,
    time: f.time,
  };
}

/** Copies a position view in wire key order. */
export function positionView(p: PositionView): PositionView {
  return {
    inst: p.inst,
    symbol: p.symbol,
    quantity: p.quantity,
    averageEntryPrice: p.averageEntryPrice,
    markPrice: p.markPrice,
    marketValue: p.marketValue,
    unrealizedPnl: p.unrealizedPnl,
    realizedPnl: p.realizedPnl,
  };
}

/** Copies an account view in wire key order. */
export function accountView(a: AccountView): AccountView {
  return {
    currency: a.currency,
    startingCash: a.startingCash,
    cash: a.cash,
    equity: a.equity,
    realizedPnl: a.realizedPnl,
    unrealizedPnl: a.unrealizedPnl,
    feesPaid: a.feesPaid,
    marginUsed: a.marginUsed,
    buyingPower: a.buyingPower,
    makerFeeBps: a.makerFeeBps,
    takerFeeBps: a.takerFeeBps,
    seq: a.seq,
    updatedAt: a.updatedAt,
  };
}

/** Builds an account snapshot. */
export function accountSnapshot(
  account: AccountView,
  orders: readonly OrderView[],
  positions: readonly PositionView[],
  fills: readonly FillView[],
): AccountSnapshot {
  return {
    kind: ServerKind.accountSnapshot,
    seq: account.seq,
    account: accountView(account),
    orders: orders.map(orderView),
    positions: positions.map(positionView),
    fills: fills.map(fillView),
  };
}

/** Builds an account update; its seq is the account's. */
export function accountUpdate(
  account: AccountView,
  orders: readonly OrderView[],
  fills: readonly FillView[],
  positions: readonly PositionView[],
): AccountUpdate {
  return {
    kind: ServerKind.accountUpdate,
    seq: account.seq,
    account: accountView(account),
    orders: orders.map(orderView),
    fills: fills.map(fillView),
    positions: positions.map(positionView),
  };
}

/** Builds a mark message. */
export function accountMark(account: AccountView, positions: readonly PositionView[]): AccountMark {
  return {
    kind: ServerKind.accountMark,
    account: accountView(account),
    positions: positions.map(positionView),
  };
}
