/**
 * Guards for the `account` channel's messages (account-messages.ts) and the views they carry.
 * A client runs checkAccountMessage on any decoded message whose kind isAccountKind says is one.
 */
import type { AccountMessage } from './account-messages';
import { ServerKind } from './messages';
import {
  ORDER_SIDES,
  ORDER_STATUSES,
  ORDER_TYPES,
  REJECT_CODES,
  TIME_IN_FORCE,
  type AccountView,
  type FillView,
  type OrderView,
  type PositionView,
} from './paper';
import { isRecord, isSafeInt } from './value-guards';

type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

const ACCOUNT_KINDS = new Set<unknown>([
  ServerKind.accountSnapshot,
  ServerKind.accountUpdate,
  ServerKind.accountMark,
]);

/** True when `kind` is one of the account channel's message kinds. */
export function isAccountKind(kind: unknown): boolean {
  return ACCOUNT_KINDS.has(kind);
}

const MONEY_TEXT = /^-?\d+(?:\.\d+)?$/;

/** True for an exact decimal money string ("-12.50"). */
export function isMoneyText(value: unknown): value is string {
  return typeof value === 'string' && MONEY_TEXT.test(value);
}

/** True when `value` is one of `list` (an `as const` list of allowed values). */
export function oneOf<T>(list: readonly T[], value: unknown): value is T {
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

function isFeeBps(value: unknown): value is number {
  return isSafeInt(value) && value >= 0;
}

/** The account balances and fee rates. */
export function isAccountView(value: unknown): value is AccountView {
  return (
    isRecord(value) &&
    typeof value.currency === 'string' &&
    ACCOUNT_MONEY.every((field) => isMoneyText(value[field])) &&
    isFeeBps(value.makerFeeBps) &&
    isFeeBps(value.takerFeeBps) &&
    isSafeInt(value.seq) &&
    isSafeInt(value.updatedAt)
  );
}

/** True when `value` is an array whose every item passes `guard`. */
export function listOf<T>(value: unknown, guard: (item: unknown) => item is T): value is T[] {
  return Array.isArray(value) && value.every(guard);
}

/** Validates a decoded account-channel message, views included. */
export function checkAccountMessage(value: unknown): Checked<AccountMessage> {
  if (!isRecord(value)) return { ok: false, error: 'message must be a map' };
  if (!isAccountKind(value.kind)) return { ok: false, error: 'not an account message' };
  if (value.kind !== ServerKind.accountMark && !isSafeInt(value.seq)) {
    return { ok: false, error: 'seq must be an integer' };
  }
  if (!isAccountView(value.account)) return { ok: false, error: 'account is malformed' };
  if (!listOf(value.positions, isPositionView)) {
    return { ok: false, error: 'positions must be a list of positions' };
  }
  if (value.kind !== ServerKind.accountMark) {
    if (!listOf(value.orders, isOrderView)) {
      return { ok: false, error: 'orders must be a list of orders' };
    }
    if (!listOf(value.fills, isFillView))
      return { ok: false, error: 'fills must be a list of fills' };
  }
  return { ok: true, value: value as unknown as AccountMessage };
}
