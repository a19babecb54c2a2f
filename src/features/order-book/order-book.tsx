/** Live order book of the active instrument: asks above the spread, bids below. */
import { useQuery } from '@tanstack/react-query';
import { useCallback, useId, useMemo } from 'react';
import { formatPrice, type Instrument } from '../../../protocol/instruments';
import { Panel } from '../../components/panel';
import { useFeedSubscription } from '../../feed/feed-context';
import { ordersQuery } from '../../lib/api/paper';
import { useGroupedBook } from '../../stores/book-selectors';
import { pickTicketPrice } from '../../stores/ticket-store';
import { sliceKey } from '../../stores/freshness-store';
import { usePanelFreshness } from '../../stores/use-panel-freshness';
import { GROUPINGS, usePreferencesStore, type Grouping } from '../../stores/preferences-store';
import { BookRow } from './book-row';

export const BOOK_DEPTH = 20;
export const BOOK_ROWS = 15;

/** Grouped prices of the trader's open limit orders on one instrument, per side. */
export function ownLevels(
  orders: readonly { symbol: string; side: string; limitPrice: number | null; status: string }[],
  symbol: string | undefined,
  step: number,
): { bids: ReadonlySet<number>; asks: ReadonlySet<number> } {
  const bids = new Set<number>();
  const asks = new Set<number>();
  for (const order of orders) {
    if (order.symbol !== symbol || order.limitPrice === null || order.status === 'pending')
      continue;
    // The same bucketing as the book view: bids round down, asks round up.
    if (order.side === 'buy') bids.add(Math.floor(order.limitPrice / step) * step);
    else asks.add(Math.ceil(order.limitPrice / step) * step);
  }
  return { bids, asks };
}

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

  const openOrders = useQuery(ordersQuery('open')).data?.orders;
  const own = useMemo(
    () => ownLevels(openOrders ?? [], instrument?.symbol, step),
    [openOrders, instrument?.symbol, step],
  );
  const symbol = instrument?.symbol;
  const pick = useCallback(
    (price: number) => {
      if (symbol) pickTicketPrice(symbol, price);
    },
    [symbol],
  );

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
            own={own.asks.has(asks[BOOK_ROWS - 1 - i]?.price ?? NaN)}
            onPick={pick}
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
            own={own.bids.has(bids[i]?.price ?? NaN)}
            onPick={pick}
          />
        ))}
      </div>
    </Panel>
  );
}
