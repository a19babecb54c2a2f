/**
 * The performance overlay (its own lazily loaded chunk): the feed's figures, refreshed twice a
 * second. Fixed in a corner so showing it never moves the dashboard.
 */
import { useEffect, useState } from 'react';
import type { PerfSnapshot } from '../../perf/perf-monitor';
import { acquirePerfMonitor } from '../../perf/perf-session';
import { perfRows } from './perf-format';
import './perf-overlay.css';

/** Something that hands out a running monitor until released (tests pass a fake). */
export type AcquireMonitor = () => { monitor: { snapshot(): PerfSnapshot }; release: () => void };

export interface PerfOverlayProps {
  acquire?: AcquireMonitor;
  refreshMs?: number;
}

export function PerfOverlay({ acquire = acquirePerfMonitor, refreshMs = 500 }: PerfOverlayProps) {
  const [snapshot, setSnapshot] = useState<PerfSnapshot | null>(null);
  useEffect(() => {
    const { monitor, release } = acquire();
    const timer = setInterval(() => setSnapshot(monitor.snapshot()), refreshMs);
    return () => {
      clearInterval(timer);
      release();
    };
  }, [acquire, refreshMs]);
  return (
    <aside className="perf-overlay" aria-label="Performance figures" data-testid="perf-overlay">
      <dl>
        {perfRows(snapshot).map((row) => (
          <div key={row.label} className="perf-row">
            <dt>{row.label}</dt>
            <dd>{row.value}</dd>
          </div>
        ))}
      </dl>
    </aside>
  );
}
