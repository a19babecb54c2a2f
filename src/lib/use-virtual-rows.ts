/**
 * Fixed-height row virtualization for the streaming tables (watchlist, tape): only the rows in view
 * (plus a margin) are rendered; spacer rows of `padTop`/`padBottom` pixels keep the scroll height.
 *
 * Written here rather than taken from a virtualization library: with rows of one fixed height it is
 * a division, and the library cost 5 KB gzip on the critical path, past its 100 KB budget.
 */
import { useEffect, useState, type RefObject } from 'react';

export interface VirtualRowsOptions {
  count: number;
  rowHeight: number;
  /** Rows rendered beyond the visible ones. */
  overscan: number;
  /** Rows assumed visible before the scroll container has been measured. */
  initialRows: number;
  getItemKey?: (index: number) => number | string;
}

export interface VirtualRow {
  index: number;
  key: number | string;
}

export interface VirtualRows {
  rows: VirtualRow[];
  padTop: number;
  padBottom: number;
}

interface Viewport {
  top: number;
  height: number;
}

/** Which rows of `count` fixed-height rows a viewport shows, with `overscan` rows either side. */
export function visibleRange(
  viewport: Viewport,
  count: number,
  rowHeight: number,
  overscan: number,
): { first: number; last: number } {
  const first = Math.max(0, Math.floor(viewport.top / rowHeight) - overscan);
  const last = Math.min(count, Math.ceil((viewport.top + viewport.height) / rowHeight) + overscan);
  return { first: Math.min(first, last), last };
}

/** The rows of `scroller` to render now, and the spacer heights around them. */
export function useVirtualRows(
  scroller: RefObject<HTMLElement | null>,
  options: VirtualRowsOptions,
): VirtualRows {
  const { count, rowHeight, overscan, initialRows, getItemKey } = options;
  const [view, setView] = useState<Viewport>({ top: 0, height: initialRows * rowHeight });
  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    // Measured only in scroll and resize callbacks, never during render (no forced layout).
    const measure = () => {
      const top = element.scrollTop;
      const height = element.clientHeight;
      setView((current) =>
        current.top === top && (current.height === height || height === 0)
          ? current
          : { top, height: height || current.height },
      );
    };
    element.addEventListener('scroll', measure, { passive: true });
    // A ResizeObserver reports once as soon as it observes: that is the first measurement.
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => {
      element.removeEventListener('scroll', measure);
      observer.disconnect();
    };
  }, [scroller]);
  const { first, last } = visibleRange(view, count, rowHeight, overscan);
  const rows: VirtualRow[] = [];
  for (let index = first; index < last; index += 1) {
    rows.push({ index, key: getItemKey?.(index) ?? index });
  }
  return { rows, padTop: first * rowHeight, padBottom: (count - last) * rowHeight };
}
