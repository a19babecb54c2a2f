import { describe, expect, it } from 'vitest';
import { isOnLot, isOnTick } from '../../../protocol/instruments';
import { Side } from '../../../protocol/messages';
import { mirrorFlat, RecordingSink } from '../recording-sink';
import { SIM_CATALOG, withVolatilityScale } from './catalog';
import { SimulatedExchange } from './simulated-exchange';

const T0 = Date.UTC(2024, 4, 15, 14, 37, 12, 345);

/** Runs `steps` steps of `stepMs` with `budget` events each and returns the sink. */
function run(
  exchange: SimulatedExchange,
  steps: number,
  stepMs: number,
  budget: number,
  log = false,
) {
  const sink = new RecordingSink(log);
  exchange.snapshot(sink);
  let time = exchange.simulatedUntil;
  for (let i = 0; i < steps; i++) {
    time += stepMs;
    exchange.step(time, budget, sink);
  }
  return sink;
}

function symbolId(exchange: SimulatedExchange, symbol: string): number {
  const inst = exchange.instruments.find((i) => i.symbol === symbol);
  if (!inst) throw new Error(`missing ${symbol}`);
  return inst.id;
}

describe('SimulatedExchange', () => {
  it('replays identical event sequences for one seed and different ones for another', () => {
    const a = run(new SimulatedExchange({ seed: 11, now: T0 }), 200, 20, 30, true);
    const b = run(new SimulatedExchange({ seed: 11, now: T0 }), 200, 20, 30, true);
    const c = run(new SimulatedExchange({ seed: 12, now: T0 }), 200, 20, 30, true);
    expect(a.events.length).toBeGreaterThan(4000);
    expect(b.events).toEqual(a.events);
    expect(c.events).not.toEqual(a.events);
  });

  it('starts with a full, uncrossed book for every instrument', () => {
    const exchange = new SimulatedExchange({ seed: 1, now: T0 });
    const sink = new RecordingSink(true);
    exchange.snapshot(sink);
    expect(sink.events).toHaveLength(exchange.instruments.length);
    for (const inst of exchange.instruments) {
      const { bids, asks } = exchange.book(inst.id);
      expect(bids.length / 2).toBeGreaterThanOrEqual(25);
      expect(asks.length / 2).toBeGreaterThanOrEqual(25);
      expect(bids[0]).toBeLessThan(asks[0] ?? 0);
    }
  });

  it('keeps every book valid through many thousands of steps, and the stream rebuilds it', () => {
    const exchange = new SimulatedExchange({ seed: 3, now: T0 });
    const sink = new RecordingSink();
    exchange.snapshot(sink);
    const byId = new Map(exchange.instruments.map((i) => [i.id, i]));
    const problems: string[] = [];
    const check = {
      book(inst: number, bids: number[], asks: number[], time: number, snapshot: boolean) {
        const instrument = byId.get(inst);
        if (!instrument) return void problems.push(`unknown instrument ${inst}`);
        for (const flat of [bids, asks]) {
          for (let i = 0; i < flat.length; i += 2) {
            const price = flat[i] ?? -1;
            const size = flat[i + 1] ?? -1;
            if (!isOnTick(instrument, price) || price <= 0) problems.push(`off-tick ${price}`);
            if (size !== 0 && !isOnLot(instrument, size)) problems.push(`bad size ${size}`);
          }
        }
        sink.book(inst, bids, asks, time, snapshot);
        const mirror = sink.books.get(inst);
        const bestBid = Math.max(...(mirror?.bids.keys() ?? []));
        const bestAsk = Math.min(...(mirror?.asks.keys() ?? []));
        if (!(bestBid < bestAsk))
          problems.push(`${instrument.symbol} crossed ${bestBid}/${bestAsk}`);
      },
      trade(inst: number, price: number, size: number, side: Side, time: number) {
        const instrument = byId.get(inst);
        if (!instrument || !isOnTick(instrument, price) || !isOnLot(instrument, size)) {
          problems.push(`bad trade ${inst} ${price} ${size}`);
        }
        if (side !== Side.buy && side !== Side.sell) problems.push(`bad side ${side}`);
        sink.trade(inst, price, size, side, time);
      },
      status() {},
    };
    let time = T0;
    for (let i = 0; i < 6000; i++) {
      time += 50;
      exchange.step(time, 40, check);
      if (i % 500 === 0) {
        for (const inst of exchange.instruments) {
          const { bids, asks } = exchange.book(inst.id);
          if (bids.length / 2 < 25 || asks.length / 2 < 25)
            problems.push(`${inst.symbol} thin book`);
        }
      }
    }
    expect(problems.slice(0, 5)).toEqual([]);
    for (const inst of exchange.instruments) {
      const mirror = sink.books.get(inst.id);
      const book = exchange.book(inst.id);
      expect(mirror && mirrorFlat(mirror.bids, true)).toEqual(book.bids);
      expect(mirror && mirrorFlat(mirror.asks, false)).toEqual(book.asks);
    }
  });

  it('prints trades and moves prices plausibly over a simulated hour', () => {
    const exchange = new SimulatedExchange({ seed: 5, now: T0 });
    const start = exchange.instruments.map((i) => exchange.mid(i.id));
    const traded = new Set<number>();
    const sink = new RecordingSink();
    const tracker = {
      book: sink.book.bind(sink),
      trade(inst: number, price: number, size: number, side: Side, time: number) {
        traded.add(inst);
        sink.trade(inst, price, size, side, time);
      },
      status() {},
    };
    let time = T0;
    for (let i = 0; i < 3600; i++) {
      time += 1000;
      exchange.step(time, 60, tracker);
    }
    expect(traded.size).toBe(exchange.instruments.length);
    const moved = exchange.instruments.filter((inst, k) => exchange.mid(inst.id) !== start[k]);
    expect(moved.length).toBeGreaterThan(exchange.instruments.length * 0.9);
    for (const symbol of ['BTC-USD', 'ETH-USD', 'AAPL', 'EUR-USD']) {
      const id = symbolId(exchange, symbol);
      const change = Math.abs(exchange.mid(id) / (start[id - 1] ?? 1) - 1);
      expect(change, symbol).toBeLessThan(0.05);
    }
  });

  it('moves a calm market (volatility scaled down) far less than the catalog market', () => {
    const widestSwing = (exchange: SimulatedExchange): number => {
      const id = symbolId(exchange, 'BTC-USD');
      let low = exchange.mid(id);
      let high = low;
      let time = T0;
      for (let i = 0; i < 1800; i++) {
        time += 1000;
        exchange.step(time, 60, new RecordingSink());
        low = Math.min(low, exchange.mid(id));
        high = Math.max(high, exchange.mid(id));
      }
      return (high - low) / low;
    };
    const normal = widestSwing(new SimulatedExchange({ seed: 5, now: T0 }));
    const calm = widestSwing(
      new SimulatedExchange({ seed: 5, now: T0, catalog: withVolatilityScale(SIM_CATALOG, 0.02) }),
    );
    expect(normal).toBeGreaterThan(0.001);
    expect(calm).toBeLessThan(normal / 5);
    expect(() => withVolatilityScale(SIM_CATALOG, 0)).toThrow(RangeError);
    expect(() => withVolatilityScale(SIM_CATALOG, Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  it('gives busy names more of the flow than quiet ones', () => {
    const exchange = new SimulatedExchange({ seed: 8, now: T0 });
    const sink = run(exchange, 500, 20, 40, true);
    const countFor = (symbol: string) => {
      const id = symbolId(exchange, symbol);
      return sink.events.filter((e) => e.inst === id && !(e.type === 'book' && e.snapshot)).length;
    };
    expect(countFor('BTC-USD')).toBeGreaterThan(3 * countFor('ALGO-USD'));
    expect(countFor('AAPL')).toBeGreaterThan(2 * countFor('VZ'));
    expect(countFor('EUR-USD')).toBeGreaterThan(3 * countFor('USD-TRY'));
  });

  it('emits about as many events as the budget asks for', () => {
    const exchange = new SimulatedExchange({ seed: 2, now: T0 });
    let time = T0;
    for (const budget of [1, 10, 100, 1000, 5000]) {
      const sink = new RecordingSink();
      time += 100;
      const emitted = exchange.step(time, budget, sink);
      expect(emitted).toBe(sink.count);
      expect(emitted).toBeGreaterThanOrEqual(budget);
      expect(emitted).toBeLessThanOrEqual(budget + 12);
    }
    const idle = new RecordingSink();
    expect(exchange.step(time + 100, 0, idle)).toBe(0);
    expect(idle.count).toBe(0);
  });

  it('stamps events inside the step and never goes back in time', () => {
    const exchange = new SimulatedExchange({ seed: 4, now: T0 });
    const sink = new RecordingSink(true);
    exchange.step(T0 + 1000, 500, sink);
    exchange.step(T0 + 500, 50, sink);
    const times = sink.events.map((e) => e.time);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(T0);
    expect(Math.max(...times)).toBeLessThanOrEqual(T0 + 1000);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(exchange.simulatedUntil).toBe(T0 + 1000);
  });

  it('rejects unknown instruments and an empty catalog with RangeError', () => {
    const exchange = new SimulatedExchange({ seed: 1, now: T0 });
    expect(() => exchange.book(9999)).toThrow(RangeError);
    expect(() => exchange.history(0, '1m', T0)).toThrow(/unknown instrument/);
    expect(() => new SimulatedExchange({ seed: 1, now: T0, catalog: [] })).toThrow(RangeError);
  });
});
