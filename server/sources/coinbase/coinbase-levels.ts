/**
 * Coinbase level2 levels and market trades in integer units of the instrument. Values off the
 * instrument's grid are counted and dropped (never rounded); unreadable ones are counted as
 * malformed.
 */
import type { Instrument } from '../../../protocol/instruments';
import { Side } from '../../../protocol/messages';
import type { ExchangeStats } from '../exchange/exchange-stats';
import { gridUnits } from '../exchange/venue-units';
import { parseL2Level, type RawTrade } from './coinbase-messages';

export interface FlatBook {
  bids: number[];
  asks: number[];
}

/**
 * Converts the raw levels of one level2 event to flat [price, size, ...] sides; unreadable levels
 * go to `malformed`, off-grid ones are counted in `stats`.
 */
export function toFlatLevels(
  inst: Instrument,
  updates: readonly unknown[],
  stats: ExchangeStats,
  malformed: (reason: string) => void,
): FlatBook {
  const book: FlatBook = { bids: [], asks: [] };
  for (const raw of updates) {
    const level = parseL2Level(raw);
    if (!level) {
      malformed('unreadable level2 level');
      continue;
    }
    const price = gridUnits(level.price, inst.priceScale, inst.tick);
    // new_quantity is the level's new total; "0" removes it.
    const size = gridUnits(level.quantity, inst.sizeScale, inst.lot, true);
    if (price === null || size === null) {
      stats.offGrid++;
      continue;
    }
    (level.side === 'bid' ? book.bids : book.asks).push(price, size);
  }
  return book;
}

export interface NormalTrade {
  price: number;
  size: number;
  side: Side;
  time: number;
}

/**
 * The aggressor's side of a Coinbase market trade. Coinbase publishes the maker order's side
 * (as its Exchange "match" messages always did: a SELL print is a resting sell lifted by a
 * buyer), so the aggressor is the opposite side.
 */
export function aggressorSide(makerSide: RawTrade['side']): Side {
  return makerSide === 'BUY' ? Side.sell : Side.buy;
}

/** One trade in integer units, or null (counted) when off the grid. */
export function toTrade(
  inst: Instrument,
  trade: RawTrade,
  fallbackTime: number,
  stats: ExchangeStats,
): NormalTrade | null {
  const price = gridUnits(trade.price, inst.priceScale, inst.tick);
  const size = gridUnits(trade.size, inst.sizeScale, inst.lot);
  if (price === null || size === null) {
    stats.offGrid++;
    return null;
  }
  return { price, size, side: aggressorSide(trade.side), time: trade.time ?? fallbackTime };
}
