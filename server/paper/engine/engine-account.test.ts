import { beforeEach, describe, expect, it } from 'vitest';
import { accountSummary } from './account-summary';
import { instrumentLookup } from './engine-options';
import {
  AAPL,
  BTC,
  btcBook,
  FakeMarket,
  INSTRUMENTS,
  makeEngine,
  request,
  T0,
  usd,
} from './test-support';

let market: FakeMarket;

beforeEach(() => {
  market = new FakeMarket();
  btcBook(market);
  market.setBook(AAPL.id, [18_999, 500], [19_001, 500]);
});

const rules = { instrument: instrumentLookup(INSTRUMENTS).byId, leverage: 1 };

describe('cancel', () => {
  it('cancels an open order and frees its buying power', () => {
    const engine = makeEngine(market);
    const { order } = engine.place(request({ limitPrice: 6_500_000 }), T0);
    expect(engine.summary().buyingPower).toBe(usd('35000'));
    const result = engine.cancel(order.id, T0 + 1);
    expect(result).toMatchObject({
      ok: true,
      order: { id: order.id, status: 'cancelled', updatedAt: T0 + 1 },
    });
    if (!result.ok) return;
    expect(result.transition.orders).toEqual([result.order]);
    expect(result.transition.balance.seq).toBe(2);
    expect(engine.summary().buyingPower).toBe(usd('100000'));
    expect(engine.onTrade(BTC.id, { price: 6_400_000, size: 100_000 }, T0)).toBeNull();
  });

  it('answers not_open for a final order and unknown_order for anything else', () => {
    const engine = makeEngine(market);
    const { order } = engine.place(request({ type: 'market', quantity: 1_000 }), T0);
    expect(engine.cancel(order.id, T0)).toMatchObject({
      ok: false,
      error: 'not_open',
      order: { id: order.id },
    });
    expect(engine.cancel('o_404', T0)).toEqual({ ok: false, error: 'unknown_order', order: null });
    expect(engine.state().balance.seq).toBe(1);
  });

  it('cancels pending stops too', () => {
    const engine = makeEngine(market);
    const { order } = engine.place(request({ type: 'stop', stopPrice: 6_600_000 }), T0);
    expect(engine.cancel(order.id, T0).ok).toBe(true);
    expect(engine.onTrade(BTC.id, { price: 6_600_000, size: 1 }, T0)).toBeNull();
  });
});

describe('cancelAll', () => {
  it('cancels one instrument’s orders, or all, in one transition', () => {
    const engine = makeEngine(market);
    engine.place(request({ limitPrice: 6_000_000, quantity: 1_000 }), T0);
    engine.place(
      request({ type: 'stop', side: 'sell', stopPrice: 6_000_000, quantity: 1_000 }),
      T0,
    );
    engine.place(request({ symbol: 'AAPL', limitPrice: 18_000, quantity: 1 }), T0);
    const btc = engine.cancelAll(BTC.id, T0);
    expect(btc.orders.map((o) => o.status)).toEqual(['cancelled', 'cancelled']);
    expect(btc.transition!.balance.seq).toBe(4);
    expect(engine.state().openOrders.map((o) => o.inst)).toEqual([AAPL.id]);
    expect(engine.cancelAll(null, T0).orders).toHaveLength(1);
    expect(engine.cancelAll(null, T0)).toEqual({ orders: [], transition: null });
  });
});

describe('account', () => {
  it('a fresh account has its starting cash as equity and buying power', () => {
    const summary = makeEngine(market).summary();
    expect(summary).toMatchObject({
      currency: 'USD',
      cash: usd('100000'),
      equity: usd('100000'),
      buyingPower: usd('100000'),
      unrealizedPnl: 0n,
    });
  });

  it('marks a long to the mid: cash, equity, unrealized and buying power exact', () => {
    const engine = makeEngine(market);
    engine.place(request({ type: 'market', quantity: 5_000 }), T0);
    expect(engine.summary()).toMatchObject({
      cash: usd('67478.7475'),
      positionsValue: usd('32500'),
      equity: usd('99978.7475'),
      unrealizedPnl: usd('-5'),
      feesPaid: usd('16.2525'),
      marginUsed: usd('32500'),
      buyingPower: usd('67478.7475'),
    });
    market.setBook(BTC.id, [7_000_000, 1], [7_000_200, 1]);
    // mid 70,001.00 × 0.5 − entry 32,505
    expect(engine.summary().unrealizedPnl).toBe(usd('2495.5'));
  });

  it('marks a short: receiving the proceeds does not raise equity', () => {
    const engine = makeEngine(market);
    engine.place(request({ type: 'market', side: 'sell', quantity: 5_000 }), T0);
    expect(engine.summary()).toMatchObject({
      cash: usd('132478.7525'),
      positionsValue: usd('-32500'),
      equity: usd('99978.7525'),
      unrealizedPnl: usd('-5'),
      buyingPower: usd('67478.7525'),
    });
  });

  it('keeps equity = starting cash + realized − fees + unrealized through trades and a flip', () => {
    const engine = makeEngine(market);
    engine.place(request({ type: 'market', quantity: 12_000 }), T0);
    engine.place(request({ type: 'market', side: 'sell', quantity: 5_000 }), T0);
    engine.place(request({ side: 'sell', limitPrice: 6_510_000, quantity: 10_000 }), T0);
    engine.onTrade(BTC.id, { price: 6_510_000, size: 10_000 }, T0);
    const s = engine.summary();
    expect(engine.state().positions[0]!.quantity).toBe(-3_000);
    expect(s.realizedPnl).not.toBe(0n);
    expect(s.equity).toBe(s.startingCash + s.realizedPnl - s.feesPaid + s.unrealizedPnl);
  });

  it('reserves resting orders, lets orders that reduce exposure through', () => {
    const engine = makeEngine(market);
    engine.place(request({ limitPrice: 6_500_000 }), T0);
    expect(engine.summary().buyingPower).toBe(usd('35000'));
    const more = engine.place(request({ limitPrice: 6_500_000, quantity: 6_000 }), T0).order;
    expect(more.rejectCode).toBe('insufficient_buying_power');
    // a sell of the same size does not add margin beyond the larger of the two directions
    const sell = engine.place(request({ side: 'sell', limitPrice: 6_600_000 }), T0).order;
    expect(sell.status).toBe('open');
    expect(engine.summary().buyingPower).toBe(usd('34000'));
  });

  it('allows closing a position even with no buying power left', () => {
    const engine = makeEngine(market, { startingCash: usd('32600') });
    engine.place(request({ type: 'market', quantity: 5_000 }), T0);
    const extra = engine.place(request({ type: 'market', quantity: 1_000 }), T0).order;
    expect(extra.rejectCode).toBe('insufficient_buying_power');
    const close = engine.place(
      request({ type: 'market', side: 'sell', quantity: 5_000 }),
      T0,
    ).order;
    expect(close.status).toBe('filled');
    expect(engine.state().positions[0]!.quantity).toBe(0);
  });

  it('leverage multiplies equity', () => {
    const engine = makeEngine(market, { leverage: 2 });
    expect(
      engine.place(request({ limitPrice: 6_500_000, quantity: 30_000 }), T0).order.status,
    ).toBe('open');
  });

  it('accountSummary of the stored state equals the engine’s own summary', () => {
    const engine = makeEngine(market);
    engine.place(request({ type: 'market', quantity: 5_000 }), T0);
    engine.place(request({ side: 'sell', limitPrice: 6_600_000, quantity: 8_000 }), T0);
    expect(accountSummary(engine.state(), market, rules)).toEqual(engine.summary());
  });
});

describe('reset', () => {
  it('cancels orders, zeroes positions and P&L, restores the cash, keeps numbering', () => {
    const engine = makeEngine(market);
    engine.place(request({ type: 'market', quantity: 5_000 }), T0);
    const open = engine.place(request({ limitPrice: 6_000_000, quantity: 1_000 }), T0).order;
    const t = engine.reset(T0 + 5);
    expect(t.orders).toEqual([expect.objectContaining({ id: open.id, status: 'cancelled' })]);
    expect(t.positions).toEqual([
      expect.objectContaining({ inst: BTC.id, quantity: 0, entryNotional: 0n, realizedPnl: 0n }),
    ]);
    expect(t.balance).toMatchObject({
      cash: usd('100000'),
      feesPaid: 0n,
      realizedPnl: 0n,
      seq: 3,
      nextOrderNumber: 3,
      nextFillNumber: 2,
    });
    expect(engine.state()).toMatchObject({ openOrders: [], positions: [] });
    expect(engine.summary().buyingPower).toBe(usd('100000'));
    expect(engine.place(request({ type: 'market', quantity: 1_000 }), T0).order.id).toBe(
      'o_0000000003',
    );
  });
});

describe('restart from the stored state', () => {
  it('continues numbering, resting orders and reserves where it left off', () => {
    const engine = makeEngine(market);
    engine.place(request({ type: 'market', quantity: 5_000 }), T0);
    engine.place(request({ limitPrice: 6_500_000, quantity: 2_000 }), T0);
    const restarted = makeEngine(market, { initialState: engine.state() });
    expect(restarted.summary()).toEqual(engine.summary());
    const t = restarted.onTrade(BTC.id, { price: 6_500_000, size: 2_000 }, T0)!;
    expect(t.fills[0]).toMatchObject({ id: 'f_0000000002', quantity: 2_000 });
    expect(t.balance.seq).toBe(3);
  });
});
