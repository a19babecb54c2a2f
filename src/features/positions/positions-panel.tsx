/** Open positions with live unrealized P&L and a close action (a market order of the other side). */
import { useState } from 'react';
import { formatPrice, formatSize } from '../../../protocol/instruments';
import type { PlaceOrderBody } from '../../../protocol/paper';
import { Panel } from '../../components/panel';
import { pushToast } from '../../components/toast/toast-store';
import { newClientOrderId } from '../../lib/api/client-order-id';
import { formatMoney, formatSignedMoney, money } from '../../lib/api/paper-money';
import { usePlaceOrder } from '../../lib/api/paper-mutations';
import { usePaperFreshness } from '../../lib/api/use-paper-freshness';
import { useLiveAccount, type LivePosition } from '../../lib/api/use-live-positions';

function pnlClass(value: bigint): string {
  return value > 0n ? 'num up' : value < 0n ? 'num down' : 'num';
}

function PositionRow({
  position,
  canTrade,
  onClose,
}: {
  position: LivePosition;
  canTrade: boolean;
  onClose(body: Omit<PlaceOrderBody, 'clientOrderId'>): Promise<void>;
}) {
  const [confirming, setConfirming] = useState(false);
  const { view, instrument, live, mark } = position;
  const size = instrument ? formatSize(instrument, view.quantity) : String(view.quantity);
  return (
    <tr data-testid="position-row" data-symbol={view.symbol}>
      <th scope="row" className="sym">
        {view.symbol}
      </th>
      <td className={view.quantity > 0 ? 'num up' : 'num down'} data-testid="position-qty">
        {size}
      </td>
      <td className="num">{view.averageEntryPrice ?? '—'}</td>
      <td className="num">{instrument && mark !== null ? formatPrice(instrument, mark) : '—'}</td>
      <td className={pnlClass(live.unrealizedPnl)} data-testid="position-upnl">
        {formatSignedMoney(live.unrealizedPnl)}
      </td>
      <td className={pnlClass(money(view.realizedPnl))}>
        {formatSignedMoney(money(view.realizedPnl))}
      </td>
      <td className="num">
        <button
          type="button"
          className="row-action"
          disabled={!canTrade || !instrument}
          data-testid="close-position"
          onClick={() => {
            if (!confirming) return setConfirming(true);
            setConfirming(false);
            void onClose({
              symbol: view.symbol,
              side: view.quantity > 0 ? 'sell' : 'buy',
              type: 'market',
              quantity: Math.abs(view.quantity),
              limitPrice: null,
              stopPrice: null,
              timeInForce: 'gtc',
              postOnly: false,
            });
          }}
          onBlur={() => setConfirming(false)}
        >
          {confirming ? 'Confirm close' : 'Close'}
        </button>
      </td>
    </tr>
  );
}

export function PositionsPanel() {
  const live = useLiveAccount();
  const freshness = usePaperFreshness(live.positionsUpdatedAt, live.failed);
  // Closing needs the gateway; a stale market is refused there with a clear reason.
  const canTrade = !freshness.stale;
  const place = usePlaceOrder();
  const close = async (order: Omit<PlaceOrderBody, 'clientOrderId'>) => {
    // One id for this close; a failure is reported, never retried with another id.
    const body = { clientOrderId: newClientOrderId(), ...order };
    try {
      const result = await place.mutateAsync(body);
      if (!result.ok) pushToast('error', `Close ${order.symbol} rejected`, result.message);
    } catch (error) {
      pushToast('error', `Close ${order.symbol}: no answer`, String(error));
    }
  };
  return (
    <Panel title="Positions" className="area-positions" freshness={freshness}>
      <div className="scroll paper-table" data-testid="positions">
        <table className="data-table" aria-label="Positions">
          <thead>
            <tr>
              <th scope="col">Symbol</th>
              <th scope="col" className="num">
                Qty
              </th>
              <th scope="col" className="num">
                Avg entry
              </th>
              <th scope="col" className="num">
                Mark
              </th>
              <th scope="col" className="num">
                Unrealized
              </th>
              <th scope="col" className="num">
                Realized
              </th>
              <th scope="col" className="num">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {live.positions.map((p) => (
              <PositionRow key={p.view.inst} position={p} canTrade={canTrade} onClose={close} />
            ))}
          </tbody>
        </table>
        {live.positions.length === 0 && (
          <p className="muted paper-empty">
            {live.positionsUpdatedAt > 0 ? 'No open positions.' : 'Loading positions…'}
          </p>
        )}
      </div>
      <p className="paper-foot muted">
        Unrealized P&amp;L:{' '}
        <span className="num" data-testid="positions-upnl">
          {live.unrealizedPnl === null ? '—' : formatMoney(live.unrealizedPnl)}
        </span>
      </p>
    </Panel>
  );
}
