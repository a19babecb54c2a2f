import { describe, expect, it } from 'vitest';
import { parseAssetPairs, resolvePairs, v2Symbol, type KrakenPairMeta } from './kraken-instruments';

const meta = (over: Partial<KrakenPairMeta>): KrakenPairMeta => ({
  key: 'XXDGZUSD',
  altname: 'XDGUSD',
  wsname: 'XDG/USD',
  pairDecimals: 7,
  lotDecimals: 8,
  tickSize: '0.0000001',
  orderMin: '50',
  costMin: '0.5',
  ...over,
});

describe('Kraken instruments', () => {
  it('spells legacy asset codes the WebSocket v2 way', () => {
    expect(v2Symbol('XBT/USD')).toBe('BTC/USD');
    expect(v2Symbol('XDG/EUR')).toBe('DOGE/EUR');
    expect(v2Symbol('ETH/XBT')).toBe('ETH/BTC');
  });

  it('keeps the pair precision as the scale and expresses a coarser tick in it', () => {
    const [coarse, untick, doge] = resolvePairs(
      [
        meta({ key: 'A', wsname: 'AAA/USD', altname: 'AAAUSD', pairDecimals: 2, tickSize: '0.05' }),
        meta({ key: 'B', wsname: 'BBB/USD', altname: 'BBBUSD', pairDecimals: 0, tickSize: null }),
        meta({}),
      ],
      ['AAA/USD', 'BBB-USD', 'DOGE/USD'],
      1,
    );
    expect(coarse!.instrument).toMatchObject({ priceScale: 2, tick: 5 });
    expect(untick!.instrument).toMatchObject({ priceScale: 0, tick: 1 });
    expect(doge!).toMatchObject({ wsSymbol: 'DOGE/USD', restKey: 'XXDGZUSD' });
    expect(doge!.instrument).toMatchObject({ symbol: 'DOGE-USD', priceScale: 7, sizeScale: 8 });
  });

  it('refuses a malformed or failed AssetPairs answer and skips incomplete pairs', () => {
    expect(() => parseAssetPairs({ error: ['EGeneral:Too many requests'], result: {} })).toThrow(
      'kraken AssetPairs: EGeneral:Too many requests',
    );
    expect(() => parseAssetPairs('<html>')).toThrow(/unexpected response shape/);
    const pairs = parseAssetPairs({
      error: [],
      result: { OK: { wsname: 'A/B', pair_decimals: 2, lot_decimals: 3 }, BAD: { wsname: 'C/D' } },
    });
    expect(pairs.map((p) => p.key)).toEqual(['OK']);
  });
});
