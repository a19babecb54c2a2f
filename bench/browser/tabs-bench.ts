/**
 * Benchmark 4, tabs: four pages of one browser on the dashboard. Quotedeck's tabs share one
 * SharedWorker and so one WebSocket, which the gateway's metrics must show; the naive baseline
 * opens one socket per tab. Each tab must still render at frame rate and keep applying batches.
 */
import { rmSync } from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import { buildNaiveClient } from '../naive-client/build-naive-client';
import type { BenchRow } from '../table';
import { readAppPerf, resetAppPerf } from './app-perf';
import {
  launchBrowser,
  newBenchContext,
  openDashboard,
  openDashboardWindow,
  sleep,
  startGateway,
} from './harness';
import { frameP95, readProbe, resetProbe } from './page-probe';
import { readMetric } from './prom-text';
import { planStep } from './step-plan';

const TABS = 4;
const TARGET = 1_000;
const MEASURE_MS = 8_000;
const BENCH = 'tabs';

interface TabsFigures {
  connections: number;
  /** Worst tab's p95 frame interval, ms. */
  worstFrameP95Ms: number;
  /** Fewest batches (or, for the baseline, latency frames) any tab applied per second. */
  minBatchesPerSec: number;
  perTab: Array<{ frameP95Ms: number; batchesPerSec: number }>;
}

/** Runs benchmark 4 and returns its table rows (also logs per-tab figures). */
export async function runTabsBench(): Promise<BenchRow[]> {
  const browser = await launchBrowser(true);
  const naiveDir = await buildNaiveClient();
  try {
    const ours = await measureTabs(browser, undefined);
    const naive = await measureTabs(browser, naiveDir);
    return [
      {
        bench: BENCH,
        figure: `gateway WebSocket connections for ${TABS} tabs`,
        ours: ours.connections,
        baseline: naive.connections,
        unit: 'conns',
        better: 'lower',
        goal: '1',
        met: ours.connections === 1,
      },
      {
        bench: BENCH,
        figure: 'worst tab p95 frame interval',
        ours: ours.worstFrameP95Ms,
        baseline: naive.worstFrameP95Ms,
        unit: 'ms',
        better: 'lower',
        goal: '≤ 17 ms (frame rate)',
        ...(Number.isFinite(ours.worstFrameP95Ms) ? { met: ours.worstFrameP95Ms <= 17 } : {}),
      },
      {
        bench: BENCH,
        figure: 'fewest batches applied by a tab',
        ours: ours.minBatchesPerSec,
        baseline: Number.NaN,
        unit: '/s',
        better: 'higher',
      },
    ];
  } finally {
    await browser.close();
    rmSync(naiveDir, { recursive: true, force: true });
  }
}

async function measureTabs(browser: Browser, staticDir: string | undefined): Promise<TabsFigures> {
  const gateway = await startGateway(planStep(TARGET).args, staticDir);
  const context = await newBenchContext(browser);
  try {
    const first = await openDashboard(context, gateway.url);
    const pages: Page[] = [first];
    while (pages.length < TABS) pages.push(await openDashboardWindow(context, first, gateway.url));
    await sleep(1_000);
    for (const page of pages) {
      await resetProbe(page);
      await resetAppPerf(page);
    }
    const connections = await readMetric(gateway.url, 'quotedeck_ws_connections');
    await sleep(MEASURE_MS);
    const perTab = [];
    for (const page of pages) {
      const probe = await readProbe(page);
      const perf = await readAppPerf(page);
      perTab.push({
        frameP95Ms: frameP95(probe),
        batchesPerSec: (perf.batches * 1_000) / probe.elapsedMs,
      });
    }
    const client = staticDir ? 'naive' : 'quotedeck';
    console.log(
      `  ${client}: ${connections} connection(s); per tab p95 frame / batches/s: ` +
        perTab
          .map((t) => `${t.frameP95Ms.toFixed(1)} ms / ${t.batchesPerSec.toFixed(0)}`)
          .join(', '),
    );
    return {
      connections,
      worstFrameP95Ms: Math.max(...perTab.map((t) => t.frameP95Ms)),
      minBatchesPerSec: Math.min(...perTab.map((t) => t.batchesPerSec)),
      perTab,
    };
  } finally {
    await context.close();
    await gateway.stop();
  }
}
