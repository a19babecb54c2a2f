import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PlaceOrderBody } from '../../../protocol/paper';
import { cancelAllOrders, placeOrder, resetAccount } from './paper-commands';

const body: PlaceOrderBody = {
  clientOrderId: 'qd_abc',
  symbol: 'BTC-USD',
  side: 'buy',
  type: 'market',
  quantity: 10,
  limitPrice: null,
  stopPrice: null,
  timeInForce: 'gtc',
  postOnly: false,
};
const order = {
  id: 'o_1',
  inst: 1,
  status: 'filled',
  filledQuantity: 10,
  averagePrice: '100.00',
  rejectCode: null,
  rejectMessage: null,
  createdAt: 1,
  updatedAt: 1,
  ...body,
};

function respond(status: number, json: unknown) {
  const fetchMock = vi.fn(
    async () => new Response(typeof json === 'string' ? json : JSON.stringify(json), { status }),
  );
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

describe('paper commands', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('posts the body as JSON and returns the order, new or duplicate', async () => {
    const fetchMock = respond(201, { order, duplicate: false });
    await expect(placeOrder(body)).resolves.toEqual({ ok: true, order, duplicate: false });
    const [path, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(path).toBe('/api/orders');
    expect(init.method).toBe('POST');
    expect(JSON.parse(String(init.body))).toEqual(body);
    respond(200, { order, duplicate: true });
    await expect(placeOrder(body)).resolves.toMatchObject({ ok: true, duplicate: true });
  });

  it('returns a 422 as the rejection with its code and message', async () => {
    respond(422, {
      error: { code: 'insufficient_buying_power', message: 'needs 10.00 USD more' },
      order: { ...order, status: 'rejected', rejectCode: 'insufficient_buying_power' },
    });
    await expect(placeOrder(body)).resolves.toMatchObject({
      ok: false,
      code: 'insufficient_buying_power',
      message: 'needs 10.00 USD more',
    });
  });

  it('throws with the server message on 400 and on a malformed answer', async () => {
    respond(400, { error: { code: 'bad_request', message: 'quantity must be an integer' } });
    await expect(placeOrder(body)).rejects.toMatchObject({
      status: 400,
      code: 'bad_request',
      message: '/api/orders failed with 400: quantity must be an integer',
    });
    respond(201, { order: { ...order, quantity: 'ten' }, duplicate: false });
    await expect(placeOrder(body)).rejects.toThrow('unexpected response shape');
    respond(502, '<html>');
    await expect(placeOrder(body)).rejects.toMatchObject({ status: 502 });
  });

  it('cancels all of a symbol and resets with confirmation', async () => {
    const fetchMock = respond(200, { orders: [] });
    await expect(cancelAllOrders('BTC-USD')).resolves.toEqual([]);
    expect((fetchMock.mock.calls[0] as unknown as [string])[0]).toBe('/api/orders?symbol=BTC-USD');
    const reset = respond(200, { account: { nope: true } });
    await expect(resetAccount()).rejects.toThrow('unexpected response shape');
    expect(
      JSON.parse(String((reset.mock.calls[0] as unknown as [string, RequestInit])[1].body)),
    ).toEqual({
      confirm: true,
    });
  });
});
