import { describe, expect, it } from 'vitest';
import { Side } from '../../protocol/messages';
import type { WorkerStats } from '../feed/feed-types';
import { PerfMonitor } from './perf-monitor';

function setup() {
  let clock = 0;
  let callback: ((time: number) => void) | null = null;
  const monitor = new PerfMonitor({
    requestFrame: (cb) => {
      callback = cb;
      return 1;
    },
    cancelFrame: () => {
      callback = null;
    },
    now: () => clock,
    timeOrigin: 1_000_000,
    heap: () => 5_000_000,
  });
  /** Runs the frame loop to `time`. */
  const frame = (time: number) => {
    clock = time;
    const cb = callback;
    callback = null;
    cb?.(time);
  };
  const at = (time: number) => (clock = time);
  return { monitor, frame, at, running: () => callback !== null };
}

const stats = (at: number, messages: number, handleMs: number): WorkerStats => ({
  at,
  messages,
  frames: 1,
  handleMs,
  invalid: 2,
  clockOffsetMs: 0,
  rttMs: 1,
});
const tradeBatch = (time: number) => ({
  trades: [{ inst: 1, reset: false, trades: [{ id: 1, price: 1, size: 1, side: Side.buy, time }] }],
});

describe('PerfMonitor', () => {
  it('measures nothing until started and stops its frame loop on stop', () => {
    const { monitor, running } = setup();
    expect(running()).toBe(false);
    monitor.start();
    expect(running()).toBe(true);
    monitor.stop();
    expect(running()).toBe(false);
  });

  it('takes the p95 frame interval of the last two seconds', () => {
    const { monitor, frame } = setup();
    monitor.start();
    let t = 0;
    for (let i = 0; i < 100; i++) frame((t += i % 10 === 0 ? 50 : 16));
    expect(monitor.snapshot().frameP95Ms).toBe(50);
    // Three seconds of smooth frames later the janky ones are out of the window.
    for (let i = 0; i < 180; i++) frame((t += 16));
    expect(monitor.snapshot().frameP95Ms).toBe(16);
  });

  it('measures tick-to-screen to the first frame after the apply, with the clock offset', () => {
    const { monitor, frame, at } = setup();
    monitor.start();
    frame(100);
    // The gateway clock runs 50 ms ahead of the page's.
    monitor.workerStats({ ...stats(0, 0, 0), clockOffsetMs: 50 });
    at(110);
    // Gateway stamped it at page time 1_000_095 (+50 on its clock).
    monitor.applied(tradeBatch(1_000_145));
    frame(116.7);
    const snap = monitor.snapshot();
    expect(snap.latencyP50Ms).toBeCloseTo(21.7);
    expect(monitor.sinceReset()).toMatchObject({ batches: 1, latencySamples: 1 });
  });

  it('does not count the frame the apply ran in', () => {
    const { monitor, frame, at } = setup();
    monitor.start();
    at(116);
    monitor.applied(tradeBatch(1_000_100));
    // A frame stamped before the apply (the apply ran inside it) does not show it yet.
    frame(110);
    expect(monitor.sinceReset().latencySamples).toBe(0);
    frame(126);
    expect(monitor.sinceReset().latencyP99Ms).toBe(26);
  });

  it('derives messages/s and µs per message from the worker counters', () => {
    const { monitor, at } = setup();
    monitor.start();
    monitor.workerStats(stats(0, 0, 0));
    monitor.workerStats(stats(500, 10_000, 20));
    at(500);
    const snap = monitor.snapshot();
    expect(snap.messagesPerSec).toBe(20_000);
    expect(snap.decodeUsPerMessage).toBe(2);
    expect(snap.invalid).toBe(2);
    expect(snap.heapBytes).toBe(5_000_000);
  });

  it('counts batches per second and totals since reset', () => {
    const { monitor, at } = setup();
    monitor.start();
    for (let i = 0; i < 60; i++) {
      at(i * 16);
      monitor.applied({});
    }
    expect(monitor.snapshot().batchesPerSec).toBe(30);
    monitor.reset();
    monitor.applied({});
    expect(monitor.sinceReset().batches).toBe(1);
  });

  it('says "not measurable" instead of inventing figures', () => {
    const { monitor } = setup();
    monitor.start();
    expect(monitor.snapshot()).toMatchObject({
      messagesPerSec: null,
      decodeUsPerMessage: null,
      frameP95Ms: null,
      latencyP50Ms: null,
      invalid: null,
    });
  });
});
