/**
 * Query options for the paper account: GET /api/account, /api/orders, /api/fills, /api/positions.
 * The keys' first element is what query persistence validates on restore (one guard per key), so
 * these views stay viewable offline from IndexedDB.
 */
import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { fetchJson } from './fetch-json';
import {
  isAccountResponse,
  isFillsResponse,
  isOrdersResponse,
  isPositionsResponse,
} from './paper-guards';

export type OrdersFilter = 'open' | 'closed' | 'all';

/**
 * The account channel pushes every change into these queries (paper-live.ts), so they are not
 * polled; a refetch happens on mount, on focus after this long, and after a snapshot.
 */
export const PAPER_STALE_MS = 30_000;
export const ORDERS_LIMIT = 100;
export const FILLS_LIMIT = 100;

/** Query keys of the paper account; the first element names the persisted guard. */
export const paperKeys = {
  account: () => ['paper-account'] as const,
  orders: (status: OrdersFilter) => ['paper-orders', status] as const,
  allOrders: () => ['paper-orders'] as const,
  fills: () => ['paper-fills'] as const,
  positions: () => ['paper-positions'] as const,
} as const;

/** Balances, equity, P&L and buying power. */
export const accountQuery = queryOptions({
  queryKey: paperKeys.account(),
  queryFn: ({ signal }) => fetchJson('/api/account', isAccountResponse, { signal }),
  staleTime: PAPER_STALE_MS,
});

/** Orders by status, newest first. */
export function ordersQuery(status: OrdersFilter) {
  return queryOptions({
    queryKey: paperKeys.orders(status),
    queryFn: ({ signal }) =>
      fetchJson(`/api/orders?status=${status}&limit=${ORDERS_LIMIT}`, isOrdersResponse, {
        signal,
      }),
    staleTime: PAPER_STALE_MS,
  });
}

/** Recent fills, newest first. */
export const fillsQuery = queryOptions({
  queryKey: paperKeys.fills(),
  queryFn: ({ signal }) =>
    fetchJson(`/api/fills?limit=${FILLS_LIMIT}`, isFillsResponse, { signal }),
  staleTime: PAPER_STALE_MS,
});

/** Positions per instrument. */
export const positionsQuery = queryOptions({
  queryKey: paperKeys.positions(),
  queryFn: ({ signal }) => fetchJson('/api/positions', isPositionsResponse, { signal }),
  staleTime: PAPER_STALE_MS,
});

/** Refetches every account view (after an order, a cancel or a reset). */
export async function invalidateAccount(client: QueryClient): Promise<void> {
  await Promise.all([
    client.invalidateQueries({ queryKey: paperKeys.account() }),
    client.invalidateQueries({ queryKey: paperKeys.allOrders() }),
    client.invalidateQueries({ queryKey: paperKeys.fills() }),
    client.invalidateQueries({ queryKey: paperKeys.positions() }),
  ]);
}
