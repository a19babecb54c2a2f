/**
 * The store's own check of a transition before it touches the database: the engine is trusted
 * to compute, not to be free of bugs, and a NUMERIC(40,0) column would silently round a
 * fractional amount. Anything wrong throws `invalid_transition` naming the field.
 */
import {
  ORDER_SIDES,
  ORDER_STATUSES,
  ORDER_TYPES,
  REJECT_CODES,
  TIME_IN_FORCE,
  type Transition,
} from '../types';
import { PaperStoreError } from './store-errors';

/** Money columns are NUMERIC(40,0): at most 40 digits. */
const MONEY_LIMIT = 10n ** 40n;

type Check = (value: unknown) => string | null;

const describe = (value: unknown): string =>
  typeof value === 'bigint'
    ? `${value}n`
    : typeof value === 'string'
      ? JSON.stringify(value)
      : String(value);

const text: Check = (v) =>
  typeof v === 'string' && v.length >= 1 && v.length <= 256 ? null : 'expected a non-empty string';
const int: Check = (v) =>
  typeof v === 'number' && Number.isSafeInteger(v) ? null : 'expected a safe integer number';
const positiveInt: Check = (v) => int(v) ?? ((v as number) > 0 ? null : 'expected > 0');
const nonNegativeInt: Check = (v) => int(v) ?? ((v as number) >= 0 ? null : 'expected >= 0');
const nullable =
  (check: Check): Check =>
  (v) =>
    v === null ? null : check(v);
const bool: Check = (v) => (typeof v === 'boolean' ? null : 'expected a boolean');
const oneOf =
  (allowed: readonly string[]): Check =>
  (v) =>
    typeof v === 'string' && allowed.includes(v) ? null : `expected one of ${allowed.join('|')}`;
const money: Check = (v) =>
  typeof v !== 'bigint'
    ? 'expected an integer money amount (bigint)'
    : v < MONEY_LIMIT && v > -MONEY_LIMIT
      ? null
      : 'money amount has more than 40 digits';

const BALANCE: Record<string, Check> = {
  accountId: text,
  currency: text,
  cash: money,
  startingCash: money,
  feesPaid: money,
  realizedPnl: money,
  nextOrderNumber: nonNegativeInt,
  nextFillNumber: nonNegativeInt,
  seq: positiveInt,
  updatedAt: int,
};

const ORDER: Record<string, Check> = {
  id: text,
  accountId: text,
  clientOrderId: (v) => (typeof v === 'string' && v.length <= 64 ? text(v) : 'expected 1–64 chars'),
  inst: int,
  side: oneOf(ORDER_SIDES),
  type: oneOf(ORDER_TYPES),
  quantity: positiveInt,
  limitPrice: nullable(int),
  stopPrice: nullable(int),
  timeInForce: oneOf(TIME_IN_FORCE),
  postOnly: bool,
  status: oneOf(ORDER_STATUSES),
  filledQuantity: nonNegativeInt,
  filledNotional: money,
  rejectCode: nullable(oneOf(REJECT_CODES)),
  rejectMessage: nullable((v) => (typeof v === 'string' ? null : 'expected a string')),
  createdAt: int,
  updatedAt: int,
};

const FILL: Record<string, Check> = {
  id: text,
  accountId: text,
  orderId: text,
  inst: int,
  side: oneOf(ORDER_SIDES),
  price: int,
  quantity: positiveInt,
  notional: money,
  fee: money,
  liquidity: oneOf(['maker', 'taker']),
  time: int,
};

const POSITION: Record<string, Check> = {
  accountId: text,
  inst: int,
  quantity: int,
  entryNotional: money,
  realizedPnl: money,
  updatedAt: int,
};

function fail(path: string, why: string): never {
  throw new PaperStoreError('invalid_transition', `transition.${path}: ${why}`);
}

function checkRecord(value: unknown, path: string, shape: Record<string, Check>, account: string) {
  if (typeof value !== 'object' || value === null) fail(path, 'expected an object');
  for (const [key, check] of Object.entries(shape)) {
    const field: unknown = Reflect.get(value, key);
    const why = check(field);
    if (why !== null) fail(`${path}.${key}`, `${why}, got ${describe(field)}`);
  }
  const owner: unknown = Reflect.get(value, 'accountId');
  if (owner !== account) fail(`${path}.accountId`, `belongs to ${describe(owner)}, not ${account}`);
}

function checkList(value: unknown, path: string, shape: Record<string, Check>, account: string) {
  if (!Array.isArray(value)) fail(path, 'expected an array');
  const list: unknown[] = value;
  const keys = new Set<string>();
  list.forEach((item, index) => {
    checkRecord(item, `${path}[${index}]`, shape, account);
    const key = String(Reflect.get(item as object, 'id' in shape ? 'id' : 'inst'));
    if (keys.has(key)) fail(`${path}[${index}]`, `appears twice in one transition (${key})`);
    keys.add(key);
  });
  return list;
}

/** Throws `invalid_transition` unless value is a well-formed Transition. */
export function assertTransition(value: unknown): asserts value is Transition {
  if (typeof value !== 'object' || value === null) fail('', 'expected an object');
  const account: unknown = Reflect.get(value, 'accountId');
  if (typeof account !== 'string' || text(account) !== null) fail('accountId', 'expected a string');
  checkRecord(Reflect.get(value, 'balance'), 'balance', BALANCE, account);
  const orders = checkList(Reflect.get(value, 'orders'), 'orders', ORDER, account);
  checkList(Reflect.get(value, 'fills'), 'fills', FILL, account);
  checkList(Reflect.get(value, 'positions'), 'positions', POSITION, account);
  orders.forEach((order, index) => {
    const quantity: unknown = Reflect.get(order as object, 'quantity');
    const filled: unknown = Reflect.get(order as object, 'filledQuantity');
    if (typeof filled === 'number' && typeof quantity === 'number' && filled > quantity) {
      fail(`orders[${index}].filledQuantity`, `${filled} exceeds quantity ${quantity}`);
    }
  });
}
