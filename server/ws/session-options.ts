/** The socket a session writes to and how it frames and bounds its traffic. */
import type { RawData } from 'ws';
import type { Subscriber } from '../hub/stream';
import type { FeedStats } from './feed-stats';
import type { FanoutMode, FeedFormat } from './wire-format';

/** The part of a `ws` WebSocket a session uses (a fake in unit tests). */
export interface FeedSocket {
  readonly readyState: number;
  readonly bufferedAmount: number;
  send(data: Uint8Array | string, options: { binary: boolean }, cb?: (err?: Error) => void): void;
  ping(): void;
  close(code?: number, reason?: string): void;
  terminate(): void;
  on(event: 'message', listener: (data: RawData, isBinary: boolean) => void): unknown;
  on(event: 'pong' | 'close', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export interface SessionOptions {
  heartbeatMs: number;
  /** Unsent bytes past which the client is dropped as too slow (the hard bound). */
  maxBufferedBytes?: number;
  /** Unsent bytes past which the client's streams are conflated (the soft bound). */
  softBufferedBytes?: number;
  /** How long a client may stay conflated before it is dropped as too slow. */
  maxLagMs?: number;
  /** How long outgoing messages collect before they leave as one frame. */
  batchMs?: number;
  /** The client's wire format (default msgpack). */
  format?: FeedFormat;
  /** `naive` is the benchmark baseline (default shared). */
  fanout?: FanoutMode;
  /** Counters shared by the gateway's sessions (metrics). */
  stats?: FeedStats;
  /** The paper account's channel; absent when the gateway runs no paper account. */
  account?: AccountChannelLike;
}

/** The `account` channel as a session uses it (AccountFeed in server/paper/service). */
export interface AccountChannelLike {
  subscribe(subscriber: Subscriber): void;
  unsubscribe(subscriber: Subscriber): void;
}

export const DEFAULT_MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
export const DEFAULT_BATCH_MS = 10;
/** More messages than this in one client frame are refused, so one frame cannot cost much. */
export const MAX_MESSAGES_PER_FRAME = 64;
