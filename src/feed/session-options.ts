/** What a FeedSession is built from: its socket factory, where batches go, and its clocks. */
import type { FeedBatch } from './feed-types';

/** The parts of a WebSocket the session uses. */
export interface SocketLike {
  binaryType: BinaryType;
  readonly readyState: number;
  onopen: ((event: Event) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  send(data: Uint8Array): void;
  close(): void;
}

export interface SessionOptions {
  url: string;
  createSocket: (url: string) => SocketLike;
  post: (batch: FeedBatch) => void;
  now?: () => number;
  /** Ping interval; the socket counts as lost after three of them without any data. */
  heartbeatMs?: number;
  /** How often the pending batch is posted, ms; null when the owner calls flush() itself. */
  flushMs?: number | null;
  /** High-resolution clock for measuring frame handling (default performance.now). */
  perfNow?: () => number;
}
