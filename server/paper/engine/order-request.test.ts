import { describe, expect, it } from 'vitest';
import { parseOrderRequest } from './order-request';

const valid = {
  clientOrderId: 'abc-123_X',
  symbol: 'BTC-USD',
  side: 'buy',
  type: 'limit',
  quantity: 10,
  limitPrice: 6_500_000,
};

describe('parseOrderRequest', () => {
  it('accepts a complete request and fills in defaults', () => {
    expect(parseOrderRequest(valid)).toEqual({
      ok: true,
      request: { ...valid, stopPrice: null, timeInForce: 'gtc', postOnly: false },
    });
  });

  it('rejects malformed bodies with a message naming the field', () => {
    const cases: Array<[unknown, string]> = [
      [null, 'JSON object'],
      [[valid], 'JSON object'],
      ['order', 'JSON object'],
      [{ ...valid, clientOrderId: '' }, 'clientOrderId'],
      [{ ...valid, clientOrderId: 'a b' }, 'clientOrderId'],
      [{ ...valid, clientOrderId: 'x'.repeat(65) }, 'clientOrderId'],
      [{ ...valid, symbol: 7 }, 'symbol'],
      [{ ...valid, side: 'long' }, 'side'],
      [{ ...valid, type: 'fok' }, 'type'],
      [{ ...valid, quantity: '10' }, 'quantity'],
      [{ ...valid, quantity: 0 }, 'quantity'],
      [{ ...valid, quantity: 1.5 }, 'quantity'],
      [{ ...valid, quantity: 2 ** 60 }, 'quantity'],
      [{ ...valid, limitPrice: '65000' }, 'limitPrice'],
      [{ ...valid, stopPrice: -1 }, 'stopPrice'],
      [{ ...valid, timeInForce: 'day' }, 'timeInForce'],
      [{ ...valid, postOnly: 'yes' }, 'postOnly'],
    ];
    for (const [body, field] of cases) {
      const parsed = parseOrderRequest(body);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.message).toContain(field);
    }
  });
});
