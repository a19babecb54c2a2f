/**
 * The ticket's pure arithmetic, in integer units and bigint money: parsing what the trader typed,
 * notional → quantity on the lot grid, walking the visible book, and the margin rule the engine
 * applies (see server/paper/engine/account-summary.ts).
 */
import { DecimalError, parseUnits } from '../../../protocol/decimal';
import type { Instrument } from '../../../protocol/instruments';
import { MONEY_SCALE, notionalOf } from '../../lib/api/paper-money';
import type { Level } from '../../lib/order-book';

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** Parses a decimal the trader typed into integer units at `scale`, with a readable refusal. */
export function parseDecimalInput(text: string, scale: number, what: string): Parsed<number> {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, message: `Enter a ${what}.` };
  try {
    const value = parseUnits(trimmed, scale);
    if (value <= 0) return { ok: false, message: `The ${what} must be greater than zero.` };
    return { ok: true, value };
  } catch (error) {
    if (error instanceof DecimalError && /decimals/.test(error.message)) {
      return { ok: false, message: `The ${what} allows at most ${scale} decimals.` };
    }
    return { ok: false, message: `The ${what} must be a number like 12.5.` };
  }
}

/** Parses a money amount the trader typed (notional) into money units. */
export function parseMoneyInput(text: string, currency: string): Parsed<bigint> {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, message: 'Enter an amount.' };
  const match = /^(\d+)(?:\.(\d+))?$/.exec(trimmed);
  if (!match) return { ok: false, message: `The amount must be a number of ${currency}.` };
  const [, whole = '0', fraction = ''] = match;
  const significant = fraction.replace(/0+$/, '');
  if (significant.length > 8)
    return { ok: false, message: 'The amount allows at most 8 decimals.' };
  const value = BigInt(whole + significant.padEnd(MONEY_SCALE, '0'));
  if (value <= 0n) return { ok: false, message: 'The amount must be greater than zero.' };
  return { ok: true, value };
}

/**
 * The largest quantity on the lot grid whose notional at `price` does not exceed `notional`
 * (0 when even one lot costs more). Exact: the lot's cost is an integer of money units.
 */
export function notionalToQuantity(
  instrument: Instrument,
  notional: bigint,
  price: number,
): number {
  if (price <= 0 || notional <= 0n) return 0;
  const lotCost = notionalOf(instrument, price, instrument.lot);
  if (lotCost <= 0n) return 0;
  const lots = notional / lotCost;
  const quantity = lots * BigInt(instrument.lot);
  return quantity > BigInt(Number.MAX_SAFE_INTEGER) ? 0 : Number(quantity);
}

export interface BookWalk {
  /** Size units the visible book can fill (≤ the wanted quantity). */
  filled: number;
  /** Σ price × size of the fills, money units. */
  notional: bigint;
  /** Worst price reached, or null when nothing fills. */
  worstPrice: number | null;
  levels: number;
  /** The whole quantity fits in the visible book. */
  complete: boolean;
}

/** Walks one side of the book (best first) for `quantity` size units, one fill per level. */
export function walkBook(
  instrument: Instrument,
  levels: readonly Level[],
  quantity: number,
): BookWalk {
  let remaining = quantity;
  let notional = 0n;
  let worstPrice: number | null = null;
  let used = 0;
  for (const [price, size] of levels) {
    if (remaining <= 0) break;
    const take = Math.min(size, remaining);
    if (take <= 0) continue;
    notional += notionalOf(instrument, price, take);
    remaining -= take;
    worstPrice = price;
    used += 1;
  }
  return {
    filled: quantity - remaining,
    notional,
    worstPrice,
    levels: used,
    complete: remaining <= 0,
  };
}

/** Money units of one instrument that the margin rule counts for a position and its open orders. */
export function marginOf(value: bigint, openBuy: bigint, openSell: bigint): bigint {
  const up = value + openBuy;
  const down = value - openSell;
  const absUp = up < 0n ? -up : up;
  const absDown = down < 0n ? -down : down;
  return absUp > absDown ? absUp : absDown;
}

/** Rounds a price to the tick grid (nearest tick, ties up); for prefilled prices only. */
export function snapToTick(instrument: Instrument, price: number): number {
  const ticks = Math.round(price / instrument.tick);
  return ticks * instrument.tick;
}
