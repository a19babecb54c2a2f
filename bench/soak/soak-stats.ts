/**
 * Pure figures of the soak benchmark: gateway RSS over the run, judged by its trend rather than
 * by single samples (V8's heap breathes by tens of MB between collections), and the rows and
 * goals of the table.
 */
import type { BenchRow } from '../table';

export const SOAK_GOALS = {
  /**
   * After warm-up, RSS at the end may exceed RSS at the start by at most this fraction. The
   * gateway's state is bounded by design (books to their depth, tapes to their length, candles
   * by interval), so after warm-up nothing should grow with time: a leak of one small object per
   * delivered message would grow by gigabytes in 10 minutes, while 10 % of a ~150 MB process
   * leaves room for the heap's sawtooth and a slowly forming candle history.
   */
  rssGrowth: 0.1,
  errors: 0,
  unexpectedCloses: 0,
} as const;

/** [ms since the window started, resident bytes]. */
export type RssSample = readonly [number, number];

export interface RssSummary {
  /** Median of the samples in the first `edgeShare` of the window. */
  startBytes: number;
  /** Median of the samples in the last `edgeShare` of the window. */
  endBytes: number;
  maxBytes: number;
  /** (end − start) / start; NaN without samples. */
  growth: number;
  /** Least-squares slope over the window in bytes per minute; NaN with fewer than 2 samples. */
  slopePerMinute: number;
}

/** The median of `values` (NaN when empty). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Least-squares slope of bytes over time, in bytes per minute (NaN when it cannot be fitted). */
export function slopePerMinute(samples: readonly RssSample[]): number {
  if (samples.length < 2) return NaN;
  const n = samples.length;
  const meanT = samples.reduce((sum, [t]) => sum + t, 0) / n;
  const meanB = samples.reduce((sum, [, b]) => sum + b, 0) / n;
  let covariance = 0;
  let variance = 0;
  for (const [t, b] of samples) {
    covariance += (t - meanT) * (b - meanB);
    variance += (t - meanT) ** 2;
  }
  return variance === 0 ? NaN : (covariance / variance) * 60_000;
}

/**
 * Summarizes RSS samples of a window: start and end are medians of the first and last
 * `edgeShare` of the samples (at least one each), so one sample taken just before or after a
 * collection decides neither.
 */
export function summarizeRss(samples: readonly RssSample[], edgeShare = 0.1): RssSummary {
  if (samples.length === 0) {
    return { startBytes: NaN, endBytes: NaN, maxBytes: NaN, growth: NaN, slopePerMinute: NaN };
  }
  const sorted = [...samples].sort((a, b) => a[0] - b[0]);
  const edge = Math.max(1, Math.round(sorted.length * edgeShare));
  const startBytes = median(sorted.slice(0, edge).map(([, b]) => b));
  const endBytes = median(sorted.slice(-edge).map(([, b]) => b));
  return {
    startBytes,
    endBytes,
    maxBytes: Math.max(...sorted.map(([, b]) => b)),
    growth: (endBytes - startBytes) / startBytes,
    slopePerMinute: slopePerMinute(sorted),
  };
}

/** Pino log lines (JSON) at level error (50) or fatal (60) in `text`. */
export function countErrorLogLines(text: string): number {
  let count = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const parsed: unknown = JSON.parse(line);
      const level =
        typeof parsed === 'object' && parsed !== null ? Reflect.get(parsed, 'level') : undefined;
      if (typeof level === 'number' && level >= 50) count += 1;
    } catch {
      // A line cut by the kept tail of stderr, or not a log line: not counted.
    }
  }
  return count;
}

export interface SoakFigures {
  clients: number;
  minutes: number;
  rss: RssSummary;
  messagesPerSecond: number;
  /**
   * Errors of any kind: error messages the gateway sent the clients, frames they could not
   * decode, clients that failed to connect, and error lines in the gateway's log.
   */
  errors: number;
  /** Clients closed during the run (warm-up included) by anyone but the benchmark. */
  unexpectedCloses: number;
}

const MB = 1024 * 1024;

/** The table rows of a soak run. */
export function soakRows(figures: SoakFigures): BenchRow[] {
  const bench = 'soak';
  const label = `${figures.clients} clients, ${figures.minutes} min`;
  const mb = (bytes: number): number => bytes / MB;
  const judge = (ok: boolean, value: number): boolean | undefined =>
    Number.isFinite(value) ? ok : undefined;
  const row = (
    figure: string,
    ours: number,
    unit: string,
    better: BenchRow['better'],
    goal?: { text: string; met: boolean | undefined },
  ): BenchRow => ({
    bench,
    figure: `${label}: ${figure}`,
    ours,
    baseline: NaN,
    unit,
    better,
    ...(goal ? { goal: goal.text, met: goal.met } : {}),
  });
  const growth = figures.rss.growth * 100;
  return [
    row('gateway RSS after warm-up', mb(figures.rss.startBytes), 'MB', 'lower'),
    row('gateway RSS max', mb(figures.rss.maxBytes), 'MB', 'lower'),
    row('gateway RSS at end', mb(figures.rss.endBytes), 'MB', 'lower'),
    row('gateway RSS growth after warm-up', growth, '%', 'lower', {
      text: `≤ ${SOAK_GOALS.rssGrowth * 100} %`,
      met: judge(figures.rss.growth <= SOAK_GOALS.rssGrowth, growth),
    }),
    row('gateway RSS trend', mb(figures.rss.slopePerMinute), 'MB/min', 'lower'),
    row('delivered messages/s', figures.messagesPerSecond, 'msg/s', 'higher'),
    row('errors', figures.errors, 'count', 'lower', {
      text: `${SOAK_GOALS.errors}`,
      met: figures.errors <= SOAK_GOALS.errors,
    }),
    row('unexpected closes', figures.unexpectedCloses, 'count', 'lower', {
      text: `${SOAK_GOALS.unexpectedCloses}`,
      met: figures.unexpectedCloses <= SOAK_GOALS.unexpectedCloses,
    }),
  ];
}
