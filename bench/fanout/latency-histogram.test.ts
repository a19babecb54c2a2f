import { describe, expect, it } from 'vitest';
import { LatencyHistogram, MAX_TRACKED_MS } from './latency-histogram';

describe('LatencyHistogram', () => {
  it('reports p50 and p99 of 1..100 ms within one bucket', () => {
    const histogram = new LatencyHistogram();
    for (let ms = 1; ms <= 100; ms += 1) histogram.record(ms);
    const summary = histogram.summary();
    expect(summary.count).toBe(100);
    expect(summary.p50).toBeCloseTo(50, 0);
    expect(summary.p99).toBeCloseTo(99, 0);
    expect(summary.max).toBe(100);
  });

  it('lets a few slow messages move p99 but not p50', () => {
    const histogram = new LatencyHistogram();
    for (let i = 0; i < 980; i += 1) histogram.record(5);
    for (let i = 0; i < 20; i += 1) histogram.record(400);
    expect(histogram.quantile(0.5)).toBeCloseTo(5, 0);
    expect(histogram.quantile(0.99)).toBeCloseTo(400, 0);
  });

  it('is empty (NaN) before any sample and after reset', () => {
    const histogram = new LatencyHistogram();
    expect(histogram.summary().p50).toBeNaN();
    histogram.record(3);
    histogram.reset();
    expect(histogram.count).toBe(0);
    expect(histogram.quantile(0.99)).toBeNaN();
  });

  it('clamps malformed samples: negatives count as 0, NaN is ignored, huge values overflow', () => {
    const histogram = new LatencyHistogram();
    histogram.record(-4);
    histogram.record(Number.NaN);
    histogram.record(MAX_TRACKED_MS * 10);
    expect(histogram.count).toBe(2);
    expect(histogram.quantile(0.5)).toBeLessThanOrEqual(0.1);
    expect(histogram.summary().max).toBe(MAX_TRACKED_MS * 10);
  });
});
