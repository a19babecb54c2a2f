import { describe, expect, it } from 'vitest';
import { DEFAULT_PACER_OPTIONS, measurePaint, RedrawPacer, type PacerTimers } from './redraw-pacer';

/** A manual clock: timers fire only when `advance` passes their time. */
function fakeTimers() {
  let time = 0;
  let next = 1;
  const due = new Map<number, { at: number; callback: () => void }>();
  const timers: PacerTimers = {
    now: () => time,
    setTimeout(callback, ms) {
      const id = next++;
      due.set(id, { at: time + ms, callback });
      return id;
    },
    clearTimeout(handle) {
      due.delete(handle as number);
    },
  };
  const advance = (ms: number) => {
    const end = time + ms;
    for (;;) {
      const [id, first] = [...due.entries()].sort((a, b) => a[1].at - b[1].at)[0] ?? [];
      if (id === undefined || !first || first.at > end) break;
      due.delete(id);
      time = first.at;
      first.callback();
    }
    time = end;
  };
  return { timers, advance, pending: () => due.size };
}

function pacer(applied: number[]) {
  const clock = fakeTimers();
  const p = new RedrawPacer<number>((v) => applied.push(v), {
    ...DEFAULT_PACER_OPTIONS,
    timers: clock.timers,
  });
  return { p, clock };
}

describe('RedrawPacer', () => {
  it('applies the first update at once and then at most one per gap, always the latest', () => {
    const applied: number[] = [];
    const { p, clock } = pacer(applied);
    p.push(1);
    clock.advance(0);
    expect(applied).toEqual([1]);
    for (let i = 2; i <= 10; i++) {
      p.push(i);
      clock.advance(20);
    }
    // 180 ms after the first: still inside the 200 ms floor.
    expect(applied).toEqual([1]);
    clock.advance(20);
    expect(applied).toEqual([1, 10]);
    clock.advance(1_000);
    expect(applied).toEqual([1, 10]);
  });

  it('slows down when painting is slow, so the chart takes about its share of the thread', () => {
    const applied: number[] = [];
    const { p, clock } = pacer(applied);
    for (let i = 0; i < 5; i++) p.reportCost(60);
    expect(p.gapMs).toBeCloseTo(600);
    p.push(1);
    clock.advance(0);
    p.push(2);
    clock.advance(599);
    expect(applied).toEqual([1]);
    clock.advance(1);
    expect(applied).toEqual([1, 2]);
  });

  it('keeps the floor on a fast machine and a ceiling on a very slow one', () => {
    const { p } = pacer([]);
    p.reportCost(2);
    expect(p.gapMs).toBe(DEFAULT_PACER_OPTIONS.minGapMs);
    for (let i = 0; i < 20; i++) p.reportCost(5_000);
    expect(p.gapMs).toBe(DEFAULT_PACER_OPTIONS.maxGapMs);
  });

  it('ignores costs that are not durations', () => {
    const { p } = pacer([]);
    p.reportCost(Number.NaN);
    p.reportCost(-5);
    p.reportCost(Number.POSITIVE_INFINITY);
    expect(p.gapMs).toBe(DEFAULT_PACER_OPTIONS.minGapMs);
  });

  it('applies nothing after dispose', () => {
    const applied: number[] = [];
    const { p, clock } = pacer(applied);
    p.push(1);
    p.dispose();
    p.push(2);
    clock.advance(5_000);
    expect(applied).toEqual([]);
    expect(clock.pending()).toBe(0);
  });
});

describe('measurePaint', () => {
  it('reports the time between a frame callback queued before the change and one after', () => {
    const frames: (() => void)[] = [];
    let time = 100;
    const reports: number[] = [];
    measurePaint(
      () => frames.push(() => (time += 35)), // the chart's own paint, queued by the change
      (ms) => reports.push(ms),
      (callback) => frames.push(callback),
      () => time,
    );
    for (const callback of frames) callback();
    expect(reports).toEqual([35]);
  });
});
