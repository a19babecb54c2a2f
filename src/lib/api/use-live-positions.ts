/**
 * Positions re-marked to the live mid of the quotes store (exact bigint math), and the account
 * totals that move with them (equity, unrealized P&L). Re-renders only when a held instrument's
 * bid or ask changes.
 */
import { useQuery } from '@tanstack/react-query';
import { useShallow } from 'zustand/react/shallow';
import type { Instrument } from '../../../protocol/instruments';
import type { AccountView, PositionView } from '../../../protocol/paper';
import { useQuotesStore } from '../../stores/quotes-store';
import { instrumentsQuery } from './instruments';
import { accountQuery, positionsQuery } from './paper';
import { money, remark, valueAtMid, type LiveMark } from './paper-money';

export interface LivePosition {
  view: PositionView;
  instrument: Instrument | undefined;
  live: LiveMark;
  /** Mid in price units the position is marked at, or the gateway's mark. */
  mark: number | null;
}

export interface LiveAccount {
  account: AccountView | undefined;
  positions: LivePosition[];
  equity: bigint | null;
  unrealizedPnl: bigint | null;
  accountUpdatedAt: number;
  positionsUpdatedAt: number;
  failed: boolean;
}

const NONE: readonly PositionView[] = [];

/** Open positions and the account, marked to the live market. */
export function useLiveAccount(): LiveAccount {
  const accountResult = useQuery(accountQuery);
  const positionsResult = useQuery(positionsQuery);
  const instruments = useQuery(instrumentsQuery).data?.instruments;
  const held = (positionsResult.data?.positions ?? NONE).filter((p) => p.quantity !== 0);
  const quotes = useQuotesStore(
    useShallow((state) =>
      held.flatMap((p) => {
        const t = state.tickers[p.inst];
        return t ? [t.bid, t.ask] : [0, 0];
      }),
    ),
  );
  const account = accountResult.data?.account;
  const positions = held.map((view, index): LivePosition => {
    const instrument = instruments?.find((i) => i.id === view.inst);
    const bid = quotes[index * 2];
    const ask = quotes[index * 2 + 1];
    const liveValue = instrument ? valueAtMid(instrument, view.quantity, bid, ask) : null;
    const live = remark(view, liveValue);
    const mark =
      liveValue !== null && bid !== undefined && ask !== undefined
        ? Math.trunc((bid + ask) / 2)
        : view.markPrice;
    return { view, instrument, live, mark };
  });
  const delta = positions.reduce(
    (sum, p) => sum + p.live.marketValue - money(p.view.marketValue),
    0n,
  );
  return {
    account,
    positions,
    equity: account ? money(account.equity) + delta : null,
    unrealizedPnl: account ? money(account.unrealizedPnl) + delta : null,
    accountUpdatedAt: accountResult.dataUpdatedAt,
    positionsUpdatedAt: positionsResult.dataUpdatedAt,
    failed: accountResult.isError || positionsResult.isError,
  };
}
