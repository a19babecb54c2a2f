import { afterAll, describe, expect, it } from 'vitest';
import { encodeValue } from '../../../protocol/codec';
import { createFakeSource } from '../fake-source';
import { RecordingSink } from '../recording-sink';
import { frameRecord } from './framing';
import { parseRecording, readRecording } from './read-recording';
import type { RecordedEvent } from './record-codec';
import { recordSource } from './record-source';
import { createReplaySource } from './replay-source';
import { buildRecording, tempDir, tradeAt, writeTemp } from './test-recording';

const T0 = Date.UTC(2024, 0, 10, 12, 0, 0);
const stats = (open24: number | null): RecordedEvent => ({
  type: 'stats',
  time: T0 + 10,
  inst: 1,
  stats: { open24, high24: 120, low24: 90, volume24: 5000 },
});

const temp = tempDir();
afterAll(() => temp.remove());

describe('recordings: exchange 24h statistics', () => {
  it('round-trip through the codec, with and without an open', () => {
    const events = [tradeAt(T0, 1), stats(100), stats(null), tradeAt(T0 + 20, 2)];
    expect(parseRecording(buildRecording([events]).bytes).events).toEqual(events);
  });

  it('an events record with a misshapen stats event is where the readable part ends', () => {
    const good = buildRecording([[tradeAt(T0, 1)]]).bytes;
    const bad = frameRecord(encodeValue([2, [4, T0, 1, 100, 120, 90]]));
    const recording = parseRecording(Uint8Array.from([...good, ...bad]));
    expect(recording.events).toEqual([tradeAt(T0, 1)]);
    expect(recording.tornTail).toBe(true);
  });

  it('are recorded as the source emits them, passed on, and replayed with shifted times', async () => {
    const file = temp.file('stats.qdrec');
    const source = createFakeSource();
    const recorder = recordSource(source, file, { now: () => T0 });
    const live = new RecordingSink();
    recorder.start(live);
    const figures = { open24: 100_000, high24: 101_000, low24: 99_000, volume24: 42 };
    source.emitBook(1, [100_000, 1], [100_010, 1], T0, true);
    source.emitDayStats(1, figures, T0 + 1);
    await recorder.stop();
    expect(live.dayStatsLog).toEqual([{ inst: 1, stats: figures, time: T0 + 1 }]);
    expect(readRecording(file).events.filter((e) => e.type === 'stats')).toEqual([
      { type: 'stats', time: T0 + 1, inst: 1, stats: figures },
    ]);

    const replay = createReplaySource({ file, speed: 'max', markStaleAtEnd: false });
    const replayed = new RecordingSink();
    replay.start(replayed);
    await replay.done;
    expect(replayed.dayStatsLog).toEqual([
      { inst: 1, stats: figures, time: T0 + 1 + replay.offset! },
    ]);
  });

  it('older recordings, which have none, still read', () => {
    const file = writeTemp(temp.dir, 'old.qdrec', buildRecording([[tradeAt(T0, 1)]]).bytes);
    expect(readRecording(file).events).toEqual([tradeAt(T0, 1)]);
  });
});
