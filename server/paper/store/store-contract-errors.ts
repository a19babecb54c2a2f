/**
 * The contract's refusals: each bad write throws a PaperStoreError with a clear message and
 * leaves the account exactly as it was.
 */
import { expect, it } from 'vitest';
import type { Transition } from '../types';
import type { PaperStore } from './paper-store';
import { accountId, makeOrder, nextBuy, startChain, type Chain } from './test-fixtures';

async function committedChain(store: PaperStore, label: string, steps: number): Promise<Chain> {
  let chain = startChain(accountId(label));
  for (let i = 0; i < steps; i++) {
    const step = nextBuy(chain);
    await store.commit(step.transition);
    chain = step.chain;
  }
  return chain;
}

/** Commits `bad`, expects a refusal matching `code` and `message`, and checks nothing changed. */
async function expectRefused(
  store: PaperStore,
  bad: unknown,
  code: string,
  message: RegExp,
): Promise<void> {
  const id = (bad as Transition).accountId;
  const before = {
    state: await store.load(id),
    orders: await store.listOrders(id, { limit: 1000 }),
    fills: await store.listFills(id, { limit: 1000 }),
  };
  const error: unknown = await store.commit(bad as Transition).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toMatchObject({ name: 'PaperStoreError', code });
  expect((error as Error).message).toMatch(message);
  expect({
    state: await store.load(id),
    orders: await store.listOrders(id, { limit: 1000 }),
    fills: await store.listFills(id, { limit: 1000 }),
  }).toEqual(before);
}

/** The contract's refusal cases. */
export function storeErrorContract(store: () => PaperStore): void {
  it('refuses a seq that does not follow the stored one', async () => {
    const chain = await committedChain(store(), 'seq', 2);
    const { transition } = nextBuy(chain);
    const skipped = { ...transition, balance: { ...transition.balance, seq: 5 } };
    await expectRefused(store(), skipped, 'seq_conflict', /seq 5 does not follow the stored seq 2/);
    const replayed = { ...transition, balance: { ...transition.balance, seq: 2 } };
    await expectRefused(store(), replayed, 'seq_conflict', /seq 2/);
    const restart = { ...transition, balance: { ...transition.balance, seq: 1 } };
    await expectRefused(store(), restart, 'seq_conflict', /seq 1/);
    const fresh = nextBuy(startChain(accountId('fresh'))).transition;
    const noAccount = { ...fresh, balance: { ...fresh.balance, seq: 2 } };
    await expectRefused(store(), noAccount, 'seq_conflict', /new account must start at 1/);
  });

  it('lets exactly one of two racing writers of the same seq through', async () => {
    const chain = await committedChain(store(), 'race', 1);
    const a = nextBuy(chain).transition;
    const b: Transition = {
      ...a,
      orders: a.orders.map((o) => ({ ...o, id: 'o_b', clientOrderId: 'c_b' })),
      fills: a.fills.map((f) => ({ ...f, id: 'f_b', orderId: 'o_b' })),
    };
    const results = await Promise.allSettled([store().commit(a), store().commit(b)]);
    const id = chain.balance.accountId;
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected');
    expect(rejected?.status === 'rejected' && rejected.reason).toMatchObject({
      code: 'seq_conflict',
    });
    const stored = (await store().listOrders(id, { limit: 10 })).map((o) => o.id);
    expect(stored.length).toBe(2);
    expect(stored.includes('o_2') !== stored.includes('o_b')).toBe(true);
    expect((await store().load(id))?.balance.seq).toBe(2);
  });

  it('refuses a fill id that is already stored, writing nothing', async () => {
    const chain = await committedChain(store(), 'dupfill', 1);
    const { transition } = nextBuy(chain);
    const bad = { ...transition, fills: transition.fills.map((f) => ({ ...f, id: 'f_1' })) };
    await expectRefused(store(), bad, 'duplicate_fill', /fill id .*already stored.*f_1/);
  });

  it('refuses a second order with a client order id already used', async () => {
    const chain = await committedChain(store(), 'dupcoid', 1);
    const { transition } = nextBuy(chain);
    const bad = {
      ...transition,
      orders: transition.orders.map((o) => ({ ...o, clientOrderId: 'c_1' })),
    };
    await expectRefused(store(), bad, 'duplicate_client_order_id', /client order id c_1/);
  });

  it('refuses to rewrite an order under another client order id', async () => {
    const chain = await committedChain(store(), 'rewrite', 1);
    const { transition } = nextBuy(chain);
    const bad = {
      ...transition,
      orders: [...transition.orders, makeOrder(chain.balance.accountId, 1, { clientOrderId: 'x' })],
    };
    await expectRefused(store(), bad, 'duplicate_order', /order o_1 is stored with another/);
  });

  const malformed: [string, (t: Transition) => unknown, RegExp][] = [
    [
      'a fractional fee',
      (t) => ({ ...t, fills: [{ ...t.fills[0], fee: 1.5 }] }),
      /fills\[0\]\.fee: expected an integer money amount \(bigint\), got 1\.5/,
    ],
    [
      'cash as a string',
      (t) => ({ ...t, balance: { ...t.balance, cash: '100' } }),
      /balance\.cash: expected an integer money amount/,
    ],
    [
      'a 41-digit amount',
      (t) => ({ ...t, balance: { ...t.balance, cash: 10n ** 40n } }),
      /balance\.cash: money amount has more than 40 digits/,
    ],
    [
      'a fractional quantity',
      (t) => ({ ...t, orders: [{ ...t.orders[0], quantity: 2.5 }] }),
      /orders\[0\]\.quantity: expected a safe integer/,
    ],
    [
      'an unsafe integer price',
      (t) => ({ ...t, fills: [{ ...t.fills[0], price: 2 ** 60 }] }),
      /fills\[0\]\.price/,
    ],
    [
      'a seq of 0',
      (t) => ({ ...t, balance: { ...t.balance, seq: 0 } }),
      /balance\.seq: expected > 0/,
    ],
    [
      'an unknown status',
      (t) => ({ ...t, orders: [{ ...t.orders[0], status: 'done' }] }),
      /orders\[0\]\.status: expected one of/,
    ],
    [
      'another account’s fill',
      (t) => ({ ...t, fills: [{ ...t.fills[0], accountId: 'x' }] }),
      /fills\[0\]\.accountId: belongs to "x"/,
    ],
    [
      'the same fill twice',
      (t) => ({ ...t, fills: [t.fills[0], t.fills[0]] }),
      /fills\[1\]: appears twice/,
    ],
    [
      'filled more than the quantity',
      (t) => ({ ...t, orders: [{ ...t.orders[0], filledQuantity: 99 }] }),
      /exceeds quantity/,
    ],
    ['fills not an array', (t) => ({ ...t, fills: null }), /fills: expected an array/],
    ['a missing balance', (t) => ({ ...t, balance: undefined }), /balance: expected an object/],
  ];
  it.each(malformed)(
    'refuses a transition with %s, writing nothing',
    async (_label, mutate, message) => {
      const chain = await committedChain(store(), 'malformed', 1);
      await expectRefused(
        store(),
        mutate(nextBuy(chain).transition),
        'invalid_transition',
        message,
      );
    },
  );

  it('refuses bad list queries and resets of unknown accounts clearly', async () => {
    const id = (await committedChain(store(), 'query', 1)).balance.accountId;
    await expect(store().listOrders(id, { limit: 0 })).rejects.toThrow(
      /limit must be 1…1000, got 0/,
    );
    await expect(store().listFills(id, { limit: 1.5 })).rejects.toThrow(/limit must be/);
    await expect(store().listOrders(id, { limit: 5, before: 'o_9' })).rejects.toThrow(
      /no order o_9/,
    );
    await expect(store().listFills(id, { limit: 5, before: 'f_9' })).rejects.toThrow(/no fill f_9/);
    await expect(store().resetAccount(accountId('ghost'), 1n, 1)).rejects.toMatchObject({
      code: 'unknown_account',
    });
  });
}
