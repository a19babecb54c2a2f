/**
 * The contract every real-exchange adapter implements. An adapter is created by an async factory
 * that loads instruments (and candle history) from the exchange's public REST API, falling back to
 * the disk cache without network, so that once created it is an ordinary synchronous MarketSource.
 */
import type { BackoffPolicy } from './backoff';
import type { ExchangeStats } from './exchange-stats';
import type { MarketSource } from '../source';

export interface ExchangeSourceOptions {
  /** The exchange's own symbols, as the trader typed them (e.g. BTCUSDT, BTC-USD, BTC/USD). */
  symbols: readonly string[];
  /** REST base URL; defaults to the exchange's public endpoint (tests pass a fake venue). */
  restUrl?: string;
  /** WebSocket URL; defaults to the exchange's public endpoint. */
  wsUrl?: string;
  /** Directory for this exchange's metadata cache (instruments, history). */
  cacheDir: string;
  /** First instrument id; ids are consecutive in `symbols` order (default 1). */
  firstId?: number;
  /** Closed candles per history interval to preload (default 1000). */
  historyBars?: number;
  backoff?: BackoffPolicy;
  /** Connection silence that counts as dead, ms (defaults per exchange). */
  idleTimeoutMs?: number;
  /** Warnings an operator should see (reconnects, resyncs, a stale cache). */
  log?: (line: string) => void;
  now?: () => number;
}

/** A MarketSource backed by an exchange, with its counters. */
export interface ExchangeSource extends MarketSource {
  readonly stats: ExchangeStats;
}

/** Creates an adapter; rejects with a clear message when its instruments cannot be known. */
export type ExchangeSourceFactory = (options: ExchangeSourceOptions) => Promise<ExchangeSource>;

/** Our display convention for a pair: BASE-QUOTE in upper case. */
export function displaySymbol(base: string, quote: string): string {
  return `${base.toUpperCase()}-${quote.toUpperCase()}`;
}
