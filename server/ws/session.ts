/**
 * One WebSocket client: decodes and validates its requests, keeps its subscriptions, batches
 * outgoing messages of one short tick into one frame, runs the heartbeat and drops clients that
 * stop reading (their buffered bytes pass a bound) so gateway memory stays bounded.
 */
import type { RawData } from 'ws';
import { DecodeError, decodeFrame, encodeMessage, joinFrame } from '../../protocol/codec';
import { checkClientMessage } from '../../protocol/guards';
import {
  ClientKind,
  errorMessage,
  hello,
  pong,
  type ClientMessage,
  type ServerMessage,
  type Subscribe,
  type Unsubscribe,
} from '../../protocol/messages';
import type { Hub, StreamKey } from '../hub/hub';
import type { Subscriber } from '../hub/stream';
import { resolveStreamKey, streamKeyId } from './stream-key';

/** The part of a `ws` WebSocket a session uses (a fake in unit tests). */
export interface FeedSocket {
  readonly readyState: number;
  readonly bufferedAmount: number;
  send(data: Uint8Array, options: { binary: boolean }, cb?: (err?: Error) => void): void;
  ping(): void;
  close(code?: number, reason?: string): void;
  terminate(): void;
  on(event: 'message', listener: (data: RawData, isBinary: boolean) => void): unknown;
  on(event: 'pong' | 'close', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export interface SessionOptions {
  heartbeatMs: number;
  /** Bytes the socket may hold unsent before the client counts as too slow. */
  maxBufferedBytes?: number;
  /** How long outgoing messages collect before they leave as one frame. */
  batchMs?: number;
}

export const DEFAULT_MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
export const DEFAULT_BATCH_MS = 10;
/** More messages than this in one client frame are refused, so one frame cannot cost much. */
export const MAX_MESSAGES_PER_FRAME = 64;
const OPEN = 1;
const CLOSE_TRY_AGAIN_LATER = 1013;
const CLOSE_GOING_AWAY = 1001;
/** How long a closing client gets to answer the close handshake before its socket is cut. */
const CLOSE_GRACE_MS = 500;

export class Session implements Subscriber {
  private queue: Uint8Array[] = [];
  private queuedBytes = 0;
  private batchTimer: NodeJS.Timeout | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private missedPongs = 0;
  private closed = false;
  private readonly subscriptions = new Map<string, StreamKey>();
  private readonly maxBuffered: number;
  private readonly batchMs: number;
  private readonly closeListeners: Array<() => void> = [];

  constructor(
    private readonly socket: FeedSocket,
    private readonly hub: Hub,
    private readonly options: SessionOptions,
  ) {
    this.maxBuffered = options.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES;
    this.batchMs = options.batchMs ?? DEFAULT_BATCH_MS;
  }

  /** Number of streams this client is subscribed to. */
  get subscriptionCount(): number {
    return this.subscriptions.size;
  }

  /** Greets the client and starts listening and the heartbeat. */
  start(): void {
    this.socket.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    this.socket.on('pong', () => {
      this.missedPongs = 0;
    });
    this.socket.on('close', () => this.dispose());
    this.socket.on('error', () => this.dispose());
    this.heartbeat = setInterval(() => this.beat(), this.options.heartbeatMs);
    this.send(hello(Date.now(), this.hub.instrumentsVersion, this.options.heartbeatMs));
  }

  /** Runs `listener` once when the session ends. */
  onClose(listener: () => void): void {
    this.closeListeners.push(listener);
  }

  /** Queues encoded bytes for the next frame. */
  push(bytes: Uint8Array): void {
    if (this.closed) return;
    this.queue.push(bytes);
    this.queuedBytes += bytes.byteLength;
    if (this.socket.bufferedAmount + this.queuedBytes > this.maxBuffered) {
      this.dropSlowClient();
      return;
    }
    this.batchTimer ??= setTimeout(() => this.flush(), this.batchMs);
  }

  /** Sends everything queued as one frame now. */
  flush(): void {
    if (this.batchTimer) clearTimeout(this.batchTimer);
    this.batchTimer = null;
    if (this.closed || this.queue.length === 0) return;
    const frame = joinFrame(this.queue);
    this.queue = [];
    this.queuedBytes = 0;
    if (this.socket.readyState !== OPEN) return;
    this.socket.send(frame, { binary: true }, () => {
      // Send errors surface as a socket 'close'/'error', handled there.
    });
  }

  private send(message: ServerMessage): void {
    this.push(encodeMessage(message));
  }

  private onMessage(data: RawData, isBinary: boolean): void {
    if (this.closed) return;
    if (!isBinary) {
      this.send(errorMessage('binary_only', 'frames must be binary MessagePack, not text'));
      return;
    }
    let values: unknown[];
    try {
      values = decodeFrame(toBytes(data));
    } catch (error) {
      const reason = error instanceof DecodeError ? error.message : 'undecodable frame';
      this.send(errorMessage('decode_error', reason));
      return;
    }
    if (values.length > MAX_MESSAGES_PER_FRAME) {
      this.send(
        errorMessage(
          'bad_message',
          `a frame may carry at most ${MAX_MESSAGES_PER_FRAME} messages, got ${values.length}`,
        ),
      );
      return;
    }
    for (const value of values) {
      const checked = checkClientMessage(value);
      if (checked.ok) this.handle(checked.value);
      else this.send(errorMessage('bad_message', checked.error, refOf(value)));
    }
  }

  private handle(message: ClientMessage): void {
    switch (message.kind) {
      case ClientKind.ping:
        this.send(pong(message.id, message.clientTime, Date.now()));
        // A pong measures round trips, so it does not wait for the batch tick.
        this.flush();
        return;
      case ClientKind.subscribe:
      case ClientKind.unsubscribe:
        this.handleSubscription(message);
        return;
    }
  }

  private handleSubscription(message: Subscribe | Unsubscribe): void {
    const resolved = resolveStreamKey(this.hub, message);
    if (!resolved.ok) {
      this.send(resolved.error);
      return;
    }
    const { key } = resolved;
    const id = streamKeyId(key);
    if (message.kind === ClientKind.subscribe) {
      // Subscribing again is harmless: the client gets a fresh snapshot.
      this.subscriptions.set(id, key);
      this.hub.subscribe(this, key);
    } else {
      this.subscriptions.delete(id);
      this.hub.unsubscribe(this, key);
    }
  }

  private beat(): void {
    if (this.missedPongs >= 2) {
      this.socket.terminate();
      this.dispose();
      return;
    }
    this.missedPongs++;
    if (this.socket.readyState === OPEN) this.socket.ping();
  }

  /** Tells the client the gateway is going away (1001) and releases the session. */
  shutdown(): void {
    this.closeWith(CLOSE_GOING_AWAY, 'gateway shutting down');
  }

  private dropSlowClient(): void {
    this.closeWith(CLOSE_TRY_AGAIN_LATER, 'too slow');
  }

  private closeWith(code: number, reason: string): void {
    this.socket.close(code, reason);
    this.dispose();
    // A client that stopped reading may never finish the close handshake; don't wait on it (a
    // pending handshake would also hold up the HTTP server's close).
    setTimeout(() => this.socket.terminate(), CLOSE_GRACE_MS).unref();
  }

  private dispose(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.batchTimer) clearTimeout(this.batchTimer);
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.batchTimer = null;
    this.heartbeat = null;
    this.queue = [];
    this.queuedBytes = 0;
    for (const key of this.subscriptions.values()) this.hub.unsubscribe(this, key);
    this.subscriptions.clear();
    for (const listener of this.closeListeners.splice(0)) listener();
  }
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return data;
}

function refOf(value: unknown): number | null {
  if (typeof value !== 'object' || value === null) return null;
  const ref = (value as Record<string, unknown>).ref;
  return Number.isSafeInteger(ref) ? (ref as number) : null;
}
