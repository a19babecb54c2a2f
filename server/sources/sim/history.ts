/**
 * Candle history generated backward from the price the live book starts at, so the chart runs
 * into the live market without a jump. The walk is seeded per instrument: the same seed and
 * anchor always give the same candles.
 */
import { candleOpenTime } from '../../../protocol/intervals';
import type { Candle } from '../../../protocol/messages';
import type { MarketParams } from './market-params';
import { mixSeed, Random } from './random';
import { sessionActivity } from './session-pattern';
import { nextRegime, regimeVolatility, YEAR_MS } from './volatility-regime';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Days of 1m candles; the last 7 days of the hourly series are built from them. */
export const MINUTE_DAYS = 7;
/** Days of 1h candles in total. */
export const HOUR_DAYS = 31;
const MINUTE_STEPS = 6;
const HOUR_STEPS = 12;

export interface GeneratedHistory {
  /** 1m candles from `MINUTE_DAYS` before the anchor's hour up to the anchor's minute (exclusive). */
  minutes: Candle[];
  /** 1h candles closed by the anchor's hour, `HOUR_DAYS` of them. */
  hours: Candle[];
  /** The anchor's hour so far (its minutes before the anchor's minute), or null on the hour. */
  partialHour: Candle | null;
}

interface Walk {
  rng: Random;
  params: MarketParams;
  price: number;
  regime: number;
}

function onTick(price: number, tick: number): number {
  return Math.max(tick, Math.round(price / tick) * tick);
}

/** Walks one candle backward from `walk.price` (its close) and leaves `walk.price` at its open. */
function walkCandle(walk: Walk, time: number, lengthMs: number, steps: number): Candle {
  const { rng, params } = walk;
  const { tick, lot, volumePerMinute } = params;
  const activity = sessionActivity(params.spec.instrument.assetClass, time);
  walk.regime = nextRegime(walk.regime, lengthMs, rng);
  const sigma = regimeVolatility(params.spec.volatility, walk.regime);
  const stepSd = sigma * Math.sqrt(activity) * Math.sqrt(lengthMs / YEAR_MS / steps);
  const close = onTick(walk.price, tick);
  let high = walk.price;
  let low = walk.price;
  for (let i = 0; i < steps; i++) {
    walk.price *= Math.exp(stepSd * rng.normal());
    if (walk.price > high) high = walk.price;
    if (walk.price < low) low = walk.price;
  }
  const open = onTick(walk.price, tick);
  const expected =
    (volumePerMinute * activity * Math.exp(walk.regime) * lengthMs) / MINUTE_MS / lot;
  const volume = Math.round(expected * rng.logNormal(0.5)) * lot;
  return {
    time,
    open,
    high: Math.max(onTick(high, tick), open, close),
    low: Math.min(onTick(low, tick), open, close),
    close,
    volume,
  };
}

/** Folds consecutive candles into one (oldest first). */
export function mergeCandles(time: number, candles: readonly Candle[]): Candle | null {
  const first = candles[0];
  const last = candles[candles.length - 1];
  if (!first || !last) return null;
  let high = first.high;
  let low = first.low;
  let volume = 0;
  for (const candle of candles) {
    if (candle.high > high) high = candle.high;
    if (candle.low < low) low = candle.low;
    volume += candle.volume;
  }
  return { time, open: first.open, high, low, close: last.close, volume };
}

/** Generates the history ending where the live market starts (`anchor`, ms). */
export function generateHistory(
  params: MarketParams,
  seed: number,
  anchor: number,
): GeneratedHistory {
  const anchorMinute = candleOpenTime(anchor, '1m');
  const anchorHour = candleOpenTime(anchor, '1h');
  const minuteStart = anchorHour - MINUTE_DAYS * DAY_MS;
  const walk: Walk = {
    rng: new Random(mixSeed(seed, params.spec.instrument.id)),
    params,
    price: params.startTicks * params.tick,
    regime: 0,
  };

  const minuteCount = (anchorMinute - minuteStart) / MINUTE_MS;
  const minutes: Candle[] = new Array<Candle>(minuteCount);
  for (let i = minuteCount - 1; i >= 0; i--) {
    minutes[i] = walkCandle(walk, minuteStart + i * MINUTE_MS, MINUTE_MS, MINUTE_STEPS);
  }

  const olderCount = (HOUR_DAYS - MINUTE_DAYS) * 24;
  const hours: Candle[] = new Array<Candle>(olderCount);
  // Continue from the first minute's open (already on the grid) so the two series join exactly.
  walk.price = minutes[0]?.open ?? walk.price;
  for (let i = olderCount - 1; i >= 0; i--) {
    const time = minuteStart - (olderCount - i) * HOUR_MS;
    hours[i] = walkCandle(walk, time, HOUR_MS, HOUR_STEPS);
  }
  const perHour = HOUR_MS / MINUTE_MS;
  for (let h = 0; h < MINUTE_DAYS * 24; h++) {
    const hour = mergeCandles(
      minuteStart + h * HOUR_MS,
      minutes.slice(h * perHour, (h + 1) * perHour),
    );
    if (hour) hours.push(hour);
  }
  const partialHour = mergeCandles(anchorHour, minutes.slice(MINUTE_DAYS * 24 * perHour));
  return { minutes, hours, partialHour };
}
