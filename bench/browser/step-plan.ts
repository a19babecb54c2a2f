/**
 * Pure planning and judging for the browser benchmarks: which gateway flags give a target message
 * rate at the page, and which step was the highest a client sustained.
 */

/** Target rates delivered to the page, messages/s. */
export const TARGET_RATES = [1_000, 5_000, 20_000, 50_000] as const;
/** Symbols the simulated market has during the benchmark. */
export const BENCH_SYMBOLS = 200;
/** Share of all order flow on BTC-USD, the instrument the dashboard shows in full. */
export const HOT_SHARE = 0.6;
/** Ticker conflation tick during the benchmark, ms. */
export const BENCH_CONFLATE_MS = 20;
/**
 * Messages delivered to one dashboard per simulated event, measured on this machine with the
 * flags above (tickers of 200 symbols, book, trades and candles of BTC-USD): 22.5k/s at 50k
 * events/s. Only a starting point: the figures report the rate measured at the gateway.
 */
export const DELIVERED_PER_EVENT = 0.45;

/** Gateway flags for one step. */
export interface StepPlan {
  target: number;
  simRate: number;
  args: string[];
}

/** The gateway flags that should deliver about `target` messages/s to one dashboard. */
export function planStep(target: number): StepPlan {
  if (!(target > 0)) throw new RangeError(`target rate must be positive, got ${target}`);
  const simRate = Math.ceil(target / DELIVERED_PER_EVENT);
  return {
    target,
    simRate,
    args: [
      '--rate',
      String(simRate),
      '--sim-instruments',
      String(BENCH_SYMBOLS),
      '--sim-hot-share',
      String(HOT_SHARE),
      '--conflate-ms',
      String(BENCH_CONFLATE_MS),
    ],
  };
}

/** What one step measured for one client. */
export interface StepResult {
  target: number;
  /** Messages/s the gateway sent to the page during the step. */
  delivered: number;
  longTasks: number;
}

/**
 * The highest delivered rate among steps with zero long tasks, counting only steps below the first
 * one that had long tasks (a client that fell over at 5k does not "sustain" 20k by luck); 0 if none.
 */
export function highestSustained(results: readonly StepResult[]): number {
  let best = 0;
  for (const result of [...results].sort((a, b) => a.target - b.target)) {
    if (result.longTasks > 0) break;
    best = Math.max(best, result.delivered);
  }
  return best;
}
