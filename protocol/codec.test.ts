import { describe, expect, it } from 'vitest';
import { decodeFrame, encodeMessage, joinFrame, DecodeError } from './codec';
import * as m from './messages';

const sample = {
  ticker: {
    inst: 7,
    seq: 1234,
    time: 1_763_000_000_123,
    last: 6_512_345,
    bid: 6_512_300,
    ask: 6_512_400,
    open24: 6_400_000,
    high24: 6_600_000,
    low24: 6_350_000,
    volume24: 123_456_789,
  },
  trade: { id: 42, price: 6_512_345, size: 1_500, side: m.Side.buy, time: 1_763_000_000_123 },
  candle: {
    time: 1_763_000_000_000,
    open: 100,
    high: 120,
    low: 90,
    close: 110,
    volume: 5000,
  },
} as const;

const everyMessage: Array<m.ServerMessage | m.ClientMessage> = [
  m.hello(1_763_000_000_000, 'v1-abc', 15_000),
  m.errorMessage('bad_request', 'channel must be one of tickers, book, trades, candles', 3),
  m.errorMessage('decode', 'malformed frame'),
  m.pong(5, 1_763_000_000_000.5, 1_763_000_000_002),
  m.tickerSnapshot([sample.ticker, { ...sample.ticker, inst: 8 }]),
  m.tickerMessage(sample.ticker),
  m.bookSnapshot(7, 10, 20, [100, 5, 99, 7], [101, 3, 102, 9]),
  m.bookDelta(7, 11, [100, 0], []),
  m.tradesSnapshot(7, 42, [sample.trade, { ...sample.trade, id: 43 }]),
  m.tradeMessage(7, sample.trade),
  m.candleMessage(7, 1, 9, sample.candle),
  m.streamStatus('book', 7, false),
  m.subscribe(1, 'book', 'BTC-USD', { depth: 20 }),
  m.subscribe(2, 'candles', 'BTC-USD', { interval: '1h' }),
  m.subscribe(3, 'tickers', null),
  m.unsubscribe(m.subscribe(4, 'trades', 'AAPL')),
  m.ping(9, 1_763_000_000_000),
];

describe('codec', () => {
  it.each(everyMessage.map((message) => [message.kind, message] as const))(
    'round-trips message kind %s',
    (_kind, message) => {
      expect(decodeFrame(encodeMessage(message))).toEqual([message]);
    },
  );

  it('builds every message in the key order of a shared shape', () => {
    const shapes = new Set(m.SHAPES.map((keys) => keys.join(',')));
    for (const message of everyMessage) {
      expect(shapes).toContain(Object.keys(message).join(','));
    }
  });

  it('encodes messages as one-byte record ids, not key names', () => {
    const bytes = encodeMessage(m.tradeMessage(7, sample.trade));
    expect(String.fromCharCode(...bytes)).not.toContain('price');
    expect(bytes.byteLength).toBeLessThan(
      JSON.stringify(m.tradeMessage(7, sample.trade)).length / 2,
    );
  });

  it('decodes several messages joined in one frame, in order', () => {
    const messages = everyMessage.slice(4, 10);
    const frame = joinFrame(messages.map(encodeMessage));
    expect(decodeFrame(frame)).toEqual(messages);
  });

  it('produces self-contained bytes that decode the same in any order', () => {
    const a = encodeMessage(m.bookDelta(1, 2, [5, 6], []));
    const b = encodeMessage(m.tradeMessage(1, sample.trade));
    expect(decodeFrame(joinFrame([b, a]))).toEqual([
      m.tradeMessage(1, sample.trade),
      m.bookDelta(1, 2, [5, 6], []),
    ]);
  });

  it('still round-trips a shape that is not shared', () => {
    const odd = { something: 'else', n: 1 } as unknown as m.ServerMessage;
    expect(decodeFrame(encodeMessage(odd))).toEqual([odd]);
    expect(decodeFrame(encodeMessage(odd))).toEqual([odd]);
  });

  it('rejects empty and malformed frames with a DecodeError', () => {
    expect(() => decodeFrame(new Uint8Array())).toThrow(DecodeError);
    expect(() => decodeFrame(new Uint8Array([0xdc]))).toThrow(DecodeError);
    expect(() => decodeFrame(new Uint8Array([0xd9, 0x05, 0x61, 0x62]))).toThrow(DecodeError);
    expect(() => decodeFrame(new Uint8Array([0x92, 0x01]))).toThrow(DecodeError);
  });
});
