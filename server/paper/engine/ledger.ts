/**
 * Booking one fill into a position and the balance.
 *
 * Cash: a buy pays `notional + fee`, a sell receives `notional − fee` (shorts receive the sale
 * proceeds; the margin rule, not cash, limits them). A position keeps its signed quantity and the
 * signed entry cost of that quantity. Reducing it realizes `exit value − entry cost of the closed
 * part`, where the closed part's entry cost is pro rata (truncated toward zero; the remainder stays
 * with the open quantity, so closing everything always realizes exactly). A fill larger than the
 * position closes it and opens the rest the other way at the fill price (a flip). Realized P&L is
 * before fees; fees are counted separately in `feesPaid`, so
 * `equity = startingCash + realized − fees + unrealized` holds exactly.
 */
import type { Instrument } from '../../../protocol/instruments';
import type { Balance, OrderSide, Position } from '../types';
import { notionalOf } from './money';

export interface BookedFill {
  side: OrderSide;
  price: number;
  quantity: number;
  notional: bigint;
  fee: bigint;
}

/** Applies a fill to `position` and `balance` in place; returns the P&L it realized. */
export function bookFill(
  instrument: Instrument,
  position: Position,
  balance: Balance,
  fill: BookedFill,
  now: number,
): bigint {
  const buy = fill.side === 'buy';
  balance.cash += buy ? -fill.notional - fill.fee : fill.notional - fill.fee;
  balance.feesPaid += fill.fee;
  balance.updatedAt = now;
  position.updatedAt = now;

  const held = position.quantity;
  const direction = buy ? 1 : -1;
  if (held === 0 || Math.sign(held) === direction) {
    position.quantity += direction * fill.quantity;
    position.entryNotional += buy ? fill.notional : -fill.notional;
    return 0n;
  }

  const heldSize = Math.abs(held);
  const closed = Math.min(heldSize, fill.quantity);
  const closedNotional =
    closed === fill.quantity ? fill.notional : notionalOf(instrument, fill.price, closed);
  const closedEntry =
    closed === heldSize
      ? position.entryNotional
      : (position.entryNotional * BigInt(closed)) / BigInt(heldSize);
  // Selling a long receives the exit value; buying back a short pays it.
  const realized = (buy ? -closedNotional : closedNotional) - closedEntry;
  position.entryNotional -= closedEntry;
  position.quantity += direction * closed;
  position.realizedPnl += realized;
  balance.realizedPnl += realized;

  const opened = fill.quantity - closed;
  if (opened > 0) {
    const openedNotional = fill.notional - closedNotional;
    position.quantity += direction * opened;
    position.entryNotional += buy ? openedNotional : -openedNotional;
  }
  return realized;
}

/** A flat position row for an instrument. */
export function emptyPosition(accountId: string, inst: number, now: number): Position {
  return { accountId, inst, quantity: 0, entryNotional: 0n, realizedPnl: 0n, updatedAt: now };
}
