/**
 * Walking the visible book for an order that takes liquidity. The walk is a plan (prices and
 * sizes), computed once and used both to check buying power and to book the fills, so nothing is
 * sorted or copied: levels arrive best-first from the market view.
 */
import type { FlatLevels } from '../../../protocol/messages';

export interface WalkPlan {
  /** Flat [price, quantity, …] of the fills, best level first. */
  fills: number[];
  quantity: number;
  /** Σ price × quantity in raw instrument units (price units × size units). */
  rawNotional: bigint;
}

/**
 * Takes up to `quantity` from best-first `levels` (the asks for a buy, the bids for a sell), not
 * beyond `limit` (null: any price).
 */
export function walkBook(
  levels: FlatLevels,
  quantity: number,
  limit: number | null,
  buy: boolean,
): WalkPlan {
  const fills: number[] = [];
  let remaining = quantity;
  let rawNotional = 0n;
  for (let i = 0; i + 1 < levels.length && remaining > 0; i += 2) {
    const price = levels[i]!;
    const size = levels[i + 1]!;
    if (limit !== null && (buy ? price > limit : price < limit)) break;
    if (!(size > 0) || !(price > 0)) continue;
    const take = Math.min(remaining, size);
    fills.push(price, take);
    rawNotional += BigInt(price) * BigInt(take);
    remaining -= take;
  }
  return { fills, quantity: quantity - remaining, rawNotional };
}

/** True when a limit order at `limit` would trade against the best opposite level now. */
export function crossesBook(
  bids: FlatLevels,
  asks: FlatLevels,
  limit: number,
  buy: boolean,
): boolean {
  const best = buy ? asks[0] : bids[0];
  if (best === undefined) return false;
  return buy ? limit >= best : limit <= best;
}
