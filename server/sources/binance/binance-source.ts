/**
 * The Binance spot adapter: instruments and history from REST (cached on disk), live data from
 * one combined-stream WebSocket (`<symbol>@trade`, `<symbol>@depth@100ms` and `<symbol>@ticker`
 * per symbol, named in the URL so no subscribe message is ever sent and the 5-messages-per-second
 * limit cannot be hit). `@ticker` is the 24 h rolling window, for the exchange's own 24 h
 * statistics. `@bookTicker` is not used: its best bid/ask is what depth@100ms already gives the
 * synced book, and a second source of the top of book could only disagree with it. Books follow the documented sync procedure (binance-book.ts); the connection is renewed
 * on a serverShutdown notice and before Binance's 24 h connection limit.
 */
import type { Instrument } from '../../../protocol/instruments';
import { Side, type Candle } from '../../../protocol/messages';
import type { ExchangeSource, ExchangeSourceOptions } from '../exchange/exchange-source';
import { ExchangeSocket } from '../exchange/exchange-socket';
import { newExchangeStats } from '../exchange/exchange-stats';
import { toVenueDayStats } from '../exchange/venue-day-stats';
import { DiskCache } from '../exchange/instrument-cache';
import { liveStatusSink } from '../exchange/live-status';
import { malformedDropper } from '../exchange/malformed-log';
import { gridUnits } from '../exchange/venue-units';
import type { HistoryInterval, SourceSink } from '../source';
import { BinanceBookSync, type BookSyncHost } from './binance-book';
import { candlesBefore, loadHistory } from './binance-history';
import { binanceSymbol, loadBinanceInstruments, type BinanceLimits } from './binance-instruments';
import { parseStreamMessage, type DayTickerEvent, type TradeEvent } from './binance-messages';
import { SnapshotFetcher, type SnapshotPacing } from './binance-snapshots';

export const BINANCE_REST_URL = 'https://api.binance.com';
export const BINANCE_WS_URL = 'wss://stream.binance.com:9443';

/** Binance drops a connection after 24 h; renew it a little before. */
export const DEFAULT_MAX_CONNECTION_MS = 23 * 60 * 60_000;
/** Binance caps a connection at 1024 streams; we use three per symbol. */
const MAX_STREAMS = 1024;
const STREAMS_PER_SYMBOL = 3;
/**
 * A quiet symbol's streams can be silent for a while and ping frames do not count as data
 * for ExchangeSocket, so the dead-connection timeout is generous.
 */
const DEFAULT_IDLE_TIMEOUT_MS = 120_000;
const HISTORY_INTERVALS: readonly HistoryInterval[] = ['1m', '1h'];

export interface BinanceSourceOptions extends ExchangeSourceOptions {
  /** Renew the WebSocket after this long (default 23 h; Binance closes it at 24 h). */
  maxConnectionMs?: number;
  /** Depth snapshot pacing (default a burst of 10, then one per second). */
  snapshotPacing?: SnapshotPacing;
  /** `limit` of GET /api/v3/depth (default 1000, weight 50). */
  depthLimit?: number;
  /** REST timeout, ms (default 10 s). */
  httpTimeoutMs?: number;
}

/** The Binance source, with each instrument's order minimums. */
export interface BinanceSource extends ExchangeSource {
  limits(inst: number): BinanceLimits | undefined;
}

/** Streams of one combined connection for `symbols` (Binance wants them in lower case). */
export function binanceStreamPath(symbols: readonly string[]): string {
  const streams = symbols.flatMap((symbol) => {
    const name = symbol.toLowerCase();
    return [`${name}@trade`, `${name}@depth@100ms`, `${name}@ticker`];
  });
  return `/stream?streams=${streams.join('/')}`;
}

/** Creates the Binance spot source; rejects when an instrument cannot be known. */
export async function createBinanceSource(options: BinanceSourceOptions): Promise<BinanceSource> {
  const symbols = [...new Set(options.symbols.map(binanceSymbol))];
  if (symbols.length === 0) throw new Error('binance: no symbols given');
  if (symbols.length * STREAMS_PER_SYMBOL > MAX_STREAMS) {
    const most = Math.floor(MAX_STREAMS / STREAMS_PER_SYMBOL);
    throw new Error(`binance: at most ${most} symbols per connection`);
  }
  const log = options.log ?? ((line: string) => console.warn(line));
  const now = options.now ?? Date.now;
  const restUrl = (options.restUrl ?? BINANCE_REST_URL).replace(/\/$/, '');
  const wsUrl = (options.wsUrl ?? BINANCE_WS_URL).replace(/\/$/, '');
  const cache = new DiskCache(options.cacheDir);
  const stats = newExchangeStats();
  const loaded = await loadBinanceInstruments(
    restUrl,
    symbols,
    cache,
    options.firstId ?? 1,
    log,
    options.httpTimeoutMs,
  );
  const instruments: Instrument[] = loaded.map((entry) => entry.instrument);
  const history = new Map<string, Candle[]>();
  for (const instrument of instruments) {
    for (const interval of HISTORY_INTERVALS) {
      const candles = await loadHistory({
        restUrl,
        cache,
        instrument,
        interval,
        bars: options.historyBars ?? 1000,
        now: now(),
        log,
        onOffGrid: () => stats.offGrid++,
      });
      history.set(`${instrument.id}/${interval}`, candles);
    }
  }

  let sink: SourceSink | null = null;
  let renewTimer: NodeJS.Timeout | null = null;
  const fetcher = new SnapshotFetcher({
    restUrl,
    stats,
    depthLimit: options.depthLimit,
    pacing: options.snapshotPacing,
    backoff: options.backoff,
    timeoutMs: options.httpTimeoutMs,
    log,
  });
  const host: BookSyncHost = {
    stats,
    sink: () => sink,
    requestSnapshot: (sync, generation) => fetcher.request(sync, generation),
    now,
    log,
  };
  const books = new Map(
    instruments.map((instrument) => [
      instrument.venueSymbol ?? '',
      new BinanceBookSync(instrument, host),
    ]),
  );
  const malformed = malformedDropper('binance', stats, log);
  const onTrade = (event: TradeEvent) => {
    const book = books.get(event.s);
    if (!book) return malformed(`trade for unknown symbol ${event.s}`);
    // Before the first snapshot the hub has no book for the instrument yet.
    if (!sink || !book.hasBook) return;
    const { id, priceScale, tick, sizeScale, lot } = book.instrument;
    const price = gridUnits(event.p, priceScale, tick);
    const size = gridUnits(event.q, sizeScale, lot);
    if (price === null || size === null) {
      stats.offGrid++;
      return;
    }
    // m: the buyer was the maker, so the seller was the aggressor.
    sink.trade(id, price, size, event.m ? Side.sell : Side.buy, event.T);
  };
  const onDayTicker = (event: DayTickerEvent) => {
    const book = books.get(event.s);
    if (!book) return malformed(`ticker for unknown symbol ${event.s}`);
    if (!sink) return;
    const { o: open, h: high, l: low, v: volume } = event;
    const day = toVenueDayStats(book.instrument, { open, high, low, volume });
    if (!day) {
      stats.offGrid++;
      return;
    }
    sink.dayStats?.(book.instrument.id, day, event.E);
  };
  const onMessage = (text: string) => {
    const message = parseStreamMessage(text);
    switch (message.kind) {
      case 'depth': {
        const book = books.get(message.event.s);
        if (!book) return malformed(`depth for unknown symbol ${message.event.s}`);
        book.onDepth(message.event);
        return;
      }
      case 'trade':
        return onTrade(message.event);
      case 'ticker':
        return onDayTicker(message.event);
      case 'shutdown':
        log('binance: serverShutdown notice, reconnecting');
        socket.restart('server shutdown notice');
        return;
      case 'ack':
        return;
      case 'malformed':
        return malformed(message.reason);
    }
  };
  const socket = new ExchangeSocket(
    {
      url: `${wsUrl}${binanceStreamPath(symbols)}`,
      stats,
      backoff: options.backoff,
      idleTimeoutMs: options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
    },
    {
      onOpen: (current) => {
        for (const book of books.values()) book.begin();
        if (renewTimer) clearTimeout(renewTimer);
        renewTimer = setTimeout(
          () => current.restart('renewing before the 24 h connection limit'),
          options.maxConnectionMs ?? DEFAULT_MAX_CONNECTION_MS,
        );
        renewTimer.unref();
      },
      onMessage,
      onDown: (reason) => {
        if (renewTimer) clearTimeout(renewTimer);
        renewTimer = null;
        if (sink) log(`binance: connection down (${reason})`);
        for (const book of books.values()) book.down();
      },
    },
  );
  const limits = new Map(loaded.map((entry) => [entry.instrument.id, entry.limits]));

  return {
    name: 'binance',
    stats,
    instruments: () => instruments,
    limits: (inst) => limits.get(inst),
    history: (inst, interval, end) => candlesBefore(history.get(`${inst}/${interval}`) ?? [], end),
    start(target) {
      // Not live until each book's first snapshot is applied.
      sink = liveStatusSink(
        target,
        instruments.map((instrument) => instrument.id),
      );
      socket.start();
    },
    async stop() {
      sink = null;
      fetcher.stop();
      if (renewTimer) clearTimeout(renewTimer);
      await socket.stop();
    },
  };
}
