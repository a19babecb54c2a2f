// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { PerfTapSlot } from '../feed/perf-tap';
import { acquirePerfMonitor } from './perf-session';
import { perfRequested } from './perf-requested';

describe('acquirePerfMonitor', () => {
  it('plugs the monitor in while anyone uses it, and out after the last release', () => {
    const slot = new PerfTapSlot();
    const a = acquirePerfMonitor(slot);
    const b = acquirePerfMonitor(slot);
    expect(slot.current).toBe(a.monitor);
    expect(b.monitor).toBe(a.monitor);
    a.release();
    a.release();
    expect(slot.current).toBe(a.monitor);
    b.release();
    expect(slot.current).toBeNull();
  });
});

describe('perfRequested', () => {
  it('is true only for perf=1', () => {
    expect(perfRequested('?perf=1')).toBe(true);
    expect(perfRequested('?symbol=BTC-USD&perf=1')).toBe(true);
    expect(perfRequested('?perf=0')).toBe(false);
    expect(perfRequested('?perf=yes')).toBe(false);
    expect(perfRequested('')).toBe(false);
  });
});
