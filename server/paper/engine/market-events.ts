/**
 * What a market trade does to the account's own orders: resting limits at or through the trade
 * price fill at their limit (maker), sharing the traded size best price first, then oldest first
 * (each side of the paper book gets the full traded size); stops at or through it trigger.
 */
import type { Instrument } from '../../../protocol/instruments';
import type { Order, RejectCode } from '../types';
import { walkBook } from './book-walk';
import type { EngineCore } from './engine-core';
import type { MarketTrade } from './engine';
import type { RestingOrders } from './resting-orders';
import type { TransitionBuilder } from './transition-builder';

/** Fills resting limit orders that `trade` reached. */
export function fillResting(
  core: EngineCore,
  instrument: Instrument,
  resting: RestingOrders,
  trade: MarketTrade,
  builder: TransitionBuilder,
  now: number,
): void {
  for (const buy of [true, false]) {
    const list = buy ? resting.bids : resting.asks;
    let available = trade.size;
    for (let order = list.first(); order && available > 0; order = list.first()) {
      const limit = order.limitPrice!;
      if (buy ? limit < trade.price : limit > trade.price) break;
      const quantity = Math.min(order.quantity - order.filledQuantity, available);
      core.reserves.release(instrument, order);
      core.fill(order, instrument, limit, quantity, 'maker', builder, now);
      available -= quantity;
      if (order.filledQuantity === order.quantity) {
        order.status = 'filled';
        list.remove(order);
        core.finalize(order, builder);
      } else {
        order.status = 'partially_filled';
        core.reserves.hold(instrument, order);
      }
    }
  }
}

/** Triggers the stops a trade at `price` reached, in trigger order. */
export function triggerStops(
  core: EngineCore,
  instrument: Instrument,
  resting: RestingOrders,
  price: number,
  builder: TransitionBuilder,
  now: number,
): void {
  for (let order = resting.buyStops.first(); order; order = resting.buyStops.first()) {
    if (order.stopPrice! > price) break;
    activate(core, instrument, order, builder, now);
  }
  for (let order = resting.sellStops.first(); order; order = resting.sellStops.first()) {
    if (order.stopPrice! < price) break;
    activate(core, instrument, order, builder, now);
  }
}

/** Turns a triggered stop into a market (stop) or limit (stop_limit) order acting now. */
function activate(
  core: EngineCore,
  instrument: Instrument,
  order: Order,
  builder: TransitionBuilder,
  now: number,
): void {
  core.unrest(order, instrument);
  order.status = 'open';
  order.updatedAt = now;
  builder.order(order);
  if (!core.market.isOpen(instrument.id)) {
    return cancelTriggered(
      core,
      order,
      'market_closed',
      'the market closed when the stop triggered',
      builder,
    );
  }
  const book = core.market.book(instrument.id, core.options.bookDepth);
  if (!book || now - book.time > core.options.maxBookAgeMs) {
    return cancelTriggered(
      core,
      order,
      'stale_market',
      'the book was stale when the stop triggered',
      builder,
    );
  }
  const buy = order.side === 'buy';
  const plan = walkBook(
    buy ? book.asks : book.bids,
    order.quantity - order.filledQuantity,
    order.type === 'stop_limit' ? order.limitPrice : null,
    buy,
  );
  for (let i = 0; i < plan.fills.length; i += 2) {
    core.fill(order, instrument, plan.fills[i]!, plan.fills[i + 1]!, 'taker', builder, now);
  }
  if (order.filledQuantity === order.quantity) {
    order.status = 'filled';
    core.finalize(order, builder);
  } else if (order.type === 'stop') {
    if (order.filledQuantity > 0) {
      order.status = 'cancelled';
      core.finalize(order, builder);
    } else {
      cancelTriggered(core, order, 'no_liquidity', 'no liquidity when the stop triggered', builder);
    }
  } else if (order.timeInForce === 'ioc') {
    order.status = 'cancelled';
    core.finalize(order, builder);
  } else {
    if (order.filledQuantity > 0) order.status = 'partially_filled';
    core.rest(order, instrument);
  }
}

function cancelTriggered(
  core: EngineCore,
  order: Order,
  code: RejectCode,
  message: string,
  builder: TransitionBuilder,
): void {
  order.status = 'cancelled';
  order.rejectCode = code;
  order.rejectMessage = message;
  core.finalize(order, builder);
}
