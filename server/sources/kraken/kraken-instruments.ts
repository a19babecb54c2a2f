/**
 * Kraken pairs from the public REST `GET /0/public/AssetPairs`, mapped to our instruments.
 * Kraken publishes prices at `pair_decimals` and quantities at `lot_decimals`; those are the
 * precisions its book checksum is written at, so they are our price and size scales (a tick
 * size finer than pair_decimals, never seen in practice, widens the price scale instead).
 * WebSocket v2 names pairs with ISO-style codes ("BTC/USD") where REST wsname says "XBT/USD".
 */
import type { Instrument } from '../../../protocol/instruments';
import { displaySymbol } from '../exchange/exchange-source';
import { fetchJson } from '../exchange/fetch-json';
import { decimalScale, stepUnits } from '../exchange/venue-units';

/** What we keep (and cache) of one AssetPairs entry. */
export interface KrakenPairMeta {
  /** REST pair key, e.g. "XXBTZUSD" (used for OHLC). */
  key: string;
  altname: string;
  /** REST wsname, e.g. "XBT/USD". */
  wsname: string;
  pairDecimals: number;
  lotDecimals: number;
  tickSize: string | null;
  orderMin: string | null;
  costMin: string | null;
}

/** A subscribed pair: our instrument plus the names Kraken uses for it. */
export interface KrakenPair {
  instrument: Instrument;
  /** WebSocket v2 symbol, e.g. "BTC/USD" (also the instrument's venueSymbol). */
  wsSymbol: string;
  /** REST pair key for OHLC. */
  restKey: string;
}

/** Legacy asset codes in wsname that WebSocket v2 spells differently. */
const V2_CODES: Readonly<Record<string, string>> = { XBT: 'BTC', XDG: 'DOGE' };

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const optionalText = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const isDecimals = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 15;

/** Guard for the cached pair list. */
export function isPairMetaList(value: unknown): value is KrakenPairMeta[] {
  return (
    Array.isArray(value) &&
    value.every(
      (item) =>
        isObject(item) &&
        typeof item.key === 'string' &&
        typeof item.altname === 'string' &&
        typeof item.wsname === 'string' &&
        isDecimals(item.pairDecimals) &&
        isDecimals(item.lotDecimals),
    )
  );
}

/** Reads an AssetPairs response; pairs without the fields we need are skipped. */
export function parseAssetPairs(body: unknown): KrakenPairMeta[] {
  if (!isObject(body) || !Array.isArray(body.error) || !isObject(body.result)) {
    throw new Error('kraken AssetPairs: unexpected response shape');
  }
  if (body.error.length > 0) throw new Error(`kraken AssetPairs: ${body.error.join(', ')}`);
  const pairs: KrakenPairMeta[] = [];
  for (const [key, item] of Object.entries(body.result)) {
    if (!isObject(item) || typeof item.wsname !== 'string' || !item.wsname.includes('/')) continue;
    if (!isDecimals(item.pair_decimals) || !isDecimals(item.lot_decimals)) continue;
    pairs.push({
      key,
      altname: typeof item.altname === 'string' ? item.altname : key,
      wsname: item.wsname,
      pairDecimals: item.pair_decimals,
      lotDecimals: item.lot_decimals,
      tickSize: optionalText(item.tick_size),
      orderMin: optionalText(item.ordermin),
      costMin: optionalText(item.costmin),
    });
  }
  return pairs;
}

/** Fetches and parses every pair. */
export async function fetchAssetPairs(restUrl: string): Promise<KrakenPairMeta[]> {
  return parseAssetPairs(await fetchJson(`${restUrl}/0/public/AssetPairs`));
}

/** The WebSocket v2 symbol of a pair ("XBT/USD" → "BTC/USD"). */
export function v2Symbol(wsname: string): string {
  return wsname
    .split('/')
    .map((code) => V2_CODES[code] ?? code)
    .join('/');
}

/** Maps `symbols` (any Kraken spelling or our display symbol) to pairs; unknown → throws. */
export function resolvePairs(
  metas: readonly KrakenPairMeta[],
  symbols: readonly string[],
  firstId: number,
): KrakenPair[] {
  const byName = new Map<string, KrakenPairMeta>();
  for (const meta of metas) {
    const ws = v2Symbol(meta.wsname);
    const [base = '', quote = ''] = ws.split('/');
    for (const name of [meta.key, meta.altname, meta.wsname, ws, displaySymbol(base, quote)]) {
      if (!byName.has(name.toUpperCase())) byName.set(name.toUpperCase(), meta);
    }
  }
  return symbols.map((symbol, index) => {
    const meta = byName.get(symbol.trim().toUpperCase());
    if (!meta)
      throw new Error(`kraken: unknown pair ${JSON.stringify(symbol)} (not in AssetPairs)`);
    return toPair(meta, firstId + index);
  });
}

function toPair(meta: KrakenPairMeta, id: number): KrakenPair {
  const wsSymbol = v2Symbol(meta.wsname);
  const [base = '', quote = ''] = wsSymbol.split('/');
  const tickText =
    meta.tickSize ?? (meta.pairDecimals === 0 ? '1' : `0.${'0'.repeat(meta.pairDecimals - 1)}1`);
  const priceScale = Math.max(meta.pairDecimals, decimalScale(tickText));
  if (priceScale > 15) throw new Error(`kraken: ${wsSymbol} needs more than 15 price decimals`);
  const instrument: Instrument = {
    id,
    symbol: displaySymbol(base, quote),
    name: `${base} / ${quote}`,
    assetClass: 'crypto',
    base,
    quote,
    priceScale,
    tick: stepUnits(tickText, priceScale),
    sizeScale: meta.lotDecimals,
    lot: 1,
    venue: 'kraken',
    venueSymbol: wsSymbol,
  };
  return { instrument, wsSymbol, restKey: meta.key };
}
