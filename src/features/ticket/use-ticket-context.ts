/** Gathers what the ticket computes with: the live book, the account, the position and open orders. */
import { useQuery } from '@tanstack/react-query';
import type { Instrument } from '../../../protocol/instruments';
import type { AccountView } from '../../../protocol/paper';
import { accountQuery, ordersQuery, positionsQuery } from '../../lib/api/paper';
import { money, notionalOf } from '../../lib/api/paper-money';
import { useBook } from '../../stores/book-store';
import { DEFAULT_FEES, type FeeRates, type TicketContext } from './ticket-preview';

const NO_LEVELS: readonly never[] = [];

/** Fee rates the gateway charges this account; the engine defaults (marked assumed) before it loads. */
export function feeRatesOf(account: AccountView | undefined): FeeRates {
  if (!account) return DEFAULT_FEES;
  return { makerBps: account.makerFeeBps, takerBps: account.takerFeeBps, assumed: false };
}

/** The ticket's context for `instrument`, plus whether its book has arrived. */
export function useTicketContext(instrument: Instrument): {
  context: TicketContext;
  hasBook: boolean;
} {
  const book = useBook(instrument.id);
  const account = useQuery(accountQuery).data?.account;
  const positions = useQuery(positionsQuery).data?.positions;
  const open = useQuery(ordersQuery('open')).data?.orders;
  const position = positions?.find((p) => p.inst === instrument.id)?.quantity ?? 0;
  let openBuy = 0n;
  let openSell = 0n;
  for (const order of open ?? []) {
    if (order.inst !== instrument.id) continue;
    const price = order.limitPrice ?? order.stopPrice;
    if (price === null) continue;
    const value = notionalOf(instrument, price, order.quantity - order.filledQuantity);
    if (order.side === 'buy') openBuy += value;
    else openSell += value;
  }
  const bids = book?.bids ?? NO_LEVELS;
  const asks = book?.asks ?? NO_LEVELS;
  const bid = bids[0]?.[0];
  const ask = asks[0]?.[0];
  const mark =
    bid !== undefined && ask !== undefined ? Math.trunc((bid + ask) / 2) : (bid ?? ask ?? null);
  return {
    context: {
      instrument,
      bids,
      asks,
      currency: account?.currency,
      buyingPower: account ? money(account.buyingPower) : undefined,
      fees: feeRatesOf(account),
      position,
      mark,
      openBuy,
      openSell,
    },
    hasBook: book !== undefined && (bids.length > 0 || asks.length > 0),
  };
}
