/** Live order book of the active instrument: asks above the spread, bids below. */
import { useId } from 'react';
import { formatPrice, type Instrument } from '../../../protocol/instruments';
import { Panel } from '../../components/panel';
import { useFeedSubscription } from '../../feed/feed-context';
import { useGroupedBook } from '../../stores/book-selectors';
import { sliceKey } from '../../stores/freshness-store';
import { usePanelFreshness } from '../../stores/use-panel-freshness';
import { GROUPINGS, usePreferencesStore, type Grouping } from '../../stores/preferences-store';
import { BookRow } from './book-row';

export const BOOK_DEPTH = 20;
export const BOOK_ROWS = 15;

export interface OrderBookProps {
  instrument: Instrument | undefined;
}

function maxOf(values: readonly number[]): number {
  let max = 0;
  for (const v of values) if (v > max) max = v;
  return max;
}

export function OrderBook({ instrument }: OrderBookProps) {
  useFeedSubscription('book', instrument?.symbol, { depth: BOOK_DEPTH });
  const grouping = usePreferencesStore((s) => s.grouping);
  const setGrouping = usePreferencesStore((s) => s.setGrouping);
  const step = (instrument?.tick ?? 1) * grouping;
  const book = useGroupedBook(instrument?.id, step, BOOK_ROWS);
  const selectId = useId();
  const freshness = usePanelFreshness({
    slice: instrument && sliceKey.book(instrument.id),
    channel: 'book',
    inst: instrument?.id ?? -1,
  });

  const bids = book?.bids ?? [];
  const asks = book?.asks ?? [];
  const maxSize = maxOf([...bids, ...asks].map((r) => r.size));
  const maxCumulative = Math.max(bids.at(-1)?.cumulative ?? 0, asks.at(-1)?.cumulative ?? 0);
  const bestBid = bids[0]?.price;
  const bestAsk = asks[0]?.price;
  const rows = Array.from({ length: BOOK_ROWS }, (_, i) => i);

  const groupSelect = (
    <div className="group-select">
      <label htmlFor={selectId}>Group</label>
      <select
        id={selectId}
        value={grouping}
        onChange={(event) => setGrouping(Number(event.target.value) as Grouping)}
      >
        {GROUPINGS.map((g) => (
          <option key={g} value={g}>
            {instrument ? `${g}× (${formatPrice(instrument, instrument.tick * g)})` : `${g}×`}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <Panel title="Order book" className="area-book" actions={groupSelect} freshness={freshness}>
      <div className="book" data-testid="order-book" data-symbol={instrument?.symbol ?? ''}>
        <div className="book-row head" aria-hidden="true">
          <span>Price</span>
          <span>Size</span>
          <span>Total</span>
        </div>
        {rows.map((i) => (
          <BookRow
            key={`a${i}`}
            instrument={instrument}
            side="ask"
            row={asks[BOOK_ROWS - 1 - i]}
            maxSize={maxSize}
            maxCumulative={maxCumulative}
          />
        ))}
        <div className="book-row spread" data-testid="spread">
          <span className="muted">Spread</span>
          <span className="num">
            {instrument && bestBid !== undefined && bestAsk !== undefined
              ? formatPrice(instrument, bestAsk - bestBid)
              : '—'}
          </span>
          <span />
        </div>
        {rows.map((i) => (
          <BookRow
            key={`b${i}`}
            instrument={instrument}
            side="bid"
            row={bids[i]}
            maxSize={maxSize}
            maxCumulative={maxCumulative}
          />
        ))}
      </div>
    </Panel>
  );
}
