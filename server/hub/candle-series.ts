/**
 * The candles of one (instrument, interval): closed candles (history, then live closes) and the
 * forming candle, built from trades. Closed candles are capped so memory stays bounded.
 */
import { candleOpenTime, type Interval } from '../../protocol/intervals';
import type { Candle } from '../../protocol/messages';
import { mergeCandles } from './candle-aggregate';

export const MAX_CLOSED_CANDLES = 5000;

export class CandleSeries {
  private closed: Candle[] = [];
  private formingCandle: Candle | null = null;
  /** Bumped whenever the closed list changes, so derived stats know to recompute. */
  version = 0;

  constructor(
    readonly interval: Interval,
    readonly maxClosed: number = MAX_CLOSED_CANDLES,
  ) {}

  get forming(): Candle | null {
    return this.formingCandle;
  }

  get closedCandles(): readonly Candle[] {
    return this.closed;
  }

  /** Newest candle, forming or closed. */
  latest(): Candle | undefined {
    return this.formingCandle ?? this.closed[this.closed.length - 1];
  }

  /** Adds a trade; returns true when it started a new candle (the previous one closed). */
  applyTrade(price: number, size: number, time: number): boolean {
    const open = candleOpenTime(time, this.interval);
    const forming = this.formingCandle;
    if (forming && open <= forming.time) {
      // Late prints land in the forming candle rather than rewriting closed history.
      forming.high = Math.max(forming.high, price);
      forming.low = Math.min(forming.low, price);
      forming.close = price;
      forming.volume += size;
      return false;
    }
    if (forming) this.pushClosed(forming);
    this.formingCandle = {
      time: open,
      open: price,
      high: price,
      low: price,
      close: price,
      volume: size,
    };
    return forming !== null;
  }

  /** Starts the forming candle from an earlier part of its period (e.g. from finer history). */
  seed(candle: Candle): void {
    if (this.formingCandle) this.formingCandle = mergeCandles(candle, this.formingCandle);
    else this.formingCandle = { ...candle };
  }

  /** Puts closed history before what is already here; candles at or after it are ignored. */
  prependHistory(history: readonly Candle[]): void {
    const first = this.closed[0]?.time ?? this.formingCandle?.time ?? Infinity;
    const older = history.filter((c) => c.time < first).map((c) => ({ ...c }));
    if (older.length === 0) return;
    this.closed = older.concat(this.closed);
    this.trim();
    this.version++;
  }

  /** Merges an earlier part into the candle opening at `prefix.time`, wherever it now is. */
  mergePrefix(prefix: Candle): void {
    if (this.formingCandle?.time === prefix.time) {
      this.formingCandle = mergeCandles(prefix, this.formingCandle);
      return;
    }
    const index = this.closed.findIndex((c) => c.time === prefix.time);
    if (index < 0) return;
    this.closed[index] = mergeCandles(prefix, this.closed[index]!);
    this.version++;
  }

  /** Candles opening within [from, to], oldest first, at most the newest `limit`; forming last. */
  list(from: number, to: number, limit: number): Candle[] {
    const all = this.formingCandle ? [...this.closed, this.formingCandle] : this.closed;
    const inRange = all.filter((c) => c.time >= from && c.time <= to);
    return inRange.slice(Math.max(0, inRange.length - limit)).map((c) => ({ ...c }));
  }

  private pushClosed(candle: Candle): void {
    this.closed.push(candle);
    this.trim();
    this.version++;
  }

  private trim(): void {
    const excess = this.closed.length - this.maxClosed;
    if (excess > 0) this.closed.splice(0, excess);
  }
}
