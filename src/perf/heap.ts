/** The page's JS heap size where the browser tells it (Chromium's non-standard performance.memory). */

/** Used JS heap in bytes, or null where the browser does not say. */
export function usedHeapBytes(perf: unknown = globalThis.performance): number | null {
  if (typeof perf !== 'object' || perf === null || !('memory' in perf)) return null;
  const memory: unknown = perf.memory;
  if (typeof memory !== 'object' || memory === null || !('usedJSHeapSize' in memory)) return null;
  const used: unknown = memory.usedJSHeapSize;
  return typeof used === 'number' && Number.isFinite(used) && used >= 0 ? used : null;
}
