/**
 * The ticket benchmark's in-page instrumentation and its pure arithmetic. The probe timestamps, in
 * the page's own clock (performance.now()), each Enter in the ticket's size field (the submit),
 * each accepted-order toast the ticket raises (the acknowledgement), rejections, and the first
 * appearance of each order row in the open-orders list (only rows showing `state.price`, when
 * set), all from a MutationObserver, so no Playwright round trip is inside a measured interval.
 */
import { percentile } from '../../src/perf/percentile';

/** What the probe recorded, read from `window.__ticketBench`. */
export interface TicketProbeReading {
  submits: number[];
  acks: number[];
  rejects: string[];
  /** First-seen time of each open-order row, in order of appearance. */
  rows: number[];
}

/**
 * The probe's source as plain JavaScript (a serialized TypeScript function would carry tsx's
 * `__name` helper, which the page lacks). Installed with `addInitScript` before the app runs.
 */
export const TICKET_PROBE_SOURCE = `(() => {
  const state = { submits: [], acks: [], rejects: [], rows: [], seen: new Set(), price: null };
  Object.defineProperty(window, '__ticketBench', { value: state, configurable: true });
  document.addEventListener('keydown', (event) => {
    const target = event.target;
    if (event.key === 'Enter' && target instanceof HTMLElement && target.dataset.testid === 'ticket-size') {
      state.submits.push(performance.now());
    }
  }, true);
  const matching = (node, selector) =>
    node.matches(selector) ? [node] : Array.from(node.querySelectorAll(selector));
  const observer = new MutationObserver((records) => {
    const now = performance.now();
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (!(node instanceof Element)) continue;
        for (const toast of matching(node, '[data-testid="toast"]')) {
          const title = toast.querySelector('strong')?.textContent ?? '';
          if (toast.getAttribute('data-tone') === 'error') state.rejects.push(title);
          else if (/: (open|filled|partially filled)$/.test(title)) state.acks.push(now);
        }
        for (const row of matching(node, '[data-testid="order-row"]')) {
          const id = row.getAttribute('data-order-id');
          if (id === null || state.seen.has(id) || !row.closest('[data-testid="orders-open"]')) continue;
          if (state.price !== null && !(row.textContent ?? '').includes(state.price)) continue;
          state.seen.add(id);
          state.rows.push(now);
        }
      }
    }
  });
  const start = () => observer.observe(document.documentElement, { childList: true, subtree: true });
  if (document.documentElement) start();
  else document.addEventListener('DOMContentLoaded', start, { once: true });
})();`;

/**
 * Pairs the i-th start with the i-th end (orders are sent one at a time) and returns the intervals;
 * throws when the counts differ or an end precedes its start, since the pairing would then be off.
 */
export function pairedIntervals(starts: readonly number[], ends: readonly number[]): number[] {
  if (starts.length !== ends.length) {
    throw new Error(`${starts.length} starts but ${ends.length} ends: cannot pair them`);
  }
  return starts.map((start, i) => {
    const interval = (ends[i] ?? Number.NaN) - start;
    if (!(interval >= 0)) throw new Error(`interval ${i} is ${interval} ms: pairing is off`);
    return interval;
  });
}

/**
 * For each start, the time to the first event at or after it and before the next start (orders are
 * sent one at a time, so that event is its own); NaN where none fell in the window.
 */
export function firstEventAfter(starts: readonly number[], events: readonly number[]): number[] {
  const sorted = [...events].sort((a, b) => a - b);
  let next = 0;
  return starts.map((start, i) => {
    const end = starts[i + 1] ?? Number.POSITIVE_INFINITY;
    while (next < sorted.length && (sorted[next] ?? 0) < start) next++;
    const event = sorted[next];
    return event !== undefined && event < end ? event - start : Number.NaN;
  });
}

/** Median, 99th percentile and count of `samples` (NaN percentiles for none). */
export function latencySummary(samples: readonly number[]): {
  p50: number;
  p99: number;
  count: number;
} {
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), count: samples.length };
}

/**
 * A limit price `fraction` of `reference` (the ticket's price text), rounded down onto the tick
 * grid and at least one tick: in integer price units and as the ticket's text.
 */
export function farPrice(
  reference: string,
  fraction: number,
  priceScale: number,
  tick: number,
): { units: number; text: string } {
  const referenceUnits = Math.round(Number(reference) * 10 ** priceScale);
  const units = Math.max(tick, Math.floor((referenceUnits * fraction) / tick) * tick);
  return { units, text: (units / 10 ** priceScale).toFixed(priceScale) };
}
