import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Fill, Transition } from '../types';
import { accountSummary } from './account-summary';
import { instrumentLookup } from './engine-options';
import { AAPL, BTC, FakeMarket, INSTRUMENTS, makeEngine, request, T0, usd } from './test-support';

const rules = { instrument: instrumentLookup(INSTRUMENTS).byId, leverage: 1 };

type Action =
  | { kind: 'book'; inst: number; mid: number; spread: number; size: number }
  | {
      kind: 'order';
      inst: number;
      side: 'buy' | 'sell';
      type: 'market' | 'limit' | 'stop' | 'stop_limit';
      offset: number;
      quantity: number;
      ioc: boolean;
    }
  | { kind: 'trade'; inst: number; offset: number; size: number }
  | { kind: 'cancelAll' };

const inst = fc.constantFrom(BTC.id, AAPL.id);
const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({
    kind: fc.constant('book' as const),
    inst,
    mid: fc.integer({ min: 10_000, max: 20_000 }),
    spread: fc.integer({ min: 1, max: 50 }),
    size: fc.integer({ min: 1, max: 40 }),
  }),
  fc.record({
    kind: fc.constant('order' as const),
    inst,
    side: fc.constantFrom('buy' as const, 'sell' as const),
    type: fc.constantFrom(
      'market' as const,
      'limit' as const,
      'stop' as const,
      'stop_limit' as const,
    ),
    offset: fc.integer({ min: -100, max: 100 }),
    quantity: fc.integer({ min: 1, max: 60 }),
    ioc: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('trade' as const),
    inst,
    offset: fc.integer({ min: -150, max: 150 }),
    size: fc.integer({ min: 1, max: 30 }),
  }),
  fc.record({ kind: fc.constant('cancelAll' as const) }),
);

describe('engine invariants over random sessions', () => {
  it('keeps cash, equity, fills and sequence numbers consistent', () => {
    fc.assert(
      fc.property(fc.array(action, { maxLength: 60 }), (actions) => {
        const market = new FakeMarket();
        const mids = new Map<number, number>([
          [BTC.id, 15_000],
          [AAPL.id, 15_000],
        ]);
        for (const [id, mid] of mids) market.setBook(id, [mid - 5, 20], [mid + 5, 20]);
        const engine = makeEngine(market, { startingCash: usd('5000'), minNotional: 0n });
        const transitions: Transition[] = [];
        const keep = (t: Transition | null) => {
          if (t) transitions.push(t);
        };
        for (const a of actions) {
          if (a.kind === 'book') {
            mids.set(a.inst, a.mid);
            market.setBook(
              a.inst,
              [a.mid - a.spread, a.size, a.mid - 2 * a.spread, a.size],
              [a.mid + a.spread, a.size, a.mid + 2 * a.spread, a.size],
            );
          } else if (a.kind === 'trade') {
            keep(engine.onTrade(a.inst, { price: mids.get(a.inst)! + a.offset, size: a.size }, T0));
          } else if (a.kind === 'cancelAll') {
            keep(engine.cancelAll(null, T0).transition);
          } else {
            const price = mids.get(a.inst)! + a.offset;
            const symbol = a.inst === BTC.id ? BTC.symbol : AAPL.symbol;
            keep(
              engine.place(
                request({
                  symbol,
                  side: a.side,
                  type: a.type,
                  quantity: a.quantity,
                  limitPrice: a.type === 'limit' || a.type === 'stop_limit' ? price : null,
                  stopPrice: a.type === 'stop' || a.type === 'stop_limit' ? price : null,
                  timeInForce: a.ioc ? 'ioc' : 'gtc',
                }),
                T0,
              ).transition,
            );
          }
        }
        const fills: Fill[] = transitions.flatMap((t) => t.fills);
        const state = engine.state();
        const s = engine.summary();
        const flow = fills.reduce(
          (sum, f) => sum + (f.side === 'buy' ? -f.notional : f.notional) - f.fee,
          0n,
        );
        expect(s.cash).toBe(s.startingCash + flow);
        expect(s.feesPaid).toBe(fills.reduce((sum, f) => sum + f.fee, 0n));
        expect(s.equity).toBe(s.startingCash + s.realizedPnl - s.feesPaid + s.unrealizedPnl);
        expect(state.balance.seq).toBe(transitions.length);
        transitions.forEach((t, i) => expect(t.balance.seq).toBe(i + 1));
        for (const position of state.positions) {
          const net = fills
            .filter((f) => f.inst === position.inst)
            .reduce((q, f) => q + (f.side === 'buy' ? f.quantity : -f.quantity), 0);
          expect(position.quantity).toBe(net);
        }
        // the incrementally kept reserves equal a recomputation from the open orders
        expect(accountSummary(state, market, rules)).toEqual(s);
        for (const order of state.openOrders) {
          expect(['pending', 'open', 'partially_filled']).toContain(order.status);
          expect(order.filledQuantity).toBeLessThan(order.quantity);
        }
      }),
      { numRuns: 200 },
    );
  });
});
