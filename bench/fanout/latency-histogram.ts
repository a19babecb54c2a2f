/**
 * Latency distribution with fixed 0.1 ms buckets: recording is O(1) and allocation-free, so the
 * load process can record every decoded message without its own cost showing up as latency.
 */

const BUCKET_MS = 0.1;
/** Latencies beyond this land in one overflow bucket (reported as "at least" this much). */
export const MAX_TRACKED_MS = 30_000;
const BUCKETS = Math.ceil(MAX_TRACKED_MS / BUCKET_MS);

export interface LatencySummary {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

export class LatencyHistogram {
  private readonly counts = new Uint32Array(BUCKETS + 1);
  private total = 0;
  private maxMs = 0;

  /** Number of recorded samples. */
  get count(): number {
    return this.total;
  }

  /** Records one latency in ms; negative values (clock steps, rounding) count as 0. */
  record(ms: number): void {
    if (!Number.isFinite(ms)) return;
    const value = ms < 0 ? 0 : ms;
    const index = Math.min(BUCKETS, Math.floor(value / BUCKET_MS));
    this.counts[index] = (this.counts[index] ?? 0) + 1;
    this.total += 1;
    if (value > this.maxMs) this.maxMs = value;
  }

  /** Forgets every sample (start of a measuring window). */
  reset(): void {
    this.counts.fill(0);
    this.total = 0;
    this.maxMs = 0;
  }

  /** The smallest recorded latency (bucket upper bound) that `q` of the samples do not exceed. */
  quantile(q: number): number {
    if (this.total === 0) return NaN;
    const rank = Math.max(1, Math.ceil(Math.min(1, Math.max(0, q)) * this.total));
    let seen = 0;
    for (let i = 0; i < this.counts.length; i += 1) {
      seen += this.counts[i] ?? 0;
      if (seen >= rank) return Math.min(this.maxMs, (i + 1) * BUCKET_MS);
    }
    return this.maxMs;
  }

  /** Count, p50, p99 and max in ms (NaN when empty). */
  summary(): LatencySummary {
    return {
      count: this.total,
      p50: this.quantile(0.5),
      p99: this.quantile(0.99),
      max: this.total === 0 ? NaN : this.maxMs,
    };
  }
}
