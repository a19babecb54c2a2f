/** Open orders (cancel, cancel all), order history and fills, as tabs of one panel. */
import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import type { Instrument } from '../../../protocol/instruments';
import { Panel } from '../../components/panel';
import { pushToast } from '../../components/toast/toast-store';
import { instrumentsQuery } from '../../lib/api/instruments';
import { fillsQuery, ordersQuery } from '../../lib/api/paper';
import { useCancelAll, useCancelOrder } from '../../lib/api/paper-mutations';
import { usePaperFreshness } from '../../lib/api/use-paper-freshness';
import { FillRow, OrderRow } from './order-rows';

const TABS = ['open', 'history', 'fills'] as const;
type Tab = (typeof TABS)[number];
const TAB_TEXT: Record<Tab, string> = { open: 'Open', history: 'History', fills: 'Fills' };

export interface OrdersPanelProps {
  /** The selected instrument, for "cancel all". */
  instrument: Instrument | undefined;
}

function Table({
  label,
  children,
  empty,
}: {
  label: string;
  children: ReactNode;
  empty: string | null;
}) {
  return (
    <>
      <table className="data-table orders-table" aria-label={label}>
        <thead>
          <tr>
            <th scope="col" className="num">
              Time
            </th>
            <th scope="col">Symbol</th>
            <th scope="col">Side</th>
            <th scope="col" className="num">
              Price
            </th>
            <th scope="col" className="num">
              {label === 'Fills' ? 'Qty' : 'Filled'}
            </th>
            <th scope="col">{label === 'Fills' ? 'Fee' : 'Status'}</th>
            <th scope="col" className="num">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
      {empty && <p className="muted paper-empty">{empty}</p>}
    </>
  );
}

export function OrdersPanel({ instrument }: OrdersPanelProps) {
  const [tab, setTab] = useState<Tab>('open');
  const open = useQuery(ordersQuery('open'));
  const closed = useQuery({ ...ordersQuery('closed'), enabled: tab === 'history' });
  const fills = useQuery({ ...fillsQuery, enabled: tab === 'fills' });
  const instruments = useQuery(instrumentsQuery).data?.instruments;
  const byId = (inst: number) => instruments?.find((i) => i.id === inst);
  const shown = tab === 'open' ? open : tab === 'history' ? closed : fills;
  const freshness = usePaperFreshness(shown.dataUpdatedAt, shown.isError);
  const cancel = useCancelOrder();
  const cancelAll = useCancelAll();
  const report = (what: string) => (error: Error) => pushToast('error', what, error.message);
  const openOrders = open.data?.orders ?? [];
  const mine = instrument ? openOrders.filter((o) => o.symbol === instrument.symbol) : [];

  const tabs = (
    <div className="paper-tabs" role="group" aria-label="Orders view">
      {TABS.map((t) => (
        <button key={t} type="button" aria-pressed={tab === t} onClick={() => setTab(t)}>
          {TAB_TEXT[t]}
          {t === 'open' && openOrders.length > 0 ? ` (${openOrders.length})` : ''}
        </button>
      ))}
      <button
        type="button"
        data-testid="cancel-all"
        disabled={freshness.stale || mine.length === 0 || !instrument}
        onClick={() =>
          instrument &&
          cancelAll.mutate(instrument.symbol, { onError: report('Cancel all failed') })
        }
      >
        Cancel all {instrument?.symbol ?? ''}
      </button>
    </div>
  );
  const loading = shown.dataUpdatedAt === 0 ? 'Loading…' : null;
  return (
    <Panel title="Orders" className="area-orders" actions={tabs} freshness={freshness}>
      <div className="scroll paper-table" data-testid={`orders-${tab}`}>
        {tab === 'fills' ? (
          <Table
            label="Fills"
            empty={(fills.data?.fills.length ?? 0) === 0 ? (loading ?? 'No fills yet.') : null}
          >
            {(fills.data?.fills ?? []).map((f) => (
              <FillRow key={f.id} fill={f} instrument={byId(f.inst)} />
            ))}
          </Table>
        ) : (
          <Table
            label={tab === 'open' ? 'Open orders' : 'Order history'}
            empty={
              ((tab === 'open' ? open : closed).data?.orders.length ?? 0) === 0
                ? (loading ?? (tab === 'open' ? 'No open orders.' : 'No orders yet.'))
                : null
            }
          >
            {((tab === 'open' ? open : closed).data?.orders ?? []).map((o) => (
              <OrderRow
                key={o.id}
                order={o}
                instrument={byId(o.inst)}
                action={
                  tab === 'open' ? (
                    <button
                      type="button"
                      className="row-action"
                      data-testid="cancel-order"
                      aria-label={`Cancel ${o.side} ${o.symbol} order ${o.id}`}
                      disabled={freshness.stale}
                      onClick={() => cancel.mutate(o.id, { onError: report('Cancel failed') })}
                    >
                      Cancel
                    </button>
                  ) : undefined
                }
              />
            ))}
          </Table>
        )}
      </div>
    </Panel>
  );
}
