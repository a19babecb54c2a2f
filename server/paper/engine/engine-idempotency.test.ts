import { beforeEach, describe, expect, it } from 'vitest';
import type { Order } from '../types';
import { btcBook, FakeMarket, makeEngine, request, T0 } from './test-support';

let market: FakeMarket;

beforeEach(() => {
  market = new FakeMarket();
  btcBook(market);
});

describe('idempotency by client order id', () => {
  it('a repeat of an open order returns it and creates nothing', () => {
    const engine = makeEngine(market);
    const first = engine.place(request({ clientOrderId: 'k1', limitPrice: 6_500_000 }), T0);
    const again = engine.place(request({ clientOrderId: 'k1', limitPrice: 6_400_000 }), T0 + 1);
    expect(again).toEqual({
      order: first.order,
      transition: null,
      duplicate: true,
      slippage: null,
    });
    expect(engine.state().openOrders).toHaveLength(1);
    expect(engine.state().balance).toMatchObject({ seq: 1, nextOrderNumber: 2 });
  });

  it('a repeat after the order filled returns the filled order, without a second fill', () => {
    const engine = makeEngine(market);
    const first = engine.place(request({ clientOrderId: 'k2', type: 'market' }), T0);
    expect(first.order.status).toBe('filled');
    const cash = engine.state().balance.cash;
    const again = engine.place(request({ clientOrderId: 'k2', type: 'market' }), T0);
    expect(again.duplicate).toBe(true);
    expect(again.order).toEqual(first.order);
    expect(engine.state().balance.cash).toBe(cash);
  });

  it('a repeat of a rejected order returns the same rejection', () => {
    const engine = makeEngine(market);
    const first = engine.place(request({ clientOrderId: 'k3', symbol: 'NOPE', limitPrice: 1 }), T0);
    const again = engine.place(request({ clientOrderId: 'k3', limitPrice: 6_500_000 }), T0);
    expect(again.order).toEqual(first.order);
    expect(again.order.rejectCode).toBe('unknown_instrument');
  });

  it('finds final orders the engine forgot through the store lookup', () => {
    const stored = new Map<string, Order>();
    const engine = makeEngine(market, {
      recentOrderCapacity: 1,
      findOrderByClientId: (id) => stored.get(id),
    });
    const a = engine.place(request({ clientOrderId: 'a', type: 'market', quantity: 1_000 }), T0);
    stored.set('a', a.transition!.orders[0]!);
    engine.place(request({ clientOrderId: 'b', type: 'market', quantity: 1_000 }), T0);
    expect(engine.findByClientOrderId('a')).toBeNull();
    const again = engine.place(
      request({ clientOrderId: 'a', type: 'market', quantity: 1_000 }),
      T0,
    );
    expect(again).toMatchObject({ duplicate: true, transition: null, order: { id: a.order.id } });
  });

  it('accepts the store answer passed to place (an async lookup done by the caller)', () => {
    const engine = makeEngine(market);
    const old = engine.place(request({ type: 'market', quantity: 1_000 }), T0).order;
    const restarted = makeEngine(market, { initialState: engine.state() });
    const again = restarted.place(
      request({ clientOrderId: old.clientOrderId, type: 'market' }),
      T0,
      old,
    );
    expect(again).toMatchObject({ duplicate: true, order: old });
    expect(restarted.state().balance.nextOrderNumber).toBe(2);
  });

  it('recognizes open orders loaded from the store after a restart', () => {
    const engine = makeEngine(market);
    const open = engine.place(request({ clientOrderId: 'rest', limitPrice: 6_500_000 }), T0).order;
    const restarted = makeEngine(market, { initialState: engine.state() });
    const again = restarted.place(request({ clientOrderId: 'rest', limitPrice: 6_500_000 }), T0);
    expect(again).toMatchObject({ duplicate: true, order: open });
  });
});
