/**
 * Exchange ticker 24h figures (decimal texts) to integer units, exactly, like every other price
 * and size (DESIGN rule 3). The whole set is dropped when any figure is off the grid: a ticker
 * with its high but not its volume would be a mix of two sources.
 */
import type { Instrument } from '../../../protocol/instruments';
import type { VenueDayStats } from '../source';
import { gridUnits } from './venue-units';

/** 24h figures as decimal texts; `open` null when the exchange does not report it. */
export interface RawDayStats {
  open: string | null;
  high: string;
  low: string;
  volume: string;
}

/** The figures in `instrument`'s units, or null when one is off its grid or low > high (count it). */
export function toVenueDayStats(instrument: Instrument, raw: RawDayStats): VenueDayStats | null {
  const { priceScale, tick, sizeScale } = instrument;
  const high24 = gridUnits(raw.high, priceScale, tick);
  const low24 = gridUnits(raw.low, priceScale, tick);
  const open24 = raw.open === null ? null : gridUnits(raw.open, priceScale, tick);
  // Volume sums trades of any lot size the market ever had, so only the scale binds it, not the
  // current lot step; a quiet market reports 0.
  const volume24 = gridUnits(raw.volume, sizeScale, 1, true);
  if (high24 === null || low24 === null || volume24 === null) return null;
  if (raw.open !== null && open24 === null) return null;
  if (low24 > high24) return null;
  return { open24, high24, low24, volume24 };
}
