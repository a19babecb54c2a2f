/**
 * One WebSocket client: reads and validates its requests, keeps its subscriptions, batches
 * outgoing messages of one short tick into one frame, runs the heartbeat and applies backpressure
 * by bytes (conflate, then drop) so gateway memory stays bounded whatever the client does.
 */
import type { RawData } from 'ws';
import { checkClientMessage } from '../../protocol/guards';
import {
  ClientKind,
  errorMessage,
  hello,
  pong,
  type ClientMessage,
  type GatewayMessage,
  type Subscribe,
  type Unsubscribe,
} from '../../protocol/messages';
import type { Hub } from '../hub/hub';
import { Encoded, type StreamKey, type Subscriber } from '../hub/stream';
import {
  Backpressure,
  DEFAULT_MAX_LAG_MS,
  DEFAULT_SOFT_BUFFERED_BYTES,
  DRAIN_CHECK_MS,
} from './backpressure';
import type { BudgetMember } from './buffer-budget';
import { FeedStats, RejectionReason } from './feed-stats';
import { readInbound, refOf, socketErrorReason } from './inbound';
import { MessageRate } from './message-rate';
import {
  DEFAULT_BATCH_MS,
  DEFAULT_FLOOD_CLOSE_MS,
  DEFAULT_MAX_BUFFERED_BYTES,
  DEFAULT_MAX_MESSAGES_PER_SECOND,
  DEFAULT_MAX_SUBSCRIPTIONS,
  MAX_MESSAGES_PER_FRAME,
  type FeedSocket,
  type SessionOptions,
} from './session-options';
import { resolveStreamKey, streamKeyId } from './stream-key';
import { createWireFormat, type WireFormat } from './wire-format';

export { DEFAULT_BATCH_MS, DEFAULT_MAX_BUFFERED_BYTES, MAX_MESSAGES_PER_FRAME };
export type { FeedSocket, SessionOptions };

const OPEN = 1;
export const CLOSE_TRY_AGAIN_LATER = 1013;
export const CLOSE_POLICY_VIOLATION = 1008;
const CLOSE_GOING_AWAY = 1001;
/** How long a closing client gets to answer the close handshake before its socket is cut. */
const CLOSE_GRACE_MS = 500;

export class Session implements Subscriber, BudgetMember {
  private readonly wire: WireFormat;
  private readonly rate: MessageRate;
  private readonly maxSubscriptions: number;
  private closedWith: { code: number; reason: string } | null = null;
  private readonly backpressure: Backpressure;
  private readonly stats: FeedStats;
  private batchTimer: NodeJS.Timeout | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private missedPongs = 0;
  private closed = false;
  private readonly subscriptions = new Map<string, StreamKey>();
  private readonly batchMs: number;
  private readonly closeListeners: Array<() => void> = [];

  constructor(
    private readonly socket: FeedSocket,
    private readonly hub: Hub,
    private readonly options: SessionOptions,
  ) {
    this.batchMs = options.batchMs ?? DEFAULT_BATCH_MS;
    this.stats = options.stats ?? new FeedStats();
    this.wire = createWireFormat(options.format ?? 'msgpack', options.fanout ?? 'shared');
    this.maxSubscriptions = options.maxSubscriptions ?? DEFAULT_MAX_SUBSCRIPTIONS;
    const perSecond = options.maxMessagesPerSecond ?? DEFAULT_MAX_MESSAGES_PER_SECOND;
    this.rate = new MessageRate(
      {
        perSecond,
        // A frame of the most messages allowed must always be able to pass.
        burst: Math.max(options.messageBurst ?? perSecond * 2, MAX_MESSAGES_PER_FRAME),
        floodMs: options.floodCloseMs ?? DEFAULT_FLOOD_CLOSE_MS,
      },
      Date.now(),
    );
    const softBytes = options.softBufferedBytes ?? DEFAULT_SOFT_BUFFERED_BYTES;
    this.backpressure = new Backpressure(
      {
        softBytes,
        lowBytes: Math.floor(softBytes / 4),
        hardBytes: options.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES,
        maxLagMs: options.maxLagMs ?? DEFAULT_MAX_LAG_MS,
        checkMs: DRAIN_CHECK_MS,
      },
      {
        pending: () => this.pendingBytes,
        conflated: () => this.stats.conflations++,
        drained: (skipped) => this.resubscribe(skipped),
        tooSlow: () => this.dropSlowClient(),
      },
    );
  }

  /** Number of streams this client is subscribed to. */
  get subscriptionCount(): number {
    return this.subscriptions.size;
  }

  /** The streams this client holds, by stream id (e.g. `trades:1`). */
  get streams(): string[] {
    return [...this.subscriptions.keys()];
  }

  /** True while the client is behind and its streams are conflated. */
  get conflating(): boolean {
    return this.backpressure.conflating;
  }

  /** Bytes queued for the client or buffered by its socket and not yet sent. */
  get pendingBytes(): number {
    return this.socket.bufferedAmount + this.wire.queuedBytes;
  }

  /** The close code and reason the gateway ended this session with, if it did. */
  get closeReason(): { code: number; reason: string } | null {
    return this.closedWith;
  }

  /** Conflates the client's streams now (the global budget is running out). */
  conflate(): void {
    this.backpressure.conflate();
  }

  /** Closes the client 1013 because the gateway-wide budget of unsent bytes ran out. */
  shed(): void {
    if (!this.closed) this.closeWith(CLOSE_TRY_AGAIN_LATER, 'gateway memory budget exceeded');
  }

  /** Greets the client and starts listening and the heartbeat. */
  start(): void {
    this.socket.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    this.socket.on('pong', () => {
      this.missedPongs = 0;
    });
    this.socket.on('close', () => this.dispose());
    this.socket.on('error', (error) => {
      const reason = socketErrorReason(error);
      if (reason) this.stats.reject(reason);
      this.dispose();
    });
    this.options.budget?.add(this);
    this.heartbeat = setInterval(() => this.beat(), this.options.heartbeatMs);
    this.send(hello(Date.now(), this.hub.instrumentsVersion, this.options.heartbeatMs));
  }

  /** Runs `listener` once when the session ends. */
  onClose(listener: () => void): void {
    this.closeListeners.push(listener);
  }

  /** Queues a stream message for the next frame, or only notes its stream while conflating. */
  push(encoded: Encoded, key: StreamKey): void {
    if (this.closed) return;
    if (this.backpressure.conflating) {
      this.backpressure.skip(key);
      this.stats.droppedMessages.conflated++;
      return;
    }
    this.enqueue(encoded);
  }

  /** Sends everything queued now (one frame, or one per message in the naive baseline). */
  flush(): void {
    if (this.batchTimer) clearTimeout(this.batchTimer);
    this.batchTimer = null;
    if (this.closed) return;
    const frames = this.wire.take();
    if (frames.length === 0 || this.socket.readyState !== OPEN) return;
    for (const frame of frames) {
      this.stats.framesSent++;
      this.stats.messagesSent += frame.messages;
      this.stats.bytesSent += frame.bytes;
      this.socket.send(frame.data, { binary: frame.binary }, () => {
        // Send errors surface as a socket 'close'/'error', handled there.
      });
    }
  }

  private enqueue(encoded: Encoded): void {
    this.wire.add(encoded);
    const pending = this.backpressure.check();
    if (pending === null) return;
    this.options.budget?.report(this, pending);
    if (this.closed) return;
    if (!this.wire.batched) this.flush();
    else this.batchTimer ??= setTimeout(() => this.flush(), this.batchMs);
  }

  private send(message: GatewayMessage): void {
    if (!this.closed) this.enqueue(new Encoded(message));
  }

  private reject(reason: RejectionReason, error: GatewayMessage | null): void {
    this.stats.reject(reason);
    if (error) this.send(error);
  }

  private onMessage(data: RawData, isBinary: boolean): void {
    if (this.closed) return;
    const inbound = readInbound(this.wire, this.rate, data, isBinary, Date.now());
    if (!inbound.ok) {
      this.reject(inbound.reason, inbound.error);
      if (inbound.flooding) {
        this.stats.reject(RejectionReason.floodClose);
        this.closeWith(CLOSE_POLICY_VIOLATION, 'too many messages');
      }
      return;
    }
    for (const value of inbound.values) {
      if (this.closed) return;
      const checked = checkClientMessage(value);
      if (checked.ok) this.handle(checked.value);
      else {
        const error = errorMessage('bad_message', checked.error, refOf(value));
        this.reject(RejectionReason.badMessage, error);
      }
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
    const resolved = resolveStreamKey(this.hub, message, this.options.account !== undefined);
    if (!resolved.ok) {
      this.reject(RejectionReason.unknownStream, resolved.error);
      return;
    }
    const { key } = resolved;
    const id = streamKeyId(key);
    if (message.kind === ClientKind.subscribe) {
      if (!this.subscriptions.has(id) && this.subscriptions.size >= this.maxSubscriptions) {
        const text = `a connection may hold at most ${this.maxSubscriptions} subscriptions`;
        this.reject(
          RejectionReason.tooManySubscriptions,
          errorMessage('too_many_subscriptions', text, message.ref),
        );
        return;
      }
      // Subscribing again is harmless: the client gets a fresh snapshot.
      this.subscriptions.set(id, key);
      this.join(key);
    } else {
      this.subscriptions.delete(id);
      this.backpressure.forget(key);
      this.leave(key);
    }
  }

  /** Subscribes to a stream: the paper account's channel, or the hub's market data. */
  private join(key: StreamKey): void {
    if (key.channel === 'account') this.options.account?.subscribe(this);
    else this.hub.subscribe(this, key);
  }

  private leave(key: StreamKey): void {
    if (key.channel === 'account') this.options.account?.unsubscribe(this);
    else this.hub.unsubscribe(this, key);
  }

  /** After draining: a fresh snapshot of every stream whose messages were dropped. */
  private resubscribe(skipped: StreamKey[]): void {
    for (const key of skipped) {
      if (this.closed) return;
      if (this.subscriptions.has(streamKeyId(key))) this.join(key);
    }
  }

  private beat(): void {
    if (this.missedPongs >= 2) {
      this.stats.heartbeatTimeouts++;
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
    if (this.closed) return;
    this.stats.slowCloses++;
    this.closeWith(CLOSE_TRY_AGAIN_LATER, 'too slow');
  }

  private closeWith(code: number, reason: string): void {
    this.closedWith ??= { code, reason };
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
    this.stats.droppedMessages.closed += this.wire.queuedMessages;
    this.wire.clear();
    this.backpressure.dispose();
    this.options.budget?.remove(this);
    for (const key of this.subscriptions.values()) this.leave(key);
    this.subscriptions.clear();
    for (const listener of this.closeListeners.splice(0)) listener();
  }
}
