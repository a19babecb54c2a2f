/**
 * One exchange WebSocket that stays connected: reconnects with jittered backoff, detects a dead
 * connection by silence (no message for `idleTimeoutMs`), and tells the adapter when the link
 * goes down so it can mark its streams stale. Adapters subscribe in `onOpen` every time.
 * `ws` answers protocol-level pings by itself.
 */
import WebSocket from 'ws';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import type { ExchangeStats } from './exchange-stats';

export interface ExchangeSocketHandlers {
  /** A connection opened; subscribe here (called again after every reconnect). */
  onOpen(socket: ExchangeSocket): void;
  /** A text message arrived. */
  onMessage(text: string): void;
  /** The connection is gone (closed, failed, silent, or restarted); a reconnect is scheduled. */
  onDown(reason: string): void;
}

export interface ExchangeSocketOptions {
  /** Endpoint; a function when it depends on state (e.g. Binance combined-stream paths). */
  url: string | (() => string);
  stats: ExchangeStats;
  backoff?: BackoffPolicy;
  /** Silence after which the connection counts as dead, ms (default 30 s). */
  idleTimeoutMs?: number;
  /** Connect deadline, ms (default 10 s). */
  openTimeoutMs?: number;
  random?: () => number;
  /**
   * How long a connection must have lasted, delivering data, before its loss starts again from
   * the base delay, ms (default 30 s). Resetting on the first message would let a venue that
   * accepts and then drops connections drive a reconnect storm past its connection rate limit.
   */
  stableAfterMs?: number;
  now?: () => number;
}

export const DEFAULT_STABLE_AFTER_MS = 30_000;

export class ExchangeSocket {
  private socket: WebSocket | null = null;
  private attempt = 0;
  private opened = 0;
  /** When the current connection opened, and whether it has delivered data since. */
  private openedAt: number | null = null;
  private delivered = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly options: ExchangeSocketOptions,
    private readonly handlers: ExchangeSocketHandlers,
  ) {}

  /** True while a connection is open. */
  get connected(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  /** Opens the first connection. */
  start(): void {
    this.stopped = false;
    this.connect();
  }

  /** Sends `value` as JSON; false when there is no open connection. */
  send(value: unknown): boolean {
    if (!this.connected) return false;
    this.socket!.send(JSON.stringify(value));
    return true;
  }

  /** Drops the connection (e.g. a protocol violation or a server shutdown notice) and reconnects. */
  restart(reason: string): void {
    if (this.stopped || !this.socket) return;
    this.drop(reason);
  }

  /** Closes for good; resolves once the socket is closed. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.clearTimers();
    const socket = this.socket;
    this.socket = null;
    if (!socket || socket.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.close(1000);
      setTimeout(() => {
        socket.terminate();
        resolve();
      }, 1_000).unref();
    });
  }

  private connect(): void {
    if (this.stopped) return;
    const url = typeof this.options.url === 'function' ? this.options.url() : this.options.url;
    const socket = new WebSocket(url, {
      handshakeTimeout: this.options.openTimeoutMs ?? 10_000,
      perMessageDeflate: false,
    });
    this.socket = socket;
    socket.on('open', () => {
      if (this.opened++ > 0) this.options.stats.reconnects++;
      this.openedAt = this.now();
      this.delivered = false;
      this.touch();
      this.handlers.onOpen(this);
    });
    socket.on('message', (data: WebSocket.RawData, isBinary: boolean) => {
      if (socket !== this.socket) return;
      this.delivered = true;
      this.touch();
      if (isBinary) {
        this.options.stats.malformed++;
        return;
      }
      this.handlers.onMessage(rawText(data));
    });
    // Protocol pings prove the link is alive even when a quiet market sends no data.
    socket.on('ping', () => {
      if (socket === this.socket) this.touch();
    });
    socket.on('error', () => {
      // 'close' follows and carries the reconnect.
    });
    socket.on('close', (code: number, reason: Buffer) => {
      if (socket !== this.socket) return;
      this.lost(`closed (${code}${reason.length ? ` ${reason.toString()}` : ''})`);
    });
  }

  private drop(reason: string): void {
    const socket = this.socket;
    this.socket = null;
    socket?.removeAllListeners('message');
    socket?.terminate();
    this.lost(reason);
  }

  private lost(reason: string): void {
    this.clearTimers();
    this.socket = null;
    this.handlers.onDown(reason);
    if (this.stopped) return;
    // A connection that delivered data for long enough was healthy: start again from the base.
    const lived = this.openedAt === null ? 0 : this.now() - this.openedAt;
    if (this.delivered && lived >= (this.options.stableAfterMs ?? DEFAULT_STABLE_AFTER_MS)) {
      this.attempt = 0;
    }
    this.openedAt = null;
    this.delivered = false;
    const delay = backoffDelay(
      this.attempt++,
      this.options.backoff ?? DEFAULT_BACKOFF,
      this.options.random,
    );
    this.retryTimer = setTimeout(() => this.connect(), delay);
    this.retryTimer.unref();
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private touch(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(
      () => this.drop('no data within the heartbeat timeout'),
      this.options.idleTimeoutMs ?? 30_000,
    );
    this.idleTimer.unref();
  }

  private clearTimers(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.retryTimer = null;
    this.idleTimer = null;
  }
}

function rawText(data: WebSocket.RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}
