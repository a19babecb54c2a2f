/** Display formatting that is not a plain price or size (those use protocol formatPrice/formatSize). */

/** 24h change in percent with sign and two decimals, computed on integers (basis points). */
export function formatChangePercent(last: number, open: number): string {
  if (open === 0) return '0.00%';
  const bp = Math.round(((last - open) * 10_000) / open);
  const sign = bp > 0 ? '+' : bp < 0 ? '-' : '';
  const abs = Math.abs(bp);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}%`;
}

/** -1, 0 or 1 for a change, for coloring. */
export function direction(last: number, open: number): -1 | 0 | 1 {
  return last > open ? 1 : last < open ? -1 : 0;
}

const timeFormat = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

/** Local wall-clock time as HH:MM:SS. */
export function formatClock(ms: number): string {
  return timeFormat.format(ms);
}
