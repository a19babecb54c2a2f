/** The socket a session writes to and how it frames and bounds its traffic. */
import type { RawData } from 'ws';
import type { Subscriber } from '../hub/stream';
import type { BufferBudget } from './buffer-budget';
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
  /** Streams one client may hold at once (default 128); more subscribes are refused. */
  maxSubscriptions?: number;
  /** Client messages per second, on average (default 100); excess frames are refused. */
  maxMessagesPerSecond?: number;
  /** Client messages allowed at once after a quiet spell (default twice the rate, at least 64). */
  messageBurst?: number;
  /** A client refused for its rate at least once a second for this long is closed 1008 (default 3 s). */
  floodCloseMs?: number;
  /** The gateway-wide budget of unsent bytes shared by all sessions (none: no global bound). */
  budget?: BufferBudget;
  /** The paper account's channel; absent when the gateway runs no paper account. */
  account?: AccountChannelLike;
}

/** The `account` channel as a session uses it (AccountFeed in server/paper/service). */
export interface AccountChannelLike {
  subscribe(subscriber: Subscriber): void;
  unsubscribe(subscriber: Subscriber): void;
}

/** Largest client frame the gateway reads (ws maxPayload); a larger one closes the connection 1009. */
export const MAX_CLIENT_FRAME_BYTES = 64 * 1024;
export const DEFAULT_MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
export const DEFAULT_BATCH_MS = 10;
export const DEFAULT_MAX_SUBSCRIPTIONS = 128;
export const DEFAULT_MAX_MESSAGES_PER_SECOND = 100;
export const DEFAULT_FLOOD_CLOSE_MS = 3000;
/** More messages than this in one client frame are refused, so one frame cannot cost much. */
export const MAX_MESSAGES_PER_FRAME = 64;
