/**
 * After a deploy, an open page may ask for a chunk the server no longer has. One reload fetches
 * the new index and its chunks; a sessionStorage mark (per build) keeps a missing chunk on the
 * same build from reloading in a loop — then the app shows an error state instead.
 */

/** sessionStorage key: the build id the page last reloaded itself on. */
export const CHUNK_RELOAD_KEY = 'quotedeck:chunk-reload';

export interface ChunkReloadGuard {
  /** Reloads unless this build already reloaded once this session; true when it reloads. */
  reloadOnce(): boolean;
  /** True after reloadOnce() started a reload (the page is going away). */
  isReloading(): boolean;
}

type SessionStore = Pick<Storage, 'getItem' | 'setItem'>;

/** A guard over `storage` for the running `buildId`. */
export function createChunkReloadGuard(
  storage: SessionStore,
  buildId: string,
  reload: () => void,
): ChunkReloadGuard {
  let reloading = false;
  return {
    reloadOnce() {
      if (reloading) return true;
      try {
        if (storage.getItem(CHUNK_RELOAD_KEY) === buildId) return false;
        storage.setItem(CHUNK_RELOAD_KEY, buildId);
      } catch {
        // Without storage there is no loop guard, so no automatic reload at all.
        return false;
      }
      reloading = true;
      reload();
      return true;
    },
    isReloading: () => reloading,
  };
}

const CHUNK_ERROR =
  /Failed to fetch dynamically imported module|error loading dynamically imported module|Importing a module script failed|Unable to preload CSS|Loading (CSS )?chunk .* failed/i;

/** True for the errors browsers (and Vite's preload helper) raise when a chunk can't be loaded. */
export function isChunkLoadError(error: unknown): boolean {
  const message =
    error instanceof Error ? error.message : typeof error === 'string' ? error : undefined;
  return message !== undefined && CHUNK_ERROR.test(message);
}

/**
 * Listens for Vite's `vite:preloadError` on `target` and reloads once; when the guard refuses, the
 * error is left to propagate to the error boundary. Returns an unsubscribe.
 */
export function handlePreloadErrors(target: EventTarget, guard: ChunkReloadGuard): () => void {
  const listener = (event: Event): void => {
    if (guard.reloadOnce()) event.preventDefault();
  };
  target.addEventListener('vite:preloadError', listener);
  return () => target.removeEventListener('vite:preloadError', listener);
}
