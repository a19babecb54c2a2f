/**
 * How recorded times are presented during a replay.
 *
 * The hub and the paper engine treat event time as wall-clock time: the hub starts its live
 * candles at the first event's time and asks for history before it, and the paper engine refuses
 * orders when `Date.now() - book.time` exceeds its limit (5 s by default). So a replay shifts every
 * recorded time by one offset that puts the first event at "now", rounded UP to a whole minute:
 * minute candles stay aligned, the recorded history ends where the replayed stream begins, and
 * at speed 1 the replayed clock runs at most a minute ahead of the wall clock, never behind (so
 * books are never stale for the paper engine). Spacing between events is kept, so candles formed
 * during the replay have the recorded shape at any speed; above speed 1 the replayed clock runs
 * ahead of the wall clock (the replay source's `now()` gives it, for callers that want to follow).
 *
 * Hour history cannot move by a non-whole-hour offset and stay aligned. Where minute history
 * covers whole hours (the recent days), hour candles are rebuilt from the shifted minutes, so
 * every interval agrees; older hours are shifted by the offset rounded down to whole hours, so
 * far-past hour candles sit up to 59 minutes off the minute timeline.
 */
import { aggregateCandles } from '../../hub/candle-aggregate';
import { INTERVALS } from '../../../protocol/intervals';
import type { Candle } from '../../../protocol/messages';
import type { HistoryInterval } from '../source';
import type { RecordedHistory } from './record-codec';

const MINUTE_MS = INTERVALS['1m'].ms;
const HOUR_MS = INTERVALS['1h'].ms;

/** The offset (a whole number of minutes) that moves `firstTime` to `now` or just after. */
export function replayOffset(firstTime: number, now: number): number {
  return Math.ceil((now - firstTime) / MINUTE_MS) * MINUTE_MS;
}

/** Presented history per instrument and interval, oldest first. */
export type ShiftedHistory = Map<number, Record<HistoryInterval, Candle[]>>;

/** Shifts recorded history by `offset` (see the module comment for hours). */
export function shiftHistory(history: readonly RecordedHistory[], offset: number): ShiftedHistory {
  const out: ShiftedHistory = new Map();
  const hourOffset = Math.floor(offset / HOUR_MS) * HOUR_MS;
  const raw = new Map<number, Record<HistoryInterval, Candle[]>>();
  for (const h of history) {
    const entry = raw.get(h.inst) ?? { '1m': [], '1h': [] };
    entry[h.interval] = [...h.candles].sort((a, b) => a.time - b.time);
    raw.set(h.inst, entry);
  }
  for (const [inst, entry] of raw) {
    const minutes = entry['1m'].map((c) => ({ ...c, time: c.time + offset }));
    const firstMinute = minutes[0]?.time;
    // Hours fully covered by minutes start at the first hour boundary at or after them.
    const covered =
      firstMinute === undefined ? Infinity : Math.ceil(firstMinute / HOUR_MS) * HOUR_MS;
    const older = entry['1h']
      .map((c) => ({ ...c, time: c.time + hourOffset }))
      .filter((c) => c.time < covered);
    const rebuilt = aggregateCandles(
      minutes.filter((c) => c.time >= covered),
      '1h',
    );
    out.set(inst, { '1m': minutes, '1h': [...older, ...rebuilt] });
  }
  return out;
}

/** Closed candles before `end` (a candle closes when its whole period lies before `end`). */
export function closedBefore(
  candles: readonly Candle[],
  interval: HistoryInterval,
  end: number,
): Candle[] {
  const ms = INTERVALS[interval].ms;
  return candles.filter((c) => c.time + ms <= end).map((c) => ({ ...c }));
}
