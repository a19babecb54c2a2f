/**
 * Reading rows back into the model. Every numeric column is selected as text (see the column
 * lists) and parsed here: integers must be safe, money becomes a bigint exactly.
 */
import {
  ORDER_SIDES,
  ORDER_STATUSES,
  ORDER_TYPES,
  REJECT_CODES,
  TIME_IN_FORCE,
  type Balance,
  type Fill,
  type Order,
  type Position,
} from '../types';
import { PaperStoreError } from './store-errors';

export const BALANCE_COLUMNS = `account_id, currency, cash::text AS cash,
  starting_cash::text AS starting_cash, fees_paid::text AS fees_paid,
  realized_pnl::text AS realized_pnl, next_order_number::text AS next_order_number,
  next_fill_number::text AS next_fill_number, seq::text AS seq, updated_at::text AS updated_at`;

export const ORDER_COLUMNS = `account_id, id, client_order_id, inst::text AS inst, side, type,
  quantity::text AS quantity, limit_price::text AS limit_price, stop_price::text AS stop_price,
  time_in_force, post_only, status, filled_quantity::text AS filled_quantity,
  filled_notional::text AS filled_notional, reject_code, reject_message,
  created_at::text AS created_at, updated_at::text AS updated_at`;

export const FILL_COLUMNS = `account_id, id, order_id, inst::text AS inst, side, price::text AS price,
  quantity::text AS quantity, notional::text AS notional, fee::text AS fee, liquidity,
  time::text AS time`;

export const POSITION_COLUMNS = `account_id, inst::text AS inst, quantity::text AS quantity,
  entry_notional::text AS entry_notional, realized_pnl::text AS realized_pnl,
  updated_at::text AS updated_at`;

const INTEGER_TEXT = /^-?\d+$/;

class RowReader {
  constructor(
    private readonly row: unknown,
    private readonly table: string,
  ) {}

  private raw(key: string): unknown {
    if (typeof this.row !== 'object' || this.row === null)
      this.fail(key, 'the row is not an object');
    return Reflect.get(this.row as object, key);
  }

  private fail(key: string, why: string): never {
    throw new PaperStoreError('invalid_row', `${this.table}.${key}: ${why}`);
  }

  text(key: string): string {
    const value = this.raw(key);
    if (typeof value !== 'string') this.fail(key, `expected text, got ${typeof value}`);
    return value;
  }

  nullableText(key: string): string | null {
    return this.raw(key) === null ? null : this.text(key);
  }

  bool(key: string): boolean {
    const value = this.raw(key);
    if (typeof value !== 'boolean') this.fail(key, `expected a boolean, got ${typeof value}`);
    return value;
  }

  int(key: string): number {
    const text = this.text(key);
    const value = Number(text);
    if (!INTEGER_TEXT.test(text) || !Number.isSafeInteger(value)) {
      this.fail(key, `expected a safe integer, got ${text}`);
    }
    return value;
  }

  nullableInt(key: string): number | null {
    return this.raw(key) === null ? null : this.int(key);
  }

  money(key: string): bigint {
    const text = this.text(key);
    if (!INTEGER_TEXT.test(text)) this.fail(key, `expected an integer amount, got ${text}`);
    return BigInt(text);
  }

  oneOf<T extends string>(key: string, allowed: readonly T[]): T {
    const text = this.text(key);
    const found = allowed.find((candidate) => candidate === text);
    if (found === undefined) this.fail(key, `unexpected value ${text}`);
    return found;
  }
}

/** A paper_accounts row as a Balance. */
export function balanceFromRow(row: unknown): Balance {
  const r = new RowReader(row, 'paper_accounts');
  return {
    accountId: r.text('account_id'),
    currency: r.text('currency'),
    cash: r.money('cash'),
    startingCash: r.money('starting_cash'),
    feesPaid: r.money('fees_paid'),
    realizedPnl: r.money('realized_pnl'),
    nextOrderNumber: r.int('next_order_number'),
    nextFillNumber: r.int('next_fill_number'),
    seq: r.int('seq'),
    updatedAt: r.int('updated_at'),
  };
}

/** A paper_orders row as an Order. */
export function orderFromRow(row: unknown): Order {
  const r = new RowReader(row, 'paper_orders');
  const rejectCode = r.nullableText('reject_code');
  return {
    id: r.text('id'),
    accountId: r.text('account_id'),
    clientOrderId: r.text('client_order_id'),
    inst: r.int('inst'),
    side: r.oneOf('side', ORDER_SIDES),
    type: r.oneOf('type', ORDER_TYPES),
    quantity: r.int('quantity'),
    limitPrice: r.nullableInt('limit_price'),
    stopPrice: r.nullableInt('stop_price'),
    timeInForce: r.oneOf('time_in_force', TIME_IN_FORCE),
    postOnly: r.bool('post_only'),
    status: r.oneOf('status', ORDER_STATUSES),
    filledQuantity: r.int('filled_quantity'),
    filledNotional: r.money('filled_notional'),
    rejectCode: rejectCode === null ? null : r.oneOf('reject_code', REJECT_CODES),
    rejectMessage: r.nullableText('reject_message'),
    createdAt: r.int('created_at'),
    updatedAt: r.int('updated_at'),
  };
}

/** A paper_fills row as a Fill. */
export function fillFromRow(row: unknown): Fill {
  const r = new RowReader(row, 'paper_fills');
  return {
    id: r.text('id'),
    accountId: r.text('account_id'),
    orderId: r.text('order_id'),
    inst: r.int('inst'),
    side: r.oneOf('side', ORDER_SIDES),
    price: r.int('price'),
    quantity: r.int('quantity'),
    notional: r.money('notional'),
    fee: r.money('fee'),
    liquidity: r.oneOf('liquidity', ['maker', 'taker'] as const),
    time: r.int('time'),
  };
}

/** A paper_positions row as a Position. */
export function positionFromRow(row: unknown): Position {
  const r = new RowReader(row, 'paper_positions');
  return {
    accountId: r.text('account_id'),
    inst: r.int('inst'),
    quantity: r.int('quantity'),
    entryNotional: r.money('entry_notional'),
    realizedPnl: r.money('realized_pnl'),
    updatedAt: r.int('updated_at'),
  };
}
