/**
 * The streams one page (one port of the shared feed worker) has claimed, and the part of a batch
 * that page should see: tickers only if it wants tickers, book/trades/candles only for the
 * instruments (and intervals) it wants, and always the connection info.
 */
import type { Channel } from '../../protocol/messages';
import { streamKey, type FeedBatch, type StreamSpec } from './feed-types';

export class PortClaims {
  private readonly specs = new Map<string, StreamSpec>();
  /** `channel|symbol|interval` of every claim, for routing without walking the claims. */
  private readonly routes = new Set<string>();
  private readonly channels = new Map<Channel, number>();

  /** Adds a claim; false when this page already had it. */
  add(spec: StreamSpec): boolean {
    const key = streamKey(spec);
    if (this.specs.has(key)) return false;
    this.specs.set(key, spec);
    this.rebuild();
    return true;
  }

  /** Removes a claim; false when this page did not have it. */
  remove(spec: StreamSpec): boolean {
    if (!this.specs.delete(streamKey(spec))) return false;
    this.rebuild();
    return true;
  }

  /** Every claim, e.g. to release them all when the page goes away. */
  all(): StreamSpec[] {
    return [...this.specs.values()];
  }

  /** True when data of this channel and instrument (and interval, for candles) is wanted. */
  wants(channel: Channel, symbol: string | null, interval: string | null = null): boolean {
    if (channel === 'tickers') return this.channels.has('tickers');
    // An instrument the worker cannot name yet (no `instruments` command so far): every page
    // watching the channel gets it; stores are keyed by instrument, so nobody shows it by mistake.
    if (symbol === null) return this.channels.has(channel);
    return this.routes.has(route(channel, symbol, interval));
  }

  private rebuild(): void {
    this.routes.clear();
    this.channels.clear();
    for (const spec of this.specs.values()) {
      this.channels.set(spec.channel, (this.channels.get(spec.channel) ?? 0) + 1);
      if (spec.symbol !== null) this.routes.add(route(spec.channel, spec.symbol, spec.interval));
    }
  }
}

function route(channel: Channel, symbol: string, interval: string | null): string {
  return `${channel}|${symbol}|${channel === 'candles' ? (interval ?? '') : ''}`;
}

/**
 * The part of `batch` that a page with these claims should get, or null when nothing is left.
 * `symbolOf` names an instrument id (null when unknown).
 */
export function filterBatch(
  batch: FeedBatch,
  claims: PortClaims,
  symbolOf: (inst: number) => string | null,
): FeedBatch | null {
  const out: FeedBatch = {};
  if (batch.tickers && claims.wants('tickers', null)) out.tickers = batch.tickers;
  const books = batch.books?.filter((b) => claims.wants('book', symbolOf(b.inst)));
  if (books && books.length > 0) out.books = books;
  const trades = batch.trades?.filter((t) => claims.wants('trades', symbolOf(t.inst)));
  if (trades && trades.length > 0) out.trades = trades;
  const candles = batch.candles?.filter((c) =>
    claims.wants('candles', symbolOf(c.inst), c.interval),
  );
  if (candles && candles.length > 0) out.candles = candles;
  if (batch.connection) out.connection = batch.connection;
  if (batch.account && claims.wants('account', null)) out.account = batch.account;
  return Object.keys(out).length > 0 ? out : null;
}
