/** Fixtures for tests on both sides of the wire (not used by the app itself). */
import type { Instrument } from './instruments';
import type { Ticker } from './messages';
import type { AccountView, FillView, OrderView, PlaceOrderBody, PositionView } from './paper';

/** Bitcoin quoted in dollars: prices in cents (scale 2), sizes in 0.0001 BTC lots. */
export const BTC_USD: Instrument = {
  id: 1,
  symbol: 'BTC-USD',
  name: 'Bitcoin',
  assetClass: 'crypto',
  base: 'BTC',
  quote: 'USD',
  priceScale: 2,
  tick: 1,
  sizeScale: 4,
  lot: 1,
};

/** A plausible ticker: bid and ask one unit around `last`, time equal to `seq` unless given. */
export function testTicker(fields: Partial<Ticker> & { inst: number }): Ticker {
  const last = fields.last ?? 100;
  const seq = fields.seq ?? 1;
  return {
    seq,
    time: seq,
    last,
    bid: last - 1,
    ask: last + 1,
    open24: 90,
    high24: 110,
    low24: 80,
    volume24: 5,
    ...fields,
  };
}

/** A paper account mid-session (money as the gateway formats it). */
export const TEST_ACCOUNT: AccountView = {
  currency: 'USD',
  startingCash: '100000.00000000',
  cash: '93489.87000000',
  equity: '99998.12000000',
  realizedPnl: '0.00000000',
  unrealizedPnl: '-1.87000000',
  feesPaid: '3.2505000000000001',
  marginUsed: '6508.25000000',
  buyingPower: '93489.87000000',
  makerFeeBps: 2,
  takerFeeBps: 5,
  seq: 7,
  updatedAt: 1_700_000_000_000,
};
/** A resting limit buy; keys deliberately out of wire order (constructors must restore it). */
export const TEST_ORDER = {
  updatedAt: 2,
  id: 'o_0000000001',
  clientOrderId: 'c-1',
  inst: 1,
  symbol: 'BTC-USD',
  side: 'buy',
  type: 'limit',
  quantity: 10_000,
  limitPrice: 6_500_000,
  stopPrice: null,
  timeInForce: 'gtc',
  postOnly: false,
  status: 'open',
  filledQuantity: 0,
  averagePrice: null,
  rejectCode: null,
  rejectMessage: null,
  createdAt: 1,
} satisfies OrderView;
/** A taker fill of TEST_ORDER. */
export const TEST_FILL: FillView = {
  id: 'f_0000000001',
  orderId: 'o_0000000001',
  inst: 1,
  symbol: 'BTC-USD',
  side: 'buy',
  price: 6_501_000,
  quantity: 5_000,
  fee: '1.6252500000000000',
  liquidity: 'taker',
  time: 3,
};
/** The long position TEST_FILL opened. */
export const TEST_POSITION: PositionView = {
  inst: 1,
  symbol: 'BTC-USD',
  quantity: 5_000,
  averageEntryPrice: '65010.00',
  markPrice: 6_500_000,
  marketValue: '32500.00000000',
  unrealizedPnl: '-5.00000000',
  realizedPnl: '0.00000000',
};

/** A resting BTC-USD limit buy of 0.1 at 64,000.00 under `clientOrderId`, with `fields` over it. */
export function testOrderBody(
  clientOrderId: string,
  fields: Partial<PlaceOrderBody> = {},
): PlaceOrderBody {
  return {
    clientOrderId,
    symbol: 'BTC-USD',
    side: 'buy',
    type: 'limit',
    quantity: 1_000,
    limitPrice: 6_400_000,
    stopPrice: null,
    timeInForce: 'gtc',
    postOnly: false,
    ...fields,
  };
}
