/**
 * Gateway fan-out benchmark: the gateway (a child process) at a firehose rate with 100, 1,000 and
 * 5,000 WebSocket clients in a separate load process, against the same gateway in its naive
 * per-client JSON mode (`--fanout naive`), plus a 60 s run at 1,000 clients for memory flatness.
 *
 * What is measured, over a window after a warm-up:
 * - delivered messages/s: counted at the clients. 2 clients per subscription profile (spread over
 *   the join order) decode every frame; the others count bytes, converted with their profile's
 *   measured messages per byte (exact in the naive mode: one message per frame). The gateway's own
 *   /metrics count of messages sent is noted beside it as a cross-check.
 * - latency: trade `time` (stamped by the simulator at event time, on this host's clock) to the
 *   decoding client's receipt. It includes the batch tick and the spread of the simulator's 15 ms
 *   step (events of one step are stamped across it); tickers are conflated by design and book
 *   deltas carry no time, so only trades are timed.
 * - gateway CPU and RSS from /proc, so a saturated gateway is not asked anything; the load process
 *   and everything else on the machine are measured too, since all share 2 cores.
 * One load process (no worker threads): the gateway runs on one thread, and with 2 cores a second
 * load thread would only compete with it.
 */
import type { BenchRow } from '../table';
import { UnsupportedFlagError } from './gateway-process';
import { contentionWarning, describeRun, fanoutRows, type FanoutPair } from './fanout-rows';
import { readOpenFileLimit } from './proc-stats';
import { runScenario, type FanoutMode, type ScenarioResult } from './run-scenario';

/**
 * Simulator events per second. The default market runs 400/s and busy markets burst 30–50× their
 * average; 50,000/s is beyond that burst and the top rate of the browser benchmark. At this rate
 * every one of the ~110 instruments changes each 100 ms ticker tick, so a client of the mix is
 * offered ~1,800 messages/s and 1,000 clients ~1.8 M/s: more than the goal, so the gateway, not
 * the source, decides what is delivered. The simulator alone costs ~15 % of a core at this rate.
 */
export const FIREHOSE_RATE = 50_000;

export interface FanoutBenchOptions {
  clientCounts: number[];
  rate: number;
  warmupMs: number;
  windowMs: number;
  /** Length of the flatness run at 1,000 clients; 0 skips it. */
  flatWindowMs: number;
  decodePerProfile: number;
  /** A run that would end after this much time is skipped (and said so). */
  budgetMs: number;
  log: (line: string) => void;
}

export interface FanoutBenchResult {
  rows: BenchRow[];
  /** Human-readable notes: per-run details, caps and skipped runs. */
  notes: string[];
  runs: ScenarioResult[];
}

const DEFAULTS: FanoutBenchOptions = {
  clientCounts: [100, 1_000, 5_000],
  rate: FIREHOSE_RATE,
  warmupMs: 4_000,
  windowMs: 8_000,
  flatWindowMs: 60_000,
  decodePerProfile: 2,
  budgetMs: 5 * 60_000,
  log: (line) => console.log(line),
};

const RUN_OVERHEAD_MS = 12_000;
/** Part of RUN_OVERHEAD_MS that connecting normally takes. */
const CONNECT_SHARE_MS = 5_000;

/** File descriptors each process keeps for itself beyond one per socket. */
const FD_RESERVE = 256;

/** Runs every fan-out scenario within the time budget and returns rows and notes. */
export async function runFanoutBench(
  overrides: Partial<FanoutBenchOptions> = {},
): Promise<FanoutBenchResult> {
  const options = { ...DEFAULTS, ...overrides };
  const { log } = options;
  const started = Date.now();
  const notes: string[] = [
    `firehose: --rate ${options.rate} simulator events/s; window ${options.windowMs / 1000} s after ${options.warmupMs / 1000} s warm-up; ` +
      `${options.decodePerProfile} clients per profile decode every frame, the rest count bytes`,
  ];
  const runs: ScenarioResult[] = [];
  const limit = readOpenFileLimit();
  const maxClients = limit === null ? Infinity : limit - FD_RESERVE;
  let naiveSupported = true;

  const attempt = async (
    mode: FanoutMode,
    clients: number,
    windowMs: number,
  ): Promise<ScenarioResult | null> => {
    if (mode === 'naive' && !naiveSupported) return null;
    // Start-up, connecting, scrapes and shutdown take about this long besides warm-up and window.
    const expected = options.warmupMs + windowMs + RUN_OVERHEAD_MS;
    const left = options.budgetMs - (Date.now() - started);
    if (expected > left) {
      notes.push(
        `skipped ${mode} at ${clients} clients: the ${options.budgetMs / 1000} s budget was spent`,
      );
      return null;
    }
    log(`  ${mode} gateway, ${clients} clients, ${windowMs / 1000} s …`);
    try {
      // Connecting may use what the budget leaves beyond the run itself, so a stalled connect
      // cannot push the benchmark past its budget.
      const connectTimeoutMs = Math.min(
        60_000,
        Math.max(5_000, left - expected + CONNECT_SHARE_MS),
      );
      const run = await runScenario({ ...options, mode, clients, windowMs, connectTimeoutMs });
      runs.push(run);
      notes.push(describeRun(run));
      return run;
    } catch (error) {
      if (error instanceof UnsupportedFlagError) {
        naiveSupported = false;
        notes.push('baseline not measured: this gateway does not accept --fanout naive yet');
        return null;
      }
      notes.push(
        `${mode} at ${clients} clients failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      return null;
    }
  };

  const pairs: FanoutPair[] = [];
  for (const wanted of options.clientCounts) {
    const clients = Math.min(wanted, maxClients);
    if (clients < wanted) {
      notes.push(
        `open-file limit ${limit} (ulimit -n) allows ${clients} clients, not ${wanted}: measured ${clients}`,
      );
    }
    const ours = await attempt('shared', clients, options.windowMs);
    const baseline = await attempt('naive', clients, options.windowMs);
    pairs.push({ clients, ours, baseline });
  }
  const flat =
    options.flatWindowMs > 0
      ? await attempt('shared', Math.min(1_000, maxClients), options.flatWindowMs)
      : null;
  notes.push(`fan-out took ${Math.round((Date.now() - started) / 1000)} s`);
  const warning = contentionWarning(runs);
  if (warning) notes.unshift(warning);
  return { rows: fanoutRows(pairs, flat), notes, runs };
}
