/** Registers the service worker in production builds and exposes its update flow. */
import { Workbox } from 'workbox-window';
import { createUpdateController, type UpdateController } from './update-controller';

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
  const controller = createUpdateController(new Workbox('/sw.js'), browserEnvironment());
  controller.start().catch((error: unknown) => {
    // Without a worker the app still runs online; it just can't open offline.
    console.warn('Service worker registration failed', error);
  });
  return controller;
}
