import { describe, expect, it } from 'vitest';
import type { Instrument } from '../../../protocol/instruments';
import { placeBar, priceFormatFor, toBars } from './chart-data';

const eurUsd: Instrument = {
  id: 3,
  symbol: 'EUR-USD',
  name: 'Euro / US Dollar',
  assetClass: 'fx',
  base: 'EUR',
  quote: 'USD',
  priceScale: 5,
  tick: 1,
  sizeScale: 0,
  lot: 1000,
};

describe('chart data', () => {
  it('uses the instrument precision and tick for the price scale', () => {
    expect(priceFormatFor(eurUsd)).toEqual({ type: 'price', precision: 5, minMove: 0.00001 });
  });

  it('converts integer units to display numbers and ms to seconds', () => {
    const { bar, volume } = toBars(eurUsd, {
      time: 1_700_000_040_000,
      open: 108_512,
      high: 108_600,
      low: 108_500,
      close: 108_510,
      volume: 250_000,
    });
    expect(bar).toEqual({
      time: 1_700_000_040,
      open: 1.08512,
      high: 1.086,
      low: 1.085,
      close: 1.0851,
    });
    expect(volume.value).toBe(250_000);
    expect(volume.color.startsWith('#f85149')).toBe(true);
  });
});

describe('placeBar', () => {
  const bar = (time: number, close = 1) => ({ time, close });

  it('replaces the forming bar, appends a newer one and refuses an older one', () => {
    const bars = [bar(60), bar(120)];
    expect(placeBar(bars, bar(120, 2))).toBe('replaced');
    expect(placeBar(bars, bar(180))).toBe('appended');
    expect(placeBar(bars, bar(60, 9))).toBe('refused');
    expect(bars).toEqual([bar(60), bar(120, 2), bar(180)]);
  });

  it('keeps at most `max` bars over a long day by dropping the oldest in one go', () => {
    const bars: Array<{ time: number; close: number }> = [];
    const outcomes: string[] = [];
    for (let minute = 1; minute <= 10_000; minute++) {
      outcomes.push(placeBar(bars, bar(minute * 60), 2_000, 500));
    }
    expect(bars.length).toBeLessThanOrEqual(2_000);
    expect(bars.at(-1)).toEqual(bar(600_000));
    expect(bars[0]!.time).toBe((10_000 - bars.length + 1) * 60);
    expect(outcomes.filter((o) => o === 'trimmed')).toHaveLength(16);
  });
});
