/** Reads the app's own figures (window.__quotedeckPerf, published with `?perf=1`) from a page. */
import type { Page } from '@playwright/test';

/** The figures since the last resetAppPerf(). */
export interface AppPerfReading {
  batches: number;
  latencySamples: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
}

/** Waits until the page published its figures, then starts a new period. */
export async function resetAppPerf(page: Page): Promise<void> {
  await page.waitForFunction(() => Reflect.get(window, '__quotedeckPerf') !== undefined, null, {
    timeout: 15_000,
  });
  await page.evaluate(() => {
    const perf: unknown = Reflect.get(window, '__quotedeckPerf');
    if (typeof perf === 'object' && perf !== null && 'reset' in perf) {
      const reset: unknown = perf.reset;
      if (typeof reset === 'function') reset.call(perf);
    }
  });
}

/** The period's figures; NaN for what was not measured. */
export async function readAppPerf(page: Page): Promise<AppPerfReading> {
  const raw: unknown = await page.evaluate(() => {
    const perf: unknown = Reflect.get(window, '__quotedeckPerf');
    if (typeof perf !== 'object' || perf === null || !('sinceReset' in perf)) return null;
    const sinceReset: unknown = perf.sinceReset;
    return typeof sinceReset === 'function' ? (sinceReset.call(perf) as unknown) : null;
  });
  const record = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const num = (key: string): number => {
    const value = record[key];
    return typeof value === 'number' ? value : Number.NaN;
  };
  return {
    batches: num('batches'),
    latencySamples: num('latencySamples'),
    latencyP50Ms: num('latencyP50Ms'),
    latencyP99Ms: num('latencyP99Ms'),
  };
}
