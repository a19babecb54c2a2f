/**
 * Aggregates the simulator's own trades into candles of one interval, so history asked for after
 * the market started includes what it actually printed.
 */
import type { Candle } from '../../../protocol/messages';

/** Fields per stored candle: time, open, high, low, close, volume (flat to spare the heap). */
const FIELDS = 6;

export class CandleRecorder {
  /** Closed candles, flattened, oldest first. */
  private closed: number[] = [];
  private time: number;
  private open: number;
  private high: number;
  private low: number;
  private close: number;
  private volume = 0;

  /**
   * @param intervalMs candle length
   * @param firstTime open time of the first (forming) candle, aligned to the interval
   * @param price price the market starts from
   * @param cap closed candles kept; older ones are forgotten
   */
  constructor(
    private readonly intervalMs: number,
    firstTime: number,
    price: number,
    private readonly cap: number,
  ) {
    this.time = firstTime;
    this.open = this.high = this.low = this.close = price;
  }

  /** Open time of the oldest candle still held. */
  firstTime(): number {
    return this.closed.length > 0 ? (this.closed[0] ?? this.time) : this.time;
  }

  /** Adds a trade; trades must arrive in time order. */
  trade(time: number, price: number, size: number): void {
    this.rollTo(time);
    if (price > this.high) this.high = price;
    if (price < this.low) this.low = price;
    this.close = price;
    this.volume += size;
  }

  /** Candles closed by `until` (ms), oldest first; quiet intervals become flat candles. */
  candles(until: number): Candle[] {
    this.rollTo(until);
    const out: Candle[] = [];
    const stored = this.closed;
    for (let i = 0; i < stored.length; i += FIELDS) {
      out.push({
        time: stored[i] ?? 0,
        open: stored[i + 1] ?? 0,
        high: stored[i + 2] ?? 0,
        low: stored[i + 3] ?? 0,
        close: stored[i + 4] ?? 0,
        volume: stored[i + 5] ?? 0,
      });
    }
    return out;
  }

  /** Closes every candle that ends at or before `time`. */
  private rollTo(time: number): void {
    while (this.time + this.intervalMs <= time) {
      this.closed.push(this.time, this.open, this.high, this.low, this.close, this.volume);
      this.time += this.intervalMs;
      // The next candle opens where the last one closed, as the generated history does.
      this.open = this.high = this.low = this.close;
      this.volume = 0;
    }
    if (this.closed.length > (this.cap + this.cap / 8) * FIELDS) {
      this.closed = this.closed.slice(this.closed.length - this.cap * FIELDS);
    }
  }
}
