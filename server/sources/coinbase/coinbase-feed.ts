/**
 * The Coinbase stream procedure for one connection at a time: subscribe to heartbeats, level2,
 * market_trades and ticker (for the exchange's own 24h statistics) as soon as the socket opens (Coinbase closes connections that have not
 * subscribed within 5 s), check that `sequence_num` grows by exactly one on every frame, and on
 * a jump resubscribe level2 for a fresh snapshot. Until that snapshot arrives the affected books
 * are stale (status false) and their updates are dropped; one recovery is one resync however
 * many further gaps arrive meanwhile.
 */
import type { Instrument } from '../../../protocol/instruments';
import type { SourceSink } from '../source';
import type { ExchangeStats } from '../exchange/exchange-stats';
import { liveStatusSink, type LiveStatusSink } from '../exchange/live-status';
import { malformedDropper } from '../exchange/malformed-log';
import { toVenueDayStats } from '../exchange/venue-day-stats';
import { toFlatLevels, toTrade, type NormalTrade } from './coinbase-levels';
import {
  isCoinbaseError,
  parseFrame,
  parseL2Event,
  parseTicker,
  parseTickerEvent,
  parseTrade,
  parseTradesEvent,
} from './coinbase-messages';

export interface CoinbaseFeedOptions {
  instruments: readonly Instrument[];
  sink: SourceSink;
  stats: ExchangeStats;
  log: (line: string) => void;
  now: () => number;
  /** Sends a JSON message (paced by the caller). */
  send: (value: unknown) => void;
  /** Drops the connection and reconnects. */
  restart: (reason: string) => void;
  /** Least time between two level2 resubscriptions, ms. */
  minResyncIntervalMs: number;
  /** How long a level2 snapshot may take before the connection is restarted, ms. */
  snapshotTimeoutMs: number;
}

export class CoinbaseFeed {
  private readonly byProduct = new Map<string, Instrument>();
  /** Products whose book waits for a snapshot; their updates are dropped meanwhile. */
  private readonly awaiting = new Set<string>();
  /** Says "not live" for every product until its first snapshot, then only changes. */
  private readonly sink: LiveStatusSink;
  private readonly malformed: (reason: string) => void;
  private readonly toResubscribe = new Set<string>();
  private lastSeq: number | null = null;
  private opens = 0;
  private lastResyncAt = Number.NEGATIVE_INFINITY;
  private resyncTimer: NodeJS.Timeout | null = null;
  private snapshotTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: CoinbaseFeedOptions) {
    for (const inst of options.instruments)
      this.byProduct.set(inst.venueSymbol ?? inst.symbol, inst);
    this.sink = liveStatusSink(
      options.sink,
      options.instruments.map((inst) => inst.id),
    );
    this.malformed = malformedDropper('coinbase', options.stats, options.log);
  }

  private get productIds(): string[] {
    return [...this.byProduct.keys()];
  }

  /** A connection opened: subscribe everything at once, books wait for their snapshots. */
  opened(): void {
    if (this.opens++ > 0) this.options.stats.resyncs++;
    this.lastSeq = null;
    this.clearTimers();
    for (const id of this.productIds) this.awaiting.add(id);
    const product_ids = this.productIds;
    // heartbeats first: it keeps the other subscriptions open when a market is quiet.
    for (const channel of ['heartbeats', 'level2', 'market_trades', 'ticker']) {
      this.options.send({ type: 'subscribe', product_ids, channel });
    }
    this.armSnapshotDeadline();
  }

  /** The connection is gone: every book is stale until the next connection's snapshots. */
  down(reason: string): void {
    this.clearTimers();
    this.lastSeq = null;
    for (const id of this.productIds) {
      this.awaiting.add(id);
      this.markStale(id);
    }
    this.options.log(`coinbase: connection down (${reason}); books stale until resubscribed`);
  }

  /** Stops timers (the source is stopping). */
  dispose(): void {
    this.clearTimers();
  }

  /** Handles one text frame; never throws. */
  message(text: string): void {
    const frame = parseFrame(text);
    const { stats } = this.options;
    if (!frame) return this.malformed(`unreadable frame: ${text.slice(0, 120)}`);
    if (isCoinbaseError(frame)) {
      this.options.log(`coinbase: error from the exchange: ${frame.message}`);
      return;
    }
    const seq = frame.sequenceNum;
    if (seq !== null) {
      if (this.lastSeq !== null && seq !== this.lastSeq + 1) {
        stats.gaps++;
        this.resync(this.productIds, `sequence_num jumped from ${this.lastSeq} to ${seq}`);
      }
      this.lastSeq = seq;
    }
    const time = frame.time ?? this.options.now();
    if (frame.channel === 'l2_data') {
      for (const event of frame.events) this.onLevel2(event, time);
    } else if (frame.channel === 'market_trades') {
      for (const event of frame.events) this.onTrades(event, time);
    } else if (frame.channel === 'ticker') {
      for (const event of frame.events) this.onTicker(event, time);
    }
    // heartbeats, subscriptions and any channel added later carry nothing for the books.
  }

  private onLevel2(value: unknown, time: number): void {
    const { stats } = this.options;
    const { sink } = this;
    const event = parseL2Event(value);
    if (!event) {
      this.malformed('unreadable level2 event');
      // A lost update leaves the book wrong: take a fresh snapshot of that product if we can tell.
      const productId = productOf(value);
      if (productId && this.byProduct.has(productId)) {
        this.resync([productId], 'unreadable level2 event');
      }
      return;
    }
    const inst = this.byProduct.get(event.productId);
    if (!inst) return this.malformed(`level2 event for unknown product ${event.productId}`);
    if (event.type === 'update' && this.awaiting.has(event.productId)) return;
    const { bids, asks } = toFlatLevels(inst, event.updates, stats, this.malformed);
    if (event.type === 'snapshot') {
      sink.book(inst.id, bids, asks, time, true);
      this.awaiting.delete(event.productId);
      sink.status(inst.id, true);
      if (this.awaiting.size === 0 && this.snapshotTimer) {
        clearTimeout(this.snapshotTimer);
        this.snapshotTimer = null;
      }
    } else if (bids.length > 0 || asks.length > 0) {
      sink.book(inst.id, bids, asks, time, false);
    }
  }

  private onTrades(value: unknown, time: number): void {
    const { stats } = this.options;
    const { sink } = this;
    const event = parseTradesEvent(value);
    if (!event) return this.malformed('unreadable market_trades event');
    // The snapshot repeats recent prints the candle history already holds.
    if (event.type === 'snapshot') return;
    const trades: { inst: number; trade: NormalTrade }[] = [];
    for (const raw of event.trades) {
      const parsed = parseTrade(raw);
      const inst = parsed ? this.byProduct.get(parsed.productId) : undefined;
      if (!parsed || !inst) {
        this.malformed(
          parsed ? `trade for unknown product ${parsed.productId}` : 'unreadable trade',
        );
        continue;
      }
      const trade = toTrade(inst, parsed, time, stats);
      if (trade) trades.push({ inst: inst.id, trade });
    }
    // A batch covers up to 250 ms and may list the newest first; the tape wants time order.
    trades.sort((a, b) => a.trade.time - b.trade.time);
    for (const { inst, trade } of trades) {
      sink.trade(inst, trade.price, trade.size, trade.side, trade.time);
    }
  }

  /** 24h statistics only: price and best bid/ask come from market_trades and level2 already. */
  private onTicker(value: unknown, time: number): void {
    const event = parseTickerEvent(value);
    if (!event) return this.malformed('unreadable ticker event');
    for (const raw of event.tickers) {
      const parsed = parseTicker(raw);
      const inst = parsed ? this.byProduct.get(parsed.productId) : undefined;
      if (!parsed || !inst) {
        this.malformed(
          parsed ? `ticker for unknown product ${parsed.productId}` : 'unreadable ticker',
        );
        continue;
      }
      const stats = toVenueDayStats(inst, { ...parsed, open: null });
      if (!stats) {
        this.options.stats.offGrid++;
        continue;
      }
      this.sink.dayStats?.(inst.id, stats, time);
    }
  }

  /** Marks `productIds` stale and resubscribes their level2 for a fresh snapshot (once). */
  private resync(productIds: readonly string[], reason: string): void {
    const fresh = productIds.filter((id) => !this.awaiting.has(id));
    if (fresh.length === 0) return;
    this.options.stats.resyncs++;
    this.options.log(`coinbase: ${reason}; resubscribing level2 for ${fresh.join(', ')}`);
    for (const id of fresh) {
      this.awaiting.add(id);
      this.markStale(id);
      this.toResubscribe.add(id);
    }
    if (this.resyncTimer) return;
    // Repeated gaps must not turn into a subscribe storm: space resubscriptions out.
    const wait = Math.max(
      0,
      this.lastResyncAt + this.options.minResyncIntervalMs - this.options.now(),
    );
    this.resyncTimer = setTimeout(() => this.resubscribe(), wait);
    this.resyncTimer.unref();
  }

  private resubscribe(): void {
    this.resyncTimer = null;
    const product_ids = [...this.toResubscribe];
    this.toResubscribe.clear();
    if (product_ids.length === 0) return;
    this.lastResyncAt = this.options.now();
    this.options.send({ type: 'unsubscribe', product_ids, channel: 'level2' });
    this.options.send({ type: 'subscribe', product_ids, channel: 'level2' });
    this.armSnapshotDeadline();
  }

  private markStale(productId: string): void {
    const inst = this.byProduct.get(productId);
    if (inst) this.sink.status(inst.id, false);
  }

  private armSnapshotDeadline(): void {
    if (this.snapshotTimer) clearTimeout(this.snapshotTimer);
    this.snapshotTimer = setTimeout(() => {
      this.snapshotTimer = null;
      if (this.awaiting.size > 0) this.options.restart('no level2 snapshot in time');
    }, this.options.snapshotTimeoutMs);
    this.snapshotTimer.unref();
  }

  private clearTimers(): void {
    if (this.resyncTimer) clearTimeout(this.resyncTimer);
    if (this.snapshotTimer) clearTimeout(this.snapshotTimer);
    this.resyncTimer = null;
    this.snapshotTimer = null;
    this.toResubscribe.clear();
  }
}

function productOf(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return null;
  const id: unknown = (value as Record<string, unknown>)['product_id'];
  return typeof id === 'string' ? id : null;
}
