/**
 * Exact money arithmetic for paper trading. Money is a bigint in units of 10^-MONEY_SCALE of the
 * account currency. A notional is price units × size units rescaled from (priceScale + sizeScale)
 * decimals to MONEY_SCALE: exact whenever priceScale + sizeScale ≤ MONEY_SCALE (every simulator
 * instrument; at most 10 today). Finer instruments are rounded half away from zero to the money
 * unit. Fees are rounded UP to the money unit, so the house never under-charges.
 */
import type { Instrument } from '../../../protocol/instruments';
import { MONEY_SCALE } from '../types';

const POWERS: bigint[] = [];
for (let i = 0; i <= 40; i++) POWERS.push(10n ** BigInt(i));

function pow10(exponent: number): bigint {
  return POWERS[exponent] ?? 10n ** BigInt(exponent);
}

/** One whole unit of the account currency in money units. */
export const MONEY_UNIT = pow10(MONEY_SCALE);

/** price × quantity of an instrument in money units (both in integer instrument units). */
export function notionalOf(instrument: Instrument, price: number, quantity: number): bigint {
  return moneyFromRaw(instrument, BigInt(price) * BigInt(quantity));
}

/** Rescales a raw product of price units × size units to money units. */
export function moneyFromRaw(instrument: Instrument, raw: bigint): bigint {
  const shift = MONEY_SCALE - instrument.priceScale - instrument.sizeScale;
  if (shift >= 0) return raw * pow10(shift);
  return divideRounded(raw, pow10(-shift));
}

/** `notional × bps / 10,000`, rounded up to the money unit (fees are never negative). */
export function feeOf(notional: bigint, bps: number): bigint {
  if (bps <= 0 || notional <= 0n) return 0n;
  return ceilDivide(notional * BigInt(bps), 10_000n);
}

/** Integer division of non-negative `a` by positive `b`, rounded up. */
export function ceilDivide(a: bigint, b: bigint): bigint {
  return (a + b - 1n) / b;
}

/** Integer division rounded half away from zero. */
export function divideRounded(a: bigint, b: bigint): bigint {
  const negative = a < 0n !== b < 0n;
  const absA = a < 0n ? -a : a;
  const absB = b < 0n ? -b : b;
  const q = (absA + absB / 2n) / absB;
  return negative ? -q : q;
}

/** Absolute value of a bigint. */
export function absMoney(value: bigint): bigint {
  return value < 0n ? -value : value;
}

/** Average price in the instrument's price units, rounded half away from zero (display only). */
export function averagePrice(instrument: Instrument, notional: bigint, quantity: number): number {
  if (quantity === 0) return 0;
  const shift = MONEY_SCALE - instrument.priceScale - instrument.sizeScale;
  if (shift >= 0) return Number(divideRounded(notional, BigInt(quantity) * pow10(shift)));
  return Number(divideRounded(notional * pow10(-shift), BigInt(quantity)));
}

const MONEY_PATTERN = /^(-)?(\d+)(?:\.(\d+))?$/;

/** Parses a decimal string ("100000", "0.5") into money units exactly; throws RangeError if it cannot. */
export function parseMoney(text: string): bigint {
  const match = MONEY_PATTERN.exec(text.trim());
  if (!match) throw new RangeError(`not a decimal amount: ${JSON.stringify(text)}`);
  const [, sign, whole = '0', fraction = ''] = match;
  const significant = fraction.replace(/0+$/, '');
  if (significant.length > MONEY_SCALE) {
    throw new RangeError(`${text} has more than ${MONEY_SCALE} decimals`);
  }
  const value = BigInt(whole + significant.padEnd(MONEY_SCALE, '0'));
  return sign ? -value : value;
}

/** Formats money units as a decimal string with `decimals` places (default all), truncated toward zero. */
export function formatMoney(units: bigint, decimals: number = MONEY_SCALE): string {
  const places = Math.max(0, Math.min(MONEY_SCALE, Math.trunc(decimals)));
  const negative = units < 0n;
  const scaled = absMoney(units) / pow10(MONEY_SCALE - places);
  const digits = scaled.toString().padStart(places + 1, '0');
  const whole = digits.slice(0, digits.length - places);
  const body = places === 0 ? whole : `${whole}.${digits.slice(digits.length - places)}`;
  return negative && scaled !== 0n ? `-${body}` : body;
}
