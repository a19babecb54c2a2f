/** Turns the browser-ingest step figures of both clients into table rows, with the goals at 20k. */
import type { BenchRow } from '../table';

/** What one step measured for one client. */
export interface StepFigures {
  target: number;
  /** Messages/s the gateway sent to the page. */
  delivered: number;
  /** Long tasks (> 50 ms) per minute of the step. */
  longTasks: number;
  frameP95Ms: number;
  commitsPerSec: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  /** Relative heap growth over the step after forced GCs (NaN when not measured). */
  heapGrowth: number;
}

export type ClientSteps = StepFigures[];

/** The step whose goals are judged. */
export const GOAL_TARGET = 20_000;

const BENCH = 'browser ingest';

/** Rows per step (ours vs naive at the same target), heap growth, and the highest sustained rate. */
export function ingestRows(
  ours: readonly StepFigures[],
  naive: readonly StepFigures[],
  sustained: { ours: number; naive: number },
): BenchRow[] {
  const rows: BenchRow[] = [];
  for (const step of ours) {
    const base = naive.find((n) => n.target === step.target);
    const at = `${step.target / 1_000}k`;
    const judged = step.target === GOAL_TARGET;
    const row = (
      figure: string,
      pick: (s: StepFigures) => number,
      unit: string,
      better: 'lower' | 'higher',
      goal?: { text: string; met: (value: number) => boolean },
    ): BenchRow => {
      const value = pick(step);
      return {
        bench: BENCH,
        figure: `${at} target: ${figure}`,
        ours: value,
        baseline: base ? pick(base) : Number.NaN,
        unit,
        better,
        ...(judged && goal
          ? { goal: goal.text, ...(Number.isFinite(value) ? { met: goal.met(value) } : {}) }
          : {}),
      };
    };
    rows.push(
      row('delivered rate', (s) => s.delivered, 'msg/s', 'higher'),
      row('long tasks > 50 ms', (s) => s.longTasks, '/min', 'lower', {
        text: '0',
        met: (v) => v === 0,
      }),
      row('p95 frame interval', (s) => s.frameP95Ms, 'ms', 'lower', {
        text: '≤ 17 ms',
        met: (v) => v <= 17,
      }),
      row('React commits', (s) => s.commitsPerSec, '/s', 'lower', {
        text: '≤ 60/s',
        met: (v) => v <= 60,
      }),
      row('tick-to-screen p50', (s) => s.latencyP50Ms, 'ms', 'lower'),
      row('tick-to-screen p99', (s) => s.latencyP99Ms, 'ms', 'lower', {
        text: '≤ 50 ms',
        met: (v) => v <= 50,
      }),
    );
    if (Number.isFinite(step.heapGrowth)) {
      rows.push({
        ...row('heap growth over 60 s', (s) => s.heapGrowth * 100, '%', 'lower', {
          text: '< 10 %',
          met: (v) => v < 10,
        }),
        // The baseline's heap is not measured (its 60 s would not fit the time budget).
        baseline: Number.NaN,
      });
    }
  }
  rows.push({
    bench: BENCH,
    figure: 'highest rate with zero long tasks',
    ours: sustained.ours,
    baseline: sustained.naive,
    unit: 'msg/s',
    better: 'higher',
  });
  return rows;
}
