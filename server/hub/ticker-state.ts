/**
 * The ticker of one instrument: last price, best bid/ask and rolling 24h statistics from the
 * minute candles (the closed ones inside the window plus the forming one), or from the exchange's
 * own 24h figures when a real exchange reports them (see TickerInputs.venue). Changes are marked
 * dirty and published at most once per conflation tick, each publication taking the next seq.
 */
import { INTERVALS, candleOpenTime } from '../../protocol/intervals';
import type { Candle, Ticker } from '../../protocol/messages';
import type { VenueDayStats } from '../sources/source';
import type { CandleSeries } from './candle-series';

const DAY_MS = INTERVALS['1d'].ms;
const MINUTE_MS = INTERVALS['1m'].ms;

export interface DayStats {
  open24: number;
  high24: number;
  low24: number;
  volume24: number;
}

/** Current inputs a ticker is computed from. */
export interface TickerInputs {
  time: number;
  /** Last trade price, or 0 before the first trade. */
  last: number;
  bid: number;
  ask: number;
  minutes: CandleSeries;
  /**
   * The exchange's latest 24h statistics, if it reports them. Preferred to the candle-derived
   * ones: those cover only the history we fetched and the trades we saw since.
   */
  venue?: VenueDayStats | null;
}

export class TickerState {
  dirty = false;
  private current: Ticker;
  private cached: { version: number; windowStart: number; stats: DayStats | null } | null = null;

  constructor(readonly inst: number) {
    this.current = {
      inst,
      seq: 0,
      time: 0,
      last: 0,
      bid: 0,
      ask: 0,
      open24: 0,
      high24: 0,
      low24: 0,
      volume24: 0,
    };
  }

  /** The last published ticker. */
  get published(): Ticker {
    return this.current;
  }

  /** Computes the ticker from `inputs`, gives it the next seq and makes it the published one. */
  publish(inputs: TickerInputs): Ticker {
    const { minutes } = inputs;
    const last = inputs.last || minutes.latest()?.close || 0;
    const windowStart = candleOpenTime(inputs.time, '1m') - DAY_MS + MINUTE_MS;
    const closed = this.closedStats(minutes, windowStart);
    const forming = minutes.forming;
    const derived = combine(closed, forming && forming.time >= windowStart ? forming : null, last);
    const stats = inputs.venue ? preferVenue(inputs.venue, derived, last) : derived;
    this.current = {
      inst: this.inst,
      seq: this.current.seq + 1,
      time: inputs.time,
      last,
      bid: inputs.bid,
      ask: inputs.ask,
      ...stats,
    };
    this.dirty = false;
    return this.current;
  }

  private closedStats(minutes: CandleSeries, windowStart: number): DayStats | null {
    const c = this.cached;
    if (c && c.version === minutes.version && c.windowStart === windowStart) return c.stats;
    const stats = dayStats(minutes.closedCandles, windowStart);
    this.cached = { version: minutes.version, windowStart, stats };
    return stats;
  }
}

/** Stats over the candles (oldest first) opening at or after `windowStart`; null when none. */
export function dayStats(candles: readonly Candle[], windowStart: number): DayStats | null {
  let stats: DayStats | null = null;
  for (let i = candles.length - 1; i >= 0; i--) {
    const c = candles[i]!;
    if (c.time < windowStart) break;
    stats = stats
      ? {
          open24: c.open,
          high24: Math.max(stats.high24, c.high),
          low24: Math.min(stats.low24, c.low),
          volume24: stats.volume24 + c.volume,
        }
      : { open24: c.open, high24: c.high, low24: c.low, volume24: c.volume };
  }
  return stats;
}

function combine(closed: DayStats | null, forming: Candle | null, last: number): DayStats {
  if (!closed && !forming) return { open24: last, high24: last, low24: last, volume24: 0 };
  if (!closed) {
    const f = forming!;
    return { open24: f.open, high24: f.high, low24: f.low, volume24: f.volume };
  }
  if (!forming) return closed;
  return {
    open24: closed.open24,
    high24: Math.max(closed.high24, forming.high),
    low24: Math.min(closed.low24, forming.low),
    volume24: closed.volume24 + forming.volume,
  };
}

/**
 * The exchange's figures over our derived ones. Its open may be unknown (then ours stays), and a
 * trade we saw after its last ticker can lie outside its high/low: the window includes that trade,
 * so the range is widened to it rather than showing a last price outside the day's range.
 */
function preferVenue(venue: VenueDayStats, derived: DayStats, last: number): DayStats {
  return {
    open24: venue.open24 ?? derived.open24,
    high24: last > 0 ? Math.max(venue.high24, last) : venue.high24,
    low24: last > 0 ? Math.min(venue.low24, last) : venue.low24,
    volume24: venue.volume24,
  };
}
