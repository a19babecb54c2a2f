/**
 * Test fixtures in Binance's documented formats (spot API docs: exchangeInfo, depth, klines,
 * diff depth and trade stream events). Values are made up; shapes follow the docs.
 */
import type { DepthSnapshot, RawLevel } from './binance-messages';

function symbolEntry(
  symbol: string,
  baseAsset: string,
  quoteAsset: string,
  tickSize: string,
  stepSize: string,
  minQty: string,
  minNotional: string,
) {
  return {
    symbol,
    status: 'TRADING',
    baseAsset,
    baseAssetPrecision: 8,
    quoteAsset,
    quotePrecision: 8,
    quoteAssetPrecision: 8,
    orderTypes: ['LIMIT', 'LIMIT_MAKER', 'MARKET', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT_LIMIT'],
    isSpotTradingAllowed: true,
    filters: [
      { filterType: 'PRICE_FILTER', minPrice: tickSize, maxPrice: '1000000.00000000', tickSize },
      { filterType: 'LOT_SIZE', minQty, maxQty: '9000.00000000', stepSize },
      { filterType: 'ICEBERG_PARTS', limit: 10 },
      { filterType: 'MARKET_LOT_SIZE', minQty: '0.00000000', maxQty: '100.0', stepSize: '0.0' },
      {
        filterType: 'NOTIONAL',
        minNotional,
        applyMinToMarket: true,
        maxNotional: '9000000.00000000',
        applyMaxToMarket: false,
        avgPriceMins: 5,
      },
    ],
    permissions: [],
  };
}

/** exchangeInfo `symbols` entries the fake Binance lists. */
export const BINANCE_SYMBOLS = {
  BTCUSDT: symbolEntry(
    'BTCUSDT',
    'BTC',
    'USDT',
    '0.01000000',
    '0.00001000',
    '0.00001000',
    '5.00000000',
  ),
  ETHUSDT: symbolEntry(
    'ETHUSDT',
    'ETH',
    'USDT',
    '0.01000000',
    '0.00010000',
    '0.00010000',
    '5.00000000',
  ),
  // A coarse tick (0.5) and whole-unit lots, to show tick and lot need not be 1 unit.
  HALFUSDT: symbolEntry('HALFUSDT', 'HALF', 'USDT', '0.50000000', '1.00000000', '2.00000000', '1'),
} as const;

/** Shorthand for a list of [price, quantity] levels. */
export function levels(...pairs: [string, string][]): RawLevel[] {
  return pairs;
}

/** A GET /api/v3/depth body. */
export function depthSnapshot(
  lastUpdateId: number,
  bids: RawLevel[],
  asks: RawLevel[],
): DepthSnapshot {
  return { lastUpdateId, bids, asks };
}

/** A combined-stream diff depth event. */
export function depthEvent(
  U: number,
  u: number,
  b: RawLevel[],
  a: RawLevel[],
  symbol = 'BTCUSDT',
  E = 1_700_000_000_000 + u,
) {
  return {
    stream: `${symbol.toLowerCase()}@depth@100ms`,
    data: { e: 'depthUpdate', E, s: symbol, U, u, b, a },
  };
}

/** A combined-stream trade event; `buyerMaker` true means the seller hit the bid. */
export function tradeEvent(
  price: string,
  qty: string,
  buyerMaker: boolean,
  T: number,
  symbol = 'BTCUSDT',
) {
  return {
    stream: `${symbol.toLowerCase()}@trade`,
    data: {
      e: 'trade',
      E: T + 1,
      s: symbol,
      t: 12345,
      p: price,
      q: qty,
      T,
      m: buyerMaker,
      M: true,
    },
  };
}

/**
 * A combined-stream 24hr rolling-window ticker event in the documented shape (every field, the
 * ones we do not read included); `fields` override or remove (undefined) fields of `data`.
 */
export function dayTickerEvent(
  fields: Record<string, unknown> = {},
  symbol = 'BTCUSDT',
  E = 1_700_000_000_500,
) {
  const data: Record<string, unknown> = {
    e: '24hrTicker',
    E,
    s: symbol,
    p: '-150.25000000',
    P: '-0.234',
    w: '64010.12345678',
    x: '64150.24000000',
    c: '64000.00000000',
    Q: '0.01000000',
    b: '64000.00000000',
    B: '1.00000000',
    a: '64000.01000000',
    A: '1.50000000',
    o: '64150.25000000',
    h: '64500.00000000',
    l: '63800.50000000',
    v: '1234.56789000',
    q: '79012345.67890000',
    O: E - 86_400_000,
    C: E,
    F: 100,
    L: 18150,
    n: 18051,
    ...fields,
  };
  for (const [key, value] of Object.entries(fields)) if (value === undefined) delete data[key];
  return { stream: `${symbol.toLowerCase()}@ticker`, data };
}

/** The documented shutdown notice. */
export const SERVER_SHUTDOWN = { e: 'serverShutdown', E: 1_700_000_000_000 };

/** The book every scenario starts from: lastUpdateId 100. */
export const BASE_SNAPSHOT = depthSnapshot(
  100,
  levels(['64000.00', '1.00000'], ['63999.99', '2.00000'], ['63999.50', '0.50000']),
  levels(['64000.01', '1.50000'], ['64000.02', '3.00000']),
);
