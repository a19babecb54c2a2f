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
}

export const BookRow = memo(function BookRow({
  instrument,
  side,
  row,
  maxSize,
  maxCumulative,
}: BookRowProps) {
  if (!row || !instrument) {
    // Placeholder of the same height so the spread row never moves.
    return <div className="book-row empty" aria-hidden="true" />;
  }
  return (
    <div className={`book-row ${side}`} data-testid={`book-${side}`} data-price={row.price}>
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
