/**
 * Fixed-height row virtualization for the streaming tables (watchlist, tape): only the rows in view
 * (plus a margin) are rendered; spacer rows of `padTop`/`padBottom` pixels keep the scroll height.
 */
import { useVirtualizer, type VirtualItem } from '@tanstack/react-virtual';
import type { RefObject } from 'react';

export interface VirtualRowsOptions {
  count: number;
  rowHeight: number;
  /** Rows rendered beyond the visible ones. */
  overscan: number;
  /** Rows assumed visible before the scroll container has been measured. */
  initialRows: number;
  getItemKey?: (index: number) => number | string;
}

export interface VirtualRows {
  rows: VirtualItem[];
  padTop: number;
  padBottom: number;
}

/** The rows of `scroller` to render now, and the spacer heights around them. */
export function useVirtualRows(
  scroller: RefObject<HTMLElement | null>,
  options: VirtualRowsOptions,
): VirtualRows {
  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler here; the virtualizer re-renders on scroll itself
  const virtualizer = useVirtualizer({
    count: options.count,
    getScrollElement: () => scroller.current,
    estimateSize: () => options.rowHeight,
    overscan: options.overscan,
    initialRect: { width: 0, height: options.initialRows * options.rowHeight },
    getItemKey: options.getItemKey,
  });
  const rows = virtualizer.getVirtualItems();
  return {
    rows,
    padTop: rows[0]?.start ?? 0,
    padBottom: virtualizer.getTotalSize() - (rows.at(-1)?.end ?? 0),
  };
}
