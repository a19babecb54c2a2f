import { describe, expect, it } from 'vitest';
import {
  isAccountResponse,
  isFillsResponse,
  isMoneyText,
  isOrderRejectedResponse,
  isOrdersResponse,
  isPlaceOrderResponse,
  isPositionsResponse,
} from './paper-guards';
import type { OrderView } from '../../../protocol/paper';
import { TEST_ORDER } from '../../../protocol/test-fixtures';

const order: OrderView = {
  ...TEST_ORDER,
  id: 'o_1',
  clientOrderId: 'qd_1',
  quantity: 10,
  limitPrice: 100,
  createdAt: 1,
  updatedAt: 1,
};
const fill = {
  id: 'f_1',
  orderId: 'o_1',
  inst: 1,
  symbol: 'BTC-USD',
  side: 'sell',
  price: 100,
  quantity: 5,
  fee: '0.0123',
  liquidity: 'maker',
  time: 2,
};
const position = {
  inst: 1,
  symbol: 'BTC-USD',
  quantity: -5,
  averageEntryPrice: '1.00',
  markPrice: 101,
  marketValue: '-5.05',
  unrealizedPnl: '-0.05',
  realizedPnl: '0',
};
const account = {
  currency: 'USD',
  startingCash: '100000.00000000',
  cash: '99995',
  equity: '100000',
  realizedPnl: '0',
  unrealizedPnl: '-0.05',
  feesPaid: '0.0123',
  marginUsed: '5.05',
  buyingPower: '99994.95',
  makerFeeBps: 2,
  takerFeeBps: 5,
  seq: 3,
  updatedAt: 4,
};

describe('paper guards', () => {
  it('accept the contract shapes', () => {
    expect(isOrdersResponse({ orders: [order] })).toBe(true);
    expect(isFillsResponse({ fills: [fill] })).toBe(true);
    expect(isPositionsResponse({ positions: [position] })).toBe(true);
    expect(isAccountResponse({ account })).toBe(true);
    expect(isAccountResponse({ account: { ...account, makerFeeBps: 0, takerFeeBps: 0 } })).toBe(
      true,
    );
    expect(isPlaceOrderResponse({ order, duplicate: true })).toBe(true);
    expect(
      isOrderRejectedResponse({
        error: { code: 'off_tick', message: 'x' },
        order: { ...order, status: 'rejected', rejectCode: 'off_tick', rejectMessage: 'x' },
      }),
    ).toBe(true);
  });

  it('refuse malformed bodies', () => {
    expect(isOrdersResponse({ orders: [{ ...order, quantity: 1.5 }] })).toBe(false);
    expect(isOrdersResponse({ orders: [{ ...order, status: 'done' }] })).toBe(false);
    expect(isOrdersResponse({ orders: [{ ...order, side: 'long' }] })).toBe(false);
    expect(isOrdersResponse({ orders: [{ ...order, rejectCode: 'nope' }] })).toBe(false);
    expect(isOrdersResponse(null)).toBe(false);
    expect(isFillsResponse({ fills: [{ ...fill, fee: 0.01 }] })).toBe(false);
    expect(isFillsResponse({ fills: [{ ...fill, liquidity: 'both' }] })).toBe(false);
    expect(isPositionsResponse({ positions: [{ ...position, unrealizedPnl: '1e3' }] })).toBe(false);
    expect(isAccountResponse({ account: { ...account, equity: 100000 } })).toBe(false);
    expect(isAccountResponse({ account: { ...account, takerFeeBps: '5' } })).toBe(false);
    expect(isAccountResponse({ account: { ...account, makerFeeBps: -1 } })).toBe(false);
    expect(isAccountResponse({ account: { ...account, makerFeeBps: 2.5 } })).toBe(false);
    // The preview charges these rates, so an account without them is not taken for one.
    expect(isAccountResponse({ account: { ...account, takerFeeBps: undefined } })).toBe(false);
    expect(isAccountResponse({ account: { ...account, seq: undefined } })).toBe(false);
    expect(isPlaceOrderResponse({ order })).toBe(false);
    expect(isOrderRejectedResponse({ error: { code: 'teapot', message: 'x' }, order })).toBe(false);
  });

  it('money text is an exact decimal, never a float notation', () => {
    expect(isMoneyText('-12.50')).toBe(true);
    expect(isMoneyText('12.')).toBe(false);
    expect(isMoneyText('NaN')).toBe(false);
    expect(isMoneyText('1e-7')).toBe(false);
  });
});
