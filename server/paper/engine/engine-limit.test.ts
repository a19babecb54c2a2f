import { beforeEach, describe, expect, it } from 'vitest';
import { BTC, btcBook, FakeMarket, makeEngine, request, T0, usd } from './test-support';

let market: FakeMarket;

beforeEach(() => {
  market = new FakeMarket();
  btcBook(market);
});

const limit = (price: number, fields: Parameters<typeof request>[0] = {}) =>
  request({ type: 'limit', limitPrice: price, ...fields });

describe('GTC limit orders', () => {
  it('rest when they do not cross, with no fills or position', () => {
    const engine = makeEngine(market);
    const { order, transition } = engine.place(limit(6_500_000), T0);
    expect(order.status).toBe('open');
    expect(transition).toMatchObject({ fills: [], positions: [] });
    expect(transition!.orders).toEqual([order]);
    expect(engine.state().openOrders).toEqual([order]);
  });

  it('fill at their own price when trades reach them, partially by the traded size', () => {
    const engine = makeEngine(market);
    const { order } = engine.place(limit(6_500_000), T0);
    expect(engine.onTrade(BTC.id, { price: 6_500_100, size: 50_000 }, T0 + 1)).toBeNull();

    const first = engine.onTrade(BTC.id, { price: 6_500_000, size: 3_000 }, T0 + 2)!;
    expect(first.orders[0]).toMatchObject({
      id: order.id,
      status: 'partially_filled',
      filledQuantity: 3_000,
    });
    expect(first.fills[0]).toMatchObject({
      price: 6_500_000,
      quantity: 3_000,
      liquidity: 'maker',
      fee: usd('3.9'),
    });

    const second = engine.onTrade(BTC.id, { price: 6_490_000, size: 20_000 }, T0 + 3)!;
    expect(second.fills[0]).toMatchObject({ price: 6_500_000, quantity: 7_000 });
    expect(second.orders[0]).toMatchObject({ status: 'filled', filledNotional: usd('65000') });
    expect(second.balance.seq).toBe(3);
    expect(engine.state().openOrders).toEqual([]);
  });

  it('sell limits fill when the market trades at or above them', () => {
    const engine = makeEngine(market);
    engine.place(limit(6_510_000, { side: 'sell' }), T0);
    expect(engine.onTrade(BTC.id, { price: 6_509_900, size: 50_000 }, T0)).toBeNull();
    const t = engine.onTrade(BTC.id, { price: 6_510_000, size: 50_000 }, T0)!;
    expect(t.orders[0]!.status).toBe('filled');
    expect(t.positions[0]).toMatchObject({ quantity: -10_000, entryNotional: usd('-65100') });
  });

  it('share a trade best price first, then oldest first', () => {
    const engine = makeEngine(market, { startingCash: usd('1000000') });
    const a = engine.place(limit(6_500_000), T0).order;
    const b = engine.place(limit(6_500_500), T0).order;
    const c = engine.place(limit(6_500_500), T0).order;
    const t = engine.onTrade(BTC.id, { price: 6_499_000, size: 15_000 }, T0)!;
    expect(t.fills.map((f) => [f.orderId, f.quantity])).toEqual([
      [b.id, 10_000],
      [c.id, 5_000],
    ]);
    expect(engine.findOrder(a.id)!.filledQuantity).toBe(0);
    expect(t.balance.seq).toBe(4);
  });

  it('take liquidity up to the limit when they cross, and rest the rest as maker', () => {
    const engine = makeEngine(market);
    const { order, transition, slippage } = engine.place(limit(6_501_500), T0);
    expect(order).toMatchObject({ status: 'partially_filled', filledQuantity: 5_000 });
    expect(transition!.fills).toEqual([
      expect.objectContaining({ price: 6_501_000, quantity: 5_000, liquidity: 'taker' }),
    ]);
    expect(slippage).toBe(0n);
    const later = engine.onTrade(BTC.id, { price: 6_501_500, size: 5_000 }, T0)!;
    expect(later.fills[0]).toMatchObject({ price: 6_501_500, quantity: 5_000, liquidity: 'maker' });
    expect(later.orders[0]!.status).toBe('filled');
  });

  it('filled entirely on entry are final', () => {
    const engine = makeEngine(market);
    const { order } = engine.place(limit(6_502_000, { quantity: 5_000 }), T0);
    expect(order.status).toBe('filled');
    expect(engine.state().openOrders).toEqual([]);
  });
});

describe('IOC limit orders', () => {
  it('cancel the remainder after taking what crosses', () => {
    const engine = makeEngine(market);
    const { order, transition } = engine.place(limit(6_501_500, { timeInForce: 'ioc' }), T0);
    expect(order).toMatchObject({ status: 'cancelled', filledQuantity: 5_000, rejectCode: null });
    expect(transition!.fills).toHaveLength(1);
    expect(engine.state().openOrders).toEqual([]);
  });

  it('are cancelled without fills when nothing crosses', () => {
    const engine = makeEngine(market);
    const { order, transition } = engine.place(limit(6_500_000, { timeInForce: 'ioc' }), T0);
    expect(order).toMatchObject({ status: 'cancelled', filledQuantity: 0 });
    expect(transition!.fills).toEqual([]);
  });
});

describe('post-only orders', () => {
  it('are rejected when they would cross', () => {
    const engine = makeEngine(market);
    const buy = engine.place(limit(6_501_000, { postOnly: true }), T0).order;
    expect(buy).toMatchObject({ status: 'rejected', rejectCode: 'post_only_would_cross' });
    expect(buy.rejectMessage).toContain('65010.00');
    const sell = engine.place(limit(6_499_000, { side: 'sell', postOnly: true }), T0).order;
    expect(sell.rejectCode).toBe('post_only_would_cross');
  });

  it('rest when they do not cross and fill as maker', () => {
    const engine = makeEngine(market);
    const { order } = engine.place(limit(6_500_900, { postOnly: true }), T0);
    expect(order.status).toBe('open');
    const t = engine.onTrade(BTC.id, { price: 6_500_900, size: 10_000 }, T0)!;
    expect(t.fills[0]!.liquidity).toBe('maker');
  });

  it('cannot be IOC or anything but a limit', () => {
    const engine = makeEngine(market);
    expect(
      engine.place(limit(6_500_000, { postOnly: true, timeInForce: 'ioc' }), T0).order.rejectCode,
    ).toBe('invalid_order');
    expect(engine.place(request({ type: 'market', postOnly: true }), T0).order.rejectCode).toBe(
      'invalid_order',
    );
  });
});
