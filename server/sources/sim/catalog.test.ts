import { describe, expect, it } from 'vitest';
import {
  formatPrice,
  isOnLot,
  isOnTick,
  lotSizeText,
  tickSizeText,
} from '../../../protocol/instruments';
import { ACTIVITY_FLOOR, SIM_CATALOG, simCatalog, withHotFirst } from './catalog';

function bySymbol(symbol: string) {
  const spec = SIM_CATALOG.find((s) => s.instrument.symbol === symbol);
  if (!spec) throw new Error(`missing ${symbol}`);
  return spec;
}

describe('SIM_CATALOG', () => {
  it('has at least 100 instruments across crypto, equities and FX', () => {
    expect(SIM_CATALOG.length).toBeGreaterThanOrEqual(100);
    const count = (cls: string) =>
      SIM_CATALOG.filter((s) => s.instrument.assetClass === cls).length;
    expect(count('crypto')).toBeGreaterThanOrEqual(35);
    expect(count('equity')).toBeGreaterThanOrEqual(40);
    expect(count('fx')).toBeGreaterThanOrEqual(18);
  });

  it('numbers instruments 1..n with unique symbols', () => {
    expect(SIM_CATALOG.map((s) => s.instrument.id)).toEqual(SIM_CATALOG.map((_, i) => i + 1));
    expect(new Set(SIM_CATALOG.map((s) => s.instrument.symbol)).size).toBe(SIM_CATALOG.length);
  });

  it('gives every instrument a valid tick, lot, start price, volatility and activity', () => {
    for (const { instrument, startPrice, volatility, activity } of SIM_CATALOG) {
      expect(Number.isInteger(instrument.priceScale) && instrument.priceScale >= 0).toBe(true);
      expect(Number.isInteger(instrument.sizeScale) && instrument.sizeScale >= 0).toBe(true);
      expect(instrument.tick).toBeGreaterThan(0);
      expect(isOnLot(instrument, instrument.lot)).toBe(true);
      expect(isOnTick(instrument, startPrice)).toBe(true);
      // At least a few thousand ticks of price so the book has room to breathe.
      expect(startPrice / instrument.tick).toBeGreaterThanOrEqual(1000);
      expect(volatility).toBeGreaterThan(0);
      expect(volatility).toBeLessThan(2);
      expect(activity).toBeGreaterThan(0);
      expect(instrument.name.length).toBeGreaterThan(0);
    }
  });

  it('splits base and quote properly', () => {
    for (const { instrument } of SIM_CATALOG) {
      if (instrument.assetClass === 'equity') {
        expect(instrument.base).toBe(instrument.symbol);
        expect(instrument.quote).toBe('USD');
      } else {
        expect(`${instrument.base}-${instrument.quote}`).toBe(instrument.symbol);
      }
    }
    expect(bySymbol('BTC-USDT').instrument.quote).toBe('USDT');
  });

  it('uses real-market precision for the flagship names', () => {
    const btc = bySymbol('BTC-USD');
    expect(formatPrice(btc.instrument, btc.startPrice)).toBe('65000.00');
    expect(tickSizeText(btc.instrument)).toBe('0.01');
    expect(lotSizeText(btc.instrument)).toBe('0.0001');
    const aapl = bySymbol('AAPL').instrument;
    expect([tickSizeText(aapl), lotSizeText(aapl), aapl.name]).toEqual(['0.01', '1', 'Apple Inc.']);
    const eur = bySymbol('EUR-USD').instrument;
    expect([tickSizeText(eur), lotSizeText(eur)]).toEqual(['0.00001', '1000']);
    expect(bySymbol('USD-JPY').instrument.priceScale).toBe(3);
  });
});

describe('simCatalog', () => {
  it('adds synthetic pairs after the catalog, with unique symbols and consecutive ids', () => {
    const catalog = simCatalog(200);
    expect(catalog).toHaveLength(200);
    expect(catalog.slice(0, SIM_CATALOG.length)).toEqual(SIM_CATALOG);
    expect(new Set(catalog.map((c) => c.instrument.symbol)).size).toBe(200);
    expect(catalog.map((c) => c.instrument.id)).toEqual(catalog.map((_, i) => i + 1));
    expect(catalog[SIM_CATALOG.length]?.instrument.symbol).toBe('SYN001-USD');
  });

  it('takes the first instruments when fewer are asked for', () => {
    expect(simCatalog(3).map((c) => c.instrument.symbol)).toEqual([
      'BTC-USD',
      'ETH-USD',
      'SOL-USD',
    ]);
  });

  it('refuses counts out of range', () => {
    expect(() => simCatalog(0)).toThrow(RangeError);
    expect(() => simCatalog(1.5)).toThrow(RangeError);
    expect(() => simCatalog(100_000)).toThrow(RangeError);
  });
});

describe('withHotFirst', () => {
  it('gives the first instrument the asked share of the order flow', () => {
    const hot = withHotFirst(simCatalog(200), 0.5);
    const weights = hot.map((spec) => spec.activity + ACTIVITY_FLOOR);
    const total = weights.reduce((a, b) => a + b, 0);
    expect((weights[0] ?? 0) / total).toBeCloseTo(0.5);
    expect(hot.slice(1)).toEqual(simCatalog(200).slice(1));
  });

  it('refuses shares outside (0, 1)', () => {
    expect(() => withHotFirst(SIM_CATALOG, 0)).toThrow(RangeError);
    expect(() => withHotFirst(SIM_CATALOG, 1)).toThrow(RangeError);
    expect(() => withHotFirst(SIM_CATALOG, Number.NaN)).toThrow(RangeError);
  });
});
