/**
 * Kraken's ticker as exchange-reported 24h statistics. Kraken sends no 24h open, but its
 * `change` is the 24h price change in quote currency, so the open is `last - change`, computed
 * on integer units (both texts are exact decimals) rather than from `change_pct`.
 */
import { DecimalError, parseUnits } from '../../../protocol/decimal';
import type { Instrument } from '../../../protocol/instruments';
import { toVenueDayStats } from '../exchange/venue-day-stats';
import { gridUnits } from '../exchange/venue-units';
import type { VenueDayStats } from '../source';
import type { RawTicker } from './kraken-messages';

/** The ticker's 24h figures in `instrument`'s units, or null when one is off its grid. */
export function krakenDayStats(instrument: Instrument, ticker: RawTicker): VenueDayStats | null {
  const { priceScale, tick } = instrument;
  const last = gridUnits(ticker.last, priceScale, tick);
  const change = signedUnits(ticker.change, priceScale);
  if (last === null || change === null || change % tick !== 0 || last - change <= 0) return null;
  const stats = toVenueDayStats(instrument, { ...ticker, open: null });
  return stats && { ...stats, open24: last - change };
}

function signedUnits(text: string, scale: number): number | null {
  try {
    return parseUnits(text, scale);
  } catch (error) {
    if (error instanceof DecimalError) return null;
    throw error;
  }
}
