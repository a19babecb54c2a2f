/** The last trades of the active instrument, newest first, colored by aggressor side. */
import { memo, useRef } from 'react';
import { formatPrice, formatSize, type Instrument } from '../../../protocol/instruments';
import { Side, type Trade } from '../../../protocol/messages';
import { EmptyState } from '../../components/empty-state';
import { Panel } from '../../components/panel';
import { useFeedSubscription } from '../../feed/feed-context';
import { formatClock } from '../../lib/format';
import { useVirtualRows } from '../../lib/use-virtual-rows';
import { sliceKey } from '../../stores/freshness-store';
import { pickTicketPrice } from '../../stores/ticket-store';
import { useTrades } from '../../stores/trades-store';
import { usePanelFreshness } from '../../stores/use-panel-freshness';

export interface TradesTapeProps {
  instrument: Instrument | undefined;
}

const TradeRow = memo(function TradeRow({
  instrument,
  trade,
}: {
  instrument: Instrument;
  trade: Trade;
}) {
  const side = trade.side === Side.buy ? 'buy' : 'sell';
  return (
    <tr
      data-testid="trade-row"
      data-side={side}
      onClick={() => pickTicketPrice(instrument.symbol, trade.price)}
    >
      <td className={`num ${side === 'buy' ? 'up' : 'down'}`}>
        {formatPrice(instrument, trade.price)}
      </td>
      <td className="num">{formatSize(instrument, trade.size)}</td>
      <td className="num muted">{formatClock(trade.time)}</td>
    </tr>
  );
});

/** Row height of the tape (matches --row in styles.css). */
const ROW_HEIGHT = 22;
/** Rows assumed visible before the tape is measured (its fixed height holds about this many). */
const INITIAL_ROWS = 12;

export function TradesTape({ instrument }: TradesTapeProps) {
  useFeedSubscription('trades', instrument?.symbol);
  const trades = useTrades(instrument?.id);
  const freshness = usePanelFreshness({
    slice: instrument && sliceKey.trades(instrument.id),
    channel: 'trades',
    inst: instrument?.id ?? -1,
  });
  const scroller = useRef<HTMLDivElement>(null);
  // Only the prints in view are rendered: a new trade at the top costs a few rows, not a hundred.
  const { rows, padTop, padBottom } = useVirtualRows(scroller, {
    count: instrument ? trades.length : 0,
    rowHeight: ROW_HEIGHT,
    overscan: 4,
    initialRows: INITIAL_ROWS,
  });
  return (
    <Panel title="Trades" className="area-trades" freshness={freshness}>
      <div
        className="scroll tape"
        data-testid="trades"
        data-symbol={instrument?.symbol ?? ''}
        ref={scroller}
      >
        <table
          className="data-table trades"
          aria-label="Recent trades"
          aria-rowcount={trades.length + 1}
        >
          <thead>
            <tr>
              <th scope="col" className="num">
                Price
              </th>
              <th scope="col" className="num">
                Size
              </th>
              <th scope="col" className="num">
                Time
              </th>
            </tr>
          </thead>
          <tbody>
            {padTop > 0 && <tr aria-hidden="true" style={{ height: padTop }} />}
            {instrument &&
              // Keyed by position, not by trade: a new print changes the rows' text in place
              // instead of moving every row down, which browsers count as layout shift.
              rows.map(({ index }) => (
                <TradeRow key={index} instrument={instrument} trade={trades[index]!} />
              ))}
            {padBottom > 0 && <tr aria-hidden="true" style={{ height: padBottom }} />}
          </tbody>
        </table>
        {instrument && trades.length === 0 && freshness.hasData && (
          <EmptyState illustration="no-data">No trades in {instrument.symbol} yet.</EmptyState>
        )}
        {instrument && trades.length === 0 && !freshness.hasData && freshness.stale && (
          <EmptyState illustration="offline">
            No trades of {instrument.symbol} were saved on this device; they appear when the
            connection is back.
          </EmptyState>
        )}
      </div>
    </Panel>
  );
}
