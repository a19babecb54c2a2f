/** Every instrument with its live quote; selecting a row makes it the active instrument. */
import { useCallback, useDeferredValue, useMemo, useRef, useState } from 'react';
import type { Instrument } from '../../../protocol/instruments';
import { EmptyState } from '../../components/empty-state';
import { Panel } from '../../components/panel';
import { useFeedSubscription } from '../../feed/feed-context';
import { useVirtualRows } from '../../lib/use-virtual-rows';
import { sliceKey } from '../../stores/freshness-store';
import { usePanelFreshness } from '../../stores/use-panel-freshness';
import { WatchRow } from './watch-row';

export interface WatchlistProps {
  instruments: readonly Instrument[];
  selectedSymbol: string | undefined;
  onSelect: (symbol: string) => void;
  loading?: boolean;
}

const SKELETON_ROWS = 8;
/** Fixed row height (matches --row in styles.css): rows are virtualized, only visible ones exist. */
const ROW_HEIGHT = 22;
/** Rows rendered beyond the visible ones, so scrolling and keyboard focus find them ready. */
const OVERSCAN_ROWS = 10;
/** Rows assumed visible before the scroll container has been measured (a tall desktop window). */
const INITIAL_ROWS = 48;
/** Rows whose icons load eagerly: enough to fill a tall desktop viewport; the rest are lazy. */
const EAGER_ICON_ROWS = 48;

export function Watchlist({ instruments, selectedSymbol, onSelect, loading }: WatchlistProps) {
  useFeedSubscription('tickers', null);
  const freshness = usePanelFreshness({ slice: sliceKey.tickers(), channel: 'tickers' });
  const [filter, setFilter] = useState('');
  const deferred = useDeferredValue(filter);
  const visible = useMemo(() => {
    const needle = deferred.trim().toLowerCase();
    if (!needle) return instruments;
    return instruments.filter(
      (i) => i.symbol.toLowerCase().includes(needle) || i.name.toLowerCase().includes(needle),
    );
  }, [instruments, deferred]);
  const select = useCallback((symbol: string) => onSelect(symbol), [onSelect]);
  const scroller = useRef<HTMLDivElement>(null);
  // Only the rows in view are rendered, so a quote for an instrument scrolled out of sight costs
  // no render, layout or paint at all.
  const { rows, padTop, padBottom } = useVirtualRows(scroller, {
    count: visible.length,
    rowHeight: ROW_HEIGHT,
    overscan: OVERSCAN_ROWS,
    initialRows: INITIAL_ROWS,
  });
  return (
    <Panel title="Watchlist" className="area-watch" freshness={freshness}>
      <input
        className="filter"
        type="search"
        aria-label="Filter instruments"
        placeholder="Filter"
        value={filter}
        onChange={(event) => setFilter(event.target.value)}
      />
      <div className="scroll" ref={scroller}>
        <table
          className="data-table watchlist"
          aria-label="Watchlist"
          aria-rowcount={visible.length + 1}
        >
          <colgroup>
            <col className="c-sym" />
            <col className="c-price" />
            <col className="c-chg" />
            <col className="c-price" />
            <col className="c-price" />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">Symbol</th>
              <th scope="col" className="num">
                Last
              </th>
              <th scope="col" className="num">
                Chg %
              </th>
              <th scope="col" className="num">
                Bid
              </th>
              <th scope="col" className="num">
                Ask
              </th>
            </tr>
          </thead>
          <tbody>
            {padTop > 0 && <tr aria-hidden="true" style={{ height: padTop }} />}
            {rows.map(({ index }) => {
              const instrument = visible[index]!;
              return (
                <WatchRow
                  key={instrument.id}
                  instrument={instrument}
                  selected={instrument.symbol === selectedSymbol}
                  onSelect={select}
                  iconPriority={index < EAGER_ICON_ROWS}
                  rowIndex={index + 2}
                />
              );
            })}
            {padBottom > 0 && <tr aria-hidden="true" style={{ height: padBottom }} />}
            {loading &&
              Array.from({ length: SKELETON_ROWS }, (_, i) => (
                <tr key={`s${i}`} className="skeleton-row" aria-hidden="true">
                  <td colSpan={5} />
                </tr>
              ))}
          </tbody>
        </table>
        {!loading && instruments.length === 0 && (
          <EmptyState illustration="offline">
            No markets yet: Quotedeck shows the last-known markets once it has been online.
          </EmptyState>
        )}
      </div>
    </Panel>
  );
}
