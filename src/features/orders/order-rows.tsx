/** Table rows for orders and fills. */
import { formatPrice, formatSize, type Instrument } from '../../../protocol/instruments';
import type { FillView, OrderView } from '../../../protocol/paper';
import { formatClock } from '../../lib/format';
import { formatMoney, money } from '../../lib/api/paper-money';

const TYPE_TEXT: Record<OrderView['type'], string> = {
  market: 'Market',
  limit: 'Limit',
  stop: 'Stop',
  stop_limit: 'Stop limit',
};

function price(instrument: Instrument | undefined, units: number | null): string {
  if (units === null) return '—';
  return instrument ? formatPrice(instrument, units) : String(units);
}

function size(instrument: Instrument | undefined, units: number): string {
  return instrument ? formatSize(instrument, units) : String(units);
}

/** The order's price column: limit, stop, or "stop → limit". */
export function orderPriceText(instrument: Instrument | undefined, order: OrderView): string {
  if (order.type === 'market') return order.averagePrice ?? 'Market';
  if (order.type === 'stop_limit') {
    return `${price(instrument, order.stopPrice)} → ${price(instrument, order.limitPrice)}`;
  }
  return price(instrument, order.limitPrice ?? order.stopPrice);
}

export function OrderRow({
  order,
  instrument,
  action,
}: {
  order: OrderView;
  instrument: Instrument | undefined;
  action?: React.ReactNode;
}) {
  return (
    <tr data-testid="order-row" data-order-id={order.id} data-status={order.status}>
      <td className="muted num">{formatClock(order.updatedAt)}</td>
      <th scope="row" className="sym">
        {order.symbol}
      </th>
      <td className={order.side === 'buy' ? 'up' : 'down'}>
        {order.side === 'buy' ? 'Buy' : 'Sell'} {TYPE_TEXT[order.type]}
      </td>
      <td className="num">{orderPriceText(instrument, order)}</td>
      <td className="num">
        {size(instrument, order.filledQuantity)} / {size(instrument, order.quantity)}
      </td>
      <td title={order.rejectMessage ?? undefined}>{order.status.replace('_', ' ')}</td>
      <td className="num">{action}</td>
    </tr>
  );
}

export function FillRow({
  fill,
  instrument,
}: {
  fill: FillView;
  instrument: Instrument | undefined;
}) {
  return (
    <tr data-testid="fill-row">
      <td className="muted num">{formatClock(fill.time)}</td>
      <th scope="row" className="sym">
        {fill.symbol}
      </th>
      <td className={fill.side === 'buy' ? 'up' : 'down'}>
        {fill.side === 'buy' ? 'Buy' : 'Sell'}
      </td>
      <td className="num">{price(instrument, fill.price)}</td>
      <td className="num">{size(instrument, fill.quantity)}</td>
      <td className="num">
        {formatMoney(money(fill.fee))} ({fill.liquidity})
      </td>
      <td />
    </tr>
  );
}
