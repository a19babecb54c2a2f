/**
 * Main-thread side of the feed: starts the worker, reference-counts stream subscriptions and
 * applies the worker's batches to the stores once per animation frame.
 */
import type { Channel } from '../../protocol/messages';
import type { Interval } from '../../protocol/intervals';
import { FramePacer } from './frame-pacer';
import { BatchBuilder } from './batch-builder';
import {
  streamKey,
  type FeedBatch,
  type InstrumentRef,
  type StreamSpec,
  type WorkerCommand,
} from './feed-types';

/** The parts of a Worker the client uses. */
export interface WorkerLike {
  postMessage(command: WorkerCommand): void;
  onmessage: ((event: MessageEvent<FeedBatch>) => void) | null;
  terminate(): void;
}

export interface SubscribeOptions {
  depth?: number;
  interval?: Interval;
}

export interface FeedClient {
  /** Wants a stream; returns the function that releases this one claim on it. */
  subscribe(channel: Channel, symbol: string | null, options?: SubscribeOptions): () => void;
  /** Tells the worker which instrument id is which symbol. */
  setInstruments(instruments: readonly InstrumentRef[]): void;
  /** Forwards the browser's online/offline events to the worker. */
  setNetwork(online: boolean): void;
  dispose(): void;
}

export interface FeedClientOptions {
  createWorker: () => WorkerLike;
  /** Where the gateway's socket is. */
  url: string;
  apply: (batch: FeedBatch) => void;
  requestFrame?: (callback: () => void) => void;
  /** Clock for pacing (tests pass a fake one). */
  now?: () => number;
}

/** Creates a feed client around a worker. */
export function createFeedClient(options: FeedClientOptions): FeedClient {
  const worker = options.createWorker();
  const requestFrame = options.requestFrame ?? ((callback) => requestAnimationFrame(callback));
  const counts = new Map<string, number>();
  // Batches that arrive between frames (or while the tab is hidden) are folded together.
  const pending = new BatchBuilder();
  let frameRequested = false;

  const now = options.now ?? (() => performance.now());
  const pacer = new FramePacer();

  const flush = () => {
    if (!pacer.due(now())) {
      // Still paying for the last apply: keep folding, look again next frame.
      requestFrame(flush);
      return;
    }
    frameRequested = false;
    const batch = pending.take();
    if (!batch) return;
    const start = now();
    options.apply(batch);
    // React renders the store updates in a microtask queued during apply; this one runs after it,
    // so the cost includes the render.
    queueMicrotask(() => {
      const end = now();
      pacer.applied(end, end - start);
    });
  };

  worker.onmessage = (event) => {
    pending.add(event.data);
    if (!frameRequested) {
      frameRequested = true;
      requestFrame(flush);
    }
  };
  worker.postMessage({ type: 'start', url: options.url });

  return {
    subscribe(channel, symbol, subscribeOptions = {}) {
      const spec: StreamSpec = {
        channel,
        symbol: channel === 'tickers' ? null : symbol,
        depth: channel === 'book' ? (subscribeOptions.depth ?? null) : null,
        interval: channel === 'candles' ? (subscribeOptions.interval ?? null) : null,
      };
      const key = streamKey(spec);
      const count = counts.get(key) ?? 0;
      counts.set(key, count + 1);
      if (count === 0) worker.postMessage({ type: 'subscribe', spec });
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const remaining = (counts.get(key) ?? 1) - 1;
        if (remaining > 0) {
          counts.set(key, remaining);
          return;
        }
        counts.delete(key);
        worker.postMessage({ type: 'unsubscribe', spec });
      };
    },
    setInstruments(instruments) {
      worker.postMessage({
        type: 'instruments',
        instruments: instruments.map(({ id, symbol }) => ({ id, symbol })),
      });
    },
    setNetwork(online) {
      worker.postMessage({ type: 'network', online });
    },
    dispose() {
      worker.postMessage({ type: 'stop' });
      worker.terminate();
    },
  };
}

/** The gateway socket URL for the page's origin. */
export function defaultSocketUrl(location: Location): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
}

/** Creates the app's feed client backed by the real module worker, following the browser's
 * online/offline events, with the last market snapshot restored and new ones kept. */
export function createBrowserFeedClient(apply: (batch: FeedBatch) => void): FeedClient {
  // Started before the worker exists, so the restored data is normally in place before live data
  // (and never replaces live data that won the race). Its own chunk: not needed for first paint.
  void import('../offline/offline-market').then((offline) => offline.startOfflineMarket());
  const client = createFeedClient({
    createWorker: () =>
      new Worker(new URL('./feed-worker.ts', import.meta.url), {
        type: 'module',
        name: 'feed',
      }) as unknown as WorkerLike,
    url: defaultSocketUrl(window.location),
    apply,
  });
  window.addEventListener('offline', () => client.setNetwork(false));
  window.addEventListener('online', () => client.setNetwork(true));
  if (!navigator.onLine) client.setNetwork(false);
  return client;
}
