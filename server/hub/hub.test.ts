import { describe, expect, it } from 'vitest';
import { decodeFrame } from '../../protocol/codec';
import { INTERVALS } from '../../protocol/intervals';
import { ServerKind, Side, type ServerMessage } from '../../protocol/messages';
import { createFakeSource } from '../sources/fake-source';
import { Hub } from './hub';
import type { Encoded, StreamKey, Subscriber } from './stream';
import { applyTopNDelta } from './top-n-delta';

const T = Date.UTC(2025, 0, 1, 10, 0, 0);

class Probe implements Subscriber {
  readonly frames: Uint8Array[] = [];
  readonly keys: StreamKey[] = [];
  readonly encoded: Encoded[] = [];
  push(encoded: Encoded, key: StreamKey): void {
    this.encoded.push(encoded);
    this.frames.push(encoded.msgpack);
    this.keys.push(key);
  }
  messages(): ServerMessage[] {
    return this.frames.flatMap((f) => decodeFrame(f) as ServerMessage[]);
  }
}

function setup() {
  const source = createFakeSource();
  const hub = new Hub(source, { now: () => T, conflateMs: 1_000_000 });
  hub.start();
  source.emitBook(1, [100, 1, 99, 2, 98, 3], [101, 1, 102, 2, 103, 3], T, true);
  return { source, hub };
}

describe('Hub', () => {
  it('encodes each stream message once: every subscriber gets the very same bytes', () => {
    const { source, hub } = setup();
    const a = new Probe();
    const b = new Probe();
    hub.subscribe(a, { channel: 'trades', inst: 1 });
    hub.subscribe(b, { channel: 'trades', inst: 1 });
    hub.subscribe(a, { channel: 'book', inst: 1, depth: 10 });
    hub.subscribe(b, { channel: 'book', inst: 1, depth: 10 });
    source.emitTrade(1, 100, 5, Side.sell, T + 1);
    source.emitBook(1, [100, 0], [], T + 2);
    expect(a.frames).toHaveLength(4);
    a.frames.forEach((frame, i) => expect(frame).toBe(b.frames[i]));
  });

  it('hands every subscriber the same message object, named by its stream (tiered depth)', () => {
    const { source, hub } = setup();
    const a = new Probe();
    const b = new Probe();
    hub.subscribe(a, { channel: 'book', inst: 1, depth: 3 });
    hub.subscribe(b, { channel: 'book', inst: 1, depth: 7 });
    source.emitBook(1, [100, 9], [], T + 1);
    expect(a.keys).toEqual([
      { channel: 'book', inst: 1, depth: 10 },
      { channel: 'book', inst: 1, depth: 10 },
    ]);
    a.encoded.forEach((e, i) => expect(e).toBe(b.encoded[i]));
    expect(JSON.parse(a.encoded[1]!.json)).toEqual(a.encoded[1]!.message);
    expect(a.encoded[1]!.message).toMatchObject({ kind: ServerKind.bookDelta, bids: [100, 9] });
  });

  it('book stream: snapshot of the tier, then deltas with consecutive seq that rebuild the book', () => {
    const { source, hub } = setup();
    const probe = new Probe();
    hub.subscribe(probe, { channel: 'book', inst: 1, depth: 2 });
    for (let i = 0; i < 20; i++) {
      source.emitBook(1, [100 - (i % 5), i % 3, 97 - i, 4], [101 + (i % 4), (i + 1) % 3], T + i);
    }
    const [snapshot, ...deltas] = probe.messages();
    if (snapshot?.kind !== ServerKind.bookSnapshot) throw new Error('expected a snapshot first');
    expect(snapshot.depth).toBe(10);
    let { bids, asks } = snapshot;
    let seq = snapshot.seq;
    for (const delta of deltas) {
      if (delta.kind !== ServerKind.bookDelta) throw new Error(`unexpected kind ${delta.kind}`);
      expect(delta.seq).toBe(++seq);
      bids = applyTopNDelta(bids, delta.bids, true);
      asks = applyTopNDelta(asks, delta.asks, false);
    }
    const book = hub.instrumentState(1)!.book;
    expect(bids).toEqual(book.bids.top(10));
    expect(asks).toEqual(book.asks.top(10));
    expect(hub.bookView(1, 2)).toMatchObject({ seq, bids: book.bids.top(2) });
  });

  it('trades stream: snapshot with the newest id as seq, then one message per trade', () => {
    const { source, hub } = setup();
    source.emitTrade(1, 100, 1, Side.buy, T + 1);
    source.emitTrade(1, 101, 2, Side.sell, T + 2);
    const probe = new Probe();
    hub.subscribe(probe, { channel: 'trades', inst: 1 });
    source.emitTrade(1, 102, 3, Side.buy, T + 3);
    const [snapshot, live] = probe.messages();
    expect(snapshot).toMatchObject({ kind: ServerKind.tradesSnapshot, inst: 1, seq: 2 });
    expect(
      snapshot?.kind === ServerKind.tradesSnapshot && snapshot.trades.map((t) => t.id),
    ).toEqual([1, 2]);
    expect(live).toMatchObject({ kind: ServerKind.trade, seq: 3, price: 102, size: 3 });
  });

  it('ignores malformed source events and unknown instruments', () => {
    const { source, hub } = setup();
    source.emitTrade(1, -5, 1, Side.buy, T);
    source.emitTrade(1, 100, 0, Side.buy, T);
    source.emitTrade(1, 100, 1, 7 as Side, T);
    source.emitTrade(99, 100, 1, Side.buy, T);
    source.emitBook(99, [1, 1], [], T);
    expect(hub.recentTrades(1, 10)).toEqual([]);
  });

  it('tickers: many changes within a tick become one message per instrument', () => {
    const { source, hub } = setup();
    const probe = new Probe();
    hub.subscribe(probe, { channel: 'tickers' });
    for (let i = 0; i < 10; i++) source.emitTrade(1, 100 + i, 1, Side.buy, T + i);
    source.emitTrade(2, 500, 1, Side.sell, T);
    hub.flush();
    hub.flush();
    const [snapshot, ...updates] = probe.messages();
    expect(
      snapshot?.kind === ServerKind.tickerSnapshot && snapshot.tickers.map((t) => t.inst),
    ).toEqual([1, 2, 3]);
    expect(updates).toHaveLength(2);
    expect(updates[0]).toMatchObject({
      kind: ServerKind.ticker,
      inst: 1,
      last: 109,
      bid: 100,
      ask: 101,
    });
    expect(updates[1]).toMatchObject({ kind: ServerKind.ticker, inst: 2, last: 500 });
  });

  it('candles: the forming candle first, then conflated updates with increasing seq', () => {
    const { source, hub } = setup();
    source.emitTrade(1, 100, 1, Side.buy, T + 1);
    const probe = new Probe();
    hub.subscribe(probe, { channel: 'candles', inst: 1, interval: '5m' });
    source.emitTrade(1, 120, 2, Side.buy, T + 2);
    source.emitTrade(1, 90, 3, Side.buy, T + 3);
    hub.flush();
    const messages = probe.messages();
    expect(messages).toHaveLength(2);
    expect(messages[0]).toMatchObject({ kind: ServerKind.candle, seq: 1, close: 100 });
    expect(messages[1]).toMatchObject({
      kind: ServerKind.candle,
      interval: INTERVALS['5m'].code,
      seq: 2,
      time: T,
      high: 120,
      low: 90,
      close: 90,
    });
  });

  it('status changes reach the instrument streams, and late joiners learn it too', () => {
    const { source, hub } = setup();
    const early = new Probe();
    hub.subscribe(early, { channel: 'trades', inst: 1 });
    source.emitStatus(1, false);
    const late = new Probe();
    hub.subscribe(late, { channel: 'book', inst: 1, depth: 20 });
    expect(early.messages()[1]).toEqual({
      kind: ServerKind.streamStatus,
      channel: 'trades',
      inst: 1,
      live: false,
    });
    expect(late.messages()[1]).toMatchObject({
      kind: ServerKind.streamStatus,
      channel: 'book',
      live: false,
    });
  });

  it('a late tickers subscriber learns which markets are stale, after the snapshot', () => {
    const { source, hub } = setup();
    source.emitStatus(1, false);
    const late = new Probe();
    hub.subscribe(late, { channel: 'tickers' });
    const messages = late.messages();
    expect(messages[0]?.kind).toBe(ServerKind.tickerSnapshot);
    expect(messages.slice(1)).toEqual([
      { kind: ServerKind.streamStatus, channel: 'tickers', inst: 1, live: false },
    ]);
    source.emitStatus(1, true);
    const fresh = new Probe();
    hub.subscribe(fresh, { channel: 'tickers' });
    expect(fresh.messages()).toHaveLength(1);
  });

  it('an unsubscribed subscriber receives nothing more', () => {
    const { source, hub } = setup();
    const probe = new Probe();
    hub.subscribe(probe, { channel: 'trades', inst: 1 });
    hub.unsubscribe(probe, { channel: 'trades', inst: 1 });
    source.emitTrade(1, 100, 1, Side.buy, T);
    expect(probe.frames).toHaveLength(1);
  });
});
