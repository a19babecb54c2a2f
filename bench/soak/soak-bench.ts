/**
 * Soak benchmark: a gateway child at a firehose rate serving 50 WebSocket clients on loopback for
 * 10 minutes (by default). Every client subscribes to a dashboard's mix (fan-out's profiles) and
 * decodes every frame with the protocol codec; gateway RSS is sampled from /proc throughout. It
 * reports RSS after warm-up, its maximum, its end and its growth, delivered messages/s, errors
 * and unexpected closes, and holds growth and errors to stated goals (soak-stats.ts).
 *
 * Not part of `npm test`. Run alone with `npm run bench -- soak`; shorten it with
 * SOAK_MINUTES=1 (window) and SOAK_WARMUP_SECONDS; SOAK_RATE and SOAK_CLIENTS change the load.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { ServerKind } from '../../protocol/messages';
import { FIREHOSE_RATE } from '../fanout/fanout-bench';
import { startGatewayChild, type GatewayChild } from '../fanout/gateway-process';
import { startLoadChild, type LoadChild } from '../fanout/load-child';
import type { LoadReport } from '../fanout/load-messages';
import { readProcSample } from '../fanout/proc-stats';
import { PROFILE_COUNT } from '../fanout/subscription-mix';
import type { BenchRow } from '../table';
import { fetchSymbols, scrapeMetrics, waitUntilReady } from './gateway-api';
import {
  countErrorLogLines,
  soakRows,
  summarizeRss,
  type RssSample,
  type SoakFigures,
} from './soak-stats';

export interface SoakOptions {
  clients: number;
  /** Simulator events per second (the gateway's --rate). */
  rate: number;
  /** Measuring window, ms. */
  windowMs: number;
  /** Time before the window: connecting, snapshots, JIT and heap settling. */
  warmupMs: number;
  sampleMs: number;
  /** How often progress is logged during the window. */
  progressMs: number;
  log: (line: string) => void;
}

export interface SoakResult {
  rows: BenchRow[];
  notes: string[];
  figures: SoakFigures | null;
  /** [ms since window start, gateway RSS bytes]. */
  samples: RssSample[];
}

const CONNECT_TIMEOUT_MS = 60_000;

/** Reads the soak's options from SOAK_* environment variables over the defaults. */
export function soakOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): SoakOptions {
  const number = (name: string, fallback: number): number => {
    const text = env[name];
    if (text === undefined || text.trim() === '') return fallback;
    const value = Number(text);
    if (!Number.isFinite(value) || value <= 0) {
      throw new RangeError(`${name} must be a positive number, got ${JSON.stringify(text)}`);
    }
    return value;
  };
  const minutes = number('SOAK_MINUTES', 10);
  // A minute of warm-up for the full run; a quarter of a short one.
  const warmupSeconds = number('SOAK_WARMUP_SECONDS', Math.min(60, minutes * 15));
  return {
    clients: Math.round(number('SOAK_CLIENTS', 50)),
    rate: number('SOAK_RATE', FIREHOSE_RATE),
    windowMs: minutes * 60_000,
    warmupMs: warmupSeconds * 1000,
    sampleMs: 1000,
    progressMs: 60_000,
    log: (line) => console.log(line),
  };
}

const MB = 1024 * 1024;

/** Runs the soak; always stops its children. A failed run returns a note and no rows. */
export async function runSoakBench(overrides: Partial<SoakOptions> = {}): Promise<SoakResult> {
  const options = { ...soakOptionsFromEnv(), ...overrides };
  const minutes = Math.round((options.windowMs / 60_000) * 100) / 100;
  const notes = [
    `soak: ${options.clients} clients, --rate ${options.rate} simulator events/s, ` +
      `${minutes} min window after ${options.warmupMs / 1000} s warm-up; every client decodes every frame`,
  ];
  let gateway: GatewayChild | null = null;
  let load: LoadChild | null = null;
  const samples: RssSample[] = [];
  try {
    // 50 clients from one address, and nothing here is the open web: limits as fan-out sets them.
    gateway = await startGatewayChild([
      ...['--no-static', '--rate', String(options.rate), '--seed', '1'],
      ...['--max-connections-per-ip', '0', '--rate-limit', '0'],
    ]);
    // Handshakes made while the paper store opens compete with it for the gateway's core.
    await waitUntilReady(gateway.url);
    const symbols = await fetchSymbols(gateway.url);
    load = startLoadChild();
    const connected = await load.connect(
      {
        url: `${gateway.url.replace(/^http/, 'ws')}/ws`,
        json: false,
        oneMessagePerFrame: false,
        clients: options.clients,
        // Enough per profile that every client decodes.
        decodePerProfile: Math.ceil(options.clients / PROFILE_COUNT),
        symbols,
        concurrency: 16,
      },
      CONNECT_TIMEOUT_MS,
    );
    await sleep(options.warmupMs);
    const warmup = await load.report();
    const metricsStart = await scrapeMetrics(gateway.url);
    await load.mark();

    const started = performance.now();
    const sample = (): void => {
      const proc = readProcSample(gateway!.pid);
      if (proc) samples.push([Math.round(performance.now() - started), proc.rssBytes]);
    };
    sample();
    const sampler = setInterval(sample, options.sampleMs);
    let nextProgress = options.progressMs;
    while (performance.now() - started < options.windowMs) {
      const left = options.windowMs - (performance.now() - started);
      await sleep(Math.min(left, nextProgress - (performance.now() - started), 5_000));
      if (performance.now() - started >= nextProgress) {
        nextProgress += options.progressMs;
        const now = await load.report();
        const rss = samples.at(-1)?.[1] ?? NaN;
        options.log(
          `  soak ${Math.round((performance.now() - started) / 1000)} s: gateway RSS ` +
            `${(rss / MB).toFixed(0)} MB, ${now.open} clients open, ` +
            `${Math.round(now.delivery.messages / (now.windowMs / 1000))} msg/s`,
        );
      }
    }
    const report = await load.report();
    clearInterval(sampler);
    sample();
    const metricsEnd = await scrapeMetrics(gateway.url);
    const gatewayExited = readProcSample(gateway.pid) === null;

    const errorLogLines = countErrorLogLines(gateway.stderr());
    const errorMessages = errorsIn(warmup) + errorsIn(report);
    const malformed = warmup.malformedFrames + report.malformedFrames;
    const closes = closesIn(warmup) + closesIn(report);
    const figures: SoakFigures = {
      clients: options.clients,
      minutes,
      rss: summarizeRss(samples),
      messagesPerSecond: report.delivery.messages / (report.windowMs / 1000),
      errors:
        errorMessages + malformed + connected.failed + errorLogLines + (gatewayExited ? 1 : 0),
      unexpectedCloses: closes,
    };
    const delta = (name: string): number =>
      (metricsEnd.get(name) ?? NaN) - (metricsStart.get(name) ?? NaN);
    notes.push(
      `soak: ${connected.open}/${options.clients} connected (${connected.failed} failed` +
        `${connected.firstError ? `, first: ${connected.firstError}` : ''}); ` +
        `${report.delivery.decodedClients} decoded every frame; ${report.open} open at the end`,
      `soak errors: ${errorMessages} error messages, ${malformed} undecodable frames, ` +
        `${errorLogLines} gateway error log lines${gatewayExited ? ', the gateway exited' : ''}; ` +
        `closes by code: ${JSON.stringify(sumCodes(warmup, report))}`,
      `soak gateway counters over the window: ${delta('quotedeck_ws_messages_sent_total')} messages sent, ` +
        `${delta('quotedeck_ws_conflations_total')} conflations, ` +
        `${delta('quotedeck_ws_dropped_messages_total')} messages dropped, ` +
        `${delta('quotedeck_ws_slow_closes_total')} slow closes, ` +
        `${delta('quotedeck_ws_heartbeat_timeouts_total')} heartbeat timeouts; ` +
        `peak unsent bytes of one client ${metricsEnd.get('quotedeck_ws_client_unsent_bytes_peak') ?? NaN}`,
      `soak RSS (MB) every ${Math.round(samples.length / 12) || 1} s: ` +
        samples
          .filter((_, i) => i % (Math.round(samples.length / 12) || 1) === 0)
          .map(([, bytes]) => (bytes / MB).toFixed(0))
          .join(' '),
    );
    return { rows: soakRows(figures), notes, figures, samples };
  } catch (error) {
    notes.push(`soak failed: ${error instanceof Error ? error.message : String(error)}`);
    return { rows: [], notes, figures: null, samples };
  } finally {
    await load?.stop();
    await gateway?.stop();
  }
}

function errorsIn(report: LoadReport): number {
  return report.kinds[String(ServerKind.error)] ?? 0;
}

function closesIn(report: LoadReport): number {
  return Object.values(report.closeCodes).reduce((sum, n) => sum + n, 0);
}

function sumCodes(a: LoadReport, b: LoadReport): Record<string, number> {
  const sum: Record<string, number> = { ...a.closeCodes };
  for (const [code, n] of Object.entries(b.closeCodes)) sum[code] = (sum[code] ?? 0) + n;
  return sum;
}
