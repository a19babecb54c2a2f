import { describe, expect, it } from 'vitest';
import { ingestRows, type StepFigures } from './ingest-rows';

const step = (target: number, fields: Partial<StepFigures> = {}): StepFigures => ({
  target,
  delivered: target,
  longTasks: 0,
  frameP95Ms: 16.7,
  commitsPerSec: 55,
  latencyP50Ms: 20,
  latencyP99Ms: 40,
  heapGrowth: Number.NaN,
  ...fields,
});

describe('ingestRows', () => {
  it('pairs each step with the baseline at the same target and judges goals only at 20k', () => {
    const rows = ingestRows(
      [step(1_000), step(20_000, { heapGrowth: 0.02, latencyP99Ms: 70 })],
      [step(1_000, { longTasks: 4 }), step(20_000, { longTasks: 30, frameP95Ms: 120 })],
      { ours: 20_000, naive: 0 },
    );
    const find = (figure: string) => rows.find((r) => r.figure === figure);
    expect(find('1k target: long tasks > 50 ms')).toMatchObject({ ours: 0, baseline: 4 });
    expect(find('1k target: long tasks > 50 ms')?.goal).toBeUndefined();
    expect(find('20k target: p95 frame interval')).toMatchObject({
      ours: 16.7,
      baseline: 120,
      goal: '≤ 17 ms',
      met: true,
    });
    expect(find('20k target: tick-to-screen p99')).toMatchObject({ met: false });
    expect(find('20k target: heap growth over 60 s')).toMatchObject({ ours: 2, met: true });
    expect(find('highest rate with zero long tasks')).toMatchObject({ ours: 20_000, baseline: 0 });
  });

  it('leaves the baseline NaN where it did not run, and unjudged what was not measured', () => {
    const rows = ingestRows([step(20_000, { latencyP99Ms: Number.NaN })], [], {
      ours: 0,
      naive: 0,
    });
    const p99 = rows.find((r) => r.figure === '20k target: tick-to-screen p99');
    expect(p99?.baseline).toBeNaN();
    expect(p99?.met).toBeUndefined();
  });
});
