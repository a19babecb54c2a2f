import { describe, expect, it } from 'vitest';
import { isoTimeMs, parseFrame, parseL2Event, parseL2Level, parseTrade } from './coinbase-messages';

describe('Coinbase message guards', () => {
  it('reads an l2_data envelope with its sequence number and nanosecond timestamp', () => {
    const frame = parseFrame(
      JSON.stringify({
        channel: 'l2_data',
        client_id: '',
        timestamp: '2023-02-09T20:32:50.714964855Z',
        sequence_num: 7,
        events: [],
      }),
    );
    expect(frame).toEqual({
      channel: 'l2_data',
      sequenceNum: 7,
      time: Date.UTC(2023, 1, 9, 20, 32, 50, 714),
      events: [],
    });
  });

  it('tells error notices apart and refuses frames of the wrong shape', () => {
    expect(parseFrame('{"type":"error","message":"failure to subscribe"}')).toEqual({
      message: 'failure to subscribe',
    });
    for (const text of [
      'not json',
      'null',
      '"text"',
      '{"channel":"l2_data","events":[]}',
      '{"channel":"l2_data","events":[],"sequence_num":"3"}',
      '{"channel":"l2_data","events":[],"sequence_num":1.5}',
      '{"channel":5,"events":[],"sequence_num":1}',
    ]) {
      expect(parseFrame(text)).toBeNull();
    }
  });

  it('checks level2 events and levels field by field', () => {
    expect(parseL2Event({ type: 'update', product_id: 'BTC-USD', updates: [] })).toEqual({
      type: 'update',
      productId: 'BTC-USD',
      updates: [],
    });
    expect(parseL2Event({ type: 'delta', product_id: 'BTC-USD', updates: [] })).toBeNull();
    expect(parseL2Event({ type: 'update', updates: [] })).toBeNull();
    expect(parseL2Level({ side: 'offer', price_level: '1.5', new_quantity: '0' })).toEqual({
      side: 'offer',
      price: '1.5',
      quantity: '0',
    });
    expect(parseL2Level({ side: 'ask', price_level: '1.5', new_quantity: '0' })).toBeNull();
    expect(parseL2Level({ side: 'bid', price_level: 1.5, new_quantity: '0' })).toBeNull();
  });

  it('reads market trades and refuses unknown sides', () => {
    const trade = {
      trade_id: '1',
      product_id: 'BTC-USD',
      price: '100.00',
      size: '0.1',
      side: 'SELL',
      time: '2019-08-14T20:42:27.265Z',
    };
    expect(parseTrade(trade)).toEqual({
      productId: 'BTC-USD',
      price: '100.00',
      size: '0.1',
      side: 'SELL',
      time: Date.UTC(2019, 7, 14, 20, 42, 27, 265),
    });
    expect(parseTrade({ ...trade, side: 'sell' })).toBeNull();
    expect(parseTrade({ ...trade, price: 100 })).toBeNull();
    expect(parseTrade({ ...trade, time: 'later' })?.time).toBeNull();
  });

  it('parses RFC 3339 times with any fraction and offsets, and nothing else', () => {
    expect(isoTimeMs('2024-05-01T12:00:00Z')).toBe(Date.UTC(2024, 4, 1, 12));
    expect(isoTimeMs('2024-05-01T12:00:00.5Z')).toBe(Date.UTC(2024, 4, 1, 12, 0, 0, 500));
    expect(isoTimeMs('2024-05-01T14:00:00.123456+02:00')).toBe(Date.UTC(2024, 4, 1, 12, 0, 0, 123));
    expect(isoTimeMs('2024-05-01 12:00:00')).toBeNull();
    expect(isoTimeMs('2024-13-45T99:00:00Z')).toBeNull();
    expect(isoTimeMs(1714564800)).toBeNull();
  });
});
