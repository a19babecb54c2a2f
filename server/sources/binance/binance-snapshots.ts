/**
 * Paced REST depth snapshots. GET /api/v3/depth with limit 1000 costs request weight 50 against
 * Binance's 6000-per-minute IP limit, so snapshots are fetched one at a time from a token bucket
 * (by default a burst of 10, then one per second: at most 3000 weight a minute, half the limit)
 * and a failed fetch is retried with jittered backoff. A 429 (or a 418 ban) pauses every fetch.
 */
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from '../exchange/backoff';
import type { ExchangeStats } from '../exchange/exchange-stats';
import { ExchangeHttpError, fetchJson } from '../exchange/fetch-json';
import type { BinanceBookSync } from './binance-book';
import { isDepthSnapshot } from './binance-messages';

export interface SnapshotPacing {
  /** Snapshots that may be fetched back to back (e.g. all symbols at start). */
  burst: number;
  /** One more snapshot is allowed per this many ms. */
  intervalMs: number;
}

export const DEFAULT_SNAPSHOT_PACING: SnapshotPacing = { burst: 10, intervalMs: 1_000 };

/** Binance's documented depth limits are 1..5000; 1000 costs weight 50. */
export const DEFAULT_DEPTH_LIMIT = 1000;

/** How long every fetch waits after Binance answers 429 (too many requests) or 418 (banned). */
const RATE_LIMIT_PAUSE_MS = { 429: 60_000, 418: 300_000 } as const;

export interface SnapshotFetcherOptions {
  restUrl: string;
  stats: ExchangeStats;
  depthLimit?: number;
  pacing?: SnapshotPacing;
  backoff?: BackoffPolicy;
  timeoutMs?: number;
  log: (line: string) => void;
}

interface Pending {
  sync: BinanceBookSync;
  generation: number;
}

export class SnapshotFetcher {
  private readonly queue: Pending[] = [];
  private readonly failures = new Map<BinanceBookSync, number>();
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  private tokens: number;
  private refilledAt = Date.now();
  private pausedUntil = 0;
  private busy = false;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(private readonly options: SnapshotFetcherOptions) {
    this.tokens = this.pacing.burst;
  }

  private get pacing(): SnapshotPacing {
    return this.options.pacing ?? DEFAULT_SNAPSHOT_PACING;
  }

  /** Queues a snapshot for `sync`'s attempt `generation` (one queued fetch per book). */
  request(sync: BinanceBookSync, generation: number): void {
    if (this.stopped) return;
    const queued = this.queue.find((entry) => entry.sync === sync);
    if (queued) queued.generation = generation;
    else this.queue.push({ sync, generation });
    this.pump();
  }

  /** Cancels everything; answers still in flight are dropped. */
  stop(): void {
    this.stopped = true;
    this.queue.length = 0;
    if (this.timer) clearTimeout(this.timer);
    for (const timer of this.retryTimers) clearTimeout(timer);
    this.retryTimers.clear();
    this.timer = null;
  }

  private refill(now: number): void {
    const { burst, intervalMs } = this.pacing;
    const earned = Math.floor((now - this.refilledAt) / intervalMs);
    if (earned <= 0) return;
    this.tokens = Math.min(burst, this.tokens + earned);
    this.refilledAt = this.tokens === burst ? now : this.refilledAt + earned * intervalMs;
  }

  private pump(): void {
    if (this.stopped || this.busy || this.timer) return;
    while (this.queue.length > 0 && !this.queue[0]!.sync.wants(this.queue[0]!.generation)) {
      this.queue.shift();
    }
    const next = this.queue[0];
    if (!next) return;
    const now = Date.now();
    this.refill(now);
    const wait = Math.max(
      this.pausedUntil - now,
      this.tokens > 0 ? 0 : this.refilledAt + this.pacing.intervalMs - now,
    );
    if (wait > 0) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.pump();
      }, wait);
      this.timer.unref();
      return;
    }
    this.queue.shift();
    this.tokens--;
    this.busy = true;
    void this.fetch(next).finally(() => {
      this.busy = false;
      this.pump();
    });
  }

  private async fetch({ sync, generation }: Pending): Promise<void> {
    const symbol = sync.instrument.venueSymbol ?? '';
    const limit = this.options.depthLimit ?? DEFAULT_DEPTH_LIMIT;
    const url = `${this.options.restUrl}/api/v3/depth?symbol=${encodeURIComponent(symbol)}&limit=${limit}`;
    let body: unknown;
    try {
      body = await fetchJson(url, this.options.timeoutMs);
    } catch (error) {
      if (error instanceof ExchangeHttpError && (error.status === 429 || error.status === 418)) {
        this.pausedUntil = Date.now() + RATE_LIMIT_PAUSE_MS[error.status];
      }
      this.retry(sync, generation, String(error));
      return;
    }
    if (this.stopped) return;
    if (!isDepthSnapshot(body)) {
      this.options.stats.malformed++;
      this.retry(sync, generation, 'unexpected depth snapshot shape');
      return;
    }
    this.failures.delete(sync);
    sync.applySnapshot(generation, body);
  }

  private retry(sync: BinanceBookSync, generation: number, reason: string): void {
    if (this.stopped || !sync.wants(generation)) return;
    const attempt = this.failures.get(sync) ?? 0;
    this.failures.set(sync, attempt + 1);
    const delay = backoffDelay(attempt, this.options.backoff ?? DEFAULT_BACKOFF);
    this.options.log(
      `binance: depth snapshot for ${sync.instrument.venueSymbol} failed (${reason}), retrying in ${delay} ms`,
    );
    const timer = setTimeout(() => {
      this.retryTimers.delete(timer);
      if (sync.wants(generation)) this.request(sync, generation);
    }, delay);
    timer.unref();
    this.retryTimers.add(timer);
  }
}
