/**
 * "Performance" in the top bar: shows or hides the performance overlay (on from the start with
 * `?perf=1`, which also publishes the figures for benchmarks). The overlay's code loads only when
 * first shown, so the button is all the critical path pays for.
 */
import { lazy, Suspense, useEffect, useState } from 'react';
import { perfRequested } from '../../perf/perf-requested';
import './perf-toggle.css';

const PerfOverlay = lazy(() =>
  import('./perf-overlay').then((module) => ({ default: module.PerfOverlay })),
);

export interface PerfToggleProps {
  /** location.search of the page. */
  search?: string;
}

export function PerfToggle({ search = window.location.search }: PerfToggleProps) {
  const [requested] = useState(() => perfRequested(search));
  const [on, setOn] = useState(requested);
  useEffect(() => {
    if (!requested) return;
    void import('../../perf/perf-session').then((session) => session.publishPerf(window));
  }, [requested]);
  return (
    <>
      <button
        type="button"
        className="perf-toggle"
        aria-pressed={on}
        aria-label="Performance"
        data-testid="perf-toggle"
        onClick={() => setOn((value) => !value)}
      >
        <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
          <path d="M1 13h14v1.5H1zM2 11l3.5-4 3 2.5L13 3l1.2 1-5.5 7.2-3-2.5L3.2 12z" />
        </svg>
        <span className="perf-toggle-text">Performance</span>
      </button>
      {on && (
        <Suspense fallback={null}>
          <PerfOverlay />
        </Suspense>
      )}
    </>
  );
}
