import { describe, expect, it } from 'vitest';
import { Side } from '../../protocol/messages';
import { TradeTape } from './trade-tape';

describe('TradeTape', () => {
  it('numbers trades from 1 and returns them oldest first', () => {
    const tape = new TradeTape(10);
    expect(tape.lastId).toBe(0);
    expect(tape.recent(5)).toEqual([]);
    tape.push(100, 1, Side.buy, 1);
    tape.push(101, 2, Side.sell, 2);
    expect(tape.lastId).toBe(2);
    expect(tape.recent(5)).toEqual([
      { id: 1, price: 100, size: 1, side: Side.buy, time: 1 },
      { id: 2, price: 101, size: 2, side: Side.sell, time: 2 },
    ]);
    expect(tape.last()?.id).toBe(2);
  });

  it('keeps only the newest `capacity` trades, ids still counting up', () => {
    const tape = new TradeTape(4);
    for (let i = 0; i < 11; i++) tape.push(100 + i, 1, Side.buy, i);
    expect(tape.size).toBe(4);
    expect(tape.lastId).toBe(11);
    expect(tape.recent(100).map((t) => t.id)).toEqual([8, 9, 10, 11]);
    expect(tape.recent(2).map((t) => t.id)).toEqual([10, 11]);
  });

  it('refuses a nonsensical capacity', () => {
    expect(() => new TradeTape(0)).toThrow(RangeError);
    expect(() => new TradeTape(1.5)).toThrow(RangeError);
  });

  it('a negative limit yields nothing', () => {
    const tape = new TradeTape(4);
    tape.push(100, 1, Side.buy, 1);
    expect(tape.recent(-3)).toEqual([]);
  });
});
