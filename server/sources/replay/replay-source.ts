/**
 * Replay: a MarketSource that plays a recording back, with the recorded instruments and history,
 * at `speed`× the recorded pace or as fast as possible, then marks every instrument not live
 * (nothing more will come) and resolves `done`. Times are shifted as replay-time.ts explains.
 * Gaps between recording segments (the recorder was stopped and restarted) are not waited out:
 * the next segment follows at once, its times still shifted by the same offset.
 */
import type { Instrument } from '../../../protocol/instruments';
import type { MarketSource, SourceSink } from '../source';
import { RecordingError } from './framing';
import { readRecording, type Recording } from './read-recording';
import type { RecordedEvent } from './record-codec';
import { closedBefore, replayOffset, shiftHistory, type ShiftedHistory } from './replay-time';

export type ReplaySpeed = number | 'max';

export interface ReplayOptions {
  file: string;
  /** Multiple of the recorded pace (> 0), or 'max' / Infinity for as fast as possible (default 1). */
  speed?: ReplaySpeed;
  /** Clock in ms (default Date.now); pacing reads it and schedules with setTimeout. */
  now?: () => number;
  /** Mark every instrument not live when the replay ends (default true). */
  markStaleAtEnd?: boolean;
  /** Called once when the last event was emitted (not on stop). */
  onDone?: () => void;
}

export interface ReplaySource extends MarketSource {
  readonly recording: Recording;
  /** Resolves when the replay emitted its last event, or was stopped. */
  readonly done: Promise<void>;
  /** Events emitted so far. */
  readonly emitted: number;
  /** Added to every recorded time; fixed on the first history() or start() call. */
  readonly offset: number | null;
  /** The replayed clock: the presented time the replay has reached. */
  now(): number;
}

/** Events emitted per turn of the event loop, so sockets and timers keep running at 'max'. */
const CHUNK = 4096;

/** Opens a recording for replay; throws RecordingError (bad file) or RangeError (bad speed). */
export function createReplaySource(options: ReplayOptions): ReplaySource {
  const speed = checkSpeed(options.speed ?? 1);
  const clock = options.now ?? Date.now;
  const recording = readRecording(options.file);
  const instruments = recording.header.instruments;
  for (const segment of recording.segments) {
    if (JSON.stringify(segment.header.instruments) !== JSON.stringify(instruments)) {
      throw new RecordingError(`${options.file}: segments record different instruments`);
    }
  }
  const events = recording.events;
  const pace = timeline(events, recording.segmentStarts);
  let offset: number | null = null;
  let history: ShiftedHistory | null = null;
  let next = 0;
  let wallStart = 0;
  let cancel: (() => void) | null = null;
  let running = false;
  let finished = false;
  let resolveDone = (): void => {};
  const done = new Promise<void>((resolve) => (resolveDone = resolve));

  const fixOffset = (): number => {
    if (offset === null) {
      offset = replayOffset(events[0]?.time ?? recording.header.startedAt, clock());
      history = shiftHistory(recording.history, offset);
    }
    return offset;
  };
  const dueAt = (index: number): number => wallStart + pace[index]! / speed;

  const emit = (sink: SourceSink, e: RecordedEvent, shift: number): void => {
    if (e.type === 'book') sink.book(e.inst, e.bids, e.asks, e.time + shift, e.snapshot);
    else if (e.type === 'trade') sink.trade(e.inst, e.price, e.size, e.side, e.time + shift);
    else if (e.type === 'status') sink.status(e.inst, e.live);
    else sink.dayStats?.(e.inst, e.stats, e.time + shift);
  };

  const finish = (sink: SourceSink): void => {
    running = false;
    finished = true;
    if (options.markStaleAtEnd ?? true) for (const i of instruments) sink.status(i.id, false);
    options.onDone?.();
    resolveDone();
  };

  const step = (sink: SourceSink, shift: number): void => {
    cancel = null;
    if (!running) return;
    for (let budget = CHUNK; next < events.length && budget > 0; budget -= 1) {
      if (speed !== Infinity) {
        const wait = dueAt(next) - clock();
        if (wait > 0) {
          const timer = setTimeout(() => step(sink, shift), wait);
          cancel = () => clearTimeout(timer);
          return;
        }
      }
      emit(sink, events[next]!, shift);
      next += 1;
    }
    if (next < events.length) {
      const immediate = setImmediate(() => step(sink, shift));
      cancel = () => clearImmediate(immediate);
    } else {
      finish(sink);
    }
  };

  return {
    name: `replay:${recording.header.source}`,
    recording,
    done,
    get emitted() {
      return next;
    },
    get offset() {
      return offset;
    },
    instruments: (): readonly Instrument[] => instruments.map((i) => ({ ...i })),
    history(inst, interval, end) {
      fixOffset();
      const candles = history?.get(inst)?.[interval] ?? [];
      return closedBefore(candles, interval, end);
    },
    start(sink) {
      if (running || finished) throw new Error('the replay source was already started');
      const shift = fixOffset();
      running = true;
      wallStart = clock();
      step(sink, shift);
    },
    stop() {
      running = false;
      cancel?.();
      cancel = null;
      resolveDone();
      return Promise.resolve();
    },
    now() {
      const shift = offset ?? fixOffset();
      const last = events[next - 1];
      const upcoming = events[next];
      if (!last) return (upcoming?.time ?? recording.header.startedAt) + shift;
      if (!running || speed === Infinity || !upcoming) return last.time + shift;
      const advanced = (clock() - dueAt(next - 1)) * speed;
      return last.time + shift + Math.max(0, Math.min(advanced, upcoming.time - last.time));
    },
  };
}

/** Replay position of each event, ms of recorded time; segment gaps and backward steps are 0. */
function timeline(
  events: readonly RecordedEvent[],
  segmentStarts: readonly number[],
): Float64Array {
  const pace = new Float64Array(events.length);
  const starts = new Set(segmentStarts);
  for (let i = 1; i < events.length; i += 1) {
    const step = starts.has(i) ? 0 : Math.max(0, events[i]!.time - events[i - 1]!.time);
    pace[i] = pace[i - 1]! + step;
  }
  return pace;
}

function checkSpeed(speed: unknown): number {
  if (speed === 'max' || speed === Infinity) return Infinity;
  if (typeof speed !== 'number' || !Number.isFinite(speed) || speed <= 0) {
    throw new RangeError(`replay speed must be a number > 0 or 'max', got ${String(speed)}`);
  }
  return speed;
}
