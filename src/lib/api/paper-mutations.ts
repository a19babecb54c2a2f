/**
 * Mutations of the paper account. networkMode 'always': a command runs now or fails now — TanStack's
 * default would pause it while offline and send it later, and orders are never queued offline.
 * No retries: a placement is retried only by the trader, with the same client order id.
 */
import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import {
  LIVE_ORDER_STATUSES,
  type OrderView,
  type OrdersResponse,
  type PlaceOrderBody,
} from '../../../protocol/paper';
import { useConnectionStore } from '../../stores/connection-store';
import { isReachable } from '../online';
import { invalidateAccount, paperKeys } from './paper';
import { cancelAllOrders, cancelOrder, placeOrder, resetAccount } from './paper-commands';

/**
 * Puts changed orders into the cached order lists right away (a refetch or the account channel
 * confirms them). A change older than the cached state of the same order is ignored, so a late
 * message never turns a filled order back into an open one.
 */
export function mergeOrders(client: QueryClient, changed: readonly OrderView[]): void {
  const lists = ['open', 'closed', 'all'] as const;
  const known = new Map<string, number>();
  for (const status of lists) {
    for (const o of client.getQueryData<OrdersResponse>(paperKeys.orders(status))?.orders ?? []) {
      known.set(o.id, Math.max(o.updatedAt, known.get(o.id) ?? -Infinity));
    }
  }
  const newer = changed.filter((o) => (known.get(o.id) ?? -Infinity) <= o.updatedAt);
  if (newer.length === 0) return;
  const live = new Set<string>(LIVE_ORDER_STATUSES);
  const byId = new Set(newer.map((o) => o.id));
  for (const status of lists) {
    client.setQueryData<OrdersResponse>(paperKeys.orders(status), (current) => {
      if (!current) return current;
      const kept = current.orders.filter((o) => !byId.has(o.id));
      const wanted = newer.filter(
        (o) => status === 'all' || (status === 'open') === live.has(o.status),
      );
      const orders = [...wanted, ...kept].sort(
        (a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1),
      );
      return { orders };
    });
  }
}

/**
 * After a command. While the gateway is reachable the account channel pushes every change the
 * command caused (order, fills, positions, balances), and a refetch would only race it: an order
 * list fetched just before a later push can land after it and drop the newer order. So the views
 * are fetched again only when the push cannot be counted on.
 */
export function refreshAfterCommand(client: QueryClient, pushed = accountPushReachable()): void {
  if (!pushed) void invalidateAccount(client);
}

function accountPushReachable(): boolean {
  const online = typeof navigator === 'undefined' ? true : navigator.onLine;
  return isReachable(online, useConnectionStore.getState().state);
}

const COMMAND = { networkMode: 'always', retry: false } as const;

/** POST /api/orders for a prepared body (the caller owns the client order id). */
export function usePlaceOrder() {
  const client = useQueryClient();
  return useMutation({
    ...COMMAND,
    mutationFn: (body: PlaceOrderBody) => placeOrder(body),
    onSuccess: (result) => {
      mergeOrders(client, [result.order]);
      refreshAfterCommand(client);
    },
  });
}

/** DELETE /api/orders/:id */
export function useCancelOrder() {
  const client = useQueryClient();
  return useMutation({
    ...COMMAND,
    mutationFn: (orderId: string) => cancelOrder(orderId),
    onSuccess: (order) => {
      mergeOrders(client, [order]);
      refreshAfterCommand(client);
    },
  });
}

/** DELETE /api/orders?symbol= */
export function useCancelAll() {
  const client = useQueryClient();
  return useMutation({
    ...COMMAND,
    mutationFn: (symbol: string) => cancelAllOrders(symbol),
    onSuccess: (orders) => {
      mergeOrders(client, orders);
      refreshAfterCommand(client);
    },
  });
}

/** POST /api/account/reset */
export function useResetAccount() {
  const client = useQueryClient();
  return useMutation({
    ...COMMAND,
    mutationFn: () => resetAccount(),
    onSuccess: (account) => {
      client.setQueryData(paperKeys.account(), { account });
      void invalidateAccount(client);
    },
  });
}
