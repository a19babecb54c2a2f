/**
 * Turns the engine's rows (integer units, bigint money) into the wire views of protocol/paper.ts.
 *
 * Money text: at least MONEY_DECIMALS (8) decimals, and as many more (up to MONEY_SCALE, 16) as
 * the value needs to be exact — fees are whole money units and are never rounded for display.
 * Average prices are display-only decimals in the quote currency: the price scale plus up to 4
 * more digits, rounded half away from zero.
 */
import type { Instrument } from '../../../protocol/instruments';
import type { AccountView, FillView, OrderView, PositionView } from '../../../protocol/paper';
import { formatMoney, markPosition, type AccountSummary, type MarketView } from '../engine';
import { divideRounded } from '../engine/money';
import { MONEY_SCALE, type Fill, type Order, type Position } from '../types';

/** Decimals money text carries at least. */
export const MONEY_DECIMALS = 8;
const EXTRA_PRICE_DECIMALS = 4;

/** Money units as exact decimal text with at least 8 decimals. */
export function moneyText(units: bigint): string {
  let decimals = MONEY_DECIMALS;
  while (decimals < MONEY_SCALE && units % 10n ** BigInt(MONEY_SCALE - decimals) !== 0n) {
    decimals++;
  }
  return formatMoney(units, decimals);
}

/** notional / quantity as a price in the quote currency (display only), e.g. "65010.25". */
export function averagePriceText(
  instrument: Instrument,
  notional: bigint,
  quantity: number,
): string {
  const size = BigInt(Math.abs(quantity));
  // Entry notionals are signed like their position; a short's average price is still positive.
  const value = quantity < 0 ? -notional : notional;
  const decimals = instrument.priceScale + EXTRA_PRICE_DECIMALS;
  // price = notional / 10^MONEY_SCALE per (quantity / 10^sizeScale), kept at `decimals` places.
  const scaled = divideRounded(
    value * 10n ** BigInt(instrument.sizeScale + decimals),
    size * 10n ** BigInt(MONEY_SCALE),
  );
  const negative = scaled < 0n;
  const digits = (negative ? -scaled : scaled).toString().padStart(decimals + 1, '0');
  let fraction = digits.slice(digits.length - decimals);
  const keep = instrument.priceScale;
  while (fraction.length > keep && fraction.endsWith('0')) fraction = fraction.slice(0, -1);
  const whole = digits.slice(0, digits.length - decimals);
  const body = fraction.length > 0 ? `${whole}.${fraction}` : whole;
  return negative ? `-${body}` : body;
}

export type InstrumentById = (inst: number) => Instrument | undefined;

/** The wire view of an order. */
export function toOrderView(order: Order, instrument: InstrumentById): OrderView {
  const known = instrument(order.inst);
  return {
    id: order.id,
    clientOrderId: order.clientOrderId,
    inst: order.inst,
    // A rejected order for an unknown instrument has no instrument to name.
    symbol: known?.symbol ?? '',
    side: order.side,
    type: order.type,
    quantity: order.quantity,
    limitPrice: order.limitPrice,
    stopPrice: order.stopPrice,
    timeInForce: order.timeInForce,
    postOnly: order.postOnly,
    status: order.status,
    filledQuantity: order.filledQuantity,
    averagePrice:
      known && order.filledQuantity > 0
        ? averagePriceText(known, order.filledNotional, order.filledQuantity)
        : null,
    rejectCode: order.rejectCode,
    rejectMessage: order.rejectMessage,
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
  };
}

/** The wire view of a fill. */
export function toFillView(fill: Fill, instrument: InstrumentById): FillView {
  return {
    id: fill.id,
    orderId: fill.orderId,
    inst: fill.inst,
    symbol: instrument(fill.inst)?.symbol ?? '',
    side: fill.side,
    price: fill.price,
    quantity: fill.quantity,
    fee: moneyText(fill.fee),
    liquidity: fill.liquidity,
    time: fill.time,
  };
}

/** The price a position is marked at: the mid (rounded down to a unit), one side, or the last trade. */
export function markPriceOf(inst: number, market: MarketView): number | null {
  const book = market.book(inst, 1);
  const bid = book?.bids[0];
  const ask = book?.asks[0];
  if (bid !== undefined && ask !== undefined) return Math.floor((bid + ask) / 2);
  if (bid !== undefined || ask !== undefined) return (bid ?? ask)!;
  return market.lastTrade(inst)?.price ?? null;
}

/** The wire view of a position, marked at the live market. */
export function toPositionView(
  position: Position,
  instrument: InstrumentById,
  market: MarketView,
): PositionView {
  const known = instrument(position.inst);
  const mark = known ? markPosition(known, position, market) : null;
  return {
    inst: position.inst,
    symbol: known?.symbol ?? '',
    quantity: position.quantity,
    averageEntryPrice:
      known && position.quantity !== 0
        ? averagePriceText(known, position.entryNotional, position.quantity)
        : null,
    markPrice: markPriceOf(position.inst, market),
    marketValue: moneyText(mark?.marketValue ?? position.entryNotional),
    unrealizedPnl: moneyText(mark?.unrealizedPnl ?? 0n),
    realizedPnl: moneyText(position.realizedPnl),
  };
}

/** Fee rates of an account, integer basis points. */
export interface FeeRates {
  makerFeeBps: number;
  takerFeeBps: number;
}

/** The wire view of the account: the engine's summary and fee rates plus the committed sequence. */
export function toAccountView(
  summary: AccountSummary,
  fees: FeeRates,
  seq: number,
  updatedAt: number,
): AccountView {
  return {
    currency: summary.currency,
    startingCash: moneyText(summary.startingCash),
    cash: moneyText(summary.cash),
    equity: moneyText(summary.equity),
    realizedPnl: moneyText(summary.realizedPnl),
    unrealizedPnl: moneyText(summary.unrealizedPnl),
    feesPaid: moneyText(summary.feesPaid),
    marginUsed: moneyText(summary.marginUsed),
    buyingPower: moneyText(summary.buyingPower),
    makerFeeBps: fees.makerFeeBps,
    takerFeeBps: fees.takerFeeBps,
    seq,
    updatedAt,
  };
}
