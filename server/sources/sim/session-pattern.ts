/**
 * How busy each asset class is at a given moment (UTC): US equities trade in a U-shaped regular
 * session and barely move overnight or at weekends, FX sleeps from Friday to Sunday evening and
 * peaks in the London/New York overlap, crypto never closes but is busier in US hours.
 */
import type { AssetClass } from '../../../protocol/instruments';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Relative trading activity at `time`; about 1 in a normal busy hour. */
export function sessionActivity(assetClass: AssetClass, time: number): number {
  const weekday = new Date(time).getUTCDay();
  const hour = (time % DAY_MS) / HOUR_MS;
  if (assetClass === 'equity') {
    if (weekday === 0 || weekday === 6) return 0.02;
    // Regular session 13:30-20:00 UTC, busiest at the open and the close.
    if (hour < 13.5 || hour >= 20) return hour >= 8 && hour < 24 ? 0.12 : 0.05;
    const x = (hour - 13.5) / 6.5;
    return 0.6 + 2.4 * (2 * x - 1) ** 2;
  }
  if (assetClass === 'fx') {
    const closed = (weekday === 5 && hour >= 22) || weekday === 6 || (weekday === 0 && hour < 22);
    if (closed) return 0.01;
    if (hour >= 12 && hour < 16) return 1.8;
    if (hour >= 7 && hour < 17) return 1.3;
    return 0.5;
  }
  const weekend = weekday === 0 || weekday === 6 ? 0.7 : 1;
  return weekend * (1 + 0.45 * Math.sin(((hour - 9) / 24) * 2 * Math.PI));
}
