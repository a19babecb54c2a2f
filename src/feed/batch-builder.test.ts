import { describe, expect, it } from 'vitest';
import type { Ticker, Trade } from '../../protocol/messages';
import { applyLevels, levelsFromFlat, type Level } from '../lib/order-book';
import { BatchBuilder } from './batch-builder';
import type { BookPatch } from './feed-types';
import { accountMark, accountSnapshot, accountUpdate } from '../../protocol/account-messages';
import { TEST_ACCOUNT, TEST_POSITION, testTicker } from '../../protocol/test-fixtures';

function tick(inst: number, seq: number, last: number): Ticker {
  return testTicker({ inst, seq, last });
}

function trade(id: number): Trade {
  return { id, price: 100 + id, size: 1, side: 1, time: id };
}

function applyPatch(book: { bids: readonly Level[]; asks: readonly Level[] }, patch: BookPatch) {
  if (patch.reset) {
    return { bids: levelsFromFlat(patch.bids, 'bids'), asks: levelsFromFlat(patch.asks, 'asks') };
  }
  return {
    bids: applyLevels(book.bids, patch.bids, 'bids'),
    asks: applyLevels(book.asks, patch.asks, 'asks'),
  };
}

describe('BatchBuilder', () => {
  it('returns null when nothing changed', () => {
    expect(new BatchBuilder().take()).toBeNull();
  });

  it('keeps only the last ticker per instrument, and the last always arrives', () => {
    const builder = new BatchBuilder();
    builder.ticker(tick(1, 1, 100));
    builder.ticker(tick(2, 1, 500));
    builder.ticker(tick(1, 2, 101));
    builder.ticker(tick(1, 3, 102));
    const batch = builder.take();
    expect(batch?.tickers?.map((t) => [t.inst, t.last])).toEqual([
      [1, 102],
      [2, 500],
    ]);
    expect(builder.take()).toBeNull();
    builder.ticker(tick(1, 4, 103));
    expect(builder.take()?.tickers?.[0]?.last).toBe(103);
  });

  it('never conflates trades away and keeps their order', () => {
    const builder = new BatchBuilder();
    for (let id = 1; id <= 30; id++) builder.trade(7, trade(id));
    const tape = builder.take()?.trades?.[0];
    expect(tape?.reset).toBe(false);
    expect(tape?.trades.map((t) => t.id)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
  });

  it('appends trades after a snapshot in the same batch', () => {
    const builder = new BatchBuilder();
    builder.tradesSnapshot(7, [trade(1), trade(2)]);
    builder.trade(7, trade(3));
    const tape = builder.take()?.trades?.[0];
    expect(tape?.reset).toBe(true);
    expect(tape?.trades.map((t) => t.id)).toEqual([1, 2, 3]);
  });

  it('bounds a tape to the newest trades that the store would keep', () => {
    const builder = new BatchBuilder(5);
    for (let id = 1; id <= 8; id++) builder.trade(1, trade(id));
    expect(builder.take()?.trades?.[0]?.trades.map((t) => t.id)).toEqual([4, 5, 6, 7, 8]);
  });

  it('merges book deltas so that applying the batch equals applying every message', () => {
    const snapshot = { bids: [100, 5, 99, 3, 98, 1], asks: [101, 2, 102, 4] };
    const deltas = [
      { bids: [100, 6], asks: [101, 0] },
      { bids: [97, 2], asks: [103, 1] },
      { bids: [100, 0, 97, 4], asks: [101, 7] },
    ];
    // One message at a time.
    let expected = applyPatch(
      { bids: [], asks: [] },
      { inst: 1, reset: true, seq: 1, time: 0, ...snapshot },
    );
    for (const [i, d] of deltas.entries()) {
      expected = applyPatch(expected, { inst: 1, reset: false, seq: i + 2, time: 0, ...d });
    }

    // Snapshot and deltas conflated in one batch.
    const builder = new BatchBuilder();
    builder.bookSnapshot(1, 1, snapshot.bids, snapshot.asks, 0);
    deltas.forEach((d, i) => builder.bookDelta(1, i + 2, d.bids, d.asks, 0));
    const patch = builder.take()?.books?.[0];
    expect(patch?.reset).toBe(true);
    expect(patch?.seq).toBe(4);
    expect(applyPatch({ bids: [], asks: [] }, patch!)).toEqual(expected);

    // Snapshot in one batch, deltas conflated in the next.
    const second = new BatchBuilder();
    second.bookSnapshot(1, 1, snapshot.bids, snapshot.asks, 0);
    const first = applyPatch({ bids: [], asks: [] }, second.take()!.books![0]!);
    deltas.forEach((d, i) => second.bookDelta(1, i + 2, d.bids, d.asks, 0));
    const merged = second.take()?.books?.[0];
    expect(merged?.reset).toBe(false);
    expect(applyPatch(first, merged!)).toEqual(expected);
  });

  it('a later snapshot replaces earlier pending deltas', () => {
    const builder = new BatchBuilder();
    builder.bookDelta(1, 5, [1, 1], [], 0);
    builder.bookSnapshot(1, 9, [50, 1], [60, 1], 0);
    expect(builder.take()?.books).toEqual([
      { inst: 1, reset: true, seq: 9, time: 0, bids: [50, 1], asks: [60, 1] },
    ]);
  });

  it('keeps the newest forming candle per instrument and interval', () => {
    const builder = new BatchBuilder();
    const base = { inst: 1, time: 0, open: 1, high: 2, low: 1, volume: 1 };
    builder.candle({ ...base, interval: '1m', close: 1 });
    builder.candle({ ...base, interval: '5m', close: 2 });
    builder.candle({ ...base, interval: '1m', close: 3 });
    expect(builder.take()?.candles?.map((c) => [c.interval, c.close])).toEqual([
      ['1m', 3],
      ['5m', 2],
    ]);
  });

  it('folds whole batches together like the messages they came from', () => {
    const a = new BatchBuilder();
    a.ticker(tick(1, 1, 100));
    a.trade(1, trade(1));
    a.bookSnapshot(1, 1, [10, 1], [11, 1], 0);
    const b = new BatchBuilder();
    b.ticker(tick(1, 2, 105));
    b.trade(1, trade(2));
    b.bookDelta(1, 2, [10, 0, 9, 3], [], 0);
    const pending = new BatchBuilder();
    pending.add(a.take()!);
    pending.add(b.take()!);
    const batch = pending.take();
    expect(batch?.tickers?.[0]?.last).toBe(105);
    expect(batch?.trades?.[0]?.trades.map((t) => t.id)).toEqual([1, 2]);
    expect(batch?.books?.[0]).toMatchObject({ reset: true, seq: 2, bids: [9, 3], asks: [11, 1] });
  });
});

describe('BatchBuilder on the account channel', () => {
  const seq = (n: number) => ({ ...TEST_ACCOUNT, seq: n });
  const update = (n: number) => accountUpdate(seq(n), [], [], []);
  const mark = (cash: string) => accountMark({ ...TEST_ACCOUNT, cash }, [TEST_POSITION]);

  it('keeps every update, and only the newest of consecutive marks', () => {
    const builder = new BatchBuilder();
    for (const message of [update(8), mark('1'), mark('2'), update(9), mark('3')]) {
      builder.account(message);
    }
    expect(builder.take()?.account).toEqual([update(8), mark('2'), update(9), mark('3')]);
    expect(builder.take()).toBeNull();
  });

  it('lets a snapshot make everything pending before it moot', () => {
    const builder = new BatchBuilder();
    const snapshot = accountSnapshot(seq(10), [], [], []);
    builder.add({ account: [update(8), mark('1')] });
    builder.add({ account: [snapshot, update(11)] });
    expect(builder.take()?.account).toEqual([snapshot, update(11)]);
  });
});
