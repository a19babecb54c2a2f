/**
 * Exchange decimal strings to integer units, exactly (DESIGN rule 3: never through a float).
 * Exchanges publish tick and lot sizes as decimals ("0.01000000"); an instrument's scale is the
 * number of significant decimals of the finer of them, and every price or size that arrives must
 * then lie on its grid.
 */
import { DecimalError, parseUnits } from '../../../protocol/decimal';

/** Number of significant decimals of a positive decimal string ("0.01000000" → 2, "5" → 0). */
export function decimalScale(text: string): number {
  const match = /^\d+(?:\.(\d*))?$/.exec(text.trim());
  if (!match) throw new DecimalError(`not an unsigned decimal: ${JSON.stringify(text)}`);
  return (match[1] ?? '').replace(/0+$/, '').length;
}

/** A tick or lot size as a positive integer step at `scale`. */
export function stepUnits(text: string, scale: number): number {
  const step = parseUnits(text, scale);
  if (step <= 0) throw new DecimalError(`step must be positive, got ${JSON.stringify(text)}`);
  return step;
}

/**
 * Parses an exchange price or size onto a grid: integer units at `scale` that are a multiple of
 * `step`. Returns null (never a rounded value) when the text is not a decimal, has more
 * decimals than the scale, or lies off the grid; `allowZero` accepts 0 (a removed book level).
 */
export function gridUnits(
  text: unknown,
  scale: number,
  step: number,
  allowZero = false,
): number | null {
  if (typeof text !== 'string') return null;
  let units: number;
  try {
    units = parseUnits(text, scale);
  } catch {
    return null;
  }
  if (units < 0 || (units === 0 && !allowZero)) return null;
  return units % step === 0 ? units : null;
}
