/**
 * Exact conversion between decimal strings and integer units.
 *
 * Money never passes through a float: "0.00012345" at scale 8 is the integer 12345.
 * A value with more significant decimals than the scale is refused rather than rounded.
 */

export class DecimalError extends Error {
  override name = 'DecimalError';
}

const DECIMAL_PATTERN = /^(-)?(\d+)(?:\.(\d+))?$/;

/** Parses a decimal string into integer units of 10^-scale; throws DecimalError instead of rounding. */
export function parseUnits(text: string, scale: number): number {
  assertScale(scale);
  const match = DECIMAL_PATTERN.exec(text.trim());
  if (!match) throw new DecimalError(`not a decimal number: ${JSON.stringify(text)}`);
  const [, sign, whole = '0', fraction = ''] = match;
  const significant = fraction.replace(/0+$/, '');
  if (significant.length > scale) {
    throw new DecimalError(`${text} has more than ${scale} decimals and would have to be rounded`);
  }
  const digits = (whole + significant.padEnd(scale, '0')).replace(/^0+(?=\d)/, '');
  const value = Number(digits);
  if (!Number.isSafeInteger(value))
    throw new DecimalError(`${text} is too large to represent exactly`);
  return sign && value !== 0 ? -value : value;
}

/** Formats integer units of 10^-scale as a decimal string with exactly `scale` decimals. */
export function formatUnits(units: number, scale: number): string {
  assertScale(scale);
  if (!Number.isSafeInteger(units)) throw new DecimalError(`${units} is not a safe integer`);
  const negative = units < 0;
  const digits = Math.abs(units)
    .toString()
    .padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale);
  const body = scale === 0 ? whole : `${whole}.${fraction}`;
  return negative ? `-${body}` : body;
}

/** Converts units from one scale to a coarser or finer one, refusing any loss of precision. */
export function rescaleUnits(units: number, fromScale: number, toScale: number): number {
  if (toScale >= fromScale) {
    const result = units * 10 ** (toScale - fromScale);
    if (!Number.isSafeInteger(result))
      throw new DecimalError(`${units} overflows at scale ${toScale}`);
    return result;
  }
  const divisor = 10 ** (fromScale - toScale);
  if (units % divisor !== 0) {
    throw new DecimalError(
      `${units} at scale ${fromScale} cannot be expressed at scale ${toScale}`,
    );
  }
  return units / divisor;
}

function assertScale(scale: number): void {
  if (!Number.isInteger(scale) || scale < 0 || scale > 15) {
    throw new DecimalError(`scale must be an integer from 0 to 15, got ${scale}`);
  }
}
