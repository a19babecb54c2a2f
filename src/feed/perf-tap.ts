/**
 * Where the performance monitor (src/perf, loaded only when wanted) plugs into the feed client.
 * Empty, the feed pays one null check per applied batch; filled, the client asks the worker for
 * its counters and reports every batch it applies.
 */
import type { FeedBatch, WorkerStats } from './feed-types';

/** What the feed client tells a performance monitor. */
export interface PerfTap {
  /** The worker's counters arrived. */
  workerStats(stats: WorkerStats): void;
  /** A batch was just applied to the stores (one call per apply, not per message). */
  applied(batch: FeedBatch): void;
}

/** One place a monitor can be plugged in; feed clients follow it. */
export class PerfTapSlot {
  private tap: PerfTap | null = null;
  private readonly listeners = new Set<(on: boolean) => void>();

  /** The plugged-in monitor, or null. */
  get current(): PerfTap | null {
    return this.tap;
  }

  /** Plugs a monitor in (or out, with null). */
  set(tap: PerfTap | null): void {
    const changed = (tap === null) !== (this.tap === null);
    this.tap = tap;
    if (changed) for (const listener of this.listeners) listener(tap !== null);
  }

  /** Calls `listener` whenever a monitor is plugged in or out; returns the unsubscribe. */
  watch(listener: (on: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** The page's one slot, shared by the app's feed client and the performance overlay. */
export const perfTapSlot = new PerfTapSlot();
