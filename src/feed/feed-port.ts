/**
 * Creates the page's end of the feed worker: a port of the origin's one SharedWorker where the
 * browser has them (one socket for all tabs), else a dedicated worker of this page. A shared worker
 * that fails to start (its script did not load) is replaced by a dedicated one, which the client
 * then tells everything again as if the worker had asked it to rejoin.
 */
import type { WorkerCommand } from './feed-types';
import type { WorkerLike } from './feed-client';

function dedicatedWorker(): WorkerLike {
  return new Worker(new URL('./feed-worker.ts', import.meta.url), {
    type: 'module',
    name: 'feed',
  }) as unknown as WorkerLike;
}

function sharedWorker(): SharedWorker | null {
  if (typeof SharedWorker !== 'function') return null;
  try {
    // The name keys the worker together with its URL, so two builds never share one.
    return new SharedWorker(new URL('./feed-worker.ts', import.meta.url), {
      type: 'module',
      name: 'quotedeck-feed',
    });
  } catch {
    // e.g. a sandboxed or opaque origin: a dedicated worker still works there.
    return null;
  }
}

/** The page's feed worker: shared across the origin's tabs when possible, else dedicated. */
export function createFeedWorker(): WorkerLike {
  const shared = sharedWorker();
  if (!shared) return dedicatedWorker();
  let current: WorkerLike = {
    postMessage: (command: WorkerCommand) => shared.port.postMessage(command),
    get onmessage() {
      return shared.port.onmessage;
    },
    set onmessage(handler) {
      shared.port.onmessage = handler;
    },
    terminate: () => shared.port.close(),
  };
  let handler: WorkerLike['onmessage'] = null;
  shared.onerror = () => {
    shared.port.close();
    current = dedicatedWorker();
    current.onmessage = handler;
    handler?.(new MessageEvent('message', { data: { type: 'rejoin' } }));
  };
  return {
    postMessage: (command) => current.postMessage(command),
    get onmessage() {
      return handler;
    },
    set onmessage(next) {
      handler = next;
      current.onmessage = next;
    },
    terminate: () => current.terminate(),
  };
}
