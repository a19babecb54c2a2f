/**
 * Live data renders only where the trader can see it. A panel scrolled out of view (on a phone the
 * dashboard is one long column) keeps its last DOM untouched, so streaming quotes cost it no
 * render, layout or paint; when it scrolls back into view it renders the latest state at once.
 *
 * CSS `content-visibility: auto` would skip offscreen rendering too, but Chromium keeps content
 * within 150 % of the viewport height rendered, which on a phone is the whole dashboard.
 */
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useState,
  useSyncExternalStore,
  type RefObject,
} from 'react';
import type { StoreApi } from 'zustand';

/** Whether the enclosing region is on screen; outside any region, always true. */
export const InViewContext = createContext(true);

/** How far outside the viewport a region counts as visible, so it is fresh before it appears. */
export const IN_VIEW_MARGIN = '200px';

/** Tracks whether `target` intersects the viewport (plus IN_VIEW_MARGIN). True until known. */
export function useInView(target: RefObject<Element | null>): boolean {
  const [inView, setInView] = useState(true);
  useEffect(() => {
    const element = target.current;
    if (!element || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (entries) => {
        const last = entries[entries.length - 1];
        if (last) setInView(last.isIntersecting);
      },
      { rootMargin: `${IN_VIEW_MARGIN} 0px` },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [target]);
  return inView;
}

const NO_SUBSCRIPTION = () => () => {};

/**
 * Reads `selector` from a zustand store, re-rendering on changes only while the enclosing region
 * is in view. Out of view it holds its last render; on the way back in, React re-reads the store.
 * `selector` must return a stable value for unchanged state (a stored object, not a new one).
 */
export function useLiveStore<S, T>(store: StoreApi<S>, selector: (state: S) => T): T {
  const inView = useContext(InViewContext);
  const subscribe = useCallback(
    (onChange: () => void) => (inView ? store.subscribe(onChange) : NO_SUBSCRIPTION()),
    [store, inView],
  );
  const read = () => selector(store.getState());
  return useSyncExternalStore(subscribe, read, read);
}
