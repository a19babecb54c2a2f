import { describe, expect, it } from 'vitest';
import {
  countErrorLogLines,
  median,
  slopePerMinute,
  soakRows,
  summarizeRss,
  type RssSample,
} from './soak-stats';

const MB = 1024 * 1024;

describe('median', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});

describe('slopePerMinute', () => {
  it('fits bytes per minute through the samples', () => {
    const samples: RssSample[] = [0, 1, 2, 3].map((i) => [i * 30_000, 100 + i * 5]);
    expect(slopePerMinute(samples)).toBeCloseTo(10);
  });

  it('is NaN for fewer than two samples or a single instant', () => {
    expect(slopePerMinute([[0, 1]])).toBeNaN();
    expect(
      slopePerMinute([
        [5, 1],
        [5, 2],
      ]),
    ).toBeNaN();
  });
});

describe('summarizeRss', () => {
  it('judges growth by the medians of the first and last tenth, not by one spike', () => {
    // 100 MB flat with a GC spike to 180 MB in the last tenth and one dip in the first.
    const samples: RssSample[] = Array.from({ length: 100 }, (_, i) => [i * 1000, 100 * MB]);
    samples[95] = [95_000, 180 * MB];
    samples[2] = [2_000, 60 * MB];
    const summary = summarizeRss(samples);
    expect(summary.startBytes).toBe(100 * MB);
    expect(summary.endBytes).toBe(100 * MB);
    expect(summary.maxBytes).toBe(180 * MB);
    expect(summary.growth).toBe(0);
  });

  it('sees steady growth as growth, whatever order the samples come in', () => {
    const samples: RssSample[] = Array.from({ length: 20 }, (_, i) => [i * 1000, (100 + i) * MB]);
    const summary = summarizeRss(samples.reverse());
    expect(summary.startBytes).toBe(100.5 * MB);
    expect(summary.endBytes).toBe(118.5 * MB);
    expect(summary.growth).toBeCloseTo(18 / 100.5);
    expect(summary.slopePerMinute).toBeCloseTo(60 * MB);
  });

  it('uses one sample per edge when there are few, and NaN when there are none', () => {
    const summary = summarizeRss([
      [0, 100],
      [1000, 110],
    ]);
    expect(summary).toMatchObject({ startBytes: 100, endBytes: 110, maxBytes: 110 });
    expect(summary.growth).toBeCloseTo(0.1);
    expect(summarizeRss([]).growth).toBeNaN();
  });
});

describe('countErrorLogLines', () => {
  it('counts pino lines at error and fatal, ignoring the rest and cut lines', () => {
    const text = [
      '{"level":40,"msg":"slow"}',
      '{"level":50,"msg":"boom"}',
      'Quotedeck gateway ready',
      '{"level":60,"msg":"dead"}',
      'vel":50,"msg":"cut"}',
      '{"level":50,"msg":"cut',
    ].join('\n');
    expect(countErrorLogLines(text)).toBe(2);
  });
});

describe('soakRows', () => {
  const figures = {
    clients: 50,
    minutes: 10,
    rss: summarizeRss([
      [0, 100 * MB],
      [60_000, 105 * MB],
    ]),
    messagesPerSecond: 90_000,
    errors: 0,
    unexpectedCloses: 0,
  };

  it('meets its goals with little growth and no errors or closes', () => {
    const rows = soakRows(figures);
    const growth = rows.find((r) => r.figure.endsWith('RSS growth after warm-up'))!;
    expect(growth.ours).toBeCloseTo(5);
    expect(growth.met).toBe(true);
    expect(rows.filter((r) => r.goal !== undefined).every((r) => r.met === true)).toBe(true);
    expect(rows[0]!.figure).toBe('50 clients, 10 min: gateway RSS after warm-up');
  });

  it('misses them with too much growth, one error or one close; growth unknown is not measured', () => {
    const grown = soakRows({
      ...figures,
      rss: summarizeRss([
        [0, 100 * MB],
        [60_000, 111 * MB],
      ]),
      errors: 1,
      unexpectedCloses: 1,
    });
    expect(grown.filter((r) => r.goal !== undefined).map((r) => r.met)).toEqual([
      false,
      false,
      false,
    ]);
    const unknown = soakRows({ ...figures, rss: summarizeRss([]) });
    expect(unknown.find((r) => r.figure.endsWith('growth after warm-up'))!.met).toBeUndefined();
  });
});
