import { describe, expect, it } from 'vitest';
import type { FillView, OrderView } from '../../../protocol/paper';
import { BTC_USD } from '../../../protocol/test-fixtures';
import { fillMarkers, ownPriceLines } from './own-orders';

const base = { inst: BTC_USD.id, symbol: 'BTC-USD' };

describe('own orders on the chart', () => {
  it('draws a line per open order of the instrument at its limit or stop price', () => {
    const orders = [
      { ...base, side: 'buy', type: 'limit', limitPrice: 10_050, stopPrice: null },
      { ...base, side: 'sell', type: 'stop', limitPrice: null, stopPrice: 9_900 },
      { ...base, inst: 99, side: 'buy', type: 'limit', limitPrice: 1, stopPrice: null },
      { ...base, side: 'buy', type: 'market', limitPrice: null, stopPrice: null },
    ] as unknown as OrderView[];
    expect(ownPriceLines(orders, BTC_USD)).toEqual([
      { price: 100.5, color: '#3fb950', title: 'Buy' },
      { price: 99, color: '#ff6b61', title: 'Sell stop' },
    ]);
  });

  it('puts fills on the bar that contains them, oldest first', () => {
    const fills = [
      { ...base, side: 'sell', time: 180_500 },
      { ...base, side: 'buy', time: 61_000 },
      { ...base, inst: 5, side: 'buy', time: 1 },
    ] as unknown as FillView[];
    expect(fillMarkers(fills, BTC_USD, '1m')).toEqual([
      { time: 60, position: 'belowBar', shape: 'arrowUp', color: '#3fb950', text: 'B' },
      { time: 180, position: 'aboveBar', shape: 'arrowDown', color: '#ff6b61', text: 'S' },
    ]);
  });
});
