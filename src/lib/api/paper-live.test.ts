import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { accountMark, accountSnapshot, accountUpdate } from '../../../protocol/account-messages';
import type {
  AccountResponse,
  FillsResponse,
  OrderView,
  OrdersResponse,
  PositionsResponse,
} from '../../../protocol/paper';
import {
  TEST_ACCOUNT,
  TEST_FILL,
  TEST_ORDER,
  TEST_POSITION,
} from '../../../protocol/test-fixtures';
import { paperKeys } from './paper';
import { applyAccountMessages } from './paper-live';

const at = (seq: number, cash = TEST_ACCOUNT.cash) => ({ ...TEST_ACCOUNT, seq, cash });
const open: OrderView = { ...TEST_ORDER, status: 'open', updatedAt: 10 };
const filled: OrderView = {
  ...open,
  status: 'filled',
  filledQuantity: open.quantity,
  updatedAt: 20,
};

function seeded() {
  const client = new QueryClient();
  client.setQueryData<AccountResponse>(paperKeys.account(), { account: at(7) });
  client.setQueryData<OrdersResponse>(paperKeys.orders('open'), { orders: [open] });
  client.setQueryData<OrdersResponse>(paperKeys.orders('closed'), { orders: [] });
  client.setQueryData<FillsResponse>(paperKeys.fills(), { fills: [] });
  client.setQueryData<PositionsResponse>(paperKeys.positions(), { positions: [] });
  const data = {
    account: () => client.getQueryData<AccountResponse>(paperKeys.account())?.account,
    open: () => client.getQueryData<OrdersResponse>(paperKeys.orders('open'))?.orders,
    closed: () => client.getQueryData<OrdersResponse>(paperKeys.orders('closed'))?.orders,
    fills: () => client.getQueryData<FillsResponse>(paperKeys.fills())?.fills,
    positions: () => client.getQueryData<PositionsResponse>(paperKeys.positions())?.positions,
  };
  return { client, data };
}

describe('applyAccountMessages', () => {
  it('moves a filled order to history, adds its fill and position, and updates the balances', () => {
    const { client, data } = seeded();
    applyAccountMessages(client, [
      accountUpdate(at(8, '90000.00000000'), [filled], [TEST_FILL], [TEST_POSITION]),
    ]);
    expect(data.open()).toEqual([]);
    expect(data.closed()).toEqual([filled]);
    expect(data.fills()).toEqual([TEST_FILL]);
    expect(data.positions()).toEqual([TEST_POSITION]);
    expect(data.account()?.cash).toBe('90000.00000000');
  });

  it('puts several new fills newest first and never lists a fill twice', () => {
    const { client, data } = seeded();
    const second = { ...TEST_FILL, id: 'f_0000000002', time: 4 };
    applyAccountMessages(client, [accountUpdate(at(8), [], [TEST_FILL, second], [])]);
    applyAccountMessages(client, [accountUpdate(at(9), [], [second], [])]);
    expect(data.fills()?.map((f) => f.id)).toEqual(['f_0000000002', 'f_0000000001']);
  });

  it('ignores a late message older than what a REST answer already brought', () => {
    const { client, data } = seeded();
    applyAccountMessages(client, [accountUpdate(at(9, '1.00000000'), [filled], [], [])]);
    applyAccountMessages(client, [accountUpdate(at(8, '2.00000000'), [open], [], [TEST_POSITION])]);
    expect(data.account()?.cash).toBe('1.00000000');
    expect(data.closed()).toEqual([filled]);
    expect(data.open()).toEqual([]);
    expect(data.positions()).toEqual([]);
  });

  it('re-marks positions and the account with a mark of the current state', () => {
    const { client, data } = seeded();
    client.setQueryData<PositionsResponse>(paperKeys.positions(), { positions: [TEST_POSITION] });
    const marked = { ...TEST_POSITION, unrealizedPnl: '12.00000000' };
    applyAccountMessages(client, [accountMark(at(7, '5.00000000'), [marked])]);
    expect(data.positions()).toEqual([marked]);
    expect(data.account()?.cash).toBe('5.00000000');
    applyAccountMessages(client, [accountMark(at(6, '6.00000000'), [TEST_POSITION])]);
    expect(data.positions()).toEqual([marked]);
  });

  it('takes a snapshot as the whole truth for live orders, positions and balances', () => {
    const { client, data } = seeded();
    const newer = { ...open, id: 'o_0000000002', createdAt: 5 };
    applyAccountMessages(client, [
      accountSnapshot(at(3, '100000.00000000'), [open, newer], [], []),
    ]);
    // A reset restarts the sequence: the snapshot wins even with a lower seq.
    expect(data.account()?.seq).toBe(3);
    expect(data.open()?.map((o) => o.id)).toEqual(['o_0000000002', 'o_0000000001']);
    expect(data.positions()).toEqual([]);
    expect(client.getQueryState(paperKeys.fills())?.isInvalidated).toBe(true);
  });

  it('leaves queries nobody has loaded alone (they fetch when first shown)', () => {
    const client = new QueryClient();
    applyAccountMessages(client, [accountUpdate(at(8), [filled], [TEST_FILL], [TEST_POSITION])]);
    expect(client.getQueryData(paperKeys.fills())).toBeUndefined();
    expect(client.getQueryData(paperKeys.positions())).toBeUndefined();
    expect(client.getQueryData(paperKeys.orders('open'))).toBeUndefined();
  });
});
