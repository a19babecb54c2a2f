import { describe, expect, it } from 'vitest';
import type { BenchRow } from '../table';
import { contentionWarning, describeRun, fanoutRows, rssSlopeMbPerMinute } from './fanout-rows';
import type { ScenarioResult } from './run-scenario';

const MB = 1024 * 1024;

function run(over: {
  mps: number;
  p99: number;
  clients?: number;
  rss?: [number, number];
}): ScenarioResult {
  const [start, end] = over.rss ?? [200 * MB, 200 * MB];
  return {
    mode: 'shared',
    clients: over.clients ?? 1000,
    connected: over.clients ?? 1000,
    failed: 0,
    firstError: null,
    load: {
      windowMs: 8000,
      delivery: {
        messages: over.mps * 8,
        decodedMessages: 10,
        derivedMessages: over.mps * 8 - 10,
        decodedClients: 32,
        bytes: 1,
        frames: 1,
        ratioSpread: 0,
        underivedBytes: 0,
        framesMismatch: 0,
      },
      latency: { count: 100, p50: over.p99 / 2, p99: over.p99, max: over.p99 },
      kinds: { '31': 10 },
      textFrames: 0,
      malformedFrames: 0,
      open: over.clients ?? 1000,
      closeCodes: {},
      cpuSeconds: 1,
    },
    messagesPerSecond: over.mps,
    gatewayCpu: 0.9,
    loadCpu: 0.8,
    otherCpu: 0.1,
    gatewayCounters: {
      messagesSent: over.mps,
      framesSent: 1,
      bytesSent: 1,
      conflations: 0,
      slowCloses: 0,
    },
    rss: {
      startBytes: start,
      endBytes: end,
      maxBytes: Math.max(start, end),
      samples: [
        [0, start],
        [60_000, end],
      ],
    },
  };
}

const find = (rows: BenchRow[], figure: string): BenchRow => {
  const row = rows.find((r) => r.figure === figure);
  if (!row) throw new Error(`no row ${figure}`);
  return row;
};

describe('fanoutRows', () => {
  it('judges the 1,000-client goal on both the absolute rate and the ratio', () => {
    const rows = fanoutRows(
      [
        {
          clients: 1000,
          ours: run({ mps: 1_200_000, p99: 30 }),
          baseline: run({ mps: 200_000, p99: 400 }),
        },
      ],
      null,
    );
    expect(find(rows, '1,000 clients: delivered messages/s').met).toBe(true);
    expect(find(rows, '1,000 clients: trade latency p99').met).toBe(true);

    const slow = fanoutRows(
      [
        {
          clients: 1000,
          ours: run({ mps: 900_000, p99: 80 }),
          baseline: run({ mps: 100_000, p99: 400 }),
        },
      ],
      null,
    );
    expect(find(slow, '1,000 clients: delivered messages/s').met).toBe(false);
    expect(find(slow, '1,000 clients: trade latency p99').met).toBe(false);
  });

  it('says "not measured" (undefined) for a ratio without a baseline, but a low rate still misses', () => {
    const rows = fanoutRows(
      [
        { clients: 100, ours: run({ mps: 500_000, p99: 20 }), baseline: null },
        { clients: 1000, ours: run({ mps: 500_000, p99: 20 }), baseline: null },
      ],
      null,
    );
    const at100 = find(rows, '100 clients: delivered messages/s');
    expect(at100.baseline).toBeNaN();
    expect(at100.met).toBeUndefined();
    expect(find(rows, '1,000 clients: delivered messages/s').met).toBe(false);
  });

  it('calls RSS flat when the end is within 10 % of the start', () => {
    const flat = fanoutRows([], run({ mps: 1, p99: 1, rss: [200 * MB, 210 * MB] }));
    expect(find(flat, '8 s at 1,000 clients: gateway RSS at end').met).toBe(true);
    const growing = fanoutRows([], run({ mps: 1, p99: 1, rss: [200 * MB, 260 * MB] }));
    expect(find(growing, '8 s at 1,000 clients: gateway RSS at end').met).toBe(false);
  });
});

describe('rssSlopeMbPerMinute', () => {
  it('fits MB per minute, NaN without two samples', () => {
    expect(
      rssSlopeMbPerMinute([
        [0, 100 * MB],
        [30_000, 105 * MB],
        [60_000, 110 * MB],
      ]),
    ).toBeCloseTo(10);
    expect(rssSlopeMbPerMinute([[0, MB]])).toBeNaN();
  });
});

describe('describeRun', () => {
  it('names the mode, clients, rate and CPU of everyone involved', () => {
    const text = describeRun(run({ mps: 1_234_567, p99: 12 }));
    expect(text).toContain('shared 1,000 clients');
    expect(text).toContain('1,234,567 msg/s');
    expect(text).toContain('load process 80 %');
  });
});

describe('contentionWarning', () => {
  it('warns only when other work took a real share of the cores', () => {
    const quiet = run({ mps: 1, p99: 1 });
    expect(contentionWarning([quiet])).toBeNull();
    const busy = { ...quiet, otherCpu: 0.9 };
    expect(contentionWarning([quiet, busy])).toContain('1 of 2 runs');
    expect(contentionWarning([quiet, busy])).toContain('90 %');
  });
});
