import { describe, expect, it } from 'vitest';
import { numberText, parseExactJson, plainDecimal } from './kraken-json';

/** Replaces parsed numbers by their texts, for readable expectations. */
function texts(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(texts);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, texts(v)]));
  }
  return numberText(value) ?? value;
}
import { parseKrakenMessage } from './kraken-messages';

describe('parseExactJson', () => {
  it('keeps the exact digits of numbers, trailing zeros included', () => {
    expect(texts(parseExactJson('{"price":0.05000,"qty":1.50000000,"n":[-3,0]}'))).toEqual({
      price: '0.05000',
      qty: '1.50000000',
      n: ['-3', '0'],
    });
  });

  it('leaves strings alone, escaped quotes and digits inside them included', () => {
    const parsed = parseExactJson('{"a":"x\\"1.5\\" y","b":2}');
    expect(texts(parsed)).toEqual({ a: 'x"1.5" y', b: '2' });
    // A quoted string stays a string: guards can tell it from a number.
    expect(numberText((parsed as { a: unknown }).a)).toBeNull();
  });

  it('writes exponent numbers as plain decimals without a float', () => {
    expect(plainDecimal('5e-8')).toBe('0.00000005');
    expect(plainDecimal('1.25E+3')).toBe('1250');
    expect(plainDecimal('-1.5e1')).toBe('-15');
    expect(plainDecimal('123.456e-1')).toBe('12.3456');
    expect(texts(parseExactJson('[1.0e-7]'))).toEqual(['0.00000010']);
  });

  it('rejects what JSON rejects', () => {
    expect(() => parseExactJson('{"a":01}')).toThrow();
    expect(() => parseExactJson('{"a":1.}')).toThrow();
    expect(() => parseExactJson('{"a":--1}')).toThrow();
    expect(() => parseExactJson('{"a":')).toThrow();
    expect(() => parseExactJson('{"a":"unterminated}')).toThrow();
    expect(() => parseExactJson('{"a":"\\u0000forged"}')).toThrow(/NUL/);
    // An escaped backslash followed by "u0000" is plain text, not a NUL.
    expect(parseExactJson(String.raw`{"note":"C:\\u0000"}`)).toEqual({ note: 'C:\\u0000' });
  });
});

describe('parseKrakenMessage', () => {
  it('reads a book update with exact texts', () => {
    const text =
      '{"channel":"book","type":"update","data":[{"symbol":"BTC/USD","bids":[{"price":45283.5,' +
      '"qty":0.10000000}],"asks":[],"checksum":3310070434,"timestamp":"2023-10-06T17:35:55.440295Z"}]}';
    expect(parseKrakenMessage(text)).toEqual({
      kind: 'book',
      snapshot: false,
      entries: [
        {
          symbol: 'BTC/USD',
          bids: [{ price: '45283.5', qty: '0.10000000' }],
          asks: [],
          checksum: 3310070434,
          time: Date.UTC(2023, 9, 6, 17, 35, 55, 440),
        },
      ],
    });
  });

  it('knows heartbeats, pongs, status and acks', () => {
    expect(parseKrakenMessage('{"channel":"heartbeat"}')).toEqual({ kind: 'heartbeat' });
    expect(parseKrakenMessage('{"method":"pong","req_id":3,"time_in":"x"}')).toEqual({
      kind: 'pong',
    });
    expect(
      parseKrakenMessage('{"channel":"status","type":"update","data":[{"system":"online"}]}'),
    ).toEqual({ kind: 'status' });
    expect(
      parseKrakenMessage(
        '{"method":"subscribe","success":false,"error":"Currency pair not in ISO 4217-A3 format FOO"}',
      ),
    ).toEqual({
      kind: 'ack',
      method: 'subscribe',
      success: false,
      detail: 'Currency pair not in ISO 4217-A3 format FOO',
    });
  });

  it('returns null for bad JSON and wrong shapes', () => {
    const bad = [
      'not json',
      '[1,2]',
      '{"channel":"nope"}',
      '{"channel":"book","type":"delta","data":[]}',
      '{"channel":"book","type":"update","data":[{"symbol":"BTC/USD","bids":"x","checksum":1}]}',
      '{"channel":"book","type":"update","data":[{"symbol":"BTC/USD","bids":[],"asks":[]}]}',
      '{"channel":"book","type":"update","data":[{"symbol":"BTC/USD","bids":[{"price":"1","qty":1}],"checksum":1}]}',
      '{"channel":"book","type":"update","data":[{"symbol":"BTC/USD","bids":[],"checksum":-1}]}',
      '{"channel":"trade","type":"update","data":[{"symbol":"BTC/USD","side":"up","price":1,"qty":1}]}',
      '{"method":"subscribe"}',
    ];
    for (const text of bad) expect(parseKrakenMessage(text), text).toBeNull();
  });
});
