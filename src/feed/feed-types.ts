/**
 * Messages between the page and the feed worker. Both sides are ours, but the worker still checks
 * what it receives (see isWorkerCommand) because postMessage is an I/O boundary.
 */
import type { AccountMessage } from '../../protocol/account-messages';
import type { Candle, Channel, FlatLevels, Ticker, Trade } from '../../protocol/messages';
import type { Interval } from '../../protocol/intervals';

/**
 * `connecting` only before the first attempt failed; `degraded` is connected with some subscribed
 * stream not live (gateway streamStatus, or waiting for a resync snapshot); `offline` from a
 * failed attempt, a closed socket or a lost heartbeat until the next `hello`.
 */
export const CONNECTION_STATES = ['connecting', 'live', 'degraded', 'offline'] as const;
export type ConnectionState = (typeof CONNECTION_STATES)[number];

/** What identifies one stream a page asks for. */
export interface StreamSpec {
  channel: Channel;
  /** null for the tickers channel (all instruments). */
  symbol: string | null;
  depth: number | null;
  interval: Interval | null;
}

/** Minimal instrument facts the worker needs to route messages by id. */
export interface InstrumentRef {
  id: number;
  symbol: string;
}

export type WorkerCommand =
  | { type: 'start'; url: string }
  | { type: 'instruments'; instruments: InstrumentRef[] }
  | { type: 'subscribe'; spec: StreamSpec }
  | { type: 'unsubscribe'; spec: StreamSpec }
  | { type: 'network'; online: boolean }
  /**
   * The page became visible again after being hidden for `hiddenMs`: the worker checks its socket
   * and reconnects at once if it looks dead (see FeedSession.wake).
   */
  | { type: 'wake'; hiddenMs: number }
  /** The page is still there (the answer to a `probe`); a shared worker drops silent pages. */
  | { type: 'alive' }
  /** The page is going away (pagehide): release everything it claimed. */
  | { type: 'bye' }
  /** Start (or stop) sending this page the worker's performance counters (see WorkerStats). */
  | { type: 'perf'; on: boolean }
  | { type: 'stop' };

/**
 * Messages from the feed worker to one page. `probe` asks for an `alive`; `rejoin` says the worker
 * had forgotten this page (it went silent, or was hidden in the back/forward cache) and wants its
 * instruments and subscriptions again.
 */
export type WorkerEvent =
  /** `tickers`, when present, holds the batch's tickers packed (see ticker-pack.ts). */
  | { type: 'batch'; batch: FeedBatch; tickers?: Float64Array; stats?: WorkerStats }
  | { type: 'probe' }
  | { type: 'rejoin' };

/**
 * The worker's performance counters, for the performance overlay. Cumulative since the worker
 * started (the page derives rates from two snapshots), and for the whole socket: in a shared worker
 * they count what all tabs receive together, since every message is decoded once for all of them.
 */
export interface WorkerStats {
  /** Worker clock (Date.now) when the snapshot was taken. */
  at: number;
  /** Messages decoded from the socket, well-formed or not. */
  messages: number;
  /** Socket frames received. */
  frames: number;
  /** Time spent handling frames (decode, validation, conflation), ms. */
  handleMs: number;
  /** Malformed frames and messages rejected. */
  invalid: number;
  /** Gateway clock minus worker clock, ms (see clock-offset.ts); null before the first hello. */
  clockOffsetMs: number | null;
  /** Round trip of the ping the offset comes from, ms. */
  rttMs: number | null;
}

/** Book changes of one instrument within a batch, already merged. */
export interface BookPatch {
  inst: number;
  /** True when `bids`/`asks` are the whole book (a snapshot was involved); false for a delta. */
  reset: boolean;
  seq: number;
  time: number;
  bids: FlatLevels;
  asks: FlatLevels;
}

/** Trades of one instrument within a batch. */
export interface TradesPatch {
  inst: number;
  /** True when the tape was replaced by a snapshot. */
  reset: boolean;
  /** Oldest first. */
  trades: Trade[];
}

/** The forming candle of one (instrument, interval). */
export interface CandleUpdate extends Candle {
  inst: number;
  interval: Interval;
}

export interface ConnectionInfo {
  state: ConnectionState;
  latencyMs: number | null;
  lastMessageTime: number | null;
  invalidMessages: number;
  lastError: string | null;
  /**
   * Why the gateway ended the last connection (from its close code and reason, e.g. "gateway
   * shutting down"), kept until the next `hello`; null or absent when it did not say.
   */
  closeReason?: string | null;
  /** Streams that are connected but not live, as `channel|inst` keys (see staleStreamKey). */
  staleStreams: string[];
}

/** One conflated batch from the worker; every field is optional so an empty batch costs nothing. */
export interface FeedBatch {
  tickers?: Ticker[];
  books?: BookPatch[];
  trades?: TradesPatch[];
  candles?: CandleUpdate[];
  connection?: ConnectionInfo;
  /**
   * Paper-account messages in arrival order: a snapshot restarts the list, consecutive marks
   * collapse into the newest (see BatchBuilder.account).
   */
  account?: AccountMessage[];
}

/** Canonical key of a stream, used for reference counting and de-duplication. */
export function streamKey(spec: StreamSpec): string {
  return `${spec.channel}|${spec.symbol ?? '*'}|${spec.depth ?? ''}|${spec.interval ?? ''}`;
}

/** Key of a stream of one instrument in ConnectionInfo.staleStreams. */
export function staleStreamKey(channel: Channel, inst: number): string {
  return `${channel}|${inst}`;
}

/** The account channel is not per instrument; its stream keys use this id. */
export const ACCOUNT_INST = 0;

/** How many trades a tape keeps per instrument. */
export const TAPE_LENGTH = 100;
