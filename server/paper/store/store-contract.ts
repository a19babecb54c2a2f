/**
 * What every PaperStore backend must do, run by paper-store-pglite.test.ts always and by
 * paper-store-postgres.test.ts when DATABASE_URL is set. `store()` is the opened store.
 */
import { expect, it } from 'vitest';
import type { OrderStatus, Transition } from '../types';
import type { PaperStore } from './paper-store';
import { INST, ONE, accountId, makeOrder, nextBuy, startChain } from './test-fixtures';

/** The contract's round-trip, listing and reset cases. */
export function storeContract(store: () => PaperStore): void {
  it('knows nothing of an account before its first transition', async () => {
    expect(await store().load(accountId('none'))).toBeNull();
  });

  it('loads back exactly what a chain of transitions committed', async () => {
    let chain = startChain(accountId('chain'));
    for (let i = 0; i < 5; i++) {
      const step = nextBuy(chain);
      await store().commit(step.transition);
      chain = step.chain;
    }
    const state = await store().load(chain.balance.accountId);
    expect(state).toEqual({ balance: chain.balance, openOrders: [], positions: [chain.position] });
    const fills = await store().listFills(chain.balance.accountId, { limit: 100 });
    expect(fills.map((fill) => fill.id)).toEqual(['f_5', 'f_4', 'f_3', 'f_2', 'f_1']);
  });

  it('stores money above 2^63 and below zero exactly, and 40-digit amounts', async () => {
    const id = accountId('bigint');
    const big = 2n ** 63n + 12_345n;
    const huge = 10n ** 40n - 1n;
    const { transition } = nextBuy(startChain(id, big));
    const order = makeOrder(id, 99, {
      status: 'partially_filled',
      filledQuantity: 3,
      filledNotional: -huge,
      limitPrice: 9_007_199_254_740_991,
      stopPrice: -5,
    });
    const t: Transition = {
      ...transition,
      balance: { ...transition.balance, realizedPnl: -(2n ** 70n) - 1n, feesPaid: huge },
      orders: [...transition.orders, order],
      fills: transition.fills.map((fill) => ({ ...fill, fee: -(2n ** 64n) })),
      positions: [{ ...transition.positions[0]!, entryNotional: -big, realizedPnl: 2n ** 100n }],
    };
    await store().commit(t);
    const state = await store().load(id);
    expect(state?.balance).toEqual(t.balance);
    expect(state?.balance.cash).toBe(t.balance.cash);
    expect(state?.openOrders).toEqual([order]);
    expect(state?.positions).toEqual(t.positions);
    expect((await store().listFills(id, { limit: 1 }))[0]?.fee).toBe(-(2n ** 64n));
  });

  it('finds an order by id and by client order id, and updates it in place', async () => {
    const id = accountId('upsert');
    const chain = startChain(id);
    const order = makeOrder(id, 1);
    await store().commit({
      accountId: id,
      balance: { ...chain.balance, seq: 1, nextOrderNumber: 2 },
      orders: [order],
      fills: [],
      positions: [],
    });
    expect(await store().findOrderByClientId(id, 'c_1')).toEqual(order);
    const cancelled = { ...order, status: 'cancelled' as const, updatedAt: order.updatedAt + 5 };
    await store().commit({
      accountId: id,
      balance: { ...chain.balance, seq: 2, nextOrderNumber: 2 },
      orders: [cancelled],
      fills: [],
      positions: [],
    });
    expect(await store().getOrder(id, 'o_1')).toEqual(cancelled);
    expect(await store().listOrders(id, { limit: 10 })).toEqual([cancelled]);
    expect(await store().getOrder(id, 'o_2')).toBeNull();
    expect(await store().findOrderByClientId(id, 'nope')).toBeNull();
    expect(await store().getOrder(accountId('other'), 'o_1')).toBeNull();
  });

  it('lists orders by status, newest first, in pages', async () => {
    const id = accountId('list');
    const statuses: OrderStatus[] = [
      'open',
      'filled',
      'pending',
      'cancelled',
      'partially_filled',
      'rejected',
    ];
    const orders = statuses.map((status, i) =>
      makeOrder(id, i + 1, {
        status,
        ...(status === 'rejected' ? { rejectCode: 'off_tick', rejectMessage: 'off the grid' } : {}),
      }),
    );
    const base = startChain(id).balance;
    await store().commit({
      accountId: id,
      balance: { ...base, seq: 1 },
      orders,
      fills: [],
      positions: [],
    });
    const ids = async (query: Parameters<PaperStore['listOrders']>[1]) =>
      (await store().listOrders(id, query)).map((order) => order.id);
    expect(await ids({ limit: 100 })).toEqual(['o_6', 'o_5', 'o_4', 'o_3', 'o_2', 'o_1']);
    expect(await ids({ limit: 100, status: 'open' })).toEqual(['o_5', 'o_3', 'o_1']);
    expect(await ids({ limit: 100, status: 'closed' })).toEqual(['o_6', 'o_4', 'o_2']);
    expect(await ids({ limit: 100, status: ['filled', 'rejected'] })).toEqual(['o_6', 'o_2']);
    expect(await ids({ limit: 100, status: [] })).toEqual([]);
    expect(await ids({ limit: 2 })).toEqual(['o_6', 'o_5']);
    expect(await ids({ limit: 2, before: 'o_5' })).toEqual(['o_4', 'o_3']);
    expect(await ids({ limit: 2, before: 'o_5', status: 'open' })).toEqual(['o_3', 'o_1']);
    expect((await store().listOrders(id, { limit: 1, status: ['rejected'] }))[0]).toMatchObject({
      rejectCode: 'off_tick',
      rejectMessage: 'off the grid',
    });
    const load = await store().load(id);
    expect(load?.openOrders.map((order) => order.id)).toEqual(['o_1', 'o_3', 'o_5']);
  });

  it('pages fills newest first by time', async () => {
    let chain = startChain(accountId('fills'));
    for (let i = 0; i < 4; i++) {
      const step = nextBuy(chain, 1000 * (i + 1));
      await store().commit(step.transition);
      chain = step.chain;
    }
    const page = (before?: string) =>
      store().listFills(chain.balance.accountId, { limit: 2, ...(before ? { before } : {}) });
    const first = await page();
    expect(first.map((fill) => [fill.id, fill.time])).toEqual([
      ['f_4', 4000],
      ['f_3', 3000],
    ]);
    expect((await page('f_3')).map((fill) => fill.id)).toEqual(['f_2', 'f_1']);
    expect(await page('f_1')).toEqual([]);
  });

  it('resets an account in one go: orders, fills and positions gone, cash restored', async () => {
    let chain = startChain(accountId('reset'));
    for (let i = 0; i < 3; i++) {
      const step = nextBuy(chain);
      await store().commit(step.transition);
      chain = step.chain;
    }
    const id = chain.balance.accountId;
    const balance = await store().resetAccount(id, 5_000n * ONE, 42);
    expect(balance).toEqual({
      ...chain.balance,
      cash: 5_000n * ONE,
      startingCash: 5_000n * ONE,
      feesPaid: 0n,
      realizedPnl: 0n,
      seq: 4,
      updatedAt: 42,
    });
    expect(await store().load(id)).toEqual({ balance, openOrders: [], positions: [] });
    expect(await store().listOrders(id, { limit: 10 })).toEqual([]);
    expect(await store().listFills(id, { limit: 10 })).toEqual([]);
    expect(await store().listPositions(id)).toEqual([]);
    // Trading continues after the reset with the next seq and fresh ids.
    const after = nextBuy({ balance, position: startChain(id).position });
    await store().commit(after.transition);
    expect((await store().listOrders(id, { limit: 10 }))[0]?.id).toBe('o_4');
    expect((await store().listPositions(id))[0]).toMatchObject({ inst: INST });
  });
}
