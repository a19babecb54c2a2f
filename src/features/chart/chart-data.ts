/**
 * Conversion of integer-unit candles to the numbers lightweight-charts draws. This is the one
 * place where prices become floats, and only for display on the chart.
 */
import type { Instrument } from '../../../protocol/instruments';
import type { Candle } from '../../../protocol/messages';

export interface ChartBar {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
}

export interface VolumeBar {
  time: number;
  value: number;
  color: string;
}

export const UP_COLOR = '#3fb950';
export const DOWN_COLOR = '#f85149';

/** The chart's price format: the instrument's decimals and tick. */
export function priceFormatFor(instrument: Instrument) {
  return {
    type: 'price' as const,
    precision: instrument.priceScale,
    minMove: instrument.tick / 10 ** instrument.priceScale,
  };
}

/** One candle as a price bar and a volume bar (time in seconds, as the chart wants). */
export function toBars(instrument: Instrument, c: Candle): { bar: ChartBar; volume: VolumeBar } {
  const p = 10 ** instrument.priceScale;
  const time = Math.floor(c.time / 1000);
  return {
    bar: { time, open: c.open / p, high: c.high / p, low: c.low / p, close: c.close / p },
    volume: {
      time,
      value: c.volume / 10 ** instrument.sizeScale,
      color: c.close >= c.open ? `${UP_COLOR}80` : `${DOWN_COLOR}80`,
    },
  };
}

/** The most bars a chart keeps: about a day and a half of 1m bars, so memory stays flat all day. */
export const MAX_CHART_BARS = 2_000;
/** How many of the oldest bars go at once when the limit is passed (one redraw per 500 bars). */
export const CHART_TRIM_BARS = 500;

/**
 * Puts the forming bar of `time` into `bars` (oldest first): replaces the last one of the same
 * time or appends a newer one; refuses an older one (the chart would too). Returns 'appended',
 * 'replaced', 'trimmed' (appended, and the oldest CHART_TRIM_BARS dropped: redraw from `bars`)
 * or 'refused'.
 */
export function placeBar<T extends { time: number }>(
  bars: T[],
  bar: T,
  max = MAX_CHART_BARS,
  trim = CHART_TRIM_BARS,
): 'appended' | 'replaced' | 'trimmed' | 'refused' {
  const last = bars.at(-1);
  if (last && bar.time < last.time) return 'refused';
  if (last && bar.time === last.time) {
    bars[bars.length - 1] = bar;
    return 'replaced';
  }
  bars.push(bar);
  if (bars.length <= max) return 'appended';
  bars.splice(0, trim);
  return 'trimmed';
}
