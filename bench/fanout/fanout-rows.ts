/** Turns fan-out runs into table rows (goals reported as met or missed) and plain-text notes. */
import type { BenchRow } from '../table';
import type { ScenarioResult } from './run-scenario';

export const FANOUT_GOALS = {
  /** Delivered messages per second at 1,000 clients. */
  messagesPerSecond: 1_000_000,
  goalClients: 1_000,
  p99Ms: 50,
  /** Ours over the baseline, delivered messages per second. */
  ratio: 5,
  /** RSS at the end of the 60 s run may exceed its start by at most this fraction. */
  rssGrowth: 0.1,
} as const;

/** The runs at one client count. */
export interface FanoutPair {
  clients: number;
  ours: ScenarioResult | null;
  baseline: ScenarioResult | null;
}

const MB = 1024 * 1024;
/** `ok` when every figure it rests on was measured, else undefined ("not measured"). */
const judge = (ok: boolean, ...figures: number[]): boolean | undefined =>
  figures.every(Number.isFinite) ? ok : undefined;
const count = (n: number): string => n.toLocaleString('en-US');

/** Table rows for the client-count runs and the 60 s flatness run. */
export function fanoutRows(pairs: readonly FanoutPair[], flat: ScenarioResult | null): BenchRow[] {
  const rows: BenchRow[] = [];
  const bench = 'fan-out';
  for (const { clients, ours, baseline } of pairs) {
    const label = `${count(clients)} clients`;
    const pick = (run: ScenarioResult | null, f: (r: ScenarioResult) => number): number =>
      run ? f(run) : NaN;
    const mps = pick(ours, (r) => r.messagesPerSecond);
    const baseMps = pick(baseline, (r) => r.messagesPerSecond);
    const ratioMet = judge(mps / baseMps >= FANOUT_GOALS.ratio, mps, baseMps);
    const atGoal = clients === FANOUT_GOALS.goalClients;
    rows.push({
      bench,
      figure: `${label}: delivered messages/s`,
      ours: mps,
      baseline: baseMps,
      unit: 'msg/s',
      better: 'higher',
      goal: atGoal
        ? `≥ ${count(FANOUT_GOALS.messagesPerSecond)}/s and ≥ ${FANOUT_GOALS.ratio}× baseline`
        : `≥ ${FANOUT_GOALS.ratio}× baseline`,
      // Missing the absolute goal is a miss even when the baseline could not be measured.
      met: atGoal
        ? mps < FANOUT_GOALS.messagesPerSecond
          ? judge(false, mps)
          : ratioMet
        : ratioMet,
    });
    rows.push({
      bench,
      figure: `${label}: trade latency p50`,
      ours: pick(ours, (r) => r.load.latency.p50),
      baseline: pick(baseline, (r) => r.load.latency.p50),
      unit: 'ms',
      better: 'lower',
    });
    const p99 = pick(ours, (r) => r.load.latency.p99);
    rows.push({
      bench,
      figure: `${label}: trade latency p99`,
      ours: p99,
      baseline: pick(baseline, (r) => r.load.latency.p99),
      unit: 'ms',
      better: 'lower',
      goal: `≤ ${FANOUT_GOALS.p99Ms} ms`,
      met: judge(p99 <= FANOUT_GOALS.p99Ms, p99),
    });
    rows.push({
      bench,
      figure: `${label}: gateway CPU (share of one core)`,
      ours: pick(ours, (r) => r.gatewayCpu * 100),
      baseline: pick(baseline, (r) => r.gatewayCpu * 100),
      unit: '%',
      better: 'lower',
    });
    rows.push({
      bench,
      figure: `${label}: gateway CPU per delivered message`,
      ours: pick(ours, cpuPerMessage),
      baseline: pick(baseline, cpuPerMessage),
      unit: 'µs',
      better: 'lower',
    });
    rows.push({
      bench,
      figure: `${label}: gateway RSS max`,
      ours: pick(ours, (r) => r.rss.maxBytes / MB),
      baseline: pick(baseline, (r) => r.rss.maxBytes / MB),
      unit: 'MB',
      better: 'lower',
    });
  }
  if (flat) {
    const label = `${Math.round(flat.load.windowMs / 1000)} s at ${count(flat.clients)} clients`;
    const growth = flat.rss.endBytes / flat.rss.startBytes - 1;
    const noBaseline = { baseline: NaN, better: 'lower' as const };
    rows.push({
      bench,
      figure: `${label}: gateway RSS at start`,
      ours: flat.rss.startBytes / MB,
      unit: 'MB',
      ...noBaseline,
    });
    rows.push({
      bench,
      figure: `${label}: gateway RSS at end`,
      ours: flat.rss.endBytes / MB,
      unit: 'MB',
      ...noBaseline,
      goal: `flat (≤ ${FANOUT_GOALS.rssGrowth * 100} % above start)`,
      met: judge(growth <= FANOUT_GOALS.rssGrowth, growth),
    });
    rows.push({
      bench,
      figure: `${label}: gateway RSS max`,
      ours: flat.rss.maxBytes / MB,
      unit: 'MB',
      ...noBaseline,
    });
    rows.push({
      bench,
      figure: `${label}: delivered messages/s`,
      ours: flat.messagesPerSecond,
      unit: 'msg/s',
      baseline: NaN,
      better: 'higher',
    });
    rows.push({
      bench,
      figure: `${label}: trade latency p99`,
      ours: flat.load.latency.p99,
      unit: 'ms',
      ...noBaseline,
      goal: `≤ ${FANOUT_GOALS.p99Ms} ms`,
      met: judge(flat.load.latency.p99 <= FANOUT_GOALS.p99Ms, flat.load.latency.p99),
    });
  }
  return rows;
}

function cpuPerMessage(run: ScenarioResult): number {
  return (run.gatewayCpu * 1e6) / run.messagesPerSecond;
}

/** Least-squares slope of RSS samples ([ms, bytes]) in MB per minute; NaN with < 2 samples. */
export function rssSlopeMbPerMinute(samples: ReadonlyArray<readonly [number, number]>): number {
  if (samples.length < 2) return NaN;
  const n = samples.length;
  const meanX = samples.reduce((s, [x]) => s + x, 0) / n;
  const meanY = samples.reduce((s, [, y]) => s + y, 0) / n;
  let num = 0;
  let den = 0;
  for (const [x, y] of samples) {
    num += (x - meanX) * (y - meanY);
    den += (x - meanX) ** 2;
  }
  return den === 0 ? NaN : ((num / den) * 60_000) / MB;
}

/** One line per run: what was measured and what else the machine was doing meanwhile. */
export function describeRun(run: ScenarioResult): string {
  const { load } = run;
  const d = load.delivery;
  const g = run.gatewayCounters;
  const seconds = load.windowMs / 1000;
  const pct = (x: number): string => `${Math.round(x * 100)} %`;
  const mb = (bytes: number): string => (bytes / MB).toFixed(0);
  const kinds = Object.entries(load.kinds)
    .map(([kind, n]) => `${kind}:${n}`)
    .join(' ');
  const closes = Object.entries(load.closeCodes)
    .map(([code, n]) => `${code}×${n}`)
    .join(' ');
  return [
    `${run.mode} ${count(run.clients)} clients: ${count(run.connected)} connected` +
      (run.failed > 0 ? ` (${run.failed} failed: ${run.firstError ?? '?'})` : '') +
      `, ${count(load.open)} open at the end${closes ? `, closed in window ${closes}` : ''}`,
    `  ${count(Math.round(run.messagesPerSecond))} msg/s over ${seconds.toFixed(1)} s = ` +
      `${count(d.decodedMessages)} decoded by ${d.decodedClients} clients + ${count(d.derivedMessages)} derived from bytes ` +
      `(same-profile spread ${(d.ratioSpread * 100).toFixed(3)} %); ` +
      `${(d.frames / seconds / Math.max(1, run.connected)).toFixed(1)} frames/s per client, ` +
      `${(d.bytes / seconds / MB).toFixed(1)} MB/s, ${load.textFrames > 0 ? `${count(load.textFrames)} text frames` : 'binary frames'}` +
      (load.malformedFrames > 0 ? `, ${load.malformedFrames} malformed` : '') +
      (d.underivedBytes > 0
        ? `; ${count(d.underivedBytes)} bytes not convertible (no decoded client received anything)`
        : '') +
      (d.framesMismatch > 0
        ? `; ${d.framesMismatch} decoded clients had ≠ 1 message per frame`
        : ''),
    `  latency (trades, n=${count(load.latency.count)}): p50 ${load.latency.p50.toFixed(1)} ms, ` +
      `p99 ${load.latency.p99.toFixed(1)} ms, max ${load.latency.max.toFixed(0)} ms; kinds ${kinds}`,
    `  gateway /metrics: ${count(Math.round(g.messagesSent))} msg/s sent in ${count(Math.round(g.framesSent))} frames/s, ` +
      `${(g.bytesSent / MB).toFixed(1)} MB/s; ${g.conflations.toFixed(1)} conflations/s, ${g.slowCloses.toFixed(1)} slow closes/s`,
    `  CPU: gateway ${pct(run.gatewayCpu)}, load process ${pct(run.loadCpu)}, rest of machine ${pct(run.otherCpu)} (of one core; 2 cores); ` +
      `gateway RSS ${mb(run.rss.startBytes)} → ${mb(run.rss.endBytes)} MB (max ${mb(run.rss.maxBytes)}, ` +
      `slope ${rssSlopeMbPerMinute(run.rss.samples).toFixed(1)} MB/min)`,
  ].join('\n');
}

/** Share of a core that other work may take before a run counts as disturbed. */
export const DISTURBED_CPU = 0.25;

/** A warning when other processes competed for the cores during some runs, else null. */
export function contentionWarning(runs: readonly ScenarioResult[]): string | null {
  const disturbed = runs.filter((run) => run.otherCpu > DISTURBED_CPU);
  if (disturbed.length === 0) return null;
  const shares = disturbed.map((run) => Math.round(run.otherCpu * 100));
  return (
    `WARNING: ${disturbed.length} of ${runs.length} runs shared the 2 cores with other work ` +
    `(${Math.min(...shares)}–${Math.max(...shares)} % of a core outside the gateway and the load process); ` +
    'their figures understate the gateway. Rerun on a quiet machine.'
  );
}
