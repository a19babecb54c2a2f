/**
 * The paper-trading wire contract, shared by the gateway (REST and the `account` channel) and the
 * app. Prices and quantities are integer units of the instrument, as everywhere else on the wire.
 * Money (cash, fees, P&L, notional) travels as an exact decimal string in the account currency,
 * e.g. "100000.00000000"; parse it with parseMoneyText, never with parseFloat.
 */

export const ORDER_TYPES = ['market', 'limit', 'stop', 'stop_limit'] as const;
export type OrderType = (typeof ORDER_TYPES)[number];

export const TIME_IN_FORCE = ['gtc', 'ioc'] as const;
export type TimeInForce = (typeof TIME_IN_FORCE)[number];

export const ORDER_SIDES = ['buy', 'sell'] as const;
export type OrderSide = (typeof ORDER_SIDES)[number];

export const ORDER_STATUSES = [
  'pending',
  'open',
  'partially_filled',
  'filled',
  'cancelled',
  'rejected',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Statuses of orders that can still fill or be cancelled. */
export const LIVE_ORDER_STATUSES: readonly OrderStatus[] = ['pending', 'open', 'partially_filled'];

/** Why an order was refused: in `rejected` orders and in 422 answers. */
export const REJECT_CODES = [
  'unknown_instrument',
  'unsupported_currency',
  'off_tick',
  'off_lot',
  'below_min_quantity',
  'below_min_notional',
  'insufficient_buying_power',
  'market_closed',
  'stale_market',
  'post_only_would_cross',
  'no_liquidity',
  'invalid_order',
] as const;
export type RejectCode = (typeof REJECT_CODES)[number];

/** Client order ids: the idempotency key of an order. */
export const CLIENT_ORDER_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** Body of POST /api/orders. */
export interface PlaceOrderBody {
  clientOrderId: string;
  symbol: string;
  side: OrderSide;
  type: OrderType;
  /** Size units, a positive multiple of the lot. */
  quantity: number;
  /** Limit price for limit and stop_limit orders, else null. */
  limitPrice: number | null;
  /** Trigger price for stop and stop_limit orders, else null. */
  stopPrice: number | null;
  timeInForce: TimeInForce;
  postOnly: boolean;
}

export interface OrderView {
  id: string;
  clientOrderId: string;
  inst: number;
  symbol: string;
  side: OrderSide;
  type: OrderType;
  quantity: number;
  limitPrice: number | null;
  stopPrice: number | null;
  timeInForce: TimeInForce;
  postOnly: boolean;
  status: OrderStatus;
  filledQuantity: number;
  /** Average fill price as a decimal string (display only), null before the first fill. */
  averagePrice: string | null;
  rejectCode: RejectCode | null;
  rejectMessage: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface FillView {
  id: string;
  orderId: string;
  inst: number;
  symbol: string;
  side: OrderSide;
  price: number;
  quantity: number;
  /** Money. */
  fee: string;
  liquidity: 'maker' | 'taker';
  time: number;
}

export interface PositionView {
  inst: number;
  symbol: string;
  /** Signed size units: positive long, negative short. */
  quantity: number;
  /** Average entry price as a decimal string, null when flat. */
  averageEntryPrice: string | null;
  /** The price the position is marked at (mid, else last trade), null when unknown. */
  markPrice: number | null;
  /** Money. */
  marketValue: string;
  unrealizedPnl: string;
  realizedPnl: string;
}

/** Balances (all money) and the fee rates they are charged at. */
export interface AccountView {
  currency: string;
  startingCash: string;
  cash: string;
  equity: string;
  realizedPnl: string;
  unrealizedPnl: string;
  feesPaid: string;
  marginUsed: string;
  buyingPower: string;
  /** Fee rates the engine charges, integer basis points of notional (--maker-fee-bps, --taker-fee-bps). */
  makerFeeBps: number;
  takerFeeBps: number;
  /** The account's event sequence (one per change). */
  seq: number;
  updatedAt: number;
}

/** 200 (repeat of a known clientOrderId: `duplicate` true) or 201 (new order). */
export interface PlaceOrderResponse {
  order: OrderView;
  duplicate: boolean;
}

/**
 * 422 when the engine refused the order: the rejected order is recorded (a repeat of the same
 * clientOrderId returns it again), `error.code` is its RejectCode.
 */
export interface OrderRejectedResponse {
  error: { code: RejectCode; message: string };
  order: OrderView;
}

/** GET /api/orders?status=open|closed|all&limit=&before= — newest first. */
export interface OrdersResponse {
  orders: OrderView[];
}

/** GET /api/fills?limit=&before= — newest first. */
export interface FillsResponse {
  fills: FillView[];
}

/** GET /api/positions */
export interface PositionsResponse {
  positions: PositionView[];
}

/** GET /api/account; also the answer of POST /api/account/reset (body `{ "confirm": true }`). */
export interface AccountResponse {
  account: AccountView;
}

/** DELETE /api/orders/:id → 200 { order }; DELETE /api/orders?symbol= → 200 { orders }. */
export interface CancelResponse {
  order: OrderView;
}
export interface CancelAllResponse {
  orders: OrderView[];
}

const MONEY_PATTERN = /^(-)?(\d+)(?:\.(\d+))?$/;

/** Parses a money string into bigint units of 10^-scale exactly; throws on anything else. */
export function parseMoneyText(text: string, scale: number): bigint {
  const match = MONEY_PATTERN.exec(text);
  if (!match) throw new RangeError(`not a money amount: ${JSON.stringify(text)}`);
  const [, sign, whole = '0', fraction = ''] = match;
  const trimmed = fraction.replace(/0+$/, '');
  if (trimmed.length > scale) throw new RangeError(`${text} has more than ${scale} decimals`);
  const units = BigInt(whole + trimmed.padEnd(scale, '0'));
  return sign ? -units : units;
}
