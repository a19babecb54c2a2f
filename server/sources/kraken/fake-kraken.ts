/**
 * Test support: fixtures and frames of a fake Kraken, written from Kraken's REST and WebSocket v2
 * documentation. Frames are built as raw text because Kraken sends prices and quantities as JSON
 * numbers whose exact digits matter (JSON.stringify could not write `0.05000`).
 */
import { crc32 } from 'node:zlib';
import type { FakeRoute } from '../exchange/fake-venue';

/** AssetPairs as Kraken lists them (abridged), plus one entry missing its precisions. */
export const ASSET_PAIRS_BODY = {
  error: [],
  result: {
    XXBTZUSD: {
      altname: 'XBTUSD',
      wsname: 'XBT/USD',
      base: 'XXBT',
      quote: 'ZUSD',
      pair_decimals: 1,
      cost_decimals: 5,
      lot_decimals: 8,
      ordermin: '0.0001',
      costmin: '0.5',
      tick_size: '0.1',
      status: 'online',
    },
    XETHXXBT: {
      altname: 'ETHXBT',
      wsname: 'ETH/XBT',
      base: 'XETH',
      quote: 'XXBT',
      pair_decimals: 5,
      cost_decimals: 10,
      lot_decimals: 8,
      ordermin: '0.002',
      costmin: '0.00002',
      tick_size: '0.00001',
      status: 'online',
    },
    BROKEN: { altname: 'BROKEN', wsname: 'BRO/KEN' },
  },
};

/** A level as the fake writes it: [price text, qty text] exactly as they go on the wire. */
export type TextLevel = readonly [string, string];

/** A `book` frame with raw number texts. */
export function bookFrame(
  type: 'snapshot' | 'update',
  symbol: string,
  bids: readonly TextLevel[],
  asks: readonly TextLevel[],
  checksum: number,
  timestamp = '2023-10-06T17:35:55.440295Z',
): string {
  const side = (levels: readonly TextLevel[]) =>
    `[${levels.map(([p, q]) => `{"price":${p},"qty":${q}}`).join(',')}]`;
  const time = type === 'update' ? `,"timestamp":"${timestamp}"` : '';
  return (
    `{"channel":"book","type":"${type}","data":[{"symbol":"${symbol}",` +
    `"bids":${side(bids)},"asks":${side(asks)},"checksum":${checksum}${time}}]}`
  );
}

/** A `trade` update frame with one trade. */
export function tradeFrame(
  symbol: string,
  side: 'buy' | 'sell',
  price: string,
  qty: string,
  timestamp: string,
): string {
  return (
    `{"channel":"trade","type":"update","data":[{"symbol":"${symbol}","side":"${side}",` +
    `"price":${price},"qty":${qty},"ord_type":"market","trade_id":4665906,` +
    `"timestamp":"${timestamp}"}]}`
  );
}

/** A `ticker` frame with one pair, in the documented shape; `fields` replace raw number texts. */
export function tickerFrame(
  type: 'snapshot' | 'update',
  symbol: string,
  fields: Record<string, string | undefined> = {},
): string {
  const all: Record<string, string | undefined> = {
    bid: '37000.5',
    bid_qty: '0.50000000',
    ask: '37001.0',
    ask_qty: '1.25000000',
    last: '37000.9',
    volume: '1234.56780000',
    vwap: '36612.3',
    low: '35800.0',
    high: '37250.4',
    change: '-199.1',
    change_pct: '-0.54',
    ...fields,
  };
  const body = Object.entries(all)
    .filter(([, text]) => text !== undefined)
    .map(([key, text]) => `"${key}":${text}`)
    .join(',');
  return `{"channel":"ticker","type":"${type}","data":[{"symbol":"${symbol}",${body}}]}`;
}

/**
 * The checksum by the letter of Kraken's guide, on decimal texts at the pair's full precision:
 * remove ".", remove leading zeros, asks (best first) then bids (best first), CRC32 unsigned.
 * Independent of the adapter, which works on integer units.
 */
export function docChecksum(asks: readonly TextLevel[], bids: readonly TextLevel[]): number {
  return crc32(docChecksumText(asks, bids)) >>> 0;
}

/** The string docChecksum hashes. */
export function docChecksumText(asks: readonly TextLevel[], bids: readonly TextLevel[]): string {
  const strip = (text: string) => text.replace('.', '').replace(/^0+/, '');
  const side = (levels: readonly TextLevel[]) =>
    levels
      .slice(0, 10)
      .map(([p, q]) => strip(p) + strip(q))
      .join('');
  return side(asks) + side(bids);
}

/** OHLC rows [time s, open, high, low, close, vwap, volume, count] per interval in minutes. */
export function ohlcRoute(rows: Record<number, unknown[][]>, key = 'XXBTZUSD'): FakeRoute {
  return (url) => {
    const interval = Number(url.searchParams.get('interval'));
    const since = Number(url.searchParams.get('since') ?? 0);
    const all = rows[interval] ?? [];
    const after = all.filter((row) => Number(row[0]) > since).slice(-720);
    const lastRow = all[all.length - 1];
    return { body: { error: [], result: { [key]: after, last: lastRow ? lastRow[0] : since } } };
  };
}

/**
 * The fake venue's own book at full precision, kept as Kraken describes (sorted, truncated to
 * the depth), so scenarios can compute the checksum Kraken would send after each message.
 */
export class FakeKrakenBook {
  private readonly bidMap = new Map<string, string>();
  private readonly askMap = new Map<string, string>();

  constructor(private readonly depth: number) {}

  /** Sets a level ("0" or "0.000…" removes it) and truncates. */
  set(side: 'bid' | 'ask', price: string, qty: string): this {
    const map = side === 'bid' ? this.bidMap : this.askMap;
    if (/^0(\.0*)?$/.test(qty)) map.delete(price);
    else map.set(price, qty);
    for (const [p] of this.sorted(side).slice(this.depth)) map.delete(p);
    return this;
  }

  /** Best-first levels of one side. */
  sorted(side: 'bid' | 'ask'): TextLevel[] {
    const map = side === 'bid' ? this.bidMap : this.askMap;
    const sign = side === 'bid' ? -1 : 1;
    // Test-only ordering; the texts themselves are what the checksum and the frames use.
    return [...map.entries()].sort((a, b) => sign * (Number(a[0]) - Number(b[0])));
  }

  checksum(): number {
    return docChecksum(this.sorted('ask'), this.sorted('bid'));
  }
}

/** Ten levels a side around 37000 for BTC/USD (pair_decimals 1, lot_decimals 8). */
export function btcBook(depth = 10): FakeKrakenBook {
  const book = new FakeKrakenBook(depth);
  for (let i = 0; i < 10; i++) {
    book.set('bid', `${37000 - i}.5`, `${i + 1}.25000000`);
    book.set('ask', `${37001 + i}.0`, `0.${i}0100000`);
  }
  return book;
}

/** A snapshot frame of the fake book. */
export function snapshotOf(book: FakeKrakenBook, symbol = 'BTC/USD'): string {
  return bookFrame('snapshot', symbol, book.sorted('bid'), book.sorted('ask'), book.checksum());
}
