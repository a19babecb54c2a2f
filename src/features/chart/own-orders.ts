/**
 * The trader's own orders and fills on the chart: price lines at open orders' prices and markers
 * at fills. Pure conversions here; use-own-orders-on-chart.ts draws them.
 */
import type { Instrument } from '../../../protocol/instruments';
import { INTERVALS, type Interval } from '../../../protocol/intervals';
import type { FillView, OrderView } from '../../../protocol/paper';

export interface OwnLine {
  /** Display price (the chart's float). */
  price: number;
  color: string;
  title: string;
}

export interface OwnMarker {
  /** Bar time in seconds: the start of the candle the fill falls in. */
  time: number;
  position: 'belowBar' | 'aboveBar';
  shape: 'arrowUp' | 'arrowDown';
  color: string;
  text: string;
}

export const BUY_LINE = '#3fb950';
export const SELL_LINE = '#ff6b61';

/** One line per open order of the instrument, at its limit (or stop) price. */
export function ownPriceLines(orders: readonly OrderView[], instrument: Instrument): OwnLine[] {
  const scale = 10 ** instrument.priceScale;
  const lines: OwnLine[] = [];
  for (const order of orders) {
    if (order.inst !== instrument.id) continue;
    const price = order.limitPrice ?? order.stopPrice;
    if (price === null) continue;
    const kind = order.type === 'limit' ? '' : order.type === 'stop' ? ' stop' : ' stop-limit';
    lines.push({
      price: price / scale,
      color: order.side === 'buy' ? BUY_LINE : SELL_LINE,
      title: `${order.side === 'buy' ? 'Buy' : 'Sell'}${kind}`,
    });
  }
  return lines;
}

/** Fill markers of the instrument, oldest first, placed on the bar that contains them. */
export function fillMarkers(
  fills: readonly FillView[],
  instrument: Instrument,
  interval: Interval,
): OwnMarker[] {
  const ms = INTERVALS[interval].ms;
  return fills
    .filter((f) => f.inst === instrument.id)
    .sort((a, b) => a.time - b.time)
    .map((f) => ({
      time: (Math.floor(f.time / ms) * ms) / 1000,
      position: f.side === 'buy' ? 'belowBar' : 'aboveBar',
      shape: f.side === 'buy' ? 'arrowUp' : 'arrowDown',
      color: f.side === 'buy' ? BUY_LINE : SELL_LINE,
      text: f.side === 'buy' ? 'B' : 'S',
    }));
}
