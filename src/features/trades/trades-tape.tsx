/** The last trades of the active instrument, newest first, colored by aggressor side. */
import { memo } from 'react';
import { formatPrice, formatSize, type Instrument } from '../../../protocol/instruments';
import { Side, type Trade } from '../../../protocol/messages';
import { Panel } from '../../components/panel';
import { useFeedSubscription } from '../../feed/feed-context';
import { formatClock } from '../../lib/format';
import { sliceKey } from '../../stores/freshness-store';
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
    <tr data-testid="trade-row" data-side={side}>
      <td className={`num ${side === 'buy' ? 'up' : 'down'}`}>
        {formatPrice(instrument, trade.price)}
      </td>
      <td className="num">{formatSize(instrument, trade.size)}</td>
      <td className="num muted">{formatClock(trade.time)}</td>
    </tr>
  );
});

export function TradesTape({ instrument }: TradesTapeProps) {
  useFeedSubscription('trades', instrument?.symbol);
  const trades = useTrades(instrument?.id);
  const freshness = usePanelFreshness({
    slice: instrument && sliceKey.trades(instrument.id),
    channel: 'trades',
    inst: instrument?.id ?? -1,
  });
  return (
    <Panel title="Trades" className="area-trades" freshness={freshness}>
      <div className="scroll tape" data-testid="trades" data-symbol={instrument?.symbol ?? ''}>
        <table className="data-table trades" aria-label="Recent trades">
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
            {instrument &&
              trades.map((trade) => (
                <TradeRow key={trade.id} instrument={instrument} trade={trade} />
              ))}
          </tbody>
        </table>
      </div>
    </Panel>
  );
}
