import { describe, expect, it, vi } from 'vitest';
import { CLIENT_ORDER_ID_PATTERN, type PlaceOrderBody } from '../../../protocol/paper';
import { newClientOrderId } from '../../lib/api/client-order-id';
import { ApiError } from '../../lib/api/fetch-json';
import type { PlaceResult } from '../../lib/api/paper-commands';
import { TEST_ORDER } from '../../../protocol/test-fixtures';
import { sendAttempt, startAttempt } from './submission';

const order: Omit<PlaceOrderBody, 'clientOrderId'> = {
  symbol: 'BTC-USD',
  side: 'buy',
  type: 'limit',
  quantity: 10,
  limitPrice: 100,
  stopPrice: null,
  timeInForce: 'gtc',
  postOnly: false,
};

const placed = (body: PlaceOrderBody): PlaceResult => ({
  ok: true,
  duplicate: false,
  order: {
    ...TEST_ORDER,
    id: 'o_1',
    clientOrderId: body.clientOrderId,
    symbol: body.symbol,
    side: body.side,
    type: body.type,
    quantity: body.quantity,
    limitPrice: body.limitPrice,
    createdAt: 1,
    updatedAt: 1,
  },
});

describe('client order ids', () => {
  it('are unique and fit the contract, with or without randomUUID', () => {
    const ids = new Set(Array.from({ length: 100 }, () => newClientOrderId()));
    expect(ids.size).toBe(100);
    for (const id of ids) expect(id).toMatch(CLIENT_ORDER_ID_PATTERN);
    const noUuid = {
      getRandomValues: <T extends ArrayBufferView>(a: T) => crypto.getRandomValues(a),
    };
    expect(newClientOrderId(noUuid as Crypto)).toMatch(/^qd_[0-9a-f]{32}$/);
  });
});

describe('a submission', () => {
  it('retries an unanswered send with the same body and the same client order id', async () => {
    const place = vi
      .fn<(body: PlaceOrderBody) => Promise<PlaceResult>>()
      .mockRejectedValueOnce(new TypeError('Failed to fetch'))
      .mockImplementationOnce(async (body) => placed(body));
    const attempt = startAttempt(order);
    const first = await sendAttempt(attempt, place);
    expect(first.kind).toBe('unconfirmed');
    const second = await sendAttempt(attempt, place);
    expect(second.kind).toBe('placed');
    expect(place).toHaveBeenCalledTimes(2);
    const [a, b] = place.mock.calls.map(([body]) => body);
    expect(b).toEqual(a);
    expect(b!.clientOrderId).toBe(attempt.body.clientOrderId);
    expect(attempt.sends).toBe(2);
  });

  it('uses a new id for every new submit', () => {
    expect(startAttempt(order).body.clientOrderId).not.toBe(startAttempt(order).body.clientOrderId);
  });

  it('treats a 5xx as unanswered and a 400 as a definite refusal', async () => {
    const attempt = startAttempt(order);
    const failWith = (status: number) => async () => {
      throw new ApiError(`failed with ${status}`, status, 'x');
    };
    expect((await sendAttempt(attempt, failWith(503))).kind).toBe('unconfirmed');
    expect((await sendAttempt(attempt, failWith(400))).kind).toBe('refused');
  });

  it('reports an engine rejection as rejected', async () => {
    const attempt = startAttempt(order);
    const outcome = await sendAttempt(attempt, async (body) => ({
      ok: false,
      code: 'off_tick',
      message: 'limit price is not on the tick grid',
      order: { ...(placed(body) as Extract<PlaceResult, { ok: true }>).order, status: 'rejected' },
    }));
    expect(outcome.kind).toBe('rejected');
  });
});
