/**
 * One watchlist row. It reads only its own instrument's ticker, so a quote for another
 * instrument does not render it; the price flash is a class toggled on the DOM node directly.
 */
import { memo, useEffect, useRef, type KeyboardEvent } from 'react';
import { formatPrice, type Instrument } from '../../../protocol/instruments';
import { InstrumentIcon } from '../../components/instrument-icon';
import { direction, formatChangePercent } from '../../lib/format';
import { useQuote } from '../../stores/quotes-store';

export const FLASH_MS = 300;

export interface WatchRowProps {
  instrument: Instrument;
  selected: boolean;
  onSelect: (symbol: string) => void;
  /** The row is in the first viewport: its icon loads eagerly. */
  iconPriority?: boolean;
  /** 1-based position in the whole (virtualized) list, for assistive technology. */
  rowIndex?: number;
  /** Called on every render; lets tests count renders. */
  onRender?: (symbol: string) => void;
}

export const WatchRow = memo(function WatchRow({
  instrument,
  selected,
  onSelect,
  iconPriority = false,
  rowIndex,
  onRender,
}: WatchRowProps) {
  onRender?.(instrument.symbol);
  const quote = useQuote(instrument.id);
  const lastRef = useRef<HTMLTableCellElement>(null);
  const previous = useRef<number | undefined>(undefined);
  const last = quote?.last;

  useEffect(() => {
    const cell = lastRef.current;
    const before = previous.current;
    previous.current = last;
    if (!cell || last === undefined || before === undefined || last === before) return;
    const [name, other] = last > before ? ['flash-up', 'flash-down'] : ['flash-down', 'flash-up'];
    // A class with a static background (no animation restart), so no forced reflow is needed.
    cell.classList.remove(other);
    cell.classList.add(name);
    const timer = setTimeout(() => cell.classList.remove(name), FLASH_MS);
    return () => clearTimeout(timer);
  }, [last]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onSelect(instrument.symbol);
    }
  };

  const dir = quote ? direction(quote.last, quote.open24) : 0;
  return (
    <tr
      data-testid="watch-row"
      data-symbol={instrument.symbol}
      aria-selected={selected}
      aria-rowindex={rowIndex}
      tabIndex={0}
      className={selected ? 'selected' : undefined}
      onClick={() => onSelect(instrument.symbol)}
      onKeyDown={onKeyDown}
    >
      <th scope="row" className="sym">
        <InstrumentIcon instrument={instrument} size={16} priority={iconPriority} />
        {instrument.symbol}
      </th>
      <td className="num" data-testid="last" ref={lastRef}>
        {quote ? formatPrice(instrument, quote.last) : '—'}
      </td>
      <td className={`num ${dir > 0 ? 'up' : dir < 0 ? 'down' : ''}`}>
        {quote ? formatChangePercent(quote.last, quote.open24) : '—'}
      </td>
      <td className="num">{quote ? formatPrice(instrument, quote.bid) : '—'}</td>
      <td className="num">{quote ? formatPrice(instrument, quote.ask) : '—'}</td>
    </tr>
  );
});
