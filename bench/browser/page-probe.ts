/**
 * What the benchmark measures from outside the app, injected into every page before its scripts
 * run: long tasks (PerformanceObserver), rAF frame intervals, and React commits through a minimal
 * `__REACT_DEVTOOLS_GLOBAL_HOOK__` (React calls `onCommitFiberRoot` on every commit, production
 * builds included). The same probe runs on both clients, so its own small cost is shared.
 */
import type { Page } from '@playwright/test';
import { percentile } from '../../src/perf/percentile';

/** Raw figures of one measuring period. */
export interface ProbeReading {
  elapsedMs: number;
  longTasks: number;
  longTaskMs: number;
  commits: number;
  frameIntervals: number[];
}

/**
 * The probe's source, as plain JavaScript text: a serialized TypeScript function would carry the
 * transpiler's helpers (e.g. tsx's `__name`), which do not exist in the page.
 */
export const PROBE_SOURCE = `(() => {
  const probe = { since: performance.now(), longTasks: 0, longTaskMs: 0, commits: 0, frames: [], last: 0 };
  Object.defineProperty(window, '__benchProbe', { value: probe, configurable: true });
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        probe.longTasks++;
        probe.longTaskMs += entry.duration;
      }
    }).observe({ type: 'longtask' });
  } catch (error) {
    // No longtask support: the count stays 0.
  }
  const hook = {
    supportsFiber: true,
    isDisabled: false,
    renderers: new Map(),
    inject: () => 1,
    onCommitFiberRoot: () => { probe.commits++; },
    onCommitFiberUnmount: () => undefined,
    onPostCommitFiberRoot: () => undefined,
    onScheduleFiberRoot: () => undefined,
    checkDCE: () => undefined,
  };
  Object.defineProperty(window, '__REACT_DEVTOOLS_GLOBAL_HOOK__', { value: hook, configurable: true });
  const loop = (time) => {
    if (probe.last > 0 && probe.frames.length < 20000) probe.frames.push(time - probe.last);
    probe.last = time;
    requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
})();`;

/** Starts a new measuring period in the page. */
export async function resetProbe(page: Page): Promise<void> {
  await page.evaluate(() => {
    const probe: unknown = Reflect.get(window, '__benchProbe');
    if (typeof probe !== 'object' || probe === null) throw new Error('bench probe missing');
    Object.assign(probe, {
      since: performance.now(),
      longTasks: 0,
      longTaskMs: 0,
      commits: 0,
      frames: [],
    });
  });
}

/** Reads the period's figures from the page. */
export async function readProbe(page: Page): Promise<ProbeReading> {
  const raw: unknown = await page.evaluate(() => {
    const probe: unknown = Reflect.get(window, '__benchProbe');
    if (typeof probe !== 'object' || probe === null) return null;
    return { ...probe, now: performance.now() };
  });
  if (!isRawProbe(raw)) throw new Error('bench probe returned something unexpected');
  return {
    elapsedMs: raw.now - raw.since,
    longTasks: raw.longTasks,
    longTaskMs: raw.longTaskMs,
    commits: raw.commits,
    frameIntervals: raw.frames,
  };
}

interface RawProbe {
  now: number;
  since: number;
  longTasks: number;
  longTaskMs: number;
  commits: number;
  frames: number[];
}

function isRawProbe(value: unknown): value is RawProbe {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    ['now', 'since', 'longTasks', 'longTaskMs', 'commits'].every((k) => typeof v[k] === 'number') &&
    Array.isArray(v.frames) &&
    v.frames.every((f) => typeof f === 'number')
  );
}

/** p95 of the period's frame intervals, ms (NaN without frames). */
export function frameP95(reading: ProbeReading): number {
  return percentile(reading.frameIntervals, 95);
}
