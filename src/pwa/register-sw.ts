/** Registers the service worker in production builds and exposes its update flow. */
import type { Workbox } from 'workbox-window';
import {
  createUpdateController,
  type UpdateController,
  type WorkboxLike,
} from './update-controller';

/**
 * workbox-window loaded on demand: registration waits for the page's load event anyway, so the
 * library stays off the critical path. Calls queue on the import in the order they were made.
 */
function lazyWorkbox(url: string): WorkboxLike {
  let ready: Promise<Workbox> | null = null;
  // A failed download (the network dropped just then) is retried by the next call.
  const load = (): Promise<Workbox> =>
    (ready ??= import('workbox-window').then(
      ({ Workbox }) => new Workbox(url),
      (error: unknown) => {
        ready = null;
        throw error;
      },
    ));
  const later = (action: (wb: Workbox) => void): void => {
    load().then(action, () => undefined);
  };
  return {
    addEventListener: (type, listener) => later((wb) => wb.addEventListener(type, listener)),
    removeEventListener: (type, listener) => later((wb) => wb.removeEventListener(type, listener)),
    register: () => load().then((wb) => wb.register()),
    update: () => load().then((wb) => wb.update()),
    messageSkipWaiting: () => later((wb) => wb.messageSkipWaiting()),
  };
}

/** Real browser effects for the update controller. */
function browserEnvironment() {
  return {
    reload: () => window.location.reload(),
    now: () => Date.now(),
    every(ms: number, callback: () => void) {
      const id = window.setInterval(callback, ms);
      return () => window.clearInterval(id);
    },
    onRegainFocus(callback: () => void) {
      const onVisibility = (): void => {
        if (document.visibilityState === 'visible') callback();
      };
      window.addEventListener('focus', callback);
      document.addEventListener('visibilitychange', onVisibility);
      return () => {
        window.removeEventListener('focus', callback);
        document.removeEventListener('visibilitychange', onVisibility);
      };
    },
  };
}

/**
 * Registers /sw.js and starts the update checks; null in development (no worker is built) and in
 * browsers without service workers.
 */
export function registerServiceWorker(): UpdateController | null {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return null;
  const controller = createUpdateController(lazyWorkbox('/sw.js'), browserEnvironment());
  controller.start().catch((error: unknown) => {
    // Without a worker the app still runs online; it just can't open offline.
    console.warn('Service worker registration failed', error);
  });
  return controller;
}
