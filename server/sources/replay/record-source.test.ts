import { appendFileSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { createFakeSource, FAKE_INSTRUMENTS } from '../fake-source';
import { mirrorFlat, RecordingSink, type SinkEvent } from '../recording-sink';
import { createSimulatedSource } from '../sim';
import { frameRecord, MAGIC, RecordingError } from './framing';
import { readRecording } from './read-recording';
import { encodeEvents, type RecordedEvent } from './record-codec';
import { recordSource } from './record-source';
import { createReplaySource } from './replay-source';
import { tempDir, tradeAt } from './test-recording';

const T0 = Date.UTC(2024, 2, 5, 9, 30, 12);
const temp = tempDir();
afterAll(() => temp.remove());
afterEach(() => vi.useRealTimers());

/** Runs the simulator (3 instruments, busy) through a recorder for `ms` of fake time. */
async function recordSim(file: string, ms: number, seed = 7) {
  const sim = createSimulatedSource({ seed, rate: 3000, intervalMs: 10, instruments: 3 });
  const recorder = recordSource(sim, file, { flushMs: 50 });
  const live = new RecordingSink(true);
  recorder.start(live);
  await vi.advanceTimersByTimeAsync(ms);
  await recorder.stop();
  return { sim, recorder, live };
}

function market(events: readonly RecordedEvent[]): SinkEvent[] {
  return events.flatMap((e): SinkEvent[] => (e.type === 'book' || e.type === 'trade' ? [e] : []));
}

function booksOf(sink: RecordingSink) {
  return [...sink.books].map(([inst, b]) => ({
    inst,
    bids: mirrorFlat(b.bids, true),
    asks: mirrorFlat(b.asks, false),
  }));
}

describe('recordSource', () => {
  it('records a simulator session that replays to the same books and trades', async () => {
    vi.useFakeTimers({ now: T0 });
    const file = temp.file('round-trip.qdrec');
    const { sim, recorder, live } = await recordSim(file, 2000);
    expect(recorder.stats.error).toBeNull();
    expect(live.trades).toBeGreaterThan(10);

    const recording = readRecording(file);
    expect(recording.tornTail).toBe(false);
    expect(recording.header).toMatchObject({ source: 'sim', startedAt: T0 });
    expect(recording.header.instruments).toEqual(sim.instruments());
    expect(recording.history).toHaveLength(6);
    for (const h of recording.history) {
      expect(h.candles).toEqual(sim.history(h.inst, h.interval, T0));
      expect(h.candles.length).toBeGreaterThan(100);
    }
    expect(market(recording.events)).toEqual(live.events);

    vi.useRealTimers();
    const replay = createReplaySource({ file, speed: 'max' });
    const replayed = new RecordingSink(true);
    replay.start(replayed);
    await replay.done;
    const offset = replay.offset!;
    expect(replayed.events).toEqual(live.events.map((e) => ({ ...e, time: e.time + offset })));
    expect(booksOf(replayed)).toEqual(booksOf(live));
    expect(booksOf(replayed).every((b) => b.bids.length > 0 && b.asks.length > 0)).toBe(true);
    expect(replayed.trades).toBe(live.trades);
  });

  it('records status changes with the recorder clock and replays them', async () => {
    vi.useFakeTimers({ now: T0 });
    const file = temp.file('status.qdrec');
    const source = createFakeSource();
    const recorder = recordSource(source, file);
    recorder.start(new RecordingSink());
    source.emitBook(1, [100, 1], [101, 1], T0, true);
    vi.setSystemTime(T0 + 40);
    source.emitStatus(1, false);
    source.emitStatus(1, true);
    await recorder.stop();
    const statuses = readRecording(file).events.filter((e) => e.type === 'status');
    expect(statuses).toEqual([
      { type: 'status', time: T0 + 40, inst: 1, live: false },
      { type: 'status', time: T0 + 40, inst: 1, live: true },
    ]);
    vi.useRealTimers();
    const replay = createReplaySource({ file, speed: 'max', markStaleAtEnd: false });
    const sink = new RecordingSink();
    replay.start(sink);
    await replay.done;
    expect(sink.statuses).toEqual([
      { inst: 1, live: false },
      { inst: 1, live: true },
    ]);
  });

  it('appends a new segment after a crash, cutting off the torn record first', async () => {
    vi.useFakeTimers({ now: T0 });
    const file = temp.file('append.qdrec');
    const first = await recordSim(file, 500);
    const clean = readFileSync(file).byteLength;
    // A crash mid-write: half of a record reached the disk.
    const torn = frameRecord(encodeEvents([tradeAt(T0 + 999, 1), tradeAt(T0 + 999, 2)]));
    appendFileSync(file, torn.subarray(0, 13));
    expect(readRecording(file).tail).toEqual({ reason: 'torn', offset: clean, bytes: 13 });

    vi.setSystemTime(T0 + 3_600_000); // restarted an hour later
    const second = await recordSim(file, 500, 8);
    expect(second.recorder.repairedBytes).toBe(13);

    const recording = readRecording(file);
    expect(recording.tornTail).toBe(false);
    expect(recording.segments.map((s) => s.header.startedAt)).toEqual([T0, T0 + 3_600_000]);
    expect(market(recording.events)).toEqual([...first.live.events, ...second.live.events]);

    // The hour between the segments is not waited out: at 1× the replay lasts about a second.
    const replay = createReplaySource({ file, speed: 1 });
    const sink = new RecordingSink();
    replay.start(sink);
    await vi.advanceTimersByTimeAsync(1100);
    expect(replay.emitted).toBe(recording.events.length);
    await replay.done;
    expect(booksOf(sink)).toEqual(booksOf(second.live));
  });

  it('replays what precedes a cut in a recording that never stopped', async () => {
    vi.useFakeTimers({ now: T0 });
    const file = temp.file('cut.qdrec');
    const sim = createSimulatedSource({ seed: 3, rate: 3000, intervalMs: 10, instruments: 2 });
    const recorder = recordSource(sim, file, { blockEvents: 16 });
    const live = new RecordingSink(true);
    recorder.start(live);
    await vi.advanceTimersByTimeAsync(300);
    await recorder.flush();
    await sim.stop(); // the recorder itself is never stopped, as in a crash
    vi.useRealTimers();
    const whole = readRecording(file);
    for (const back of [1, 9, 100]) {
      truncateSync(file, whole.validBytes - back);
      const cut = readRecording(file);
      expect(cut.tornTail).toBe(true);
      expect(cut.events.length).toBeLessThan(whole.events.length);
      expect(cut.events).toEqual(whole.events.slice(0, cut.events.length));
      const replay = createReplaySource({ file, speed: 'max' });
      const sink = new RecordingSink(true);
      replay.start(sink);
      await replay.done;
      expect(sink.events).toEqual(
        market(cut.events).map((e) => ({ ...e, time: e.time + replay.offset! })),
      );
    }
  });

  it('refuses to append other instruments or to a file that is not a recording', async () => {
    vi.useFakeTimers({ now: T0 });
    const file = temp.file('refuse.qdrec');
    await recordSim(file, 100);
    const before = readFileSync(file);
    const other = createFakeSource({ instruments: FAKE_INSTRUMENTS.slice(0, 2) });
    expect(() => recordSource(other, file)).toThrow(/records other instruments/);
    expect(readFileSync(file)).toEqual(before);

    const text = temp.file('notes.txt');
    writeFileSync(text, 'my notes, not a recording');
    expect(() => recordSource(createFakeSource(), text)).toThrow(RecordingError);
    expect(readFileSync(text, 'utf8')).toBe('my notes, not a recording');
    expect(() => recordSource(createFakeSource(), temp.file('no/such/dir.qdrec'))).toThrow();
  });

  it('starts over after the magic when a crash left no complete header', async () => {
    const file = temp.file('headless.qdrec');
    writeFileSync(file, Uint8Array.from([...MAGIC, 40, 0, 0, 0, 1, 2]));
    const source = createFakeSource();
    const recorder = recordSource(source, file);
    expect(recorder.repairedBytes).toBe(6);
    recorder.start(new RecordingSink());
    source.emitTrade(1, 100, 1, 1, T0);
    await recorder.stop();
    const recording = readRecording(file);
    expect(recording.events).toEqual([
      { type: 'trade', time: T0, inst: 1, price: 100, size: 1, side: 1 },
    ]);
    expect(recording.tornTail).toBe(false);
  });
});
