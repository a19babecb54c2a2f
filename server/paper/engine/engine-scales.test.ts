import { describe, expect, it } from 'vitest';
import { EUR, FakeMarket, makeEngine, PEPE, request, T0, usd } from './test-support';

describe('instruments of other scales', () => {
  it('PEPE (price scale 10): buy, then sell higher into the bid, realized and fees exact', () => {
    const market = new FakeMarket();
    market.setBook(PEPE.id, [89_000, 50_000_000], [90_000, 50_000_000]);
    const engine = makeEngine(market);
    const buy = engine.place(
      request({ symbol: PEPE.symbol, type: 'market', quantity: 10_000_000 }),
      T0,
    );
    expect(buy.transition!.fills[0]).toMatchObject({ notional: usd('90'), fee: usd('0.045') });

    market.setBook(PEPE.id, [95_000, 50_000_000], [96_000, 50_000_000]);
    const sell = engine.place(
      request({ symbol: PEPE.symbol, side: 'sell', limitPrice: 95_000, quantity: 10_000_000 }),
      T0,
    );
    expect(sell.order.status).toBe('filled');
    expect(sell.transition!.fills[0]).toMatchObject({ liquidity: 'taker', fee: usd('0.0475') });
    expect(sell.transition!.positions[0]).toMatchObject({ quantity: 0, realizedPnl: usd('5') });
    expect(sell.transition!.balance).toMatchObject({
      cash: usd('100004.9075'),
      realizedPnl: usd('5'),
      feesPaid: usd('0.0925'),
    });
  });

  it('EUR-USD (lots of 1,000): maker fill, then a flip to short with one fill', () => {
    const market = new FakeMarket();
    market.setBook(EUR.id, [108_490, 1_000_000], [108_510, 1_000_000]);
    const engine = makeEngine(market);
    engine.place(request({ symbol: EUR.symbol, limitPrice: 108_500, quantity: 10_000 }), T0);
    const filled = engine.onTrade(EUR.id, { price: 108_500, size: 50_000 }, T0)!;
    expect(filled.fills[0]).toMatchObject({ liquidity: 'maker', fee: usd('2.17') });

    market.setBook(EUR.id, [108_600, 1_000_000], [108_620, 1_000_000]);
    const flip = engine.place(
      request({ symbol: EUR.symbol, type: 'market', side: 'sell', quantity: 20_000 }),
      T0,
    );
    expect(flip.transition!.fills).toHaveLength(1);
    expect(flip.transition!.positions[0]).toMatchObject({
      quantity: -10_000,
      entryNotional: usd('-10860'),
      realizedPnl: usd('10'),
    });
    expect(flip.transition!.balance).toMatchObject({
      cash: usd('110856.97'),
      feesPaid: usd('13.03'),
    });
    // mid 1.08610 → short marked at −10,861: unrealized −1
    expect(engine.summary().unrealizedPnl).toBe(usd('-1'));
  });
});
