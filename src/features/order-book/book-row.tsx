/** One price level: price, size, and bars for size and cumulative size. */
import { memo } from 'react';
import { formatPrice, formatSize, type Instrument } from '../../../protocol/instruments';
import type { BookRow as Row } from '../../lib/group-levels';

export interface BookRowProps {
  /** Undefined while instruments load; only placeholders are drawn then. */
  instrument: Instrument | undefined;
  side: 'bid' | 'ask';
  row: Row | undefined;
  maxSize: number;
  maxCumulative: number;
  /** The trader has an open order at this level (grouped price). */
  own?: boolean;
  /** A click sets the ticket's price to this level. */
  onPick?: (price: number) => void;
}

export const BookRow = memo(function BookRow({
  instrument,
  side,
  row,
  maxSize,
  maxCumulative,
  own = false,
  onPick,
}: BookRowProps) {
  if (!row || !instrument) {
    // Placeholder of the same height so the spread row never moves.
    return <div className="book-row empty" aria-hidden="true" />;
  }
  return (
    <div
      className={`book-row ${side}${own ? ' own' : ''}`}
      data-testid={`book-${side}`}
      data-price={row.price}
      data-own={own ? 'true' : undefined}
      title={own ? 'Your open order is at this level' : undefined}
      onClick={onPick && (() => onPick(row.price))}
    >
      <div
        className="bar cumulative"
        style={{ transform: `scaleX(${maxCumulative ? row.cumulative / maxCumulative : 0})` }}
      />
      <div
        className="bar size"
        style={{ transform: `scaleX(${maxSize ? row.size / maxSize : 0})` }}
      />
      <span className="num price">{formatPrice(instrument, row.price)}</span>
      <span className="num">{formatSize(instrument, row.size)}</span>
      <span className="num muted">{formatSize(instrument, row.cumulative)}</span>
    </div>
  );
});
