import { describe, expect, it, vi } from 'vitest';
import { encodeMessage, joinFrame } from '../../protocol/codec';
import {
  bookDelta,
  bookSnapshot,
  candleMessage,
  hello,
  pong,
  tickerMessage,
  tradeMessage,
  tradesSnapshot,
  type Ticker,
} from '../../protocol/messages';
import { BatchBuilder } from './batch-builder';
import { FrameHandler, type FrameEvents } from './frame-handler';
import { accountMark, accountSnapshot, accountUpdate } from '../../protocol/account-messages';
import {
  TEST_ACCOUNT,
  TEST_FILL,
  TEST_ORDER,
  TEST_POSITION,
  testTicker,
} from '../../protocol/test-fixtures';

function setup() {
  const builder = new BatchBuilder();
  const events: FrameEvents = {
    hello: vi.fn(),
    pong: vi.fn(),
    error: vi.fn(),
    resync: vi.fn(),
    streamStatus: vi.fn(),
  };
  let now = 10_000;
  const handler = new FrameHandler(builder, events, () => (now += 10));
  return { builder, events, handler };
}

const frame = (...messages: Parameters<typeof encodeMessage>[0][]) =>
  joinFrame(messages.map(encodeMessage));

const ticker: Ticker = testTicker({ inst: 1, seq: 4, time: 1 });

describe('FrameHandler', () => {
  it('counts garbage bytes as invalid without throwing', () => {
    const { handler, builder } = setup();
    expect(() => handler.handleFrame(new Uint8Array([0xd9, 0x10, 0x41]))).not.toThrow();
    expect(handler.handleFrame(new Uint8Array([]))).toBe(0);
    expect(handler.handleFrame('text frame')).toBe(0);
    expect(handler.invalid).toBe(3);
    expect(builder.take()).toBeNull();
  });

  it('counts valid MessagePack that is not a known message', () => {
    const { handler } = setup();
    // A msgpack map {kind: 999} and a bare integer.
    const bytes = new Uint8Array([0x81, 0xa4, 0x6b, 0x69, 0x6e, 0x64, 0xcd, 0x03, 0xe7, 0x05]);
    expect(handler.handleFrame(bytes.buffer)).toBe(0);
    expect(handler.invalid).toBe(2);
    expect(handler.lastInvalidReason).toMatch(/message must be a map|unknown message kind/);
  });

  it('handles several messages in one frame', () => {
    const { handler, events, builder } = setup();
    const accepted = handler.handleFrame(
      frame(hello(1, 'v1', 1000), tickerMessage(ticker), pong(1, 5, 6)),
    );
    expect(accepted).toBe(3);
    expect(events.hello).toHaveBeenCalledOnce();
    expect(events.pong).toHaveBeenCalledOnce();
    expect(builder.take()?.tickers).toEqual([ticker]);
  });

  it('applies a book snapshot and consecutive deltas, and resyncs on a gap', () => {
    const { handler, events, builder } = setup();
    handler.handleFrame(
      frame(bookSnapshot(1, 10, 20, [100, 1], [101, 1]), bookDelta(1, 11, [99, 2], [])),
    );
    expect(builder.take()?.books?.[0]).toMatchObject({
      reset: true,
      seq: 11,
      bids: [100, 1, 99, 2],
    });
    handler.handleFrame(frame(bookDelta(1, 13, [98, 1], [])));
    expect(events.resync).toHaveBeenCalledWith('book', 1);
    expect(builder.take()).toBeNull();
  });

  it('drops duplicate trades and resyncs when a trade comes before the snapshot', () => {
    const { handler, events, builder } = setup();
    handler.handleFrame(frame(tradeMessage(2, { id: 7, price: 1, size: 1, side: 1, time: 1 })));
    expect(events.resync).toHaveBeenCalledWith('trades', 2);
    handler.handleFrame(
      frame(
        tradesSnapshot(2, 7, [{ id: 7, price: 1, size: 1, side: 1, time: 1 }]),
        tradeMessage(2, { id: 8, price: 2, size: 1, side: 2, time: 2 }),
        tradeMessage(2, { id: 8, price: 2, size: 1, side: 2, time: 2 }),
      ),
    );
    expect(builder.take()?.trades?.[0]?.trades.map((t) => t.id)).toEqual([7, 8]);
  });

  it('rejects a trades snapshot holding a malformed trade and changes nothing', () => {
    const { handler, builder } = setup();
    const bad = tradesSnapshot(2, 7, [{ id: 7, price: 1, size: 1, side: 1, time: 1 }]);
    (bad.trades[0] as unknown as Record<string, unknown>).side = 9;
    handler.handleFrame(frame(bad));
    expect(handler.invalid).toBe(1);
    expect(builder.take()).toBeNull();
  });

  it('drops a ticker or candle older than the one already applied (out of order)', () => {
    const { handler, builder } = setup();
    const c = { time: 60_000, open: 1, high: 2, low: 1, close: 2, volume: 3 };
    handler.handleFrame(
      frame(
        tickerMessage({ ...ticker, seq: 9, last: 9 }),
        tickerMessage({ ...ticker, seq: 8, last: 8 }),
        tickerMessage({ ...ticker, seq: 9, last: 7 }),
        candleMessage(1, 1, 5, { ...c, close: 5 }),
        candleMessage(1, 1, 4, { ...c, close: 4 }),
      ),
    );
    const batch = builder.take();
    expect(batch?.tickers?.map((t) => t.last)).toEqual([9]);
    expect(batch?.candles?.map((k) => k.close)).toEqual([5]);
  });

  it('maps candle interval codes and rejects unknown ones', () => {
    const { handler, builder } = setup();
    const c = { time: 60_000, open: 1, high: 2, low: 1, close: 2, volume: 3 };
    handler.handleFrame(frame(candleMessage(1, 1, 1, c), candleMessage(1, 99, 2, c)));
    expect(handler.invalid).toBe(1);
    expect(builder.take()?.candles).toEqual([{ inst: 1, interval: '1m', ...c }]);
  });
});

describe('FrameHandler on the account channel', () => {
  const seq = (n: number) => ({ ...TEST_ACCOUNT, seq: n });
  const snapshot = accountSnapshot(seq(7), [TEST_ORDER], [TEST_POSITION], [TEST_FILL]);

  it('passes the snapshot and the updates that follow it on, in order', () => {
    const { handler, builder, events } = setup();
    events.snapshot = vi.fn();
    const update = accountUpdate(seq(8), [TEST_ORDER], [TEST_FILL], [TEST_POSITION]);
    expect(handler.handleFrame(frame(snapshot, update))).toBe(2);
    expect(builder.take()?.account).toEqual([snapshot, update]);
    expect(events.snapshot).toHaveBeenCalledWith('account', 0);
  });

  it('asks for a fresh snapshot when an update is missing, and drops repeats', () => {
    const { handler, builder, events } = setup();
    handler.handleFrame(frame(snapshot));
    builder.take();
    handler.handleFrame(frame(accountUpdate(seq(7), [], [], [])));
    expect(builder.take()).toBeNull();
    handler.handleFrame(frame(accountUpdate(seq(9), [], [], [])));
    expect(events.resync).toHaveBeenCalledWith('account', 0);
    expect(builder.take()).toBeNull();
  });

  it('ignores marks until a snapshot is in place', () => {
    const { handler, builder } = setup();
    const mark = accountMark(seq(7), [TEST_POSITION]);
    expect(handler.handleFrame(frame(mark))).toBe(0);
    handler.handleFrame(frame(snapshot, mark));
    expect(builder.take()?.account).toEqual([snapshot, mark]);
  });

  it('counts a malformed account message and keeps the rest of the frame', () => {
    const { handler, builder } = setup();
    const broken = { ...snapshot, account: { ...snapshot.account, cash: 12.5 } };
    expect(handler.handleFrame(frame(broken as never, tickerMessage(ticker)))).toBe(1);
    expect(handler.invalid).toBe(1);
    expect(handler.lastInvalidReason).toMatch(/cash|account/);
    expect(builder.take()).toEqual({ tickers: [ticker] });
  });
});
