/**
 * The feed worker: owns the one WebSocket, so decoding and conflation never compete with rendering.
 * Loaded as a SharedWorker it serves every tab of the origin (one socket per browser), each tab a
 * port of the hub; loaded as a dedicated worker (no SharedWorker in this browser) its one page is
 * the hub's only port. Commands come from feed-client.ts; batches go back with postMessage.
 */
import type { WorkerEvent } from './feed-types';
import { FeedHub, type PortLike } from './feed-hub';
import { FeedSession } from './feed-session';

/** The parts of the worker global scopes used here (the browser tsconfig has only the DOM lib). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<unknown>) => void) | null;
  onconnect?: ((event: MessageEvent<unknown>) => void) | null;
  postMessage(message: WorkerEvent, transfer?: Transferable[]): void;
  addEventListener(type: 'online' | 'offline', listener: () => void): void;
}

const scope = self as unknown as WorkerScope;
const shared = 'onconnect' in scope;
let session: FeedSession | null = null;

const hub = new FeedHub({
  createSession: (url, post) => {
    session = new FeedSession({
      url,
      createSocket: (socketUrl) => new WebSocket(socketUrl),
      post,
      // The hub flushes: one batch per page per tick.
      flushMs: null,
    });
    return session;
  },
  // A dedicated worker lives and dies with its one page; only shared pages can vanish silently.
  silentAfterMs: shared ? 5_000 : null,
});

if (shared) {
  scope.onconnect = (event) => {
    const port = event.ports[0];
    if (port) hub.connect(port as unknown as PortLike);
  };
} else {
  hub.connect(scope);
}

// Pages forward their own events too (see feed-client); either may come first, both are harmless.
scope.addEventListener('online', () => session?.setNetwork(true));
scope.addEventListener('offline', () => session?.setNetwork(false));
