import { describe, expect, it } from 'vitest';
import type { FeedBatch, StreamSpec } from './feed-types';
import { filterBatch, PortClaims } from './port-claims';

const spec = (
  channel: StreamSpec['channel'],
  symbol: string | null,
  interval: StreamSpec['interval'] = null,
): StreamSpec => ({
  channel,
  symbol,
  depth: channel === 'book' ? 20 : null,
  interval,
});
const symbols = new Map([
  [1, 'BTC-USD'],
  [2, 'ETH-USD'],
]);
const symbolOf = (inst: number) => symbols.get(inst) ?? null;
const candle = (inst: number, interval: '1m' | '5m') => ({
  inst,
  interval,
  time: 0,
  open: 1,
  high: 1,
  low: 1,
  close: 1,
  volume: 1,
});
const trades = (inst: number) => ({
  inst,
  reset: false,
  trades: [{ id: 1, price: 1, size: 1, side: 1 as const, time: 1 }],
});

describe('filterBatch', () => {
  const batch: FeedBatch = {
    trades: [trades(1), trades(2), trades(3)],
    candles: [candle(1, '1m'), candle(1, '5m'), candle(2, '1m')],
  };

  it('keeps the trades and candles of the claimed instrument and interval only', () => {
    const claims = new PortClaims();
    claims.add(spec('trades', 'BTC-USD'));
    claims.add(spec('candles', 'BTC-USD', '5m'));
    // Instrument 3 has no known symbol yet: a page watching trades gets it rather than nobody.
    expect(filterBatch(batch, claims, symbolOf)).toEqual({
      trades: [trades(1), trades(3)],
      candles: [candle(1, '5m')],
    });
  });

  it('gives nothing to a page without claims, and forgets released claims', () => {
    const claims = new PortClaims();
    expect(filterBatch(batch, claims, symbolOf)).toBeNull();
    claims.add(spec('trades', 'ETH-USD'));
    expect(filterBatch(batch, claims, symbolOf)?.trades).toEqual([trades(2), trades(3)]);
    expect(claims.remove(spec('trades', 'ETH-USD'))).toBe(true);
    expect(claims.remove(spec('trades', 'ETH-USD'))).toBe(false);
    expect(filterBatch(batch, claims, symbolOf)).toBeNull();
  });
});
