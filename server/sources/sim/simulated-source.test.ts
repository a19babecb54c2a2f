import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RecordingSink } from '../recording-sink';
import { createSimulatedSource, type SimulatedSourceOptions } from './simulated-source';

const T0 = Date.UTC(2024, 4, 15, 14, 37, 12, 345);

describe('createSimulatedSource', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('rejects invalid options with a RangeError that says what is wrong', () => {
    const bad: unknown[] = [
      { rate: -1 },
      { rate: Number.NaN },
      { rate: Number.POSITIVE_INFINITY },
      { rate: '400' },
      { seed: 1.5 },
      { seed: Number.NaN },
      { seed: '7' },
      { now: 5 },
      { intervalMs: 0 },
    ];
    for (const options of bad) {
      expect(() => createSimulatedSource(options as SimulatedSourceOptions)).toThrow(RangeError);
    }
    expect(() => createSimulatedSource({ rate: -1 })).toThrow(/rate/);
    expect(() => createSimulatedSource({ seed: 0.5 })).toThrow(/seed/);
  });

  it('snapshots every instrument on start, then streams at about the configured rate', async () => {
    const source = createSimulatedSource({ seed: 3, rate: 400 });
    expect(source.name).toBe('sim');
    const sink = new RecordingSink(true);
    source.start(sink);
    const instruments = source.instruments();
    expect(instruments.length).toBeGreaterThanOrEqual(100);
    expect(sink.events.map((e) => e.type === 'book' && e.snapshot)).toEqual(
      instruments.map(() => true),
    );
    expect(sink.count).toBe(0);

    vi.advanceTimersByTime(10_000);
    expect(sink.count).toBeGreaterThan(3800);
    expect(sink.count).toBeLessThan(4200);
    expect(sink.trades).toBeGreaterThan(100);

    // At the default pace every instrument ticks within a few seconds.
    const ticked = new Set(
      sink.events
        .filter((e) => e.time <= T0 + 3000 && e.type === 'book' && !e.snapshot)
        .map((e) => e.inst),
    );
    expect(ticked.size).toBe(instruments.length);

    await source.stop();
    const after = sink.count;
    vi.advanceTimersByTime(5_000);
    expect(sink.count).toBe(after);
  });

  it('defaults to 400 events per second and scales to a firehose', async () => {
    const calm = createSimulatedSource();
    const calmSink = new RecordingSink();
    calm.start(calmSink);
    vi.advanceTimersByTime(5_000);
    await calm.stop();
    expect(calmSink.count / 5).toBeGreaterThan(380);
    expect(calmSink.count / 5).toBeLessThan(420);

    const firehose = createSimulatedSource({ rate: 100_000 });
    const fastSink = new RecordingSink();
    firehose.start(fastSink);
    vi.advanceTimersByTime(1_000);
    await firehose.stop();
    expect(fastSink.count).toBeGreaterThan(95_000);
    expect(fastSink.count).toBeLessThan(105_000);
  });

  it('refuses a second start while running and can restart after stop', async () => {
    const source = createSimulatedSource({ seed: 9 });
    const sink = new RecordingSink();
    source.start(sink);
    expect(() => source.start(sink)).toThrow(/already running/);
    await source.stop();
    const again = new RecordingSink(true);
    source.start(again);
    expect(again.events).toHaveLength(source.instruments().length);
    await source.stop();
  });

  it('serves history that ends where the live book starts', () => {
    const source = createSimulatedSource({ seed: 4 });
    const minutes = source.history(1, '1m', T0);
    const hours = source.history(1, '1h', T0);
    expect(minutes.length).toBeGreaterThanOrEqual(7 * 24 * 60);
    expect(hours.length).toBeGreaterThanOrEqual(30 * 24);
    const sink = new RecordingSink(true);
    source.start(sink);
    const first = sink.events[0];
    const bestBid = first?.type === 'book' ? (first.bids[0] ?? 0) : 0;
    const bestAsk = first?.type === 'book' ? (first.asks[0] ?? 0) : 0;
    const close = minutes.at(-1)?.close ?? 0;
    expect(bestBid).toBeLessThanOrEqual(close);
    expect(bestAsk).toBeGreaterThanOrEqual(close);
    expect(() => source.history(12345, '1m', T0)).toThrow(RangeError);
    void source.stop();
  });
});
