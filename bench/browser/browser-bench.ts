/**
 * Benchmark 3, browser ingest: headless Chromium on the dashboard (watchlist, book, tape, chart)
 * at stepped message rates, Quotedeck's worker pipeline against the naive baseline client (JSON,
 * socket on the main thread, one store update per message). Figures per step come from outside
 * the app (long tasks, frame intervals, React commits) and from its `?perf=1` figures (latency);
 * the delivered rate is what the gateway's metrics say it sent.
 */
import { rmSync } from 'node:fs';
import type { Browser, CDPSession } from '@playwright/test';
import { buildNaiveClient } from '../naive-client/build-naive-client';
import type { BenchRow } from '../table';
import { readAppPerf, resetAppPerf, type AppPerfReading } from './app-perf';
import { launchBrowser, newBenchContext, openDashboard, sleep, startGateway } from './harness';
import { frameP95, readProbe, resetProbe, type ProbeReading } from './page-probe';
import { readMetric } from './prom-text';
import { highestSustained, planStep, TARGET_RATES, type StepResult } from './step-plan';
import { ingestRows, type ClientSteps, type StepFigures } from './ingest-rows';

/** Seconds measured per step (after warm-up), and at the heap step. */
const STEP_MS = 15_000;
const HEAP_STEP_MS = 60_000;
const WARM_UP_MS = 3_000;
const HEAP_TARGET = 20_000;

/** Runs benchmark 3 and returns its table rows (also logs progress). */
export async function runBrowserBench(): Promise<BenchRow[]> {
  const browser = await launchBrowser();
  const naiveDir = await buildNaiveClient();
  try {
    const ours: ClientSteps = [];
    for (const target of TARGET_RATES) {
      ours.push(await measureStep(browser, target, undefined, target === HEAP_TARGET));
    }
    const naive: ClientSteps = [];
    for (const target of TARGET_RATES) {
      // Past the heap step, a baseline that already has long tasks only costs time.
      const previous = naive.at(-1);
      if (target > HEAP_TARGET && previous && previous.longTasks > 0) break;
      naive.push(await measureStep(browser, target, naiveDir, false));
    }
    return ingestRows(ours, naive, {
      ours: highestSustained(ours),
      naive: highestSustained(naive),
    });
  } finally {
    await browser.close();
    rmSync(naiveDir, { recursive: true, force: true });
  }
}

async function measureStep(
  browser: Browser,
  target: number,
  staticDir: string | undefined,
  withHeap: boolean,
): Promise<StepFigures> {
  const client = staticDir ? 'naive' : 'quotedeck';
  const plan = planStep(target);
  const gateway = await startGateway(plan.args, staticDir);
  const context = await newBenchContext(browser);
  try {
    const page = await openDashboard(context, gateway.url);
    await sleep(WARM_UP_MS);
    const cdp = await context.newCDPSession(page);
    const heapBefore = withHeap ? await heapAfterGc(cdp) : Number.NaN;
    const sentBefore = await readMetric(gateway.url, 'quotedeck_ws_messages_sent_total');
    const started = Date.now();
    await resetProbe(page);
    await resetAppPerf(page);
    await sleep(withHeap ? HEAP_STEP_MS : STEP_MS);
    const probe = await readProbe(page);
    const perf = await readAppPerf(page);
    const sentAfter = await readMetric(gateway.url, 'quotedeck_ws_messages_sent_total');
    const delivered = ((sentAfter - sentBefore) * 1_000) / (Date.now() - started);
    const heapAfter = withHeap ? await heapAfterGc(cdp) : Number.NaN;
    const figures = stepFigures(target, delivered, probe, perf, heapBefore, heapAfter);
    console.log(
      `  ${client} ${target / 1_000}k: ${Math.round(delivered)} msg/s, ${probe.longTasks} long tasks ` +
        `(${probe.longTaskMs.toFixed(0)} ms in ${(probe.elapsedMs / 1_000).toFixed(0)} s), ` +
        `p95 frame ${figures.frameP95Ms.toFixed(1)} ms, ${figures.commitsPerSec.toFixed(0)} commits/s, ` +
        `latency p50/p99 ${figures.latencyP50Ms.toFixed(0)}/${figures.latencyP99Ms.toFixed(0)} ms`,
    );
    return figures;
  } finally {
    await context.close();
    await gateway.stop();
  }
}

function stepFigures(
  target: number,
  delivered: number,
  probe: ProbeReading,
  perf: AppPerfReading,
  heapBefore: number,
  heapAfter: number,
): StepFigures & StepResult {
  return {
    target,
    delivered,
    // Per minute, so the 60 s heap step compares with the 15 s steps.
    longTasks: (probe.longTasks * 60_000) / probe.elapsedMs,
    frameP95Ms: frameP95(probe),
    commitsPerSec: (probe.commits * 1_000) / probe.elapsedMs,
    latencyP50Ms: perf.latencyP50Ms,
    latencyP99Ms: perf.latencyP99Ms,
    heapGrowth: (heapAfter - heapBefore) / heapBefore,
  };
}

/** Used JS heap after a forced full GC, bytes. */
async function heapAfterGc(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const usage: unknown = await cdp.send('Runtime.getHeapUsage');
  if (typeof usage !== 'object' || usage === null || !('usedSize' in usage)) return Number.NaN;
  return typeof usage.usedSize === 'number' ? usage.usedSize : Number.NaN;
}
