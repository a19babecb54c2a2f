/**
 * The simulator as a MarketSource: a timer steps the pure SimulatedExchange with a message
 * budget proportional to elapsed time, so `rate` sets how busy the market is.
 */
import type { MarketSource, SourceSink } from '../source';
import { SIM_CATALOG, simCatalog, withHotFirst, withVolatilityScale } from './catalog';
import { SimulatedExchange } from './simulated-exchange';

export interface SimulatedSourceOptions {
  /** Integer seed (default 1). */
  seed?: number;
  /** Events (book level changes plus trades) per second across all instruments (default 400). */
  rate?: number;
  /** Clock in ms (default Date.now). */
  now?: () => number;
  /** Milliseconds between steps (default 15). */
  intervalMs?: number;
  /** How many instruments to simulate (default: the whole catalog; more adds synthetic ones). */
  instruments?: number;
  /** Share of all order flow given to the first instrument (0-1, exclusive); default: its own. */
  hotShare?: number;
  /** Multiplier of every instrument's volatility (> 0); default 1. */
  volatilityScale?: number;
}

export const DEFAULT_SIM_RATE = 400;
const DEFAULT_INTERVAL_MS = 15;
/** Budget carried over at most this long, so a stalled event loop does not cause a burst. */
const MAX_CATCH_UP_MS = 1000;

function validated(options: SimulatedSourceOptions) {
  const {
    seed = 1,
    rate = DEFAULT_SIM_RATE,
    now = Date.now,
    intervalMs = DEFAULT_INTERVAL_MS,
  } = options;
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) {
    throw new RangeError(`sim seed must be a safe integer, got ${String(seed)}`);
  }
  if (typeof rate !== 'number' || !Number.isFinite(rate) || rate < 0) {
    throw new RangeError(
      `sim rate must be a finite number of events per second >= 0, got ${String(rate)}`,
    );
  }
  if (typeof now !== 'function') throw new RangeError('sim clock `now` must be a function');
  if (!Number.isInteger(intervalMs) || intervalMs < 1 || intervalMs > 1000) {
    throw new RangeError(
      `sim intervalMs must be an integer from 1 to 1000, got ${String(intervalMs)}`,
    );
  }
  return { seed, rate, now, intervalMs };
}

/** Creates the simulated market source; throws RangeError on invalid options. */
export function createSimulatedSource(options: SimulatedSourceOptions = {}): MarketSource {
  const { seed, rate, now, intervalMs } = validated(options);
  const base = options.instruments === undefined ? SIM_CATALOG : simCatalog(options.instruments);
  const hot = options.hotShare === undefined ? base : withHotFirst(base, options.hotShare);
  const catalog =
    options.volatilityScale === undefined ? hot : withVolatilityScale(hot, options.volatilityScale);
  const exchange = new SimulatedExchange({ seed, now: now(), catalog });
  let timer: ReturnType<typeof setInterval> | undefined;
  let carry = 0;
  let last = 0;

  const tick = (sink: SourceSink): void => {
    const time = Math.max(now(), exchange.simulatedUntil);
    const elapsed = time - last;
    last = time;
    carry = Math.min(carry + (rate * elapsed) / 1000, (rate * MAX_CATCH_UP_MS) / 1000);
    const budget = Math.floor(carry);
    if (budget < 1) return;
    carry -= exchange.step(time, budget, sink);
  };

  return {
    name: 'sim',
    instruments: () => exchange.instruments,
    history: (inst, interval, end) => exchange.history(inst, interval, end),
    start(sink) {
      if (timer !== undefined) throw new Error('the simulated source is already running');
      last = Math.max(now(), exchange.simulatedUntil);
      carry = 0;
      exchange.snapshot(sink, last);
      timer = setInterval(() => tick(sink), intervalMs);
      timer.unref();
    },
    stop() {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
      return Promise.resolve();
    },
  };
}
