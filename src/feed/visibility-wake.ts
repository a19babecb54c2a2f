/**
 * Tells the feed worker when this page comes back into view after being hidden, with how long it
 * was hidden: a machine that slept leaves sockets dead without a close event and reconnect timers
 * far behind, and the worker should check at once rather than after its next heartbeat or backoff.
 */

/** The parts of `document` used here. */
export interface VisibilitySource {
  readonly visibilityState: DocumentVisibilityState;
  addEventListener(type: 'visibilitychange', listener: () => void): void;
  removeEventListener(type: 'visibilitychange', listener: () => void): void;
}

/** Calls `wake(hiddenMs)` each time the page turns visible again; returns the unwatch function. */
export function watchVisibility(
  source: VisibilitySource,
  wake: (hiddenMs: number) => void,
  now: () => number = Date.now,
): () => void {
  // Date.now, not performance.now: the monotonic clock may not advance while the machine sleeps.
  let hiddenAt: number | null = source.visibilityState === 'hidden' ? now() : null;
  const onChange = () => {
    if (source.visibilityState === 'hidden') {
      hiddenAt ??= now();
      return;
    }
    if (hiddenAt === null) return;
    const hiddenMs = Math.max(0, now() - hiddenAt);
    hiddenAt = null;
    wake(hiddenMs);
  };
  source.addEventListener('visibilitychange', onChange);
  return () => source.removeEventListener('visibilitychange', onChange);
}
