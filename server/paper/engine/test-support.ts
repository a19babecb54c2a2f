/** Fixtures for the engine's tests: instruments of several scales, a fake market and a factory. */
import type { Instrument } from '../../../protocol/instruments';
import type { OrderRequest } from '../types';
import { createPaperEngine, type PaperEngine } from './engine';
import { instrumentLookup, type PaperEngineOptions } from './engine-options';
import type { BookTop, LastTrade, MarketView } from './market-view';
import { parseMoney } from './money';

function instrument(fields: Partial<Instrument> & Pick<Instrument, 'id' | 'symbol'>): Instrument {
  return {
    name: fields.symbol,
    assetClass: 'crypto',
    base: fields.symbol.split('-')[0]!,
    quote: 'USD',
    priceScale: 2,
    tick: 1,
    sizeScale: 4,
    lot: 1,
    ...fields,
  };
}

/** Prices in cents, sizes in 0.0001 BTC. */
export const BTC = instrument({ id: 1, symbol: 'BTC-USD' });
/** Prices at scale 10, whole-token sizes. */
export const PEPE = instrument({ id: 2, symbol: 'PEPE-USD', priceScale: 10, sizeScale: 0 });
/** Cents and whole shares. */
export const AAPL = instrument({ id: 3, symbol: 'AAPL', assetClass: 'equity', sizeScale: 0 });
/** Scale 5 prices, lots of 1,000 units. */
export const EUR = instrument({
  id: 4,
  symbol: 'EUR-USD',
  assetClass: 'fx',
  priceScale: 5,
  sizeScale: 0,
  lot: 1000,
});
export const USDJPY = instrument({ id: 5, symbol: 'USD-JPY', quote: 'JPY', priceScale: 3 });
/** A tick of 0.05. */
export const NICKEL = instrument({ id: 6, symbol: 'NKL-USD', tick: 5, sizeScale: 0 });
/** priceScale + sizeScale = 18 > MONEY_SCALE: notionals are rounded. */
export const FINE = instrument({ id: 7, symbol: 'FINE-USD', priceScale: 10, sizeScale: 8 });

export const INSTRUMENTS = [BTC, PEPE, AAPL, EUR, USDJPY, NICKEL, FINE];

export const T0 = 1_700_000_000_000;

/** A market the test drives by hand; every instrument is open until closed. */
export class FakeMarket implements MarketView {
  private readonly books = new Map<number, BookTop>();
  private readonly trades = new Map<number, LastTrade>();
  readonly closed = new Set<number>();
  bookReads = 0;

  setBook(inst: number, bids: number[], asks: number[], time = T0): void {
    this.books.set(inst, { bids, asks, time });
  }

  setTrade(inst: number, price: number, size = 1, time = T0): void {
    this.trades.set(inst, { price, size, time });
  }

  book(inst: number, depth: number): BookTop | null {
    this.bookReads++;
    const book = this.books.get(inst);
    if (!book) return null;
    return {
      bids: book.bids.slice(0, depth * 2),
      asks: book.asks.slice(0, depth * 2),
      time: book.time,
    };
  }

  lastTrade(inst: number): LastTrade | null {
    return this.trades.get(inst) ?? null;
  }

  isOpen(inst: number): boolean {
    return !this.closed.has(inst);
  }
}

/** Money units from a decimal string. */
export const usd = parseMoney;

/** An engine over `market` with the given options (fees default to the engine's). */
export function makeEngine(
  market: FakeMarket,
  options: Partial<PaperEngineOptions> = {},
): PaperEngine {
  return createPaperEngine({ instruments: instrumentLookup(INSTRUMENTS), market, ...options });
}

let counter = 0;

/** An order request with defaults: a GTC limit unless fields say otherwise; fresh client id. */
export function request(fields: Partial<OrderRequest>): OrderRequest {
  counter += 1;
  const type = fields.type ?? 'limit';
  return {
    clientOrderId: `c${counter}`,
    symbol: BTC.symbol,
    side: 'buy',
    type,
    quantity: 10_000,
    limitPrice: null,
    stopPrice: null,
    timeInForce: 'gtc',
    postOnly: false,
    ...fields,
  };
}

/** A BTC book: bids 1 @ 64,990 and 2 @ 64,980; asks 0.5 @ 65,010, 1 @ 65,020 and 2 @ 65,050. */
export function btcBook(market: FakeMarket, time = T0): void {
  market.setBook(
    BTC.id,
    [6_499_000, 10_000, 6_498_000, 20_000],
    [6_501_000, 5_000, 6_502_000, 10_000, 6_505_000, 20_000],
    time,
  );
}
