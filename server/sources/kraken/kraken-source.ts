/**
 * The Kraken adapter: instruments from AssetPairs and candle history from OHLC (both cached on
 * disk), then one WebSocket v2 connection carrying `book` and `trade` for every pair, kept alive
 * by Kraken's application-level ping (its heartbeats, about one a second, feed the silence timer).
 */
import type { Instrument } from '../../../protocol/instruments';
import type { Candle } from '../../../protocol/messages';
import { ExchangeSocket } from '../exchange/exchange-socket';
import type { ExchangeSource, ExchangeSourceOptions } from '../exchange/exchange-source';
import { newExchangeStats } from '../exchange/exchange-stats';
import { DiskCache, fetchWithCache } from '../exchange/instrument-cache';
import type { HistoryInterval, SourceSink } from '../source';
import { KrakenFeed } from './kraken-feed';
import { fetchKrakenHistory, loadKrakenHistory } from './kraken-history';
import { fetchAssetPairs, isPairMetaList, resolvePairs } from './kraken-instruments';

export const KRAKEN_REST_URL = 'https://api.kraken.com';
export const KRAKEN_WS_URL = 'wss://ws.kraken.com/v2';
/** Book depth we subscribe to (one of Kraken's 10, 25, 100, 500, 1000). */
export const KRAKEN_DEFAULT_DEPTH = 10;

export interface KrakenSourceOptions extends ExchangeSourceOptions {
  /** Subscribed book depth (default 10). */
  depth?: 10 | 25 | 100 | 500 | 1000;
  /** Interval of `{"method":"ping"}` requests, ms (default 20 s). */
  pingIntervalMs?: number;
  /** Minimum time between two resubscriptions of one pair after checksum failures, ms (1 s). */
  resyncPaceMs?: number;
}

const INTERVALS: readonly HistoryInterval[] = ['1m', '1h'];

/** Creates the Kraken source; rejects naming any pair Kraken does not list. */
export async function createKrakenSource(options: KrakenSourceOptions): Promise<ExchangeSource> {
  const restUrl = options.restUrl ?? KRAKEN_REST_URL;
  const log = options.log ?? (() => {});
  const now = options.now ?? Date.now;
  const stats = newExchangeStats();
  const cache = new DiskCache(options.cacheDir);
  const { value: metas, fromCache } = await fetchWithCache(
    cache,
    'instruments',
    isPairMetaList,
    () => fetchAssetPairs(restUrl),
  ).catch((error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`kraken: cannot load instruments: ${reason}`);
  });
  if (fromCache) log('kraken: AssetPairs unreachable, using the cached instruments');
  const pairs = resolvePairs(metas, options.symbols, options.firstId ?? 1);
  const instruments: readonly Instrument[] = pairs.map((p) => p.instrument);

  const bars = options.historyBars ?? 1000;
  const history = new Map<string, Candle[]>();
  for (const pair of pairs) {
    for (const interval of INTERVALS) {
      const key = `history/${pair.restKey.replace(/[^\w.-]/g, '_')}-${interval}`;
      const fetchFresh = () =>
        fetchKrakenHistory(restUrl, pair.restKey, pair.instrument, interval, bars, now(), (n) => {
          stats.offGrid += n;
        });
      history.set(
        `${pair.instrument.id}/${interval}`,
        await loadKrakenHistory(cache, fetchFresh, key, log),
      );
    }
  }

  let socket: ExchangeSocket | null = null;
  let pingTimer: NodeJS.Timeout | null = null;
  const stopPing = () => {
    if (pingTimer) clearInterval(pingTimer);
    pingTimer = null;
  };
  const feed = new KrakenFeed(pairs, {
    depth: options.depth ?? KRAKEN_DEFAULT_DEPTH,
    stats,
    resyncPaceMs: options.resyncPaceMs ?? 1_000,
    log,
    now,
    send: (message) => socket?.send(message) ?? false,
  });

  return {
    name: 'kraken',
    stats,
    instruments: () => instruments,
    history(inst: number, interval: HistoryInterval, end: number): Candle[] {
      return (history.get(`${inst}/${interval}`) ?? []).filter((c) => c.time < end);
    },
    start(sink: SourceSink): void {
      if (socket) return;
      feed.attach(sink);
      let opened = false;
      socket = new ExchangeSocket(
        {
          url: options.wsUrl ?? KRAKEN_WS_URL,
          stats,
          backoff: options.backoff,
          idleTimeoutMs: options.idleTimeoutMs ?? 10_000,
        },
        {
          onOpen: () => {
            feed.opened(opened);
            opened = true;
            stopPing();
            pingTimer = setInterval(() => feed.ping(), options.pingIntervalMs ?? 20_000);
            pingTimer.unref();
          },
          onMessage: (text) => feed.handle(text),
          onDown: (reason) => {
            stopPing();
            log(`kraken: connection down (${reason}); books stale until fresh snapshots`);
            feed.closed();
          },
        },
      );
      socket.start();
    },
    async stop(): Promise<void> {
      stopPing();
      feed.stop();
      const current = socket;
      socket = null;
      await current?.stop();
    },
  };
}
