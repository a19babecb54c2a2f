/**
 * Everything the feed worker does, independent of the worker global so it can be tested with a
 * fake socket: keeps one WebSocket open (reconnecting with backoff), re-sends the wanted
 * subscriptions, pings for latency and liveness, and posts one conflated batch per frame.
 */
import { encodeMessage } from '../../protocol/codec';
import { ping, type Channel, type ClientMessage } from '../../protocol/messages';
import { backoffDelay } from './backoff';
import { BatchBuilder } from './batch-builder';
import { describeClose } from './close-reason';
import { beatAction, wakeAction } from './liveness';
import {
  ACCOUNT_INST,
  staleStreamKey,
  type ConnectionState,
  type InstrumentRef,
  type StreamSpec,
  type WorkerStats,
} from './feed-types';
import { ClockOffset } from './clock-offset';
import { FrameHandler } from './frame-handler';
import type { SessionOptions, SocketLike } from './session-options';
import { SubscriptionSet } from './subscription-set';

export type { SessionOptions, SocketLike } from './session-options';

const OPEN = 1;

export { LONG_HIDDEN_MS } from './liveness';

export class FeedSession {
  private socket: SocketLike | null = null;
  private state: ConnectionState = 'connecting';
  private latencyMs: number | null = null;
  private lastReceived = 0;
  private lastReportedSecond = 0;
  private lastError: string | null = null;
  /** Why the gateway ended the last connection; cleared by the next hello. */
  private closeReason: string | null = null;
  /** When a wake-up ping was sent that no data has answered yet (see wake()). */
  private probeAt: number | null = null;
  private attempt = 0;
  /** The current socket said hello (so it is really talking to the gateway). */
  private helloed = false;
  /** Some attempt failed since start: from then on, "not connected" is shown as offline. */
  private failedOnce = false;
  /** Streams the gateway reported as not live. */
  private readonly notLive = new Set<string>();
  /** Streams that lost their place and wait for a fresh snapshot. */
  private readonly resyncing = new Set<string>();
  private pingId = 0;
  private stopped = false;
  /** The browser said it is offline: no reconnect attempts until it says online again. */
  private networkDown = false;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly timers: ReturnType<typeof setInterval>[] = [];
  private readonly builder = new BatchBuilder();
  private readonly subscriptions = new SubscriptionSet();
  private readonly handler: FrameHandler;
  private readonly symbols = new Map<number, string>();
  private readonly now: () => number;
  private readonly perfNow: () => number;
  private readonly heartbeatMs: number;
  private readonly clock = new ClockOffset();
  private frames = 0;
  private handleMs = 0;

  constructor(private readonly options: SessionOptions) {
    this.now = options.now ?? Date.now;
    this.perfNow = options.perfNow ?? (() => performance.now());
    // Short, so that a dead connection is shown within about three seconds.
    this.heartbeatMs = options.heartbeatMs ?? 1_000;
    this.handler = new FrameHandler(
      this.builder,
      {
        hello: (message) => {
          this.clock.hello(message.serverTime, this.now());
          this.helloed = true;
          // Only a gateway that talks resets the backoff: one that accepts and at once closes
          // again (a refusal, a crash loop) must not be retried in a tight loop.
          this.attempt = 0;
          this.closeReason = null;
          this.updateState();
        },
        pong: (message) => {
          this.clock.pong(message.clientTime, message.serverTime, this.now());
          this.latencyMs = Math.max(0, this.now() - message.clientTime);
          this.report();
        },
        error: (message) => {
          const spec =
            message.ref === null ? undefined : this.subscriptions.specForRef(message.ref);
          const about = spec ? ` (${spec.channel} ${spec.symbol ?? ''})` : '';
          this.lastError = `${message.code}: ${message.message}${about}`;
          this.report();
        },
        resync: (channel, inst) => this.resync(channel, inst),
        streamStatus: (channel, inst, live) => {
          if (live) this.notLive.delete(staleStreamKey(channel, inst));
          else this.notLive.add(staleStreamKey(channel, inst));
          this.updateState(true);
        },
        snapshot: (channel, inst) => {
          if (this.resyncing.delete(staleStreamKey(channel, inst))) this.updateState(true);
        },
      },
      this.now,
    );
  }

  /** Opens the socket and starts the heartbeat and flush timers. */
  start(): void {
    this.timers.push(setInterval(() => this.heartbeat(), this.heartbeatMs));
    const flushMs = this.options.flushMs === undefined ? 16 : this.options.flushMs;
    if (flushMs !== null) this.timers.push(setInterval(() => this.flush(), flushMs));
    this.connect();
  }

  /** Closes everything for good. */
  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearInterval(timer);
    clearTimeout(this.reconnectTimer);
    this.drop();
  }

  /** Learns instrument ids so that a stream losing its place can be resubscribed by symbol. */
  setInstruments(instruments: readonly InstrumentRef[]): void {
    for (const { id, symbol } of instruments) this.symbols.set(id, symbol);
  }

  /** Wants a stream (idempotent). */
  subscribe(spec: StreamSpec): void {
    const message = this.subscriptions.add(spec);
    if (message) this.send([message]);
  }

  /** No longer wants a stream. */
  unsubscribe(spec: StreamSpec): void {
    const message = this.subscriptions.remove(spec);
    if (message) this.send([message]);
    // A stream nobody watches cannot make the connection degraded.
    for (const id of this.idsOf(spec)) {
      const key = staleStreamKey(spec.channel, id);
      if (this.notLive.delete(key) || this.resyncing.delete(key)) this.updateState(true);
    }
  }

  /**
   * Asks the gateway for a fresh snapshot of a stream already subscribed (a page joined a shared
   * stream whose state the worker does not cache, like the paper account).
   */
  resnapshot(spec: StreamSpec): void {
    for (const id of this.idsOf(spec)) this.resync(spec.channel, id);
  }

  /** The instrument ids a spec covers in stale-stream keys. */
  private idsOf(spec: StreamSpec): number[] {
    if (spec.channel === 'account') return [ACCOUNT_INST];
    const ids: number[] = [];
    for (const [id, symbol] of this.symbols) if (symbol === spec.symbol) ids.push(id);
    return ids;
  }

  /** Reconnects now instead of waiting for the backoff (e.g. the browser came back online). */
  retryNow(): void {
    if (this.helloed || this.stopped) return;
    clearTimeout(this.reconnectTimer);
    this.drop();
    this.attempt = 0;
    this.connect();
  }

  /** A page became visible again after `hiddenMs` hidden: checks the socket now (see wakeAction). */
  wake(hiddenMs: number): void {
    if (this.stopped || this.networkDown) return;
    const action = wakeAction({
      now: this.now(),
      hiddenMs,
      lastReceived: this.lastReceived,
      heartbeatMs: this.heartbeatMs,
      connected: this.helloed,
      hasSocket: this.socket !== null,
    });
    if (action === 'reconnect') {
      this.lastError = 'no data from the gateway after a sleep; reconnecting';
      this.lost(true);
    } else if (action === 'probe') {
      // Maybe alive: a ping now, and the socket is given up if the next beats hear nothing.
      this.probeAt ??= this.now();
      this.sendPing();
    } else if (action === 'retry') this.retryNow();
  }

  /** The browser's online/offline events: offline is believed at once, online retries now. */
  setNetwork(online: boolean): void {
    if (this.stopped) return;
    this.networkDown = !online;
    if (online) {
      this.retryNow();
      return;
    }
    // Attempts would fail anyway; and a shared worker's socket may not be subject to the offline
    // state that its pages see (test browsers emulate it per page), so it must not come back live.
    clearTimeout(this.reconnectTimer);
    this.lastError = 'the browser is offline';
    if (this.socket) this.lost();
    else {
      this.failedOnce = true;
      this.updateState();
    }
  }

  /** Sends the pending batch to the page, if anything changed. */
  flush(): void {
    const batch = this.builder.take();
    if (batch) this.options.post(batch);
  }

  /** Malformed frames and messages seen so far. */
  get invalidCount(): number {
    return this.handler.invalid;
  }

  /** The performance counters so far (cumulative; see WorkerStats). */
  stats(): WorkerStats {
    return {
      at: this.now(),
      messages: this.handler.decoded,
      frames: this.frames,
      handleMs: this.handleMs,
      invalid: this.handler.invalid,
      clockOffsetMs: this.clock.offsetMs,
      rttMs: this.clock.rttMs,
    };
  }

  private connect(): void {
    if (this.stopped || this.networkDown) return;
    const socket = this.options.createSocket(this.options.url);
    this.socket = socket;
    this.lastReceived = this.now();
    socket.binaryType = 'arraybuffer';
    socket.onopen = () => {
      this.handler.tracker.clear();
      this.send(this.subscriptions.resubscribeAll());
      this.sendPing();
    };
    socket.onmessage = (event) => {
      this.lastReceived = this.now();
      const before = this.handler.invalid;
      const started = this.perfNow();
      this.handler.handleFrame(event.data);
      this.handleMs += this.perfNow() - started;
      this.frames++;
      if (this.handler.invalid !== before) this.report();
      else if (Math.floor(this.lastReceived / 1_000) !== this.lastReportedSecond) this.report();
    };
    socket.onerror = () => undefined;
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      const why = describeClose(event?.code, event?.reason);
      if (why !== null) this.closeReason = why;
      this.lost();
    };
  }

  /** The connection is gone: show it, and try again after a backoff (or `now`). */
  private lost(now = false): void {
    this.drop();
    if (this.stopped) return;
    this.helloed = false;
    this.failedOnce = true;
    this.probeAt = null;
    this.notLive.clear();
    this.resyncing.clear();
    this.updateState(true);
    clearTimeout(this.reconnectTimer);
    if (this.networkDown) return;
    if (now) {
      this.attempt = 0;
      this.connect();
      return;
    }
    const delay = backoffDelay(this.attempt++);
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
  }

  private drop(): void {
    const socket = this.socket;
    this.socket = null;
    if (!socket) return;
    socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
    try {
      socket.close();
    } catch {
      // Closing a socket that never opened may throw in some browsers; it is gone either way.
    }
  }

  private heartbeat(): void {
    if (!this.socket) return;
    if (this.probeAt !== null && this.lastReceived >= this.probeAt) this.probeAt = null;
    const action = beatAction({
      now: this.now(),
      lastReceived: this.lastReceived,
      probeAt: this.probeAt,
      heartbeatMs: this.heartbeatMs,
    });
    if (action === 'ping') {
      this.sendPing();
      return;
    }
    this.lastError = 'no data from the gateway; reconnecting';
    // After a failed wake-up probe the socket died in a sleep: no reason to wait for a backoff.
    this.lost(action === 'probe-failed');
  }

  private sendPing(): void {
    this.send([ping(++this.pingId, this.now())]);
  }

  private resync(channel: Channel, inst: number): void {
    const symbol = channel === 'account' ? null : this.symbols.get(inst);
    if (symbol === undefined) return;
    const messages = this.subscriptions.resync(channel, symbol);
    if (messages.length === 0) return;
    this.resyncing.add(staleStreamKey(channel, inst));
    this.updateState(true);
    this.send(messages);
  }

  private send(messages: readonly ClientMessage[]): void {
    const socket = this.socket;
    if (!socket || socket.readyState !== OPEN) return;
    for (const message of messages) socket.send(encodeMessage(message));
  }

  /** Derives the state from the facts; `force` reports even when only the stale set changed. */
  private updateState(force = false): void {
    let state: ConnectionState;
    if (!this.helloed) state = this.failedOnce ? 'offline' : 'connecting';
    else state = this.notLive.size > 0 || this.resyncing.size > 0 ? 'degraded' : 'live';
    if (state === this.state && !force) return;
    this.state = state;
    this.report();
  }

  private report(): void {
    this.lastReportedSecond = Math.floor(this.lastReceived / 1_000);
    this.builder.connection({
      state: this.state,
      latencyMs: this.latencyMs,
      lastMessageTime: this.lastReceived || null,
      invalidMessages: this.handler.invalid,
      lastError: this.lastError,
      closeReason: this.closeReason,
      staleStreams: [...new Set([...this.notLive, ...this.resyncing])],
    });
  }
}
