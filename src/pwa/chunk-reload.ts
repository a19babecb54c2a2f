/**
 * After a deploy, an open page may ask for a chunk the server no longer has. One reload fetches
 * the new index and its chunks; a sessionStorage mark (per build) keeps a missing chunk on the
 * same build from reloading in a loop — then the app shows an error state instead.
 */

/** sessionStorage key: the build id the page last reloaded itself on. */
export const CHUNK_RELOAD_KEY = 'quotedeck:chunk-reload';

export interface ChunkReloadGuard {
  /**
   * Reloads when the server answers (a deploy removed the chunk, not an outage) and this build has
   * not reloaded itself yet this session; resolves true when the page is reloading.
   */
  reloadIfDeployed(): Promise<boolean>;
  /** True after reloadIfDeployed() started a reload (the page is going away). */
  isReloading(): boolean;
}

type SessionStore = Pick<Storage, 'getItem' | 'setItem'>;

/**
 * A guard over `storage` for the running `buildId`. `serverAnswers` tells a deploy from an outage:
 * reloading while the network or the gateway is down would only trade the app for an error page.
 */
export function createChunkReloadGuard(
  storage: SessionStore,
  buildId: string,
  reload: () => void,
  serverAnswers: () => Promise<boolean>,
): ChunkReloadGuard {
  let reloading = false;
  return {
    async reloadIfDeployed() {
      if (reloading) return true;
      if (!(await serverAnswers())) return false;
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

/** Asks the gateway directly (the service worker never answers /healthz from a cache). */
export async function gatewayAnswers(): Promise<boolean> {
  try {
    return (await fetch('/healthz', { cache: 'no-store' })).ok;
  } catch {
    return false;
  }
}

const CHUNK_ERROR =
  /Failed to fetch dynamically imported module|error loading dynamically imported module|Importing a module script failed|Unable to preload CSS|Loading (CSS )?chunk .* failed/i;

/** True for the errors browsers (and Vite's preload helper) raise when a chunk can't be loaded. */
export function isChunkLoadError(error: unknown): boolean {
  const message =
    error instanceof Error ? error.message : typeof error === 'string' ? error : undefined;
  return message !== undefined && CHUNK_ERROR.test(message);
}
