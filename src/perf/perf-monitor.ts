/**
 * The page side of the performance figures: frame intervals from its own requestAnimationFrame
 * loop, batches applied and tick-to-screen latency from the feed client's tap, and the worker's
 * counters as they arrive. It runs only between start() and stop(), i.e. while the overlay is
 * shown or `?perf=1` asked for it; otherwise nothing is measured.
 */
import type { FeedBatch, WorkerStats } from '../feed/feed-types';
import type { PerfTap } from '../feed/perf-tap';
import { newestGatewayTime } from './gateway-time';
import { usedHeapBytes } from './heap';
import { microsPerItem, percentile, ratePerSecond } from './percentile';
import { TimeWindow } from './time-window';

/** The figures the overlay shows; null when not measurable (yet). */
export interface PerfSnapshot {
  /** Messages decoded per second by the feed worker, for the whole socket (all tabs). */
  messagesPerSec: number | null;
  /** Batches this tab applied per second. */
  batchesPerSec: number;
  /** Worker time per message (decode, validation, conflation), µs. */
  decodeUsPerMessage: number | null;
  frameP95Ms: number | null;
  latencyP50Ms: number | null;
  latencyP99Ms: number | null;
  heapBytes: number | null;
  /** Malformed frames, messages and commands the worker rejected since it started. */
  invalid: number | null;
  clockOffsetMs: number | null;
}

/** Figures since the last reset(), for benchmarks measuring one step. */
export interface PerfTotals {
  elapsedMs: number;
  batches: number;
  /** Messages decoded by the worker (whole socket); null before its counters arrived twice. */
  messages: number | null;
  latencySamples: number;
  latencyP50Ms: number | null;
  latencyP99Ms: number | null;
}

export interface MonitorDeps {
  requestFrame: (callback: (time: number) => void) => number;
  cancelFrame: (handle: number) => void;
  /** Monotonic clock of the frame timestamps, ms. */
  now: () => number;
  /** Epoch ms at now() = 0 (performance.timeOrigin). */
  timeOrigin: number;
  heap: () => number | null;
}

/** Figures are over the last this many ms. */
export const WINDOW_MS = 2_000;
/** Latency samples kept since reset() at most (60 s at 60 fps is 3,600). */
const MAX_TOTAL_SAMPLES = 16_384;

const finite = (value: number): number | null => (Number.isFinite(value) ? value : null);

export class PerfMonitor implements PerfTap {
  private readonly frames = new TimeWindow(WINDOW_MS);
  private readonly latencies = new TimeWindow(WINDOW_MS);
  private readonly batches = new TimeWindow(WINDOW_MS);
  private readonly workerReadings: WorkerStats[] = [];
  private lastFrame: number | null = null;
  private handle: number | null = null;
  /** Newest gateway time applied since the last frame, and when it was applied. */
  private pendingGatewayTime: number | null = null;
  private pendingAppliedAt = 0;
  private totals = {
    since: 0,
    batches: 0,
    latencies: [] as number[],
    worker: null as WorkerStats | null,
  };

  constructor(private readonly deps: MonitorDeps = browserDeps()) {}

  /** Starts the frame loop. */
  start(): void {
    if (this.handle !== null) return;
    this.reset();
    this.handle = this.deps.requestFrame(this.onFrame);
  }

  /** Stops the frame loop and forgets the figures. */
  stop(): void {
    if (this.handle !== null) this.deps.cancelFrame(this.handle);
    this.handle = null;
    this.lastFrame = null;
    this.pendingGatewayTime = null;
    this.frames.clear();
    this.latencies.clear();
    this.batches.clear();
    this.workerReadings.length = 0;
  }

  /** Starts a new PerfTotals period. */
  reset(): void {
    this.totals = {
      since: this.deps.now(),
      batches: 0,
      latencies: [],
      worker: this.workerReadings.at(-1) ?? null,
    };
  }

  workerStats(stats: WorkerStats): void {
    this.workerReadings.push(stats);
    // Readings come four times a second; the window needs a little more than WINDOW_MS of them.
    while (this.workerReadings.length > 2 && stats.at - this.workerReadings[0]!.at > WINDOW_MS) {
      this.workerReadings.shift();
    }
    this.totals.worker ??= stats;
  }

  applied(batch: FeedBatch): void {
    const now = this.deps.now();
    this.batches.push(now, 1);
    this.totals.batches++;
    const time = newestGatewayTime(batch);
    if (time === null) return;
    if (this.pendingGatewayTime === null || time > this.pendingGatewayTime) {
      this.pendingGatewayTime = time;
    }
    this.pendingAppliedAt = now;
  }

  /** The overlay's figures now. */
  snapshot(): PerfSnapshot {
    const now = this.deps.now();
    const first = this.workerReadings[0];
    const last = this.workerReadings.at(-1);
    const pair = first && last && first !== last ? { first, last } : null;
    const latencies = this.latencies.valuesAt(now);
    return {
      messagesPerSec: pair
        ? finite(
            ratePerSecond(
              { count: pair.first.messages, at: pair.first.at },
              { count: pair.last.messages, at: pair.last.at },
            ),
          )
        : null,
      batchesPerSec: (this.batches.countAt(now) * 1_000) / WINDOW_MS,
      decodeUsPerMessage: pair
        ? finite(
            microsPerItem(
              pair.first.handleMs,
              pair.last.handleMs,
              pair.first.messages,
              pair.last.messages,
            ),
          )
        : null,
      frameP95Ms: finite(percentile(this.frames.valuesAt(now), 95)),
      latencyP50Ms: finite(percentile(latencies, 50)),
      latencyP99Ms: finite(percentile(latencies, 99)),
      heapBytes: this.deps.heap(),
      invalid: last?.invalid ?? null,
      clockOffsetMs: last?.clockOffsetMs ?? null,
    };
  }

  /** Figures since the last reset(). */
  sinceReset(): PerfTotals {
    const { since, batches, latencies, worker } = this.totals;
    const last = this.workerReadings.at(-1);
    return {
      elapsedMs: this.deps.now() - since,
      batches,
      messages: worker && last && last !== worker ? last.messages - worker.messages : null,
      latencySamples: latencies.length,
      latencyP50Ms: finite(percentile(latencies, 50)),
      latencyP99Ms: finite(percentile(latencies, 99)),
    };
  }

  private readonly onFrame = (time: number): void => {
    if (this.lastFrame !== null) this.frames.push(time, time - this.lastFrame);
    this.lastFrame = time;
    // A frame that began after the apply is the first that can show it (rAF times are frame starts).
    if (this.pendingGatewayTime !== null && time > this.pendingAppliedAt) {
      const offset = this.workerReadings.at(-1)?.clockOffsetMs ?? 0;
      const latency = this.deps.timeOrigin + time + offset - this.pendingGatewayTime;
      this.pendingGatewayTime = null;
      this.latencies.push(time, latency);
      if (this.totals.latencies.length < MAX_TOTAL_SAMPLES) this.totals.latencies.push(latency);
    }
    this.handle = this.deps.requestFrame(this.onFrame);
  };
}

function browserDeps(): MonitorDeps {
  return {
    requestFrame: (callback) => requestAnimationFrame(callback),
    cancelFrame: (handle) => cancelAnimationFrame(handle),
    now: () => performance.now(),
    timeOrigin: performance.timeOrigin,
    heap: () => usedHeapBytes(),
  };
}
