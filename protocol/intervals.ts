/** Candle intervals: their wire code and length. The wire carries the code, never the label. */
export const INTERVALS = {
  '1m': { code: 1, ms: 60_000 },
  '5m': { code: 2, ms: 5 * 60_000 },
  '15m': { code: 3, ms: 15 * 60_000 },
  '1h': { code: 4, ms: 60 * 60_000 },
  '4h': { code: 5, ms: 4 * 60 * 60_000 },
  '1d': { code: 6, ms: 24 * 60 * 60_000 },
} as const;

export type Interval = keyof typeof INTERVALS;

export const INTERVAL_NAMES = Object.keys(INTERVALS) as Interval[];

/** True when `value` names a supported candle interval. */
export function isInterval(value: unknown): value is Interval {
  return typeof value === 'string' && Object.hasOwn(INTERVALS, value);
}

/** The interval whose wire code is `code`, or undefined. */
export function intervalFromCode(code: number): Interval | undefined {
  return INTERVAL_NAMES.find((name) => INTERVALS[name].code === code);
}

/** Start of the candle that contains `time` (UTC-aligned). */
export function candleOpenTime(time: number, interval: Interval): number {
  const ms = INTERVALS[interval].ms;
  return Math.floor(time / ms) * ms;
}
