/** Type guards for the paper-trading REST bodies in protocol/paper.ts. */
import {
  ORDER_SIDES,
  ORDER_STATUSES,
  ORDER_TYPES,
  REJECT_CODES,
  TIME_IN_FORCE,
  type AccountResponse,
  type AccountView,
  type CancelAllResponse,
  type CancelResponse,
  type FillView,
  type FillsResponse,
  type OrderRejectedResponse,
  type OrderView,
  type OrdersResponse,
  type PlaceOrderResponse,
  type PositionView,
  type PositionsResponse,
} from '../../../protocol/paper';
import { isRecord, isSafeInt } from '../../../protocol/value-guards';

const MONEY_TEXT = /^-?\d+(?:\.\d+)?$/;

/** True for an exact decimal money string ("-12.50"). */
export function isMoneyText(value: unknown): value is string {
  return typeof value === 'string' && MONEY_TEXT.test(value);
}

function oneOf<T>(list: readonly T[], value: unknown): value is T {
  return (list as readonly unknown[]).includes(value);
}

function intOrNull(value: unknown): value is number | null {
  return value === null || isSafeInt(value);
}

function moneyOrNull(value: unknown): value is string | null {
  return value === null || isMoneyText(value);
}

function stringOrNull(value: unknown): value is string | null {
  return value === null || typeof value === 'string';
}

/** One order as the gateway describes it. */
export function isOrderView(value: unknown): value is OrderView {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    typeof value.clientOrderId === 'string' &&
    isSafeInt(value.inst) &&
    typeof value.symbol === 'string' &&
    oneOf(ORDER_SIDES, value.side) &&
    oneOf(ORDER_TYPES, value.type) &&
    isSafeInt(value.quantity) &&
    intOrNull(value.limitPrice) &&
    intOrNull(value.stopPrice) &&
    oneOf(TIME_IN_FORCE, value.timeInForce) &&
    typeof value.postOnly === 'boolean' &&
    oneOf(ORDER_STATUSES, value.status) &&
    isSafeInt(value.filledQuantity) &&
    moneyOrNull(value.averagePrice) &&
    (value.rejectCode === null || oneOf(REJECT_CODES, value.rejectCode)) &&
    stringOrNull(value.rejectMessage) &&
    isSafeInt(value.createdAt) &&
    isSafeInt(value.updatedAt)
  );
}

/** One execution. */
export function isFillView(value: unknown): value is FillView {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    typeof value.orderId === 'string' &&
    isSafeInt(value.inst) &&
    typeof value.symbol === 'string' &&
    oneOf(ORDER_SIDES, value.side) &&
    isSafeInt(value.price) &&
    isSafeInt(value.quantity) &&
    isMoneyText(value.fee) &&
    (value.liquidity === 'maker' || value.liquidity === 'taker') &&
    isSafeInt(value.time)
  );
}

/** One position (flat ones included). */
export function isPositionView(value: unknown): value is PositionView {
  return (
    isRecord(value) &&
    isSafeInt(value.inst) &&
    typeof value.symbol === 'string' &&
    isSafeInt(value.quantity) &&
    moneyOrNull(value.averageEntryPrice) &&
    intOrNull(value.markPrice) &&
    isMoneyText(value.marketValue) &&
    isMoneyText(value.unrealizedPnl) &&
    isMoneyText(value.realizedPnl)
  );
}

const ACCOUNT_MONEY = [
  'startingCash',
  'cash',
  'equity',
  'realizedPnl',
  'unrealizedPnl',
  'feesPaid',
  'marginUsed',
  'buyingPower',
] as const;

/** The account balances (optional fee fields, when the gateway sends them, must be integers). */
export function isAccountView(value: unknown): value is AccountView {
  return (
    isRecord(value) &&
    typeof value.currency === 'string' &&
    ACCOUNT_MONEY.every((field) => isMoneyText(value[field])) &&
    isSafeInt(value.seq) &&
    isSafeInt(value.updatedAt) &&
    (value.makerFeeBps === undefined || isSafeInt(value.makerFeeBps)) &&
    (value.takerFeeBps === undefined || isSafeInt(value.takerFeeBps))
  );
}

function listOf<T>(value: unknown, guard: (item: unknown) => item is T): value is T[] {
  return Array.isArray(value) && value.every(guard);
}

/** GET /api/orders */
export function isOrdersResponse(value: unknown): value is OrdersResponse {
  return isRecord(value) && listOf(value.orders, isOrderView);
}

/** GET /api/fills */
export function isFillsResponse(value: unknown): value is FillsResponse {
  return isRecord(value) && listOf(value.fills, isFillView);
}

/** GET /api/positions */
export function isPositionsResponse(value: unknown): value is PositionsResponse {
  return isRecord(value) && listOf(value.positions, isPositionView);
}

/** GET /api/account and POST /api/account/reset */
export function isAccountResponse(value: unknown): value is AccountResponse {
  return isRecord(value) && isAccountView(value.account);
}

/** POST /api/orders, 200 or 201 */
export function isPlaceOrderResponse(value: unknown): value is PlaceOrderResponse {
  return isRecord(value) && isOrderView(value.order) && typeof value.duplicate === 'boolean';
}

/** POST /api/orders, 422 */
export function isOrderRejectedResponse(value: unknown): value is OrderRejectedResponse {
  return (
    isRecord(value) &&
    isRecord(value.error) &&
    oneOf(REJECT_CODES, value.error.code) &&
    typeof value.error.message === 'string' &&
    isOrderView(value.order)
  );
}

/** DELETE /api/orders/:id */
export function isCancelResponse(value: unknown): value is CancelResponse {
  return isRecord(value) && isOrderView(value.order);
}

/** DELETE /api/orders?symbol= */
export function isCancelAllResponse(value: unknown): value is CancelAllResponse {
  return isRecord(value) && listOf(value.orders, isOrderView);
}
