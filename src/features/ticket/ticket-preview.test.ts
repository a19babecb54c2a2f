import { describe, expect, it } from 'vitest';
import type { Instrument } from '../../../protocol/instruments';
import { BTC_USD } from '../../../protocol/test-fixtures';
import { formatMoney, moneyOfWhole, notionalOf } from '../../lib/api/paper-money';
import { INITIAL_TICKET, type TicketInput } from './ticket-form';
import { notionalToQuantity, parseDecimalInput, walkBook } from './ticket-math';
import {
  DEFAULT_FEES,
  evaluateTicket,
  quantityForNotional,
  type TicketContext,
} from './ticket-preview';

// Prices in cents, sizes in 0.0001 BTC, lot 10 (0.001 BTC), tick 5 cents.
const btc: Instrument = { ...BTC_USD, tick: 5, lot: 10 };

const context = (over: Partial<TicketContext> = {}): TicketContext => ({
  instrument: btc,
  // $100.00 × 0.5 BTC, $100.05 × 1 BTC
  asks: [
    [10_000, 5_000],
    [10_005, 10_000],
  ],
  bids: [
    [9_995, 2_000],
    [9_990, 10_000],
  ],
  currency: 'USD',
  buyingPower: moneyOfWhole(1_000),
  fees: DEFAULT_FEES,
  position: 0,
  mark: 9_997,
  openBuy: 0n,
  openSell: 0n,
  ...over,
});

const ticket = (over: Partial<TicketInput>): TicketInput => ({ ...INITIAL_TICKET, ...over });

describe('notional → quantity', () => {
  it('gives the largest whole number of lots the amount pays for, exactly', () => {
    // One lot (0.001 BTC) at $100.00 costs $0.10: $25.05 buys 250 lots, never 250.5.
    expect(notionalToQuantity(btc, 25_05n * 10n ** 14n, 10_000)).toBe(2_500);
    // A float would say 0.3 / 0.1 = 2.9999999999999996 lots; the exact answer is 3.
    expect(notionalToQuantity(btc, 3n * 10n ** 15n, 10_000)).toBe(30);
    expect(notionalToQuantity(btc, 9n * 10n ** 14n, 10_000)).toBe(0);
  });

  it('walks the book for a market amount, taking whole levels then lots of the next', () => {
    // Level 1: 0.5 BTC × $100 = $50; $60 leaves $10 for level 2 at $100.05 → 0.099 BTC (99 × 0.0001 floored to lots: 0.09).
    expect(quantityForNotional(btc, context().asks, moneyOfWhole(60))).toBe(5_000 + 990);
  });
});

describe('walkBook', () => {
  it('fills across levels with the exact notional and worst price', () => {
    const walk = walkBook(btc, context().asks, 6_000);
    expect(walk).toMatchObject({ filled: 6_000, worstPrice: 10_005, levels: 2, complete: true });
    expect(walk.notional).toBe(notionalOf(btc, 10_000, 5_000) + notionalOf(btc, 10_005, 1_000));
    expect(formatMoney(walk.notional)).toBe('60.01');
  });

  it('says when the visible book is too thin', () => {
    expect(walkBook(btc, context().asks, 20_000)).toMatchObject({
      filled: 15_000,
      complete: false,
    });
  });
});

describe('evaluateTicket', () => {
  it('previews a market buy by walking the asks: cost, taker fee, position and buying power', () => {
    const result = evaluateTicket(
      ticket({ type: 'market', sizeText: '0.6' }),
      context({ position: 1_000 }),
    );
    expect(result.errors).toEqual({});
    expect(result.order).toEqual({
      symbol: 'BTC-USD',
      side: 'buy',
      type: 'market',
      quantity: 6_000,
      limitPrice: null,
      stopPrice: null,
      timeInForce: 'gtc',
      postOnly: false,
    });
    const preview = result.preview!;
    // $60.005 of notional, 5 bps taker fee rounded up to the money unit.
    expect(preview.notional).toBe(60_005n * 10n ** 13n);
    expect(preview.fee).toBe(300_025n * 10n ** 9n);
    expect(formatMoney(preview.total)).toBe('60.04');
    expect(preview.liquidity).toBe('taker');
    expect(preview.resultingPosition).toBe(7_000);
    expect(preview.buyingPowerAfter! < moneyOfWhole(1_000)).toBe(true);
  });

  it('prices a resting limit sell at its limit with the maker fee', () => {
    const result = evaluateTicket(
      ticket({ side: 'sell', priceText: '101.00', sizeText: '1' }),
      context(),
    );
    expect(result.errors).toEqual({});
    expect(result.preview).toMatchObject({ liquidity: 'maker', resultingPosition: -10_000 });
    expect(formatMoney(result.preview!.total)).toBe('100.98');
  });

  it('converts a notional to lots at the limit price', () => {
    const result = evaluateTicket(
      ticket({ priceText: '100', sizeMode: 'notional', sizeText: '25.05' }),
      context(),
    );
    expect(result.order?.quantity).toBe(2_500);
  });

  it('explains every invalid input before anything is sent', () => {
    const messages = (input: Partial<TicketInput>, over?: Partial<TicketContext>) =>
      evaluateTicket(ticket(input), context(over)).errors;
    expect(messages({ priceText: '100.01', sizeText: '0.01' }).price).toBe(
      'The price must be on the tick grid (multiples of 0.05).',
    );
    expect(messages({ priceText: '100', sizeText: '0.0105' }).size).toBe(
      'The quantity must be a multiple of the lot (0.0010).',
    );
    expect(messages({ priceText: '100', sizeText: '0.0005' }).size).toBe(
      'The minimum quantity is one lot (0.0010).',
    );
    expect(messages({ priceText: '100', sizeText: '0.00001' }).size).toBe(
      'The quantity allows at most 4 decimals.',
    );
    expect(messages({ priceText: 'abc', sizeText: '1' }).price).toBe(
      'The price must be a number like 12.5.',
    );
    expect(messages({ priceText: '', sizeText: '1' }).price).toBe('Enter a price.');
    expect(messages({ priceText: '100', sizeText: '-1' }).size).toBe(
      'The quantity must be greater than zero.',
    );
    expect(messages({ priceText: '100', sizeText: '0.001' }).order).toBe(
      'The order value 0.10 is below the minimum of 1.00 USD.',
    );
    expect(messages({ priceText: '100', sizeText: '20' }).order).toBe(
      'Not enough buying power: the order needs 2,001.00 USD, 1,000.00 USD available.',
    );
    expect(messages({ priceText: '100.00', sizeText: '1', postOnly: true }).order).toBe(
      'Post-only: a buy at 100.00 would trade against the best ask (100.00) and be rejected.',
    );
    expect(messages({ type: 'market', sizeText: '1' }, { asks: [] }).order).toBe(
      'No asks on the visible book to trade against.',
    );
    expect(messages({ type: 'stop', stopText: '', sizeText: '1' }).stop).toBe(
      'Enter a stop price.',
    );
    expect(messages({ sizeMode: 'notional', sizeText: '0.05', priceText: '100' }).size).toBe(
      'The amount buys less than one lot (0.0010).',
    );
    expect(messages({ priceText: '100', sizeText: '1' }, { currency: 'EUR' }).order).toBe(
      'BTC-USD is quoted in USD; this account trades in EUR.',
    );
  });

  it('lets a sell that reduces a long position through without needing buying power', () => {
    const result = evaluateTicket(
      ticket({ side: 'sell', type: 'market', sizeText: '1' }),
      context({ position: 10_000, buyingPower: 0n }),
    );
    expect(result.errors).toEqual({});
    expect(result.preview?.resultingPosition).toBe(0);
  });
});

describe('parseDecimalInput', () => {
  it('refuses zero and garbage with a message', () => {
    expect(parseDecimalInput('0', 2, 'price')).toEqual({
      ok: false,
      message: 'The price must be greater than zero.',
    });
    expect(parseDecimalInput('1e3', 2, 'price').ok).toBe(false);
    expect(parseDecimalInput(' 12.50 ', 2, 'price')).toEqual({ ok: true, value: 1_250 });
  });
});
