import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { Hub } from '../../hub/hub';
import { mirrorFlat, RecordingSink } from '../recording-sink';
import type { RecordedEvent } from './record-codec';
import { createReplaySource } from './replay-source';
import { buildRecording, tempDir, tradeAt, writeTemp } from './test-recording';

const MIN = 60_000;
const HOUR = 3_600_000;
/** A recorded start on the hour, so history boundaries are easy to state. */
const T0 = Date.UTC(2024, 0, 10, 12, 0, 0);

const book = (time: number, bid: number, ask: number, snapshot = false): RecordedEvent => ({
  type: 'book',
  time,
  inst: 1,
  bids: [bid, 10],
  asks: [ask, 10],
  snapshot,
});

const temp = tempDir();
afterAll(() => temp.remove());
afterEach(() => vi.useRealTimers());

function fileWith(name: string, blocks: RecordedEvent[][], history = buildHistory()): string {
  return writeTemp(temp.dir, name, buildRecording(blocks, history, T0).bytes);
}

/** Three hours of minutes and two days of hours before T0, close = minutes before T0. */
function buildHistory() {
  const minutes = Array.from({ length: 180 }, (_, i) => {
    const time = T0 - (180 - i) * MIN;
    return { time, open: 1000, high: 1010, low: 990, close: 1000, volume: 1 };
  });
  const hours = Array.from({ length: 48 }, (_, i) => {
    const time = T0 - (48 - i) * HOUR;
    return { time, open: 900, high: 950, low: 850, close: 900, volume: 60 };
  });
  return [
    { inst: 1, interval: '1m' as const, end: T0, candles: minutes },
    { inst: 1, interval: '1h' as const, end: T0, candles: hours },
  ];
}

describe('createReplaySource', () => {
  it('replays at N× the recorded pace, then marks the instrument not live and resolves done', async () => {
    vi.useFakeTimers({ now: T0 + 5 * HOUR + 17_000 });
    const file = fileWith('paced.qdrec', [
      [book(T0, 99, 101, true), tradeAt(T0 + 1000, 1)],
      [tradeAt(T0 + 3000, 2), tradeAt(T0 + 3000, 3)],
    ]);
    const onDone = vi.fn();
    const replay = createReplaySource({ file, speed: 2, onDone });
    const sink = new RecordingSink(true);
    replay.start(sink);
    expect(sink.events).toHaveLength(1); // the snapshot, at once
    await vi.advanceTimersByTimeAsync(499);
    expect(sink.events).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sink.events).toHaveLength(2); // 1000 ms recorded = 500 ms at 2×
    await vi.advanceTimersByTimeAsync(999);
    expect(sink.events).toHaveLength(2);
    expect(onDone).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(sink.events).toHaveLength(4); // both trades at 3000 ms recorded = 1500 ms
    expect(onDone).toHaveBeenCalledOnce();
    await expect(replay.done).resolves.toBeUndefined();
    expect(sink.statuses).toEqual([{ inst: 1, live: false }]);
  });

  it('presents the first event at now or within the next minute, keeping the recorded spacing', async () => {
    const now = T0 + 5 * HOUR + 17_000;
    vi.useFakeTimers({ now });
    const file = fileWith('shift.qdrec', [[book(T0, 99, 101, true), tradeAt(T0 + 1234, 1)]]);
    const replay = createReplaySource({ file, speed: 'max' });
    const sink = new RecordingSink(true);
    replay.start(sink);
    await vi.runAllTimersAsync();
    const times = sink.events.map((e) => e.time);
    expect(times[0]).toBeGreaterThanOrEqual(now);
    expect(times[0]).toBeLessThan(now + MIN);
    expect(times[0]! % MIN).toBe(T0 % MIN); // whole minutes: minute candles stay aligned
    expect(times[1]! - times[0]!).toBe(1234);
    expect(replay.now()).toBe(times[1]);
  });

  it('serves recorded history shifted with the stream, ending where the replay begins', () => {
    vi.useFakeTimers({ now: T0 + 5 * HOUR + 17_000 });
    const file = fileWith('history.qdrec', [[book(T0, 99, 101, true)]]);
    const replay = createReplaySource({ file, speed: 'max' });
    const far = Number.MAX_SAFE_INTEGER;
    const minutes = replay.history(1, '1m', far);
    const offset = replay.offset!;
    expect(offset % MIN).toBe(0);
    expect(minutes).toHaveLength(180);
    expect(minutes.at(-1)!.time + MIN).toBe(T0 + offset); // continuous with the first event
    const liveStart = T0 + offset;
    const hours = replay.history(1, '1h', Math.floor(liveStart / HOUR) * HOUR);
    // Every hour aligned and closed before the live hour; recent hours rebuilt from the minutes.
    for (const h of hours) expect(h.time % HOUR).toBe(0);
    expect(hours.at(-1)!.time + HOUR).toBe(Math.floor(liveStart / HOUR) * HOUR);
    expect(hours.at(-1)).toMatchObject({ open: 1000, high: 1010, low: 990, volume: 60 });
    expect(hours[0]).toMatchObject({ open: 900, volume: 60 });
    // Closed before `end` only.
    expect(replay.history(1, '1m', minutes[10]!.time + MIN)).toHaveLength(11);
    expect(replay.history(2, '1m', far)).toEqual([]);
  });

  it('feeds a hub that shows the replayed book and trades as fresh', async () => {
    const events: RecordedEvent[] = [
      book(T0, 99, 101, true),
      { type: 'book', time: T0 + 10, inst: 1, bids: [100, 10], asks: [101, 0], snapshot: false },
      tradeAt(T0 + 20, 4),
      book(T0 + 30, 98, 102),
    ];
    const file = fileWith('hub.qdrec', [events]);
    const replay = createReplaySource({ file, speed: 'max', markStaleAtEnd: false });
    const hub = new Hub(replay);
    const before = Date.now();
    hub.start();
    await replay.done;
    const view = hub.bookView(1, 10);
    expect(view.bids).toEqual([100, 10, 99, 10, 98, 10]);
    expect(view.asks).toEqual([102, 10]);
    // The paper engine refuses orders when Date.now() - book time > 5 s: a replay is never behind.
    expect(hub.instrumentState(1)!.book.time).toBeGreaterThanOrEqual(before);
    expect(hub.recentTrades(1, 5).map((t) => t.price)).toEqual([104]);
    expect(hub.instrumentState(1)!.live).toBe(true);
    await hub.stop();
  });

  it('stops emitting when stopped mid-replay', async () => {
    vi.useFakeTimers({ now: T0 });
    const file = fileWith('stop.qdrec', [[book(T0, 99, 101, true), tradeAt(T0 + 1000, 1)]]);
    const replay = createReplaySource({ file, speed: 1 });
    const sink = new RecordingSink(true);
    replay.start(sink);
    await replay.stop();
    await expect(replay.done).resolves.toBeUndefined();
    await vi.advanceTimersByTimeAsync(5000);
    expect(sink.events).toHaveLength(1);
    expect(sink.statuses).toEqual([]);
  });

  it('rejects a bad speed or a file that is not a recording', () => {
    const file = fileWith('ok.qdrec', [[book(T0, 99, 101, true)]]);
    for (const speed of [0, -1, Number.NaN, 'fast' as unknown as number]) {
      expect(() => createReplaySource({ file, speed })).toThrow(RangeError);
    }
    const garbage = writeTemp(temp.dir, 'garbage.qdrec', new TextEncoder().encode('hello world'));
    expect(() => createReplaySource({ file: garbage })).toThrow(/not a Quotedeck recording/);
    expect(() => createReplaySource({ file: temp.file('none.qdrec') })).toThrow(/cannot read/);
  });

  it('replays an empty recording by marking instruments not live', async () => {
    const replay = createReplaySource({ file: fileWith('empty.qdrec', []), speed: 'max' });
    const sink = new RecordingSink(true);
    replay.start(sink);
    await replay.done;
    expect(mirrorFlat(sink.books.get(1)?.bids ?? new Map(), true)).toEqual([]);
    expect(sink.statuses).toEqual([{ inst: 1, live: false }]);
  });
});
