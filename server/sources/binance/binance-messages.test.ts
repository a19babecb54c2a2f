import { describe, expect, it } from 'vitest';
import { depthEvent, SERVER_SHUTDOWN, tradeEvent } from './binance-fixtures';
import { exchangeInfoSymbols, parseKlines, parseStreamMessage } from './binance-messages';

const parse = (value: unknown) =>
  parseStreamMessage(typeof value === 'string' ? value : JSON.stringify(value));

describe('parseStreamMessage', () => {
  it('recognizes depth, trade, shutdown (bare or wrapped) and acknowledgements', () => {
    expect(parse(depthEvent(1, 2, [['1.00', '2.0']], [])).kind).toBe('depth');
    expect(parse(tradeEvent('1.00', '2.0', true, 5)).kind).toBe('trade');
    expect(parse(SERVER_SHUTDOWN)).toEqual({ kind: 'shutdown' });
    expect(parse({ stream: 'x', data: SERVER_SHUTDOWN })).toEqual({ kind: 'shutdown' });
    expect(parse({ result: null, id: 1 })).toEqual({ kind: 'ack' });
  });

  it('classifies broken frames as malformed instead of throwing', () => {
    const event = depthEvent(1, 2, [], []);
    const broken: unknown[] = [
      '',
      'null',
      '{"stream":',
      42,
      { stream: 'btcusdt@depth@100ms' },
      { ...event, data: { ...event.data, U: 3 } },
      { ...event, data: { ...event.data, u: -1 } },
      { ...event, data: { ...event.data, E: 1.5 } },
      { ...event, data: { ...event.data, b: [['1.00', 2]] } },
      { ...event, data: { ...event.data, a: 'none' } },
      { ...event, data: { ...event.data, e: 'kline' } },
      tradeEvent('1.00', '2.0', 'yes' as unknown as boolean, 5),
    ];
    for (const frame of broken) expect(parse(frame).kind, JSON.stringify(frame)).toBe('malformed');
  });
});

describe('REST bodies', () => {
  it('reduces klines to six fields and refuses other shapes', () => {
    const row = [0, '1.0', '2.0', '0.5', '1.5', '3.0', 59_999, '4.5', 7, '1.0', '1.5', '0'];
    expect(parseKlines([row])).toEqual([[0, '1.0', '2.0', '0.5', '1.5', '3.0']]);
    expect(parseKlines({ code: -1121 })).toBeNull();
    expect(parseKlines([[0, 1, 2, 3, 4, 5]])).toBeNull();
    expect(parseKlines([[0, '1.0']])).toBeNull();
    expect(parseKlines([['0', '1', '2', '0', '1', '3']])).toBeNull();
  });

  it('accepts exchangeInfo only with well-formed symbol entries', () => {
    expect(exchangeInfoSymbols({ symbols: [] })).toEqual([]);
    expect(exchangeInfoSymbols({ symbols: [{ symbol: 'X' }] })).toBeNull();
    expect(exchangeInfoSymbols([])).toBeNull();
    expect(exchangeInfoSymbols(null)).toBeNull();
  });
});
