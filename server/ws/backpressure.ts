/**
 * Backpressure by bytes for one client. Past the soft bound its streams are conflated: their
 * messages are dropped and only the names of the skipped streams are kept; once the socket drains
 * below the low mark each skipped stream is re-subscribed, so the client gets a fresh snapshot
 * (latest state, new sequence base) instead of a backlog. Past the hard bound, or behind longer
 * than the lag limit, the client is too slow. Memory per client stays bounded either way.
 */
import type { StreamKey } from '../hub/stream';
import { streamKeyId } from './stream-key';

export interface BackpressureOptions {
  /** Unsent bytes past which streams are conflated. */
  softBytes: number;
  /** Unsent bytes below which a conflated client counts as drained. */
  lowBytes: number;
  /** Unsent bytes past which the client is dropped at once. */
  hardBytes: number;
  /** How long a client may stay conflated before it is dropped. */
  maxLagMs: number;
  /** How often a conflated client's socket is checked for draining. */
  checkMs: number;
}

export interface BackpressureEvents {
  /** The client's unsent bytes (socket buffer plus queue). */
  pending(): number;
  conflated(): void;
  drained(skipped: StreamKey[]): void;
  tooSlow(): void;
}

export const DEFAULT_SOFT_BUFFERED_BYTES = 1024 * 1024;
export const DEFAULT_MAX_LAG_MS = 10_000;
export const DRAIN_CHECK_MS = 25;

export class Backpressure {
  private since = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly skipped = new Map<string, StreamKey>();

  constructor(
    private readonly options: BackpressureOptions,
    private readonly events: BackpressureEvents,
  ) {}

  get conflating(): boolean {
    return this.timer !== null;
  }

  /**
   * Checks the bounds after something was queued. Returns the client's unsent bytes (callers
   * reuse the figure), or null when the client was found too slow.
   */
  check(): number | null {
    const pending = this.events.pending();
    if (pending > this.options.hardBytes) {
      this.events.tooSlow();
      return null;
    }
    if (pending > this.options.softBytes) this.conflate();
    return pending;
  }

  /** Enters conflated mode (no-op when already in it), also when asked from outside. */
  conflate(): void {
    if (this.conflating) return;
    this.since = Date.now();
    this.timer = setInterval(() => this.poll(), this.options.checkMs);
    this.events.conflated();
  }

  /** Records that a message of `key` was dropped while conflating. */
  skip(key: StreamKey): void {
    this.skipped.set(streamKeyId(key), key);
  }

  /** Forgets a stream the client left, so it is not re-subscribed after draining. */
  forget(key: StreamKey): void {
    this.skipped.delete(streamKeyId(key));
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.skipped.clear();
  }

  private poll(): void {
    if (this.events.pending() <= this.options.lowBytes) {
      const skipped = [...this.skipped.values()];
      this.dispose();
      this.events.drained(skipped);
    } else if (Date.now() - this.since > this.options.maxLagMs) {
      this.dispose();
      this.events.tooSlow();
    }
  }
}
