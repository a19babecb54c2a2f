import { describe, expect, it } from 'vitest';
import { checkClientMessage, checkServerMessage } from './guards';
import { JsonDecodeError, decodeJsonFrame, encodeJsonMessage, joinJsonFrame } from './json-codec';
import { Side, bookDelta, ping, subscribe, tradeMessage } from './messages';

describe('json codec', () => {
  it('a frame of joined messages decodes back to the same objects', () => {
    const messages = [
      tradeMessage(1, { id: 7, price: 6512345, size: 3, side: Side.buy, time: 1 }),
      bookDelta(1, 8, [100, 0], [101, 5]),
    ];
    const frame = joinJsonFrame(messages.map(encodeJsonMessage));
    const decoded = decodeJsonFrame(frame);
    expect(decoded).toEqual(messages);
    for (const value of decoded) expect(checkServerMessage(value).ok).toBe(true);
  });

  it('keeps the constructors key order, kind first', () => {
    expect(encodeJsonMessage(ping(1, 2))).toBe('{"kind":102,"id":1,"clientTime":2}');
  });

  it('a single client message object is a frame of one', () => {
    const message = subscribe(3, 'trades', 'BTC-USD');
    const [value] = decodeJsonFrame(JSON.stringify(message));
    expect(checkClientMessage(value)).toEqual({ ok: true, value: message });
  });

  it('malformed input throws JsonDecodeError with a reason', () => {
    expect(() => decodeJsonFrame('{"kind":')).toThrow(JsonDecodeError);
    expect(() => decodeJsonFrame('{"kind":')).toThrow(/malformed JSON/);
    expect(() => decodeJsonFrame('   ')).toThrow('empty frame');
  });

  it('non-object values come through as values for the guard to reject', () => {
    expect(decodeJsonFrame('42')).toEqual([42]);
    expect(checkClientMessage(decodeJsonFrame('[null]')[0]).ok).toBe(false);
  });
});
