/**
 * A source turns a market (the simulator, an exchange, a recording) into normalized events.
 * Everything is already in integer units of the instrument; the hub never sees exchange formats.
 */
import type { Instrument } from '../../protocol/instruments';
import type { Candle, FlatLevels, Side } from '../../protocol/messages';

export interface SourceSink {
  /**
   * Book levels changed. Each pair is [price, new total size]; size 0 removes the level.
   * With `snapshot` true the lists are the whole book and replace it.
   */
  book(inst: number, bids: FlatLevels, asks: FlatLevels, time: number, snapshot: boolean): void;
  /** A trade printed; `side` is the aggressor's. */
  trade(inst: number, price: number, size: number, side: Side, time: number): void;
  /** The instrument's streams stopped or resumed being live (e.g. during a resync). */
  status(inst: number, live: boolean): void;
  /**
   * The exchange's own rolling 24 h statistics (its ticker channel). Optional because only real
   * exchanges have them: the hub then prefers them to the figures it derives from minute candles,
   * which are only as complete as the history it could fetch.
   */
  dayStats?(inst: number, stats: VenueDayStats, time: number): void;
}

/** Rolling 24 h statistics as an exchange reports them, in the instrument's integer units. */
export interface VenueDayStats {
  /** Price 24 h ago, or null when the exchange does not say (Coinbase sends only a percentage). */
  open24: number | null;
  high24: number;
  low24: number;
  volume24: number;
}

/** Intervals a source provides history for; the hub aggregates the others from them. */
export type HistoryInterval = '1m' | '1h';

export interface MarketSource {
  readonly name: string;
  /** Instruments, with ids unique within the gateway. Stable for the life of the source. */
  instruments(): readonly Instrument[];
  /**
   * Closed candles before `end` (ms), oldest first, continuous with the live price the source
   * starts from. Called lazily by the hub, at most once per (instrument, interval).
   */
  history(inst: number, interval: HistoryInterval, end: number): Candle[];
  /** Starts emitting events into `sink`; the first events per instrument are book snapshots. */
  start(sink: SourceSink): void;
  /** Stops emitting; resolves when no further events will arrive. */
  stop(): Promise<void>;
  /** Connection and data-quality counters per venue, for /metrics (exchange sources). */
  counters?(): VenueCounters[];
}

/** Counters of one venue: reconnects, gaps, resyncs and dropped values since start. */
export interface VenueCounters {
  venue: string;
  reconnects: number;
  gaps: number;
  resyncs: number;
  offGrid: number;
  malformed: number;
}
