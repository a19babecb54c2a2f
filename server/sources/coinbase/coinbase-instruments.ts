/**
 * Coinbase products (public `GET /api/v3/brokerage/market/products`) to our instruments: tick
 * and lot sizes from the product's increments, exact scales, display symbol BASE-QUOTE, and the
 * product id kept as the venue symbol. The fetched list is cached on disk for offline restarts.
 */
import type { Instrument } from '../../../protocol/instruments';
import { displaySymbol } from '../exchange/exchange-source';
import { fetchJson } from '../exchange/fetch-json';
import { fetchWithCache, type DiskCache } from '../exchange/instrument-cache';
import { decimalScale, stepUnits } from '../exchange/venue-units';

/** The fields we use of one product, as cached. */
export interface CoinbaseProduct {
  productId: string;
  base: string;
  quote: string;
  baseName: string;
  quoteName: string;
  /** Price tick (price_increment, else quote_increment). */
  priceIncrement: string;
  baseIncrement: string;
  /** Smallest order size in base units, when published. */
  baseMinSize: string | null;
  /** Smallest order value in quote units (min notional), when published. */
  quoteMinSize: string | null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}

/** One product of the REST answer, or null when a field we need is missing. */
export function parseProduct(value: unknown): CoinbaseProduct | null {
  if (!isRecord(value)) return null;
  const productId = text(value['product_id']);
  const base = text(value['base_currency_id']);
  const quote = text(value['quote_currency_id']);
  const priceIncrement = text(value['price_increment']) ?? text(value['quote_increment']);
  const baseIncrement = text(value['base_increment']);
  if (!productId || !base || !quote || !priceIncrement || !baseIncrement) return null;
  return {
    productId,
    base,
    quote,
    baseName: text(value['base_name']) ?? base,
    quoteName: text(value['quote_name']) ?? quote,
    priceIncrement,
    baseIncrement,
    baseMinSize: text(value['base_min_size']),
    quoteMinSize: text(value['quote_min_size']),
  };
}

/** Guard for the cached product list. */
export function isProductList(value: unknown): value is CoinbaseProduct[] {
  return Array.isArray(value) && value.every((item) => parseProduct(toRest(item)) !== null);
}

// The cache stores our own shape; map it back to the REST names so one parser checks both.
function toRest(value: unknown): unknown {
  if (!isRecord(value)) return null;
  return {
    product_id: value['productId'],
    base_currency_id: value['base'],
    quote_currency_id: value['quote'],
    base_name: value['baseName'],
    quote_name: value['quoteName'],
    price_increment: value['priceIncrement'],
    base_increment: value['baseIncrement'],
  };
}

/** Fetches the products named in `symbols` (fresh, else cached). */
export async function loadProducts(
  cache: DiskCache,
  restUrl: string,
  symbols: readonly string[],
  timeoutMs?: number,
): Promise<{ products: CoinbaseProduct[]; fromCache: boolean }> {
  const query = symbols.map((s) => `product_ids=${encodeURIComponent(s)}`).join('&');
  const url = `${restUrl}/api/v3/brokerage/market/products?${query}`;
  const { value, fromCache } = await fetchWithCache(
    cache,
    'instruments',
    isProductList,
    async () => {
      const body = await fetchJson(url, timeoutMs);
      const list = isRecord(body) ? body['products'] : undefined;
      if (!Array.isArray(list)) throw new Error(`GET ${url}: no products list in the answer`);
      return list.map(parseProduct).filter((p): p is CoinbaseProduct => p !== null);
    },
  );
  return { products: value, fromCache };
}

/** Our instrument for `product`, with id `id`; throws when its increments are unusable. */
export function toInstrument(product: CoinbaseProduct, id: number): Instrument {
  const priceScale = decimalScale(product.priceIncrement);
  const sizeScale = decimalScale(product.baseIncrement);
  return {
    id,
    symbol: displaySymbol(product.base, product.quote),
    name: `${product.baseName} / ${product.quoteName}`,
    assetClass: 'crypto',
    base: product.base.toUpperCase(),
    quote: product.quote.toUpperCase(),
    priceScale,
    tick: stepUnits(product.priceIncrement, priceScale),
    sizeScale,
    lot: stepUnits(product.baseIncrement, sizeScale),
    venue: 'coinbase',
    venueSymbol: product.productId,
  };
}

/**
 * Instruments for `symbols` in order (ids firstId + index); rejects naming every symbol the
 * exchange does not list.
 */
export function instrumentsFor(
  products: readonly CoinbaseProduct[],
  symbols: readonly string[],
  firstId: number,
): Instrument[] {
  const byId = new Map(products.map((p) => [p.productId.toUpperCase(), p]));
  const missing = symbols.filter((s) => !byId.has(s.toUpperCase()));
  if (missing.length > 0) {
    throw new Error(`coinbase does not list ${missing.join(', ')} (product ids look like BTC-USD)`);
  }
  return symbols.map((symbol, index) =>
    toInstrument(byId.get(symbol.toUpperCase())!, firstId + index),
  );
}
