/**
 * Turns the ticket's input into an order body, inline validation messages and a preview
 * (estimated cost or proceeds, fee, resulting position, buying power after), all exact.
 */
import { formatPrice, formatSize, type Instrument } from '../../../protocol/instruments';
import type { PlaceOrderBody } from '../../../protocol/paper';
import {
  feeOf,
  formatMoney,
  moneyOfWhole,
  moneyToPriceUnits,
  notionalOf,
} from '../../lib/api/paper-money';
import type { Level } from '../../lib/order-book';
import { needsLimit, needsStop, type TicketInput } from './ticket-form';
import {
  marginOf,
  notionalToQuantity,
  parseDecimalInput,
  parseMoneyInput,
  walkBook,
} from './ticket-math';

export interface FeeRates {
  makerBps: number;
  takerBps: number;
  /** True before the account has loaded, while the engine's defaults stand in. */
  assumed: boolean;
}

/** The engine's default fees (server/paper/engine/engine-options.ts), shown until the account loads. */
export const DEFAULT_FEES: FeeRates = { makerBps: 2, takerBps: 5, assumed: true };
/** The engine's default minimum order value: one unit of the account currency. */
export const MIN_NOTIONAL = moneyOfWhole(1);

export interface TicketContext {
  instrument: Instrument;
  /** Visible book, best first. */
  bids: readonly Level[];
  asks: readonly Level[];
  /** Account currency and buying power (money units), undefined before the account loads. */
  currency: string | undefined;
  buyingPower: bigint | undefined;
  fees: FeeRates;
  /** Signed position in size units. */
  position: number;
  /** Mark (mid) in price units, null when unknown. */
  mark: number | null;
  /** Σ remaining × price of this instrument's open buy / sell orders, money units. */
  openBuy: bigint;
  openSell: bigint;
}

export interface TicketPreview {
  quantity: number;
  /** Estimated Σ price × size, money units. */
  notional: bigint;
  fee: bigint;
  liquidity: 'maker' | 'taker';
  /** Buy: notional + fee; sell: notional − fee. */
  total: bigint;
  /** Average fill price estimate in price units, null when nothing fills. */
  averagePrice: number | null;
  resultingPosition: number;
  buyingPowerAfter: bigint | null;
  /** How much the order raises its instrument's margin (0 when it reduces exposure). */
  marginIncrease: bigint;
  /** The visible book cannot fill all of a market order. */
  partialBook: boolean;
}

export type FieldErrors = Partial<Record<'price' | 'stop' | 'size' | 'order', string>>;

export interface TicketEvaluation {
  /** The order to send (without its client order id), or null while anything is invalid. */
  order: Omit<PlaceOrderBody, 'clientOrderId'> | null;
  errors: FieldErrors;
  preview: TicketPreview | null;
}

function grid(instrument: Instrument, price: number): string | null {
  return price % instrument.tick === 0
    ? null
    : `The price must be on the tick grid (multiples of ${formatPrice(instrument, instrument.tick)}).`;
}

/** Largest lot-grid quantity whose walk of `levels` costs at most `notional`. */
export function quantityForNotional(
  instrument: Instrument,
  levels: readonly Level[],
  notional: bigint,
): number {
  let left = notional;
  let quantity = 0;
  for (const [price, size] of levels) {
    const levelCost = notionalOf(instrument, price, size);
    if (levelCost <= left && size % instrument.lot === 0) {
      left -= levelCost;
      quantity += size;
      continue;
    }
    quantity += Math.min(size, notionalToQuantity(instrument, left, price));
    break;
  }
  return quantity - (quantity % instrument.lot);
}

/** Validates the ticket and computes its preview. */
export function evaluateTicket(input: TicketInput, ctx: TicketContext): TicketEvaluation {
  const { instrument } = ctx;
  const errors: FieldErrors = {};
  const buy = input.side === 'buy';
  const opposite = buy ? ctx.asks : ctx.bids;

  let limitPrice: number | null = null;
  if (needsLimit(input.type)) {
    const parsed = parseDecimalInput(input.priceText, instrument.priceScale, 'price');
    if (!parsed.ok) errors.price = parsed.message;
    else if (grid(instrument, parsed.value)) errors.price = grid(instrument, parsed.value)!;
    else limitPrice = parsed.value;
  }
  let stopPrice: number | null = null;
  if (needsStop(input.type)) {
    const parsed = parseDecimalInput(input.stopText, instrument.priceScale, 'stop price');
    if (!parsed.ok) errors.stop = parsed.message;
    else if (grid(instrument, parsed.value)) errors.stop = grid(instrument, parsed.value)!;
    else stopPrice = parsed.value;
  }
  // The price an order is expected to trade at, for notional sizing and the preview.
  const refPrice = limitPrice ?? stopPrice ?? opposite[0]?.[0] ?? null;

  let quantity: number | null = null;
  if (input.sizeMode === 'quantity') {
    const parsed = parseDecimalInput(input.sizeText, instrument.sizeScale, 'quantity');
    if (!parsed.ok) errors.size = parsed.message;
    else quantity = parsed.value;
  } else {
    const parsed = parseMoneyInput(input.sizeText, ctx.currency ?? instrument.quote);
    if (!parsed.ok) errors.size = parsed.message;
    else if (input.type === 'market')
      quantity = quantityForNotional(instrument, opposite, parsed.value);
    else if (refPrice !== null) quantity = notionalToQuantity(instrument, parsed.value, refPrice);
    else if (!errors.price && !errors.stop) errors.size = 'No price to convert the amount at.';
    if (quantity === 0) {
      errors.size = `The amount buys less than one lot (${formatSize(instrument, instrument.lot)}).`;
      quantity = null;
    }
  }
  if (quantity !== null && !errors.size) {
    if (quantity < instrument.lot) {
      errors.size = `The minimum quantity is one lot (${formatSize(instrument, instrument.lot)}).`;
    } else if (quantity % instrument.lot !== 0) {
      errors.size = `The quantity must be a multiple of the lot (${formatSize(instrument, instrument.lot)}).`;
    }
  }
  if (ctx.currency !== undefined && instrument.quote !== ctx.currency) {
    errors.order = `${instrument.symbol} is quoted in ${instrument.quote}; this account trades in ${ctx.currency}.`;
  }
  const bestOpposite = opposite[0]?.[0];
  const crosses =
    limitPrice !== null &&
    bestOpposite !== undefined &&
    (buy ? limitPrice >= bestOpposite : limitPrice <= bestOpposite);
  if (input.type === 'limit' && input.postOnly && crosses && !errors.order) {
    errors.order = `Post-only: a ${input.side} at ${formatPrice(instrument, limitPrice!)} would trade against the best ${buy ? 'ask' : 'bid'} (${formatPrice(instrument, bestOpposite!)}) and be rejected.`;
  }
  if (input.type === 'market' && opposite.length === 0 && !errors.order) {
    errors.order = `No ${buy ? 'asks' : 'bids'} on the visible book to trade against.`;
  }

  const preview =
    quantity !== null && !errors.size && !errors.price && !errors.stop
      ? buildPreview(input, ctx, quantity, limitPrice, stopPrice, crosses)
      : null;
  if (preview && !errors.order) {
    if (preview.notional < MIN_NOTIONAL && preview.notional > 0n) {
      errors.order = `The order value ${formatMoney(preview.notional)} is below the minimum of ${formatMoney(MIN_NOTIONAL)} ${ctx.currency ?? instrument.quote}.`;
    } else if (
      // Like the engine: orders that do not add margin (closing, reducing) always go through.
      preview.marginIncrease > 0n &&
      preview.buyingPowerAfter !== null &&
      preview.buyingPowerAfter < 0n
    ) {
      const currency = ctx.currency ?? instrument.quote;
      errors.order = `Not enough buying power: the order needs ${formatMoney(preview.total)} ${currency}, ${formatMoney(ctx.buyingPower ?? 0n)} ${currency} available.`;
    }
  }
  const valid = Object.keys(errors).length === 0 && quantity !== null;
  return {
    order: valid
      ? {
          symbol: instrument.symbol,
          side: input.side,
          type: input.type,
          quantity: quantity!,
          limitPrice,
          stopPrice,
          timeInForce: input.type === 'limit' ? input.timeInForce : 'gtc',
          postOnly: input.type === 'limit' && input.timeInForce === 'gtc' && input.postOnly,
        }
      : null,
    errors,
    preview,
  };
}

function buildPreview(
  input: TicketInput,
  ctx: TicketContext,
  quantity: number,
  limitPrice: number | null,
  stopPrice: number | null,
  crosses: boolean,
): TicketPreview {
  const { instrument } = ctx;
  const buy = input.side === 'buy';
  let notional: bigint;
  let averagePrice: number | null;
  let partialBook = false;
  const takes =
    input.type === 'market' || input.type === 'stop' || (input.type === 'limit' && crosses);
  if (input.type === 'market') {
    const walk = walkBook(instrument, buy ? ctx.asks : ctx.bids, quantity);
    partialBook = !walk.complete;
    notional = walk.notional;
    averagePrice = walk.filled > 0 ? moneyToPriceUnits(instrument, notional, walk.filled) : null;
  } else {
    const price = (input.type === 'stop' ? stopPrice : limitPrice) ?? 0;
    notional = notionalOf(instrument, price, quantity);
    averagePrice = price;
  }
  const bps = takes ? ctx.fees.takerBps : ctx.fees.makerBps;
  const fee = feeOf(notional, bps);
  const signed = buy ? quantity : -quantity;
  let buyingPowerAfter: bigint | null = null;
  let marginIncrease = 0n;
  if (ctx.buyingPower !== undefined) {
    const value = ctx.mark === null ? 0n : signedValue(ctx, ctx.position);
    const before = marginOf(value, ctx.openBuy, ctx.openSell);
    // A taking order changes the position now; a resting one adds to the open orders.
    const after =
      input.type === 'market'
        ? marginOf(value + (buy ? notional : -notional), ctx.openBuy, ctx.openSell)
        : marginOf(
            value,
            ctx.openBuy + (buy ? notional : 0n),
            ctx.openSell + (buy ? 0n : notional),
          );
    marginIncrease = after > before ? after - before : 0n;
    buyingPowerAfter = ctx.buyingPower - marginIncrease - fee;
  }
  return {
    quantity,
    notional,
    fee,
    liquidity: takes ? 'taker' : 'maker',
    total: buy ? notional + fee : notional - fee,
    averagePrice,
    resultingPosition: ctx.position + signed,
    buyingPowerAfter,
    marginIncrease,
    partialBook,
  };
}

function signedValue(ctx: TicketContext, position: number): bigint {
  const value = notionalOf(ctx.instrument, ctx.mark ?? 0, Math.abs(position));
  return position < 0 ? -value : value;
}
