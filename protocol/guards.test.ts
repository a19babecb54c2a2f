import { describe, expect, it } from 'vitest';
import { checkClientMessage, checkServerMessage } from './guards';
import * as m from './messages';

describe('checkClientMessage', () => {
  it.each([
    m.subscribe(1, 'book', 'BTC-USD', { depth: 20 }),
    m.subscribe(2, 'book', 'BTC-USD'),
    m.subscribe(3, 'candles', 'EUR-USD', { interval: '5m' }),
    m.subscribe(4, 'tickers', null),
    m.subscribe(5, 'trades', 'AAPL'),
    m.unsubscribe(m.subscribe(6, 'trades', 'AAPL')),
    m.ping(7, 1_763_000_000_000),
  ])('accepts a valid message (%#)', (message) => {
    expect(checkClientMessage(message)).toEqual({ ok: true, value: message });
  });

  it.each([
    ['not a map', 'subscribe', /must be a map/],
    ['an array', [100, 1], /must be a map/],
    ['null', null, /must be a map/],
    ['an unknown kind', { kind: 99 }, /unknown message kind 99/],
    ['a string kind', { kind: 'subscribe' }, /unknown message kind "subscribe"/],
    ['a missing ref', { ...m.subscribe(1, 'book', 'X'), ref: undefined }, /ref/],
    ['an unknown channel', { ...m.subscribe(1, 'book', 'X'), channel: 'news' }, /channel/],
    ['a book without symbol', { ...m.subscribe(1, 'book', 'X'), symbol: null }, /symbol/],
    ['an over-long symbol', m.subscribe(1, 'trades', 'X'.repeat(33)), /symbol/],
    ['a symbol with spaces', m.subscribe(1, 'trades', 'BTC USD'), /symbol/],
    ['tickers with a symbol', m.subscribe(1, 'tickers', 'BTC-USD'), /no symbol/],
    ['depth 0', m.subscribe(1, 'book', 'X', { depth: 0 }), /depth/],
    ['depth 101', m.subscribe(1, 'book', 'X', { depth: 101 }), /depth/],
    ['a fractional depth', { ...m.subscribe(1, 'book', 'X'), depth: 2.5 }, /depth/],
    ['depth on trades', { ...m.subscribe(1, 'trades', 'X'), depth: 5 }, /depth applies/],
    ['candles without interval', m.subscribe(1, 'candles', 'X'), /interval/],
    ['a bad interval', { ...m.subscribe(1, 'candles', 'X'), interval: '2m' }, /interval/],
    ['interval on book', { ...m.subscribe(1, 'book', 'X'), interval: '1m' }, /interval applies/],
    ['a ping without id', { kind: m.ClientKind.ping, clientTime: 1 }, /ping.id/],
    ['a ping with NaN time', { kind: m.ClientKind.ping, id: 1, clientTime: NaN }, /clientTime/],
  ])('rejects %s with a reason', (_what, value, reason) => {
    const checked = checkClientMessage(value);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.error).toMatch(reason);
  });
});

describe('checkServerMessage', () => {
  it('accepts messages the gateway builds', () => {
    const messages: m.ServerMessage[] = [
      m.hello(1, 'v', 15_000),
      m.bookDelta(1, 2, [100, 0], []),
      m.tradesSnapshot(1, 0, []),
      m.streamStatus('book', 1, false),
    ];
    for (const message of messages) expect(checkServerMessage(message).ok).toBe(true);
  });

  it.each([
    ['an unknown kind', { kind: 77 }],
    ['a delta without seq', { kind: m.ServerKind.bookDelta, inst: 1, bids: [], asks: [] }],
    ['odd-length levels', { ...m.bookDelta(1, 2, [], []), bids: [100] }],
    ['float levels', { ...m.bookDelta(1, 2, [], []), asks: [100.5, 1] }],
    [
      'a trade without inst',
      { ...m.tradeMessage(1, { id: 1, price: 1, size: 1, side: 1, time: 1 }), inst: 'x' },
    ],
    ['a ticker snapshot without a list', { kind: m.ServerKind.tickerSnapshot, tickers: {} }],
  ])('rejects %s', (_what, value) => {
    expect(checkServerMessage(value).ok).toBe(false);
  });
});
