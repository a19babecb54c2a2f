/**
 * Exact money for the app, mirroring the engine's rules (server/paper/engine/money.ts): money is a
 * bigint of 10^-MONEY_SCALE currency units, notional = price units × size units rescaled, fees are
 * rounded up. Wire money strings are parsed with parseMoneyText, never through a float.
 */
import type { Instrument } from '../../../protocol/instruments';
import { parseMoneyText } from '../../../protocol/paper';

/** Decimals of the app's money bigints; the gateway sends at most this many. */
export const MONEY_SCALE = 16;
const MONEY_POW = 10n ** BigInt(MONEY_SCALE);

/** Parses a wire money string exactly into money units. */
export function money(text: string): bigint {
  return parseMoneyText(text, MONEY_SCALE);
}

/** Whole currency units as money units (e.g. 100 → 100.00). */
export function moneyOfWhole(units: number): bigint {
  return BigInt(units) * MONEY_POW;
}

function divideRounded(a: bigint, b: bigint): bigint {
  const negative = a < 0n !== b < 0n;
  const absA = a < 0n ? -a : a;
  const absB = b < 0n ? -b : b;
  const q = (absA + absB / 2n) / absB;
  return negative ? -q : q;
}

/** price × quantity (integer instrument units) in money units, as the engine computes it. */
export function notionalOf(instrument: Instrument, price: number, quantity: number): bigint {
  const raw = BigInt(price) * BigInt(quantity);
  const shift = MONEY_SCALE - instrument.priceScale - instrument.sizeScale;
  return shift >= 0 ? raw * 10n ** BigInt(shift) : divideRounded(raw, 10n ** BigInt(-shift));
}

/** notional × bps / 10,000, rounded up (the engine never under-charges). */
export function feeOf(notional: bigint, bps: number): bigint {
  if (bps <= 0 || notional <= 0n) return 0n;
  const product = notional * BigInt(bps);
  return (product + 9_999n) / 10_000n;
}

/** Money units as a decimal string with `decimals` places, rounded half away from zero. */
export function formatMoney(units: bigint, decimals = 2): string {
  const places = Math.max(0, Math.min(MONEY_SCALE, Math.trunc(decimals)));
  const scaled = divideRounded(units, 10n ** BigInt(MONEY_SCALE - places));
  const negative = scaled < 0n;
  const digits = (negative ? -scaled : scaled).toString().padStart(places + 1, '0');
  const whole = digits.slice(0, digits.length - places).replace(/\B(?=(\d{3})+$)/g, ',');
  const body = places === 0 ? whole : `${whole}.${digits.slice(digits.length - places)}`;
  return negative ? `-${body}` : body;
}

/** Like formatMoney with an explicit + for gains (P&L columns). */
export function formatSignedMoney(units: bigint, decimals = 2): string {
  const text = formatMoney(units, decimals);
  return units > 0n && /[1-9]/.test(text) ? `+${text}` : text;
}

/** Money units as a price in instrument units, rounded half away (for display of averages). */
export function moneyToPriceUnits(instrument: Instrument, value: bigint, quantity: number): number {
  if (quantity === 0) return 0;
  const shift = MONEY_SCALE - instrument.priceScale - instrument.sizeScale;
  if (shift >= 0) return Number(divideRounded(value, BigInt(quantity) * 10n ** BigInt(shift)));
  return Number(divideRounded(value * 10n ** BigInt(-shift), BigInt(quantity)));
}

/**
 * Signed value of `quantity` at the mid of `bid`/`ask` (as the engine marks: the two notionals
 * averaged, truncated toward zero), or null without a two-sided quote.
 */
export function valueAtMid(
  instrument: Instrument,
  quantity: number,
  bid: number | undefined,
  ask: number | undefined,
): bigint | null {
  if (quantity === 0) return 0n;
  if (bid === undefined || ask === undefined || bid <= 0 || ask <= 0) return null;
  const size = Math.abs(quantity);
  const value = (notionalOf(instrument, bid, size) + notionalOf(instrument, ask, size)) / 2n;
  return quantity < 0 ? -value : value;
}

export interface LiveMark {
  marketValue: bigint;
  unrealizedPnl: bigint;
}

/**
 * A position re-marked at a live mid: the entry cost is the gateway's market value minus its
 * unrealized P&L (exact), so the live P&L is the live value minus that cost.
 */
export function remark(
  position: { marketValue: string; unrealizedPnl: string },
  liveValue: bigint | null,
): LiveMark {
  const marketValue = money(position.marketValue);
  const unrealizedPnl = money(position.unrealizedPnl);
  if (liveValue === null) return { marketValue, unrealizedPnl };
  return { marketValue: liveValue, unrealizedPnl: liveValue - (marketValue - unrealizedPnl) };
}
