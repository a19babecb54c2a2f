/**
 * Placing one order: validation (recorded as a rejected order), post-only, buying power, then the
 * immediate part (walking the book as taker) and what is left (rests, waits as a stop, or is
 * cancelled for IOC and market orders).
 */
import { formatPrice, type Instrument } from '../../../protocol/instruments';
import type { Order, OrderRequest } from '../types';
import { instrumentMargin, markPosition } from './account-summary';
import { crossesBook, walkBook, type WalkPlan } from './book-walk';
import type { EngineCore } from './engine-core';
import { formatId } from './engine-options';
import type { PlaceResult } from './engine';
import type { BookTop } from './market-view';
import { feeOf, formatMoney, moneyFromRaw, notionalOf } from './money';
import { copyOrder, TransitionBuilder } from './transition-builder';
import { validateOrder, type Reject } from './validate-order';

/** Places a new order (the caller has ruled out a duplicate client order id). */
export function placeOrder(core: EngineCore, request: OrderRequest, now: number): PlaceResult {
  const builder = new TransitionBuilder();
  const order = newOrder(core, request, now);
  const validated = validateOrder(request, {
    instrumentBySymbol: (symbol) => core.instruments.bySymbol(symbol),
    currency: core.balance.currency,
    market: core.market,
    now,
    maxBookAgeMs: core.options.maxBookAgeMs,
    bookDepth: core.options.bookDepth,
    minNotional: core.options.minNotional,
  });
  if (!validated.ok) return reject(core, order, validated.reject, builder, now);
  const { instrument, book } = validated;
  order.inst = instrument.id;
  const buy = order.side === 'buy';

  if (order.postOnly && crossesBook(book.bids, book.asks, order.limitPrice!, buy)) {
    return reject(core, order, postOnlyReject(instrument, book, buy), builder, now);
  }
  let plan: WalkPlan | null = null;
  if (order.type === 'market' || (order.type === 'limit' && !order.postOnly)) {
    plan = walkBook(buy ? book.asks : book.bids, order.quantity, order.limitPrice, buy);
  }
  if (order.type === 'market' && plan!.quantity === 0) {
    const message = `no ${buy ? 'asks' : 'bids'} to trade against`;
    return reject(core, order, { code: 'no_liquidity', message }, builder, now);
  }
  const value =
    order.type === 'market'
      ? moneyFromRaw(instrument, plan!.rawNotional)
      : notionalOf(instrument, (order.limitPrice ?? order.stopPrice)!, order.quantity);
  const shortfall = checkBuyingPower(core, instrument, buy, value);
  if (shortfall) return reject(core, order, shortfall, builder, now);

  const stop = order.type === 'stop' || order.type === 'stop_limit';
  order.status = stop ? 'pending' : 'open';
  builder.order(order);
  if (plan) {
    for (let i = 0; i < plan.fills.length; i += 2) {
      core.fill(order, instrument, plan.fills[i]!, plan.fills[i + 1]!, 'taker', builder, now);
    }
  }
  const done = order.filledQuantity === order.quantity;
  if (done) order.status = 'filled';
  else if (stop) order.status = 'pending';
  else if (order.type === 'market' || order.timeInForce === 'ioc') order.status = 'cancelled';
  else if (order.filledQuantity > 0) order.status = 'partially_filled';
  if (done || order.status === 'cancelled') core.finalize(order, builder);
  else core.rest(order, instrument);
  return {
    order: copyOrder(order),
    transition: builder.finish(core.balance, now),
    duplicate: false,
    slippage: plan && order.filledQuantity > 0 ? slippageOf(instrument, order, plan, buy) : null,
  };
}

function newOrder(core: EngineCore, request: OrderRequest, now: number): Order {
  return {
    id: formatId('o_', core.balance.nextOrderNumber++),
    accountId: core.balance.accountId,
    clientOrderId: request.clientOrderId,
    inst: 0,
    side: request.side,
    type: request.type,
    quantity: request.quantity,
    limitPrice: request.limitPrice,
    stopPrice: request.stopPrice,
    timeInForce:
      request.type === 'limit' || request.type === 'stop_limit' ? request.timeInForce : 'ioc',
    postOnly: request.postOnly,
    status: 'open',
    filledQuantity: 0,
    filledNotional: 0n,
    rejectCode: null,
    rejectMessage: null,
    createdAt: now,
    updatedAt: now,
  };
}

/** Refuses an order that raises its instrument's margin beyond the buying power left. */
function checkBuyingPower(
  core: EngineCore,
  instrument: Instrument,
  buy: boolean,
  value: bigint,
): Reject | null {
  const position = core.positions.get(instrument.id) ?? { quantity: 0, entryNotional: 0n };
  const mark = markPosition(instrument, position, core.market).marketValue;
  const held = core.reserves.of(instrument.id);
  const openBuy = held?.buy ?? 0n;
  const openSell = held?.sell ?? 0n;
  const before = instrumentMargin(mark, openBuy, openSell);
  const after = buy
    ? instrumentMargin(mark, openBuy + value, openSell)
    : instrumentMargin(mark, openBuy, openSell + value);
  if (after <= before) return null;
  const { makerFeeBps, takerFeeBps } = core.options;
  const needed = after - before + feeOf(value, Math.max(makerFeeBps, takerFeeBps));
  const available = core.summary().buyingPower;
  if (needed <= available) return null;
  const currency = core.balance.currency;
  return {
    code: 'insufficient_buying_power',
    message: `the order needs ${formatMoney(needed, 2)} ${currency} of buying power (fee included); ${formatMoney(available < 0n ? 0n : available, 2)} ${currency} available`,
  };
}

function slippageOf(instrument: Instrument, order: Order, plan: WalkPlan, buy: boolean): bigint {
  const atBest = notionalOf(instrument, plan.fills[0]!, order.filledQuantity);
  return buy ? order.filledNotional - atBest : atBest - order.filledNotional;
}

function postOnlyReject(instrument: Instrument, book: BookTop, buy: boolean): Reject {
  const best = buy
    ? `ask ${formatPrice(instrument, book.asks[0]!)}`
    : `bid ${formatPrice(instrument, book.bids[0]!)}`;
  return {
    code: 'post_only_would_cross',
    message: `a post-only ${buy ? 'buy' : 'sell'} at this price would trade against the best ${best}`,
  };
}

function reject(
  core: EngineCore,
  order: Order,
  why: Reject,
  builder: TransitionBuilder,
  now: number,
): PlaceResult {
  order.status = 'rejected';
  order.rejectCode = why.code;
  order.rejectMessage = why.message;
  order.updatedAt = now;
  core.finalize(order, builder);
  return {
    order: copyOrder(order),
    transition: builder.finish(core.balance, now),
    duplicate: false,
    slippage: null,
  };
}
