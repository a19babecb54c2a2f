import { beforeEach, describe, expect, it } from 'vitest';
import { BTC, btcBook, FakeMarket, makeEngine, request, T0 } from './test-support';

let market: FakeMarket;

beforeEach(() => {
  market = new FakeMarket();
  btcBook(market);
});

describe('stop (market) orders', () => {
  it('wait pending until a trade reaches the stop, then buy from the book', () => {
    const engine = makeEngine(market);
    const { order, transition } = engine.place(request({ type: 'stop', stopPrice: 6_510_000 }), T0);
    expect(order).toMatchObject({ status: 'pending', timeInForce: 'ioc' });
    expect(transition!.fills).toEqual([]);
    expect(engine.onTrade(BTC.id, { price: 6_509_900, size: 1 }, T0)).toBeNull();

    market.setBook(BTC.id, [6_510_000, 10_000], [6_511_000, 4_000, 6_512_000, 10_000], T0 + 1);
    const t = engine.onTrade(BTC.id, { price: 6_510_000, size: 1 }, T0 + 1)!;
    expect(t.orders[0]).toMatchObject({ id: order.id, status: 'filled', filledQuantity: 10_000 });
    expect(t.fills.map((f) => [f.price, f.quantity, f.liquidity])).toEqual([
      [6_511_000, 4_000, 'taker'],
      [6_512_000, 6_000, 'taker'],
    ]);
  });

  it('sell stops trigger on a trade at or below the stop', () => {
    const engine = makeEngine(market);
    engine.place(request({ type: 'stop', side: 'sell', stopPrice: 6_490_000 }), T0);
    expect(engine.onTrade(BTC.id, { price: 6_490_100, size: 1 }, T0)).toBeNull();
    const t = engine.onTrade(BTC.id, { price: 6_489_000, size: 1 }, T0)!;
    expect(t.orders[0]!.status).toBe('filled');
    expect(t.fills[0]).toMatchObject({ side: 'sell', price: 6_499_000, quantity: 10_000 });
    expect(t.positions[0]!.quantity).toBe(-10_000);
  });

  it('are cancelled with no_liquidity when the book is empty at the trigger', () => {
    const engine = makeEngine(market);
    engine.place(request({ type: 'stop', stopPrice: 6_510_000 }), T0);
    market.setBook(BTC.id, [6_499_000, 10_000], [], T0);
    const t = engine.onTrade(BTC.id, { price: 6_510_000, size: 1 }, T0)!;
    expect(t.orders[0]).toMatchObject({ status: 'cancelled', rejectCode: 'no_liquidity' });
    expect(engine.state().openOrders).toEqual([]);
  });

  it('are cancelled with stale_market when the book is old at the trigger', () => {
    const engine = makeEngine(market);
    engine.place(request({ type: 'stop', stopPrice: 6_510_000 }), T0);
    const t = engine.onTrade(BTC.id, { price: 6_510_000, size: 1 }, T0 + 10_000)!;
    expect(t.orders[0]).toMatchObject({ status: 'cancelled', rejectCode: 'stale_market' });
  });

  it('trigger in stop order, several on one trade, in one transition', () => {
    const engine = makeEngine(market);
    const a = engine.place(request({ type: 'stop', stopPrice: 6_505_000, quantity: 1_000 }), T0);
    const b = engine.place(request({ type: 'stop', stopPrice: 6_503_000, quantity: 1_000 }), T0);
    const t = engine.onTrade(BTC.id, { price: 6_506_000, size: 1 }, T0)!;
    expect(t.orders.map((o) => o.id)).toEqual([b.order.id, a.order.id]);
    expect(t.balance.seq).toBe(3);
  });
});

describe('stop-limit orders', () => {
  it('become limits at the trigger: take what crosses, rest the rest, fill later as maker', () => {
    const engine = makeEngine(market);
    const { order } = engine.place(
      request({ type: 'stop_limit', stopPrice: 6_501_000, limitPrice: 6_501_500 }),
      T0,
    );
    expect(order.status).toBe('pending');
    const t = engine.onTrade(BTC.id, { price: 6_501_000, size: 1 }, T0)!;
    expect(t.orders[0]).toMatchObject({ status: 'partially_filled', filledQuantity: 5_000 });
    expect(t.fills).toEqual([expect.objectContaining({ price: 6_501_000, liquidity: 'taker' })]);
    expect(engine.state().openOrders.map((o) => o.status)).toEqual(['partially_filled']);

    const later = engine.onTrade(BTC.id, { price: 6_501_500, size: 10_000 }, T0)!;
    expect(later.fills[0]).toMatchObject({ price: 6_501_500, quantity: 5_000, liquidity: 'maker' });
    expect(later.orders[0]!.status).toBe('filled');
  });

  it('sell stop-limits rest above the market when nothing crosses', () => {
    const engine = makeEngine(market);
    engine.place(
      request({ type: 'stop_limit', side: 'sell', stopPrice: 6_499_500, limitPrice: 6_500_000 }),
      T0,
    );
    const t = engine.onTrade(BTC.id, { price: 6_499_500, size: 1 }, T0)!;
    expect(t.orders[0]).toMatchObject({ status: 'open', filledQuantity: 0 });
    expect(t.fills).toEqual([]);
  });

  it('IOC stop-limits cancel what does not fill at the trigger', () => {
    const engine = makeEngine(market);
    engine.place(
      request({
        type: 'stop_limit',
        stopPrice: 6_501_000,
        limitPrice: 6_501_500,
        timeInForce: 'ioc',
      }),
      T0,
    );
    const t = engine.onTrade(BTC.id, { price: 6_501_000, size: 1 }, T0)!;
    expect(t.orders[0]).toMatchObject({ status: 'cancelled', filledQuantity: 5_000 });
  });

  it('need both prices', () => {
    const engine = makeEngine(market);
    const { order } = engine.place(request({ type: 'stop_limit', stopPrice: 6_501_000 }), T0);
    expect(order).toMatchObject({ status: 'rejected', rejectCode: 'invalid_order' });
    const stop = engine.place(request({ type: 'stop' }), T0).order;
    expect(stop.rejectCode).toBe('invalid_order');
  });
});
