/**
 * The candles stream of one (instrument, interval): the forming candle, conflated. Each
 * publication takes the next seq; the latest one doubles as the snapshot for new subscribers.
 */
import { INTERVALS, type Interval } from '../../protocol/intervals';
import { candleMessage } from '../../protocol/messages';
import type { CandleSeries } from './candle-series';
import { Stream, type Encoded, type Subscriber } from './stream';

export class CandleStream extends Stream {
  seq = 0;
  dirty = false;
  private last: Encoded | null = null;

  constructor(
    readonly inst: number,
    readonly interval: Interval,
    private readonly series: CandleSeries,
  ) {
    super({ channel: 'candles', inst, interval });
  }

  /** Publishes the forming candle if it changed since the last publication. */
  flush(): void {
    if (!this.dirty || !this.active) return;
    this.publishForming();
  }

  /** Adds a subscriber and gives it the current candle (publishing a fresher one if needed). */
  join(subscriber: Subscriber): void {
    this.subscribers.add(subscriber);
    if (this.dirty || !this.last) this.publishForming();
    else subscriber.push(this.last, this.key);
  }

  private publishForming(): void {
    const candle = this.series.forming;
    if (!candle) return;
    this.dirty = false;
    this.seq++;
    // The joining subscriber is already in the set, so it receives this same encoding.
    this.last = this.publish(
      candleMessage(this.inst, INTERVALS[this.interval].code, this.seq, candle),
    );
  }
}
