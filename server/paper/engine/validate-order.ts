/**
 * The checks an order passes before it may touch the market, in the order a trader would want
 * them reported: shape, instrument, currency, quantity grid, price grid, market state, notional.
 * Buying power and post-only need the book walk and live in the engine.
 */
import {
  formatPrice,
  formatSize,
  isOnLot,
  isOnTick,
  type Instrument,
} from '../../../protocol/instruments';
import { ORDER_SIDES, ORDER_TYPES, TIME_IN_FORCE } from '../types';
import type { OrderRequest, RejectCode } from '../types';
import type { BookTop, MarketView } from './market-view';
import { formatMoney, notionalOf } from './money';

export interface Reject {
  code: RejectCode;
  message: string;
}

export interface ValidationContext {
  instrumentBySymbol(symbol: string): Instrument | undefined;
  currency: string;
  market: MarketView;
  now: number;
  maxBookAgeMs: number;
  bookDepth: number;
  minNotional: bigint;
}

export type Validated =
  { ok: true; instrument: Instrument; book: BookTop } | { ok: false; reject: Reject };

/** Checks a request against its instrument and the market; returns the instrument and book to trade on. */
export function validateOrder(request: OrderRequest, ctx: ValidationContext): Validated {
  const shape = checkShape(request);
  if (shape) return { ok: false, reject: { code: 'invalid_order', message: shape } };
  const instrument = ctx.instrumentBySymbol(request.symbol);
  if (!instrument) return reject('unknown_instrument', `unknown instrument ${request.symbol}`);
  if (instrument.quote !== ctx.currency) {
    return reject(
      'unsupported_currency',
      `${instrument.symbol} is quoted in ${instrument.quote}; this account trades in ${ctx.currency}`,
    );
  }
  if (request.quantity < instrument.lot) {
    return reject(
      'below_min_quantity',
      `quantity ${formatSize(instrument, request.quantity)} is below one lot (${formatSize(instrument, instrument.lot)})`,
    );
  }
  if (!isOnLot(instrument, request.quantity)) {
    return reject(
      'off_lot',
      `quantity ${formatSize(instrument, request.quantity)} is not a multiple of the lot ${formatSize(instrument, instrument.lot)}`,
    );
  }
  for (const [name, price] of [
    ['limit price', request.limitPrice],
    ['stop price', request.stopPrice],
  ] as const) {
    if (price !== null && !isOnTick(instrument, price)) {
      return reject(
        'off_tick',
        `${name} ${formatPrice(instrument, price)} is not on the tick grid (${formatPrice(instrument, instrument.tick)})`,
      );
    }
  }
  if (!ctx.market.isOpen(instrument.id)) {
    return reject('market_closed', `${instrument.symbol} is not trading now`);
  }
  const book = ctx.market.book(instrument.id, ctx.bookDepth);
  if (!book || ctx.now - book.time > ctx.maxBookAgeMs) {
    const age = book ? `${Math.round((ctx.now - book.time) / 1000)} s old` : 'missing';
    return reject(
      'stale_market',
      `the ${instrument.symbol} book is ${age}; try again when it is live`,
    );
  }
  const price = referencePrice(request, book);
  if (price === null) {
    return reject('no_liquidity', `no ${request.side === 'buy' ? 'asks' : 'bids'} in the book`);
  }
  const notional = notionalOf(instrument, price, request.quantity);
  if (notional < ctx.minNotional) {
    return reject(
      'below_min_notional',
      `order value ${formatMoney(notional, 2)} ${ctx.currency} is below the minimum ${formatMoney(ctx.minNotional, 2)} ${ctx.currency}`,
    );
  }
  return { ok: true, instrument, book };
}

/** The price an order is valued at before it fills: its limit, its stop, or the touch. */
function referencePrice(request: OrderRequest, book: BookTop): number | null {
  if (request.limitPrice !== null) return request.limitPrice;
  if (request.stopPrice !== null) return request.stopPrice;
  return (request.side === 'buy' ? book.asks[0] : book.bids[0]) ?? null;
}

function checkShape(request: OrderRequest): string | null {
  if (!ORDER_SIDES.includes(request.side)) return `side ${String(request.side)} is not buy or sell`;
  if (!ORDER_TYPES.includes(request.type)) return `order type ${String(request.type)} is unknown`;
  if (!TIME_IN_FORCE.includes(request.timeInForce)) return 'time in force must be gtc or ioc';
  if (!Number.isSafeInteger(request.quantity) || request.quantity <= 0) {
    return 'quantity must be a positive integer';
  }
  const needsLimit = request.type === 'limit' || request.type === 'stop_limit';
  const needsStop = request.type === 'stop' || request.type === 'stop_limit';
  if (needsLimit !== (request.limitPrice !== null)) {
    return needsLimit
      ? `a ${request.type} order needs a limit price`
      : 'only limit orders take a limit price';
  }
  if (needsStop !== (request.stopPrice !== null)) {
    return needsStop
      ? `a ${request.type} order needs a stop price`
      : 'only stop orders take a stop price';
  }
  for (const price of [request.limitPrice, request.stopPrice]) {
    if (price !== null && (!Number.isSafeInteger(price) || price <= 0)) {
      return 'prices must be positive integers';
    }
  }
  if (request.postOnly && request.type !== 'limit') return 'only limit orders can be post-only';
  if (request.postOnly && request.timeInForce === 'ioc') return 'a post-only order cannot be IOC';
  return null;
}

function reject(code: RejectCode, message: string): Validated {
  return { ok: false, reject: { code, message } };
}
