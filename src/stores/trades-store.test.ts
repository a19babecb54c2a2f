import { describe, expect, it } from 'vitest';
import type { Trade } from '../../protocol/messages';
import { applyTradesPatches, prependTrades, useTradesStore } from './trades-store';

const trade = (id: number): Trade => ({ id, price: id, size: 1, side: 1, time: id });
const ids = (tape: readonly Trade[] | undefined) => tape?.map((t) => t.id);

describe('trades store', () => {
  it('keeps the newest first and never more than the limit', () => {
    let tape: readonly Trade[] = [];
    for (let id = 1; id <= 250; id += 10) {
      tape = prependTrades(
        tape,
        Array.from({ length: 10 }, (_, i) => trade(id + i)),
      );
    }
    expect(tape).toHaveLength(100);
    expect(tape[0]?.id).toBe(250);
    expect(tape[99]?.id).toBe(151);
  });

  it('replaces the tape on a snapshot and appends otherwise', () => {
    applyTradesPatches([{ inst: 3, reset: true, trades: [trade(1), trade(2)] }]);
    applyTradesPatches([{ inst: 3, reset: false, trades: [trade(3)] }]);
    expect(ids(useTradesStore.getState().tapes[3])).toEqual([3, 2, 1]);
    applyTradesPatches([{ inst: 3, reset: true, trades: [trade(9)] }]);
    expect(ids(useTradesStore.getState().tapes[3])).toEqual([9]);
  });
});
