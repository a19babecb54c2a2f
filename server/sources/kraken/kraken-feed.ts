/**
 * The Kraken WebSocket v2 market-data logic, independent of the socket: what to subscribe, and
 * how each message changes the books. Every book message is checked against Kraken's CRC32 of
 * the top 10 levels; on a mismatch the pair is marked stale and resubscribed (unsubscribe, then
 * subscribe with snapshot) for a fresh snapshot, paced so a persistently bad book cannot make us
 * resubscribe in a tight loop. Updates that arrive while a pair waits for its snapshot are
 * dropped: the snapshot replaces the book anyway, and Kraken has no sequence numbers to bridge.
 * The ticker channel is used for its 24h statistics only; its bid/ask and last repeat the book
 * and trade channels.
 */
import { Side, type FlatLevels } from '../../../protocol/messages';
import type { ExchangeStats } from '../exchange/exchange-stats';
import { liveStatusSink, type LiveStatusSink } from '../exchange/live-status';
import { malformedDropper } from '../exchange/malformed-log';
import { gridUnits } from '../exchange/venue-units';
import type { SourceSink } from '../source';
import { KrakenBook } from './kraken-book';
import type { KrakenPair } from './kraken-instruments';
import { krakenDayStats } from './kraken-ticker';
import {
  parseKrakenMessage,
  type BookEntry,
  type RawLevel,
  type RawTicker,
  type RawTrade,
} from './kraken-messages';

export interface KrakenFeedOptions {
  depth: number;
  stats: ExchangeStats;
  /** Minimum time between two resubscriptions of one pair, ms. */
  resyncPaceMs: number;
  log: (line: string) => void;
  now: () => number;
  /** Sends a request on the current connection; false when there is none. */
  send: (message: unknown) => boolean;
}

type SyncState = 'awaiting' | 'live' | 'resyncing';

interface PairState {
  pair: KrakenPair;
  book: KrakenBook;
  state: SyncState;
  lastResubscribe: number;
  timer: NodeJS.Timeout | null;
}

export class KrakenFeed {
  private readonly pairs = new Map<string, PairState>();
  private sink: LiveStatusSink | null = null;
  private reqId = 0;
  private readonly malformed: (reason: string) => void;

  constructor(
    pairs: readonly KrakenPair[],
    private readonly options: KrakenFeedOptions,
  ) {
    for (const pair of pairs) {
      this.pairs.set(pair.wsSymbol, {
        pair,
        book: new KrakenBook(options.depth),
        state: 'awaiting',
        lastResubscribe: Number.NEGATIVE_INFINITY,
        timer: null,
      });
    }
    this.malformed = malformedDropper('kraken', options.stats, options.log);
  }

  /** Starts feeding `sink`: every pair is not live until its first snapshot. */
  attach(sink: SourceSink): void {
    this.sink = liveStatusSink(
      sink,
      [...this.pairs.values()].map((ps) => ps.pair.instrument.id),
    );
  }

  /** A connection opened: subscribe to books (with snapshot), trades and tickers for every pair. */
  opened(reconnect: boolean): void {
    const symbols = [...this.pairs.keys()];
    for (const ps of this.pairs.values()) {
      this.clearTimer(ps);
      ps.state = 'awaiting';
      // After a reconnect every book is rebuilt from a fresh snapshot: one recovery per pair.
      if (reconnect) this.options.stats.resyncs++;
    }
    this.options.send(this.request('subscribe', 'book', symbols, true));
    this.options.send(this.request('subscribe', 'trade', symbols, false));
    // With its snapshot: the 24h figures are wanted at once, not at the pair's next trade.
    this.options.send(this.request('subscribe', 'ticker', symbols, true));
  }

  /** The connection is gone: every pair is stale until its next snapshot. */
  closed(): void {
    for (const ps of this.pairs.values()) {
      this.clearTimer(ps);
      ps.state = 'awaiting';
      this.markDown(ps);
    }
  }

  /** Cancels pending resubscriptions. */
  stop(): void {
    for (const ps of this.pairs.values()) this.clearTimer(ps);
  }

  /** Sends Kraken's application-level ping. */
  ping(): void {
    this.options.send({ method: 'ping', req_id: ++this.reqId });
  }

  /** Handles one text frame; never throws (bad input is counted and dropped). */
  handle(text: string): void {
    try {
      this.dispatch(text);
    } catch (error) {
      this.malformed(`handler error: ${error instanceof Error ? error.message : error}`);
    }
  }

  private dispatch(text: string): void {
    const message = parseKrakenMessage(text);
    if (!message) return this.malformed(text.slice(0, 120));
    switch (message.kind) {
      case 'book':
        for (const entry of message.entries) this.onBook(entry, message.snapshot);
        return;
      case 'trade':
        for (const trade of message.trades) this.onTrade(trade);
        return;
      case 'ticker':
        for (const ticker of message.tickers) this.onTicker(ticker);
        return;
      case 'ack':
        if (!message.success)
          this.options.log(`kraken: ${message.method} failed: ${message.detail}`);
        return;
      default:
        // heartbeat, pong, status: liveness only (the socket's silence timer saw them).
        return;
    }
  }

  private onBook(entry: BookEntry, snapshot: boolean): void {
    const ps = this.pairs.get(entry.symbol);
    if (!ps) return this.malformed(`book for unknown symbol ${entry.symbol}`);
    if (!snapshot && ps.state !== 'live') return;
    const bids = this.levels(ps, entry.bids);
    const asks = this.levels(ps, entry.asks);
    const time = entry.time ?? this.options.now();
    const inst = ps.pair.instrument.id;
    if (snapshot) {
      ps.book.replace(bids, asks);
      if (!ps.book.matches(entry.checksum)) return this.resync(ps, 'snapshot checksum mismatch');
      ps.state = 'live';
      const levels = ps.book.levels();
      this.sink?.book(inst, levels.bids, levels.asks, time, true);
      this.markUp(ps);
      return;
    }
    const changes = ps.book.update(bids, asks);
    if (!ps.book.matches(entry.checksum)) return this.resync(ps, 'checksum mismatch');
    if (changes.bids.length + changes.asks.length > 0) {
      this.sink?.book(inst, changes.bids, changes.asks, time, false);
    }
  }

  private onTrade(trade: RawTrade): void {
    const ps = this.pairs.get(trade.symbol);
    if (!ps) return this.malformed(`trade for unknown symbol ${trade.symbol}`);
    const { priceScale, tick, sizeScale, lot, id } = ps.pair.instrument;
    const price = gridUnits(trade.price, priceScale, tick);
    const size = gridUnits(trade.qty, sizeScale, lot);
    if (price === null || size === null) {
      this.options.stats.offGrid++;
      return;
    }
    const side = trade.side === 'buy' ? Side.buy : Side.sell;
    this.sink?.trade(id, price, size, side, trade.time ?? this.options.now());
  }

  private onTicker(ticker: RawTicker): void {
    const ps = this.pairs.get(ticker.symbol);
    if (!ps) return this.malformed(`ticker for unknown symbol ${ticker.symbol}`);
    const stats = krakenDayStats(ps.pair.instrument, ticker);
    if (!stats) {
      this.options.stats.offGrid++;
      return;
    }
    // Kraken's ticker carries no timestamp.
    this.sink?.dayStats?.(ps.pair.instrument.id, stats, this.options.now());
  }

  /** Raw levels as flat integer pairs; off-grid levels are counted and left out. */
  private levels(ps: PairState, raw: readonly RawLevel[]): FlatLevels {
    const { priceScale, tick, sizeScale, lot } = ps.pair.instrument;
    const flat: FlatLevels = [];
    for (const level of raw) {
      const price = gridUnits(level.price, priceScale, tick);
      const size = gridUnits(level.qty, sizeScale, lot, true);
      if (price === null || size === null) this.options.stats.offGrid++;
      else flat.push(price, size);
    }
    return flat;
  }

  /** One recovery: stale now, a fresh snapshot requested (paced), live again when it arrives. */
  private resync(ps: PairState, reason: string): void {
    ps.state = 'resyncing';
    this.options.stats.gaps++;
    this.options.stats.resyncs++;
    this.markDown(ps);
    this.options.log(`kraken: ${ps.pair.wsSymbol} ${reason}; resubscribing for a fresh snapshot`);
    this.clearTimer(ps);
    const wait = ps.lastResubscribe + this.options.resyncPaceMs - Date.now();
    if (wait <= 0) return this.resubscribe(ps);
    ps.timer = setTimeout(() => this.resubscribe(ps), wait);
    ps.timer.unref();
  }

  private resubscribe(ps: PairState): void {
    ps.timer = null;
    ps.lastResubscribe = Date.now();
    this.options.send(this.request('unsubscribe', 'book', [ps.pair.wsSymbol], false));
    this.options.send(this.request('subscribe', 'book', [ps.pair.wsSymbol], true));
  }

  private request(method: string, channel: string, symbol: string[], snapshot: boolean) {
    const params: Record<string, unknown> = { channel, symbol };
    if (channel === 'book') params.depth = this.options.depth;
    if (method === 'subscribe') params.snapshot = snapshot;
    return { method, params, req_id: ++this.reqId };
  }

  private markDown(ps: PairState): void {
    this.sink?.status(ps.pair.instrument.id, false);
  }

  private markUp(ps: PairState): void {
    this.sink?.status(ps.pair.instrument.id, true);
  }

  private clearTimer(ps: PairState): void {
    if (ps.timer) clearTimeout(ps.timer);
    ps.timer = null;
  }
}
