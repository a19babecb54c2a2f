/**
 * The Coinbase Advanced Trade source: products and candle history from the public REST API
 * (cached on disk), live books and trades from the public WebSocket feed.
 */
import type { Instrument } from '../../../protocol/instruments';
import type { Candle } from '../../../protocol/messages';
import type { HistoryInterval, SourceSink } from '../source';
import { ExchangeSocket } from '../exchange/exchange-socket';
import type { ExchangeSource, ExchangeSourceOptions } from '../exchange/exchange-source';
import { newExchangeStats, type ExchangeStats } from '../exchange/exchange-stats';
import { DiskCache } from '../exchange/instrument-cache';
import { CoinbaseFeed } from './coinbase-feed';
import { loadHistory } from './coinbase-history';
import { instrumentsFor, loadProducts } from './coinbase-instruments';
import { SendPacer } from './send-pacer';

export const COINBASE_REST_URL = 'https://api.coinbase.com';
export const COINBASE_WS_URL = 'wss://advanced-trade-ws.coinbase.com';

/** Knobs with production defaults; tests shorten them. */
export interface CoinbaseTuning {
  /** Outgoing WebSocket messages per rolling second (Coinbase allows 8 unauthenticated). */
  messagesPerSecond?: number;
  /** Least time between two level2 resubscriptions, ms. */
  minResyncIntervalMs?: number;
  /** Time a level2 snapshot may take before the connection is restarted, ms. */
  snapshotTimeoutMs?: number;
  /** Pause between REST requests, ms (public endpoints allow 10 per second per IP). */
  restSpacingMs?: number;
  /** REST request timeout, ms. */
  httpTimeoutMs?: number;
}

const INTERVALS: readonly HistoryInterval[] = ['1m', '1h'];

/** Creates the Coinbase source; rejects when a symbol is unknown or products cannot be known. */
export async function createCoinbaseSource(
  options: ExchangeSourceOptions,
  tuning: CoinbaseTuning = {},
): Promise<ExchangeSource> {
  if (options.symbols.length === 0) throw new Error('coinbase: no symbols given');
  // Product ids are upper case (BTC-USD); the trader may type them in any case.
  const symbols = options.symbols.map((s) => s.trim().toUpperCase());
  const log = options.log ?? (() => {});
  const now = options.now ?? Date.now;
  const restUrl = (options.restUrl ?? COINBASE_REST_URL).replace(/\/+$/, '');
  const cache = new DiskCache(options.cacheDir);
  const stats = newExchangeStats();
  let loaded;
  try {
    loaded = await loadProducts(cache, restUrl, symbols, tuning.httpTimeoutMs);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`coinbase: cannot load products: ${reason}`);
  }
  if (loaded.fromCache) log('coinbase: products from the disk cache (exchange unreachable)');
  const instruments = instrumentsFor(loaded.products, symbols, options.firstId ?? 1);

  const history = new Map<string, Candle[]>();
  for (const inst of instruments) {
    for (const interval of INTERVALS) {
      const candles = await loadHistory(
        cache,
        {
          restUrl,
          inst,
          interval,
          bars: options.historyBars ?? 1000,
          now: now(),
          stats,
          timeoutMs: tuning.httpTimeoutMs,
          spacingMs: tuning.restSpacingMs ?? 150,
        },
        log,
      );
      history.set(`${inst.id}:${interval}`, candles);
    }
  }
  return new CoinbaseSource(options, tuning, instruments, history, stats);
}

class CoinbaseSource implements ExchangeSource {
  readonly name = 'coinbase';
  private socket: ExchangeSocket | null = null;
  private feed: CoinbaseFeed | null = null;
  private pacer: SendPacer | null = null;

  constructor(
    private readonly options: ExchangeSourceOptions,
    private readonly tuning: CoinbaseTuning,
    private readonly list: readonly Instrument[],
    private readonly candles: Map<string, Candle[]>,
    readonly stats: ExchangeStats,
  ) {}

  instruments(): readonly Instrument[] {
    return this.list;
  }

  history(inst: number, interval: HistoryInterval, end: number): Candle[] {
    return (this.candles.get(`${inst}:${interval}`) ?? []).filter((c) => c.time < end);
  }

  start(sink: SourceSink): void {
    if (this.socket) return;
    const { options, tuning } = this;
    const socket = new ExchangeSocket(
      {
        url: options.wsUrl ?? COINBASE_WS_URL,
        stats: this.stats,
        backoff: options.backoff,
        // heartbeats arrive every second, so a few silent seconds mean a dead link.
        idleTimeoutMs: options.idleTimeoutMs ?? 10_000,
      },
      {
        onOpen: () => this.feed?.opened(),
        onMessage: (text) => this.feed?.message(text),
        onDown: (reason) => {
          this.pacer?.clear();
          this.feed?.down(reason);
        },
      },
    );
    const pacer = new SendPacer((value) => socket.send(value), tuning.messagesPerSecond ?? 6);
    this.feed = new CoinbaseFeed({
      instruments: this.list,
      sink,
      stats: this.stats,
      log: options.log ?? (() => {}),
      now: options.now ?? Date.now,
      send: (value) => pacer.push(value),
      restart: (reason) => socket.restart(reason),
      minResyncIntervalMs: tuning.minResyncIntervalMs ?? 1_000,
      snapshotTimeoutMs: tuning.snapshotTimeoutMs ?? 15_000,
    });
    this.pacer = pacer;
    this.socket = socket;
    socket.start();
  }

  async stop(): Promise<void> {
    const socket = this.socket;
    this.socket = null;
    this.pacer?.clear();
    this.feed?.dispose();
    await socket?.stop();
    this.feed = null;
  }
}
