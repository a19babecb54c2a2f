import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BTC, btcBook, FakeMarket, INSTRUMENTS, request } from '../engine/test-support';
import { openPaperStore } from '../store/open-paper-store';
import type { PaperStore } from '../store/paper-store';
import type { Transition } from '../types';
import { PaperService, PaperUnavailableError, type AccountChange } from './paper-service';

let store: PaperStore;
let accounts = 0;

beforeAll(async () => {
  store = await openPaperStore({ dataDir: 'memory://' });
}, 120_000);

afterAll(async () => {
  await store.close();
});

/** A store whose commits can be made to fail, recording when each commit finished. */
function flakyStore(inner: PaperStore) {
  const log: string[] = [];
  let failNext = 0;
  const wrapped: PaperStore = {
    ...inner,
    backend: inner.backend,
    async commit(transition: Transition) {
      if (failNext > 0) {
        failNext--;
        log.push(`refused ${transition.balance.seq}`);
        throw new Error('disk on fire');
      }
      await inner.commit(transition);
      log.push(`committed ${transition.balance.seq}`);
    },
  };
  return { store: wrapped, log, failOnce: () => (failNext = 1) };
}

function setup(now = () => Date.now()) {
  const market = new FakeMarket();
  btcBook(market, now());
  const flaky = flakyStore(store);
  const changes: AccountChange[] = [];
  const service = new PaperService({
    store: flaky.store,
    instruments: INSTRUMENTS,
    market,
    accountId: `svc${++accounts}`,
    now,
  });
  service.subscribe((change) => {
    changes.push(change);
    if (change.type === 'update') flaky.log.push(`published ${change.account.seq}`);
  });
  return { service, market, changes, ...flaky };
}

describe('PaperService', () => {
  it('starts a new account with the starting cash and nothing stored', async () => {
    const { service } = setup();
    await service.start();
    const account = await service.account();
    expect(account).toMatchObject({ cash: '100000.00000000', seq: 0, equity: '100000.00000000' });
    expect(await store.getBalance(service.accountId)).toBeNull();
  });

  it('publishes a change only after its commit resolved, in commit order', async () => {
    const { service, log } = setup();
    await service.start();
    await Promise.all([
      service.place(request({ limitPrice: 6_400_000 })),
      service.place(request({ type: 'market', quantity: 1_000 })),
      service.place(request({ side: 'sell', limitPrice: 6_600_000 })),
    ]);
    expect(log).toEqual([
      'committed 1',
      'published 1',
      'committed 2',
      'published 2',
      'committed 3',
      'published 3',
    ]);
  });

  it('serializes concurrent repeats of one clientOrderId into one stored order', async () => {
    const { service } = setup();
    await service.start();
    const same = request({ limitPrice: 6_400_000 });
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => service.place(same)));
    expect(outcomes.filter((o) => !o.duplicate)).toHaveLength(1);
    expect(new Set(outcomes.map((o) => o.order.id)).size).toBe(1);
    const stored = await store.listOrders(service.accountId, { limit: 100 });
    expect(stored.map((o) => o.clientOrderId)).toEqual([same.clientOrderId]);
  });

  it('answers a repeat from the store after a restart (the engine forgot it)', async () => {
    const first = setup();
    await first.service.start();
    const same = request({ type: 'market', quantity: 1_000 });
    const placed = await first.service.place(same);
    await first.service.close();
    const again = new PaperService({
      store,
      instruments: INSTRUMENTS,
      market: first.market,
      accountId: first.service.accountId,
    });
    await again.start();
    const repeat = await again.place(same);
    expect(repeat).toEqual({ order: placed.order, duplicate: true });
    expect(await store.listFills(first.service.accountId, { limit: 10 })).toHaveLength(1);
  });

  it('a failed commit changes nothing: no answer, no publish, engine rebuilt from the store', async () => {
    const { service, failOnce, changes } = setup();
    await service.start();
    await service.place(request({ type: 'market', quantity: 1_000 }));
    const before = await service.account();
    const positionsBefore = await service.positions();

    failOnce();
    await expect(
      service.place(request({ type: 'market', quantity: 1_000 })),
    ).rejects.toBeInstanceOf(PaperUnavailableError);
    expect(changes).toHaveLength(1);
    expect(await service.account()).toEqual(before);
    expect(await service.positions()).toEqual(positionsBefore);

    // The next command continues from the stored seq and ids: nothing was skipped or reused.
    const next = await service.place(request({ type: 'market', quantity: 1_000 }));
    expect(next.order).toMatchObject({ id: 'o_0000000002', status: 'filled' });
    expect((await service.account()).seq).toBe(2);
    const fills = await store.listFills(service.accountId, { limit: 10 });
    expect(fills.map((f) => f.id)).toEqual(['f_0000000002', 'f_0000000001']);
  });

  it('a failed commit of a cancel leaves the order open', async () => {
    const { service, failOnce } = setup();
    await service.start();
    const { order } = await service.place(request({ limitPrice: 6_400_000 }));
    failOnce();
    await expect(service.cancel(order.id)).rejects.toBeInstanceOf(PaperUnavailableError);
    expect((await service.snapshot((s) => s.orders)).map((o) => o.status)).toEqual(['open']);
    expect(await service.cancel(order.id)).toMatchObject({
      ok: true,
      order: { status: 'cancelled' },
    });
  });

  it('fills resting orders on market trades through the queue, skipping other instruments', async () => {
    const { service, changes } = setup();
    let listener: ((inst: number, price: number, size: number, time: number) => void) | null = null;
    const market = new FakeMarket();
    btcBook(market, Date.now());
    const svc = new PaperService({
      store,
      instruments: INSTRUMENTS,
      market,
      accountId: `svc${++accounts}`,
      onTrade: (l) => {
        listener = l;
        return () => (listener = null);
      },
    });
    await svc.start();
    svc.subscribe((c) => changes.push(c));
    const { order } = await svc.place(request({ limitPrice: 6_490_000, quantity: 10_000 }));
    expect(svc.hasLiveOrders(BTC.id)).toBe(true);
    expect(svc.hasLiveOrders(2)).toBe(false);
    listener!(2, 100, 1, Date.now());
    listener!(BTC.id, 6_489_000, 4_000, Date.now());
    listener!(BTC.id, 6_489_000, 10_000, Date.now());
    await svc.close();
    expect(listener).toBeNull();
    const stored = await store.getOrder(svc.accountId, order.id);
    expect(stored).toMatchObject({ status: 'filled', filledQuantity: 10_000 });
    expect(svc.hasLiveOrders(BTC.id)).toBe(false);
    const fills = await store.listFills(svc.accountId, { limit: 10 });
    expect(fills.map((f) => [f.quantity, f.liquidity])).toEqual([
      [6_000, 'maker'],
      [4_000, 'maker'],
    ]);
    await service.close();
  });

  it('reset deletes history, restores the cash and tells subscribers to take a snapshot', async () => {
    const { service, changes } = setup();
    await service.start();
    await service.place(request({ type: 'market', quantity: 1_000 }));
    const account = await service.reset();
    expect(account).toMatchObject({ cash: '100000.00000000', realizedPnl: '0.00000000', seq: 2 });
    expect(changes.at(-1)).toEqual({ type: 'reset' });
    expect(await service.positions()).toEqual([]);
    expect(await service.listFills({ limit: 10 })).toEqual([]);
  });

  it('refuses commands once closed', async () => {
    const { service } = setup();
    await service.start();
    await service.close();
    await expect(service.place(request({ type: 'market', quantity: 1_000 }))).rejects.toThrow(
      'closing',
    );
  });
});
