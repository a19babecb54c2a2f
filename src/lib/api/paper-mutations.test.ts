import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { OrderView, OrdersResponse } from '../../../protocol/paper';
import { TEST_ORDER } from '../../../protocol/test-fixtures';
import { useConnectionStore } from '../../stores/connection-store';
import { paperKeys } from './paper';
import { mergeOrders, refreshAfterCommand } from './paper-mutations';

const open: OrderView = { ...TEST_ORDER, id: 'a', status: 'open', createdAt: 1, updatedAt: 1 };

afterEach(() => {
  useConnectionStore.setState({ state: 'connecting' });
});

describe('refreshAfterCommand', () => {
  it('leaves the views to the account channel while it is reachable', () => {
    const client = new QueryClient();
    const invalidate = vi.spyOn(client, 'invalidateQueries');
    refreshAfterCommand(client, true);
    expect(invalidate).not.toHaveBeenCalled();
  });

  it('fetches every account view again when the push cannot be counted on', () => {
    const client = new QueryClient();
    const invalidate = vi.spyOn(client, 'invalidateQueries');
    refreshAfterCommand(client, false);
    const keys = invalidate.mock.calls.map(([filters]) => filters?.queryKey);
    expect(keys).toEqual([
      paperKeys.account(),
      paperKeys.allOrders(),
      paperKeys.fills(),
      paperKeys.positions(),
    ]);
  });

  it('reads reachability from the feed connection by default', () => {
    const client = new QueryClient();
    const invalidate = vi.spyOn(client, 'invalidateQueries');
    useConnectionStore.setState({ state: 'live' });
    refreshAfterCommand(client);
    expect(invalidate).not.toHaveBeenCalled();
    useConnectionStore.setState({ state: 'offline' });
    refreshAfterCommand(client);
    expect(invalidate).toHaveBeenCalled();
  });
});

describe('mergeOrders', () => {
  it('adds a new order to the open list and keeps the ones already there', () => {
    const client = new QueryClient();
    client.setQueryData<OrdersResponse>(paperKeys.orders('open'), { orders: [open] });
    const newer: OrderView = { ...open, id: 'b', createdAt: 2, updatedAt: 2 };
    mergeOrders(client, [newer]);
    const ids = client
      .getQueryData<OrdersResponse>(paperKeys.orders('open'))
      ?.orders.map((o) => o.id);
    expect(ids).toEqual(['b', 'a']);
  });
});
