import { beforeEach, describe, expect, it } from 'vitest';
import type { OrderRequest, RejectCode } from '../types';
import {
  BTC,
  btcBook,
  EUR,
  FakeMarket,
  makeEngine,
  NICKEL,
  PEPE,
  request,
  T0,
  USDJPY,
  usd,
} from './test-support';

let market: FakeMarket;

beforeEach(() => {
  market = new FakeMarket();
  btcBook(market);
  market.setBook(PEPE.id, [89_000, 10_000_000], [90_000, 10_000_000]);
  market.setBook(EUR.id, [108_490, 1_000_000], [108_500, 1_000_000]);
  market.setBook(NICKEL.id, [995, 100], [1_005, 100]);
  market.setBook(USDJPY.id, [155_000, 1_000_000], [155_010, 1_000_000]);
});

function rejectionOf(
  fields: Partial<OrderRequest>,
  now = T0,
): { code: RejectCode | null; message: string | null } {
  const engine = makeEngine(market);
  const { order, transition } = engine.place(request(fields), now);
  expect(order.status).toBe('rejected');
  // recorded: the rejected order is persisted with the next seq, and nothing else changes
  expect(transition).toMatchObject({
    fills: [],
    positions: [],
    balance: { seq: 1, cash: usd('100000') },
  });
  expect(transition!.orders).toEqual([order]);
  return { code: order.rejectCode, message: order.rejectMessage };
}

describe('validation', () => {
  it('unknown instrument', () => {
    expect(rejectionOf({ symbol: 'NOPE-USD', limitPrice: 100 })).toEqual({
      code: 'unknown_instrument',
      message: 'unknown instrument NOPE-USD',
    });
  });

  it('instrument quoted in another currency', () => {
    const { code, message } = rejectionOf({
      symbol: USDJPY.symbol,
      type: 'market',
      quantity: 1_000,
    });
    expect(code).toBe('unsupported_currency');
    expect(message).toContain('JPY');
  });

  it('price off the tick grid (limit and stop)', () => {
    expect(rejectionOf({ symbol: NICKEL.symbol, limitPrice: 1_002, quantity: 1 }).code).toBe(
      'off_tick',
    );
    expect(
      rejectionOf({ symbol: NICKEL.symbol, type: 'stop', stopPrice: 1_013, quantity: 1 }).message,
    ).toBe('stop price 10.13 is not on the tick grid (0.05)');
  });

  it('quantity off the lot grid', () => {
    const { code, message } = rejectionOf({ symbol: EUR.symbol, type: 'market', quantity: 1_500 });
    expect(code).toBe('off_lot');
    expect(message).toBe('quantity 1500 is not a multiple of the lot 1000');
  });

  it('quantity below one lot', () => {
    expect(rejectionOf({ symbol: EUR.symbol, type: 'market', quantity: 500 }).code).toBe(
      'below_min_quantity',
    );
  });

  it('value below the minimum notional', () => {
    // 100 PEPE at 0.000009 = 0.0009 USD
    const { code, message } = rejectionOf({ symbol: PEPE.symbol, type: 'market', quantity: 100 });
    expect(code).toBe('below_min_notional');
    expect(message).toBe('order value 0.00 USD is below the minimum 1.00 USD');
  });

  it('insufficient buying power', () => {
    const { code, message } = rejectionOf({ limitPrice: 6_500_000, quantity: 20_000 });
    expect(code).toBe('insufficient_buying_power');
    expect(message).toBe(
      'the order needs 130065.00 USD of buying power (fee included); 100000.00 USD available',
    );
  });

  it('market closed', () => {
    market.closed.add(BTC.id);
    expect(rejectionOf({ type: 'market' }).code).toBe('market_closed');
  });

  it('stale or missing book', () => {
    expect(rejectionOf({ type: 'market' }, T0 + 5_001).code).toBe('stale_market');
    expect(rejectionOf({ limitPrice: 6_400_000 }, T0 + 5_001).code).toBe('stale_market');
    expect(rejectionOf({ symbol: 'AAPL', type: 'market', quantity: 1 }).code).toBe('stale_market');
    const engine = makeEngine(market);
    expect(
      engine.place(request({ type: 'market', quantity: 1_000 }), T0 + 5_000).order.status,
    ).toBe('filled');
  });

  it('malformed requests that got past the API guard', () => {
    const cases: Array<Partial<OrderRequest>> = [
      { type: 'limit', limitPrice: null },
      { type: 'market', stopPrice: 6_500_000 },
      { quantity: 0, limitPrice: 6_500_000 },
      { quantity: 1.5, limitPrice: 6_500_000 },
      { limitPrice: -5 },
      { side: 'hold' as 'buy', limitPrice: 6_500_000 },
      { timeInForce: 'fok' as 'gtc', limitPrice: 6_500_000 },
    ];
    for (const fields of cases) expect(rejectionOf(fields).code).toBe('invalid_order');
  });

  it('throws on a client order id that cannot be an idempotency key', () => {
    const engine = makeEngine(market);
    for (const clientOrderId of ['', 'has space', 'x'.repeat(65)]) {
      expect(() => engine.place(request({ clientOrderId, type: 'market' }), T0)).toThrow(
        RangeError,
      );
    }
    expect(engine.state().balance).toMatchObject({ seq: 0, nextOrderNumber: 1 });
  });
});
