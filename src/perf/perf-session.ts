/**
 * The page's one performance monitor, started while anything uses it (the overlay, or `?perf=1`)
 * and plugged into the feed client for that time. With `?perf=1` its figures are also published on
 * `window.__quotedeckPerf` for benchmarks.
 */
import { perfTapSlot, type PerfTapSlot } from '../feed/perf-tap';
import { PerfMonitor, type PerfSnapshot, type PerfTotals } from './perf-monitor';

/** What `?perf=1` publishes on window for benchmarks. */
export interface QuotedeckPerf {
  snapshot(): PerfSnapshot;
  /** Starts a new measuring period for sinceReset(). */
  reset(): void;
  sinceReset(): PerfTotals;
}

declare global {
  interface Window {
    __quotedeckPerf?: QuotedeckPerf;
  }
}

let monitor: PerfMonitor | null = null;
let users = 0;

/** Uses the monitor (starting it if needed); call the returned release when done. */
export function acquirePerfMonitor(slot: PerfTapSlot = perfTapSlot): {
  monitor: PerfMonitor;
  release: () => void;
} {
  monitor ??= new PerfMonitor();
  const current = monitor;
  if (users++ === 0) {
    current.start();
    slot.set(current);
  }
  let released = false;
  return {
    monitor: current,
    release: () => {
      if (released) return;
      released = true;
      if (--users > 0) return;
      slot.set(null);
      current.stop();
    },
  };
}

/** For `?perf=1`: keeps the monitor running for the page's life and publishes it on window. */
export function publishPerf(win: Window): void {
  if (win.__quotedeckPerf) return;
  const { monitor: published } = acquirePerfMonitor();
  win.__quotedeckPerf = {
    snapshot: () => published.snapshot(),
    reset: () => published.reset(),
    sinceReset: () => published.sinceReset(),
  };
}
