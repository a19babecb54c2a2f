/**
 * The hub: receives a source's normalized events, keeps per-instrument state and fans encoded
 * stream messages out to subscribers. Tickers and forming candles are conflated on a short tick;
 * book deltas and trades go out as they happen (sessions batch them per frame).
 */
import { createHash } from 'node:crypto';
import type { Instrument } from '../../protocol/instruments';
import type { Interval } from '../../protocol/intervals';
import {
  Side,
  streamStatus,
  type Candle,
  type Channel,
  type FlatLevels,
  type Trade,
} from '../../protocol/messages';
import type { MarketSource, SourceSink, VenueDayStats } from '../sources/source';
import { bookTier } from './book-stream';
import { InstrumentState } from './instrument-state';
import { Encoded, type Stream, type StreamKey, type Subscriber } from './stream';
import { TickersStream } from './tickers-stream';

export type { StreamKey } from './stream';

export interface HubOptions {
  /** Conflation tick for tickers and candles, ms. */
  conflateMs?: number;
  /** Clock used when state is needed before the source sent anything. */
  now?: () => number;
  tapeCapacity?: number;
}

export interface BookView {
  seq: number;
  time: number;
  bids: FlatLevels;
  asks: FlatLevels;
}

/** Hears every accepted trade after the hub applied it (the paper engine fills resting orders). */
export type TradeListener = (inst: number, price: number, size: number, time: number) => void;

export const DEFAULT_CONFLATE_MS = 100;

export class Hub implements SourceSink {
  readonly instruments: readonly Instrument[];
  readonly instrumentsVersion: string;
  private readonly byId = new Map<number, InstrumentState>();
  private readonly bySymbol = new Map<string, InstrumentState>();
  private readonly tickers: TickersStream;
  private readonly conflateMs: number;
  private readonly now: () => number;
  private timer: NodeJS.Timeout | null = null;
  private readonly tradeListeners: TradeListener[] = [];

  constructor(
    private readonly source: MarketSource,
    options: HubOptions = {},
  ) {
    this.instruments = source.instruments().map((i) => ({ ...i }));
    this.instrumentsVersion = versionOf(this.instruments);
    for (const instrument of this.instruments) {
      const state = new InstrumentState(instrument, source, options.tapeCapacity);
      this.byId.set(instrument.id, state);
      this.bySymbol.set(instrument.symbol, state);
    }
    this.tickers = new TickersStream([...this.byId.values()].map((s) => s.ticker));
    this.conflateMs = options.conflateMs ?? DEFAULT_CONFLATE_MS;
    this.now = options.now ?? Date.now;
  }

  /** Starts the source and the conflation tick. */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.flush(), this.conflateMs);
    this.timer.unref();
    this.source.start(this);
  }

  /** Stops the tick and the source. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.source.stop();
  }

  /** The instrument with this symbol, if any. */
  findSymbol(symbol: string): Instrument | undefined {
    return this.bySymbol.get(symbol)?.instrument;
  }

  // ---- SourceSink -------------------------------------------------------------------------------

  book(inst: number, bids: FlatLevels, asks: FlatLevels, time: number, snapshot: boolean): void {
    const state = this.byId.get(inst);
    if (!state || !Array.isArray(bids) || !Array.isArray(asks)) return;
    this.touch(state, time);
    const bid = state.book.bids.best();
    const ask = state.book.asks.best();
    state.book.apply(bids, asks, time, snapshot);
    for (const stream of state.bookStreams.values()) if (stream.active) stream.refresh(state.book);
    if (bid !== state.book.bids.best() || ask !== state.book.asks.best()) state.ticker.dirty = true;
  }

  trade(inst: number, price: number, size: number, side: Side, time: number): void {
    const state = this.byId.get(inst);
    if (!state || !isPositiveInt(price) || !isPositiveInt(size)) return;
    if (side !== Side.buy && side !== Side.sell) return;
    this.touch(state, time);
    const trade = state.tape.push(price, size, side, time);
    state.tradesStream.onTrade(trade);
    state.candles.applyTrade(price, size, time);
    for (const stream of state.candleStreams.values()) stream.dirty = true;
    state.ticker.dirty = true;
    for (const listener of this.tradeListeners) listener(inst, price, size, time);
  }

  dayStats(inst: number, stats: VenueDayStats, time: number): void {
    const state = this.byId.get(inst);
    if (!state || !isVenueDayStats(stats)) return;
    this.touch(state, time);
    state.venueStats = { ...stats };
    state.ticker.dirty = true;
  }

  /** Calls `listener` for every trade from now on; returns the function that stops it. */
  onTrade(listener: TradeListener): () => void {
    this.tradeListeners.push(listener);
    return () => {
      const index = this.tradeListeners.indexOf(listener);
      if (index >= 0) this.tradeListeners.splice(index, 1);
    };
  }

  /** Instruments whose streams are live at the source now. */
  liveCount(): number {
    let live = 0;
    for (const state of this.byId.values()) if (state.live) live++;
    return live;
  }

  status(inst: number, live: boolean): void {
    const state = this.byId.get(inst);
    if (!state || state.live === live) return;
    state.live = live;
    const streams: Array<[Channel, Stream]> = [
      ['tickers', this.tickers],
      ['trades', state.tradesStream],
      ...[...state.bookStreams.values()].map((s): [Channel, Stream] => ['book', s]),
      ...[...state.candleStreams.values()].map((s): [Channel, Stream] => ['candles', s]),
    ];
    for (const [channel, stream] of streams) {
      if (stream.active) stream.publish(streamStatus(channel, inst, live));
    }
  }

  // ---- subscriptions ----------------------------------------------------------------------------

  /** Adds a subscriber to a stream and pushes it the stream's snapshot (again, if already in). */
  subscribe(subscriber: Subscriber, key: StreamKey): void {
    // The account channel belongs to the paper service, not to market data.
    if (key.channel === 'account') return;
    if (key.channel === 'tickers') {
      this.tickers.subscribers.add(subscriber);
      subscriber.push(this.tickers.snapshot(), this.tickers.key);
      // A late joiner learns which markets are stale now, as the streams' subscribers did.
      for (const [inst, state] of this.byId) {
        if (!state.live) {
          subscriber.push(new Encoded(streamStatus('tickers', inst, false)), this.tickers.key);
        }
      }
      return;
    }
    const state = this.state(key.inst);
    let stream: Stream;
    if (key.channel === 'book') {
      const book = state.bookStream(bookTier(key.depth));
      book.subscribers.add(subscriber);
      subscriber.push(book.snapshot(), book.key);
      stream = book;
    } else if (key.channel === 'trades') {
      stream = state.tradesStream;
      stream.subscribers.add(subscriber);
      subscriber.push(state.tradesStream.snapshot(), stream.key);
    } else {
      state.candles.ensureHistory(key.interval);
      const candles = state.candleStream(key.interval);
      candles.join(subscriber);
      stream = candles;
    }
    if (!state.live) {
      subscriber.push(new Encoded(streamStatus(key.channel, key.inst, false)), stream.key);
    }
  }

  /** Removes a subscriber from a stream; unknown pairs are ignored. */
  unsubscribe(subscriber: Subscriber, key: StreamKey): void {
    if (key.channel === 'account') return;
    if (key.channel === 'tickers') {
      this.tickers.subscribers.delete(subscriber);
      return;
    }
    const state = this.byId.get(key.inst);
    if (!state) return;
    if (key.channel === 'book') {
      state.bookStreams.get(bookTier(key.depth))?.subscribers.delete(subscriber);
    } else if (key.channel === 'trades') {
      state.tradesStream.subscribers.delete(subscriber);
    } else {
      state.candleStreams.get(key.interval)?.subscribers.delete(subscriber);
    }
  }

  /** Publishes pending conflated ticker and candle changes now. */
  flush(): void {
    for (const state of this.byId.values()) {
      if (state.ticker.dirty && state.lastTime > 0) {
        this.tickers.publishTicker(state.ticker, state.tickerInputs());
      }
      for (const stream of state.candleStreams.values()) stream.flush();
    }
  }

  // ---- queries ----------------------------------------------------------------------------------

  /** Candles opening within [from, to], newest `limit`, forming last. */
  candles(inst: number, interval: Interval, from: number, to: number, limit: number): Candle[] {
    const state = this.state(inst);
    state.candles.ensureHistory(interval);
    return state.candles.series[interval].list(from, to, limit);
  }

  /** The top `depth` levels as the book stream of that depth's tier sees them. */
  bookView(inst: number, depth: number): BookView {
    const stream = this.state(inst).bookStream(bookTier(depth));
    return {
      seq: stream.seq,
      time: stream.time,
      bids: stream.bids.slice(0, depth * 2),
      asks: stream.asks.slice(0, depth * 2),
    };
  }

  /** The newest `limit` trades, oldest first. */
  recentTrades(inst: number, limit: number): Trade[] {
    return this.state(inst).tape.recent(limit);
  }

  /** Raw state of an instrument (tests and diagnostics). */
  instrumentState(inst: number): InstrumentState | undefined {
    return this.byId.get(inst);
  }

  /** State of a known instrument, its candles started so queries have history to answer from. */
  private state(inst: number): InstrumentState {
    const state = this.byId.get(inst);
    if (!state) throw new RangeError(`unknown instrument ${inst}`);
    if (!state.candles.started) state.candles.begin(this.now());
    return state;
  }

  private touch(state: InstrumentState, time: number): void {
    if (!state.candles.started) state.candles.begin(time);
    if (time > state.lastTime) state.lastTime = time;
  }
}

/** A short stable hash of the instrument list, sent in hello and as the REST ETag. */
function versionOf(instruments: readonly Instrument[]): string {
  return createHash('sha256').update(JSON.stringify(instruments)).digest('hex').slice(0, 16);
}

function isPositiveInt(value: number): boolean {
  return Number.isSafeInteger(value) && value > 0;
}

/**
 * Positive prices with low ≤ high, volume ≥ 0. The open is not checked against the range: an
 * exchange may take it from the trade just before its window.
 */
function isVenueDayStats(stats: VenueDayStats): boolean {
  if (typeof stats !== 'object' || stats === null) return false;
  const { open24, high24, low24, volume24 } = stats;
  if (!isPositiveInt(high24) || !isPositiveInt(low24) || low24 > high24) return false;
  if (!Number.isSafeInteger(volume24) || volume24 < 0) return false;
  return open24 === null || isPositiveInt(open24);
}
