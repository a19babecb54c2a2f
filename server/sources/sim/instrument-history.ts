/**
 * One instrument's candle history: the generated past up to the market's start, followed by the
 * candles recorded from the simulator's own trades since then.
 */
import type { HistoryInterval } from '../source';
import { candleOpenTime } from '../../../protocol/intervals';
import type { Candle } from '../../../protocol/messages';
import { CandleRecorder } from './candle-recorder';
import { generateHistory, HOUR_DAYS, MINUTE_DAYS } from './history';
import type { MarketParams } from './market-params';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

export class InstrumentHistory {
  private readonly minutes: CandleRecorder;
  private readonly hours: CandleRecorder;

  constructor(
    private readonly params: MarketParams,
    private readonly seed: number,
    private readonly startTime: number,
  ) {
    const price = params.startTicks * params.tick;
    this.minutes = new CandleRecorder(
      MINUTE_MS,
      candleOpenTime(startTime, '1m'),
      price,
      MINUTE_DAYS * 24 * 60,
    );
    this.hours = new CandleRecorder(
      HOUR_MS,
      candleOpenTime(startTime, '1h'),
      price,
      HOUR_DAYS * 24,
    );
  }

  /** Records a live trade (in time order). */
  trade(time: number, price: number, size: number): void {
    this.minutes.trade(time, price, size);
    this.hours.trade(time, price, size);
  }

  /** Closed candles before `end`, oldest first, given the market has been simulated up to `simulatedUntil`. */
  candles(interval: HistoryInterval, end: number, simulatedUntil: number): Candle[] {
    const cut = candleOpenTime(end, interval);
    const generated = generateHistory(this.params, this.seed, this.startTime);
    const recorder = interval === '1m' ? this.minutes : this.hours;
    const live = recorder.candles(Math.max(this.startTime, Math.min(end, simulatedUntil)));
    const liveStart = candleOpenTime(this.startTime, interval);
    let past: Candle[] = [];
    // Once the live record has outgrown its cap it covers the whole window by itself.
    if (recorder.firstTime() === liveStart) {
      past = interval === '1m' ? generated.minutes : generated.hours;
      const first = live[0];
      if (interval === '1h' && generated.partialHour && first) {
        live[0] = joinHour(generated.partialHour, first);
      }
    }
    return past.concat(live).filter((candle) => candle.time < cut);
  }
}

/** The market's first hour: generated minutes before the start, then live trades. */
function joinHour(before: Candle, after: Candle): Candle {
  return {
    time: before.time,
    open: before.open,
    high: Math.max(before.high, after.high),
    low: Math.min(before.low, after.low),
    close: after.close,
    volume: before.volume + after.volume,
  };
}
