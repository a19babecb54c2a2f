/** How the overlay writes its figures: fixed units, "n/a" for what cannot be measured. */
import type { PerfSnapshot } from '../../perf/perf-monitor';

const fixed = (value: number | null, digits: number, unit: string): string =>
  value === null ? 'n/a' : `${value.toFixed(digits)} ${unit}`;

/** One labelled figure of the overlay. */
export interface PerfRow {
  label: string;
  value: string;
}

/** The overlay's rows for a snapshot (null: not measured yet). */
export function perfRows(snap: PerfSnapshot | null): PerfRow[] {
  const s = snap;
  return [
    { label: 'Messages in (socket, all tabs)', value: fixed(s?.messagesPerSec ?? null, 0, '/s') },
    { label: 'Batches applied (this tab)', value: fixed(s?.batchesPerSec ?? null, 0, '/s') },
    { label: 'Decode per message (worker)', value: fixed(s?.decodeUsPerMessage ?? null, 1, 'µs') },
    { label: 'Frame time p95', value: fixed(s?.frameP95Ms ?? null, 1, 'ms') },
    {
      label: 'Tick-to-screen p50 / p99',
      value:
        s?.latencyP50Ms == null || s.latencyP99Ms == null
          ? 'n/a'
          : `${s.latencyP50Ms.toFixed(0)} / ${s.latencyP99Ms.toFixed(0)} ms`,
    },
    {
      label: 'JS heap',
      value: s?.heapBytes == null ? 'n/a' : `${(s.heapBytes / 2 ** 20).toFixed(1)} MB`,
    },
    // Frames and messages the worker could not decode or refused, and malformed page commands.
    { label: 'Decode errors (worker)', value: s?.invalid == null ? 'n/a' : String(s.invalid) },
  ];
}
