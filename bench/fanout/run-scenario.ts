/**
 * One fan-out run: a gateway child at a fixed firehose rate, a load process with N clients, a
 * warm-up, then a measuring window during which the gateway's CPU and RSS are sampled from /proc.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { fetchSymbols } from '../soak/gateway-api';
import { counterRates, scrapeFeedCounters, type FeedCounters } from './gateway-metrics';
import { startGatewayChild, type GatewayChild } from './gateway-process';
import { startLoadChild, type LoadChild } from './load-child';
import type { LoadReport } from './load-messages';
import { readMachineBusySeconds, readProcSample, type ProcSample } from './proc-stats';

/** `shared`: the gateway as it ships; `naive`: its per-client JSON, frame-per-message baseline. */
export type FanoutMode = 'shared' | 'naive';

export interface ScenarioOptions {
  mode: FanoutMode;
  clients: number;
  /** Simulator events per second (the gateway's --rate). */
  rate: number;
  warmupMs: number;
  windowMs: number;
  decodePerProfile: number;
  /** How long all clients may take to connect (default 60 s). */
  connectTimeoutMs?: number;
}

export interface RssTrace {
  startBytes: number;
  endBytes: number;
  maxBytes: number;
  /** [ms since window start, bytes], every RSS_SAMPLE_MS. */
  samples: Array<[number, number]>;
}

export interface ScenarioResult {
  mode: FanoutMode;
  clients: number;
  connected: number;
  failed: number;
  firstError: string | null;
  load: LoadReport;
  messagesPerSecond: number;
  /** Gateway CPU over the window as a fraction of one core. */
  gatewayCpu: number;
  /** Load process CPU over the window as a fraction of one core. */
  loadCpu: number;
  /**
   * CPU used by everything else on the machine during the window (other users' work, the kernel
   * outside these processes), in cores: it competes with the gateway and the load for 2 cores.
   */
  otherCpu: number;
  rss: RssTrace;
  /** Per second over the window, as the gateway's /metrics counts them (NaN when not exported). */
  gatewayCounters: FeedCounters;
}

const RSS_SAMPLE_MS = 500;
const CONNECT_TIMEOUT_MS = 60_000;
/** A saturated gateway answers late; its counters are a cross-check, not worth a long wait. */
const SCRAPE_TIMEOUT_MS = 2_000;

/** Runs one scenario; always stops both children. Throws UnsupportedFlagError for a missing mode. */
export async function runScenario(options: ScenarioOptions): Promise<ScenarioResult> {
  // Thousands of clients from one address: the per-address and REST limits are for the open web.
  const args = [
    ...['--no-static', '--rate', String(options.rate), '--seed', '1'],
    ...['--max-connections-per-ip', '0', '--rate-limit', '0'],
  ];
  if (options.mode === 'naive') args.push('--fanout', 'naive');
  let gateway: GatewayChild | null = null;
  let load: LoadChild | null = null;
  try {
    gateway = await startGatewayChild(args);
    const symbols = await fetchSymbols(gateway.url);
    load = startLoadChild();
    const wsUrl = `${gateway.url.replace(/^http/, 'ws')}/ws${options.mode === 'naive' ? '?format=json' : ''}`;
    const connected = await load.connect(
      {
        url: wsUrl,
        json: options.mode === 'naive',
        oneMessagePerFrame: options.mode === 'naive',
        clients: options.clients,
        decodePerProfile: options.decodePerProfile,
        symbols,
        concurrency: 64,
      },
      options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS,
    );
    await sleep(options.warmupMs);

    // Scraped alongside, never in the way: a saturated gateway may take seconds to answer.
    const countersStart = scrapeFeedCounters(gateway.url, SCRAPE_TIMEOUT_MS).then((counters) => ({
      counters,
      at: performance.now(),
    }));
    await load.mark();
    const start = requireSample(gateway.pid);
    const started = performance.now();
    const samples: Array<[number, number]> = [[0, start.rssBytes]];
    const sampler = setInterval(() => {
      const sample = readProcSample(gateway!.pid);
      if (sample) samples.push([Math.round(performance.now() - started), sample.rssBytes]);
    }, RSS_SAMPLE_MS);
    const loadCpuStart = readProcSample(load.pid);
    const machineStart = readMachineBusySeconds();
    const selfStart = process.cpuUsage();
    await sleep(options.windowMs);
    const report = await load.report();
    clearInterval(sampler);
    const end = requireSample(gateway.pid);
    const loadCpuEnd = readProcSample(load.pid);
    const machineEnd = readMachineBusySeconds();
    const self = process.cpuUsage(selfStart);
    const countersEnd = await scrapeFeedCounters(gateway.url, SCRAPE_TIMEOUT_MS);
    const countersFrom = await countersStart;
    const countersSeconds = (performance.now() - countersFrom.at) / 1000;
    const seconds = (performance.now() - started) / 1000;
    samples.push([Math.round(seconds * 1000), end.rssBytes]);
    const gatewayCpu = (end.cpuSeconds - start.cpuSeconds) / seconds;
    const loadCpu =
      loadCpuStart && loadCpuEnd
        ? (loadCpuEnd.cpuSeconds - loadCpuStart.cpuSeconds) / seconds
        : report.cpuSeconds / seconds;
    const machine =
      machineStart !== null && machineEnd !== null ? (machineEnd - machineStart) / seconds : NaN;
    const selfCpu = (self.user + self.system) / 1e6 / seconds;

    return {
      mode: options.mode,
      clients: options.clients,
      connected: connected.open,
      failed: connected.failed,
      firstError: connected.firstError,
      load: report,
      messagesPerSecond: report.delivery.messages / (report.windowMs / 1000),
      gatewayCpu,
      loadCpu,
      otherCpu: Math.max(0, machine - gatewayCpu - loadCpu - selfCpu),
      rss: {
        startBytes: start.rssBytes,
        endBytes: end.rssBytes,
        maxBytes: Math.max(...samples.map(([, bytes]) => bytes)),
        samples,
      },
      gatewayCounters: counterRates(countersFrom.counters, countersEnd, countersSeconds),
    };
  } finally {
    await load?.stop();
    await gateway?.stop();
  }
}

function requireSample(pid: number): ProcSample {
  const sample = readProcSample(pid);
  if (!sample) throw new Error(`cannot read /proc/${pid} (the fan-out benchmark needs Linux)`);
  return sample;
}
