import { describe, expect, it } from 'vitest';
import { encodeMessage, joinFrame } from '../../protocol/codec';
import { bookDelta, Side, tradeMessage } from '../../protocol/messages';
import { LatencyHistogram } from './latency-histogram';
import { readFrame, tradeTime } from './frame-reader';

const T = 1_700_000_000_000;
const trade = tradeMessage(1, { id: 9, price: 100, size: 2, side: Side.buy, time: T });
const delta = bookDelta(1, 5, [100, 3], []);

describe('readFrame', () => {
  it('counts every message of a batched MessagePack frame and the latency of its trades', () => {
    const latency = new LatencyHistogram();
    const frame = joinFrame([encodeMessage(trade), encodeMessage(delta), encodeMessage(trade)]);
    expect(readFrame(frame, true, T + 12, latency)).toEqual({
      messages: 3,
      trades: 2,
      malformed: false,
    });
    expect(latency.count).toBe(2);
    expect(latency.quantile(0.5)).toBeCloseTo(12, 0);
  });

  it('counts messages per kind when asked', () => {
    const kinds = new Map<number, number>();
    const frame = joinFrame([encodeMessage(trade), encodeMessage(delta), encodeMessage(trade)]);
    readFrame(frame, true, T, new LatencyHistogram(), kinds);
    expect(Object.fromEntries(kinds)).toEqual({ [trade.kind]: 2, [delta.kind]: 1 });
  });

  it('reads a JSON text frame of one message (the baseline)', () => {
    const latency = new LatencyHistogram();
    const text = new TextEncoder().encode(JSON.stringify(trade));
    expect(readFrame(text, false, T + 30, latency).messages).toBe(1);
    expect(latency.quantile(0.99)).toBeCloseTo(30, 0);
  });

  it('counts malformed frames without recording anything', () => {
    const latency = new LatencyHistogram();
    expect(readFrame(new Uint8Array([0x92]), true, T, latency).malformed).toBe(true);
    expect(readFrame(new Uint8Array(), true, T, latency).malformed).toBe(true);
    expect(readFrame(new TextEncoder().encode('{"kind":'), false, T, latency)).toEqual({
      messages: 0,
      trades: 0,
      malformed: true,
    });
    expect(latency.count).toBe(0);
  });
});

describe('tradeTime', () => {
  it('is the time of a trade and null for other or malformed values', () => {
    expect(tradeTime(trade)).toBe(T);
    expect(tradeTime(delta)).toBeNull();
    expect(tradeTime({ kind: trade.kind, time: 'soon' })).toBeNull();
    expect(tradeTime(null)).toBeNull();
  });
});
