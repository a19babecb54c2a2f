import { beforeEach, describe, expect, it } from 'vitest';
import { averagePrice } from './money';
import { BTC, btcBook, FakeMarket, makeEngine, request, T0, usd } from './test-support';

let market: FakeMarket;

beforeEach(() => {
  market = new FakeMarket();
  btcBook(market);
});

describe('market orders', () => {
  it('walk the asks across levels with one taker fill per level', () => {
    const engine = makeEngine(market);
    const { order, transition, slippage } = engine.place(
      request({ type: 'market', quantity: 12_000 }),
      T0,
    );
    expect(order).toMatchObject({
      id: 'o_0000000001',
      status: 'filled',
      filledQuantity: 12_000,
      filledNotional: usd('78019'),
      timeInForce: 'ioc',
    });
    expect(averagePrice(BTC, order.filledNotional, order.filledQuantity)).toBe(6_501_583);
    expect(slippage).toBe(usd('7'));
    expect(transition!.fills.map((f) => [f.id, f.price, f.quantity, f.liquidity, f.fee])).toEqual([
      ['f_0000000001', 6_501_000, 5_000, 'taker', usd('16.2525')],
      ['f_0000000002', 6_502_000, 7_000, 'taker', usd('22.757')],
    ]);
    expect(transition!.balance).toMatchObject({
      cash: usd('21941.9905'),
      feesPaid: usd('39.0095'),
      seq: 1,
      nextOrderNumber: 2,
      nextFillNumber: 3,
    });
    expect(transition!.positions).toEqual([
      expect.objectContaining({ inst: BTC.id, quantity: 12_000, entryNotional: usd('78019') }),
    ]);
  });

  it('sell into the bids, opening a short', () => {
    const engine = makeEngine(market);
    const { order, transition, slippage } = engine.place(
      request({ type: 'market', side: 'sell', quantity: 15_000 }),
      T0,
    );
    expect(order).toMatchObject({ status: 'filled', filledNotional: usd('97480') });
    expect(slippage).toBe(usd('5'));
    expect(transition!.positions[0]).toMatchObject({
      quantity: -15_000,
      entryNotional: usd('-97480'),
    });
  });

  it('fill what the book has and cancel the rest', () => {
    const engine = makeEngine(market, { startingCash: usd('1000000') });
    const { order, transition } = engine.place(request({ type: 'market', quantity: 40_000 }), T0);
    expect(order).toMatchObject({ status: 'cancelled', filledQuantity: 35_000, rejectCode: null });
    expect(transition!.fills).toHaveLength(3);
    expect(engine.state().openOrders).toEqual([]);
  });

  it('are rejected with no_liquidity when the opposite side is empty', () => {
    market.setBook(BTC.id, [6_499_000, 10_000], []);
    const engine = makeEngine(market);
    const { order, transition } = engine.place(request({ type: 'market' }), T0);
    expect(order).toMatchObject({
      status: 'rejected',
      rejectCode: 'no_liquidity',
      filledQuantity: 0,
    });
    expect(transition!.fills).toEqual([]);
    expect(transition!.balance.cash).toBe(usd('100000'));
  });

  it('ignore a time in force and a limit price is refused', () => {
    const engine = makeEngine(market);
    const { order } = engine.place(request({ type: 'market', limitPrice: 6_501_000 }), T0);
    expect(order).toMatchObject({ status: 'rejected', rejectCode: 'invalid_order' });
  });
});
