/**
 * Main-thread side of the feed: starts the worker, reference-counts stream subscriptions of this
 * page, answers the worker's probes and applies its batches to the stores once per animation frame
 * — or, while the page is hidden and gets no frames, on a slow timer, so account changes (fills,
 * and the notifications they raise) still arrive.
 */
import type { Channel } from '../../protocol/messages';
import type { Interval } from '../../protocol/intervals';
import { afterNextFrame } from './after-frame';
import { FramePacer } from './frame-pacer';
import { createFeedWorker } from './feed-port';
import { unpackTickers } from './ticker-pack';
import { isWorkerEvent } from './worker-command';
import { watchVisibility, type VisibilitySource } from './visibility-wake';
import { BatchBuilder } from './batch-builder';
import { perfTapSlot, type PerfTapSlot } from './perf-tap';
import {
  streamKey,
  type FeedBatch,
  type InstrumentRef,
  type StreamSpec,
  type WorkerCommand,
} from './feed-types';

/** The parts of a Worker (or a SharedWorker's port) the client uses. */
export interface WorkerLike {
  postMessage(command: WorkerCommand): void;
  onmessage: ((event: MessageEvent<unknown>) => void) | null;
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
  /** The page is going away (pagehide): the worker releases everything this page claimed. */
  leave(): void;
  /** The page is back (pageshow from the back/forward cache): the worker takes it back. */
  resume(): void;
  dispose(): void;
}

/** The page's own feed client: also tells the worker when the page wakes up. */
export interface PageFeedClient extends FeedClient {
  /** The page is visible again after `hiddenMs` hidden (see watchVisibility). */
  wake(hiddenMs: number): void;
}

export interface FeedClientOptions {
  createWorker: () => WorkerLike;
  /** Where the gateway's socket is. */
  url: string;
  apply: (batch: FeedBatch) => void;
  requestFrame?: (callback: () => void) => void;
  /** Whether the page is hidden (default: the document, when there is one). */
  visibility?: VisibilitySource | null;
  /** Schedules the apply while the page is hidden (default: setTimeout of HIDDEN_APPLY_MS). */
  requestHiddenTick?: (callback: () => void) => void;
  /** Clock for pacing (tests pass a fake one). */
  now?: () => number;
  /** Where a performance monitor may plug in (default: the page's one slot). */
  perf?: PerfTapSlot;
}

/**
 * How often batches are applied while the page is hidden, ms. Nothing is painted then, so this
 * only bounds how late a fill is noticed (browsers throttle hidden timers to about 1 s anyway).
 */
export const HIDDEN_APPLY_MS = 250;

/** Creates a feed client around a worker. */
export function createFeedClient(options: FeedClientOptions): PageFeedClient {
  let worker = options.createWorker();
  const requestFrame = options.requestFrame ?? afterNextFrame;
  const requestHiddenTick =
    options.requestHiddenTick ?? ((callback) => void setTimeout(callback, HIDDEN_APPLY_MS));
  const visibility =
    options.visibility !== undefined
      ? options.visibility
      : typeof document === 'undefined'
        ? null
        : document;
  const hidden = () => visibility?.visibilityState === 'hidden';
  const counts = new Map<string, { spec: StreamSpec; count: number }>();
  // What the worker has been told, to tell it again when it asks this page to rejoin.
  let instrumentsCommand: WorkerCommand | null = null;
  let networkCommand: WorkerCommand | null = null;
  // Batches that arrive between frames (or while the tab is hidden) are folded together.
  const pending = new BatchBuilder();
  let applyScheduled = false;

  const now = options.now ?? (() => performance.now());
  const pacer = new FramePacer();
  const perf = options.perf ?? perfTapSlot;

  // A hidden page gets no animation frames (a frame asked for stays pending until it is shown
  // again), so there the apply waits for a timer instead. Either callback may find the batch
  // already applied by the other; then it has nothing to do.
  const schedule = () => {
    if (hidden()) requestHiddenTick(flush);
    else requestFrame(flush);
  };
  const onVisibilityChange = () => {
    if (applyScheduled && hidden()) requestHiddenTick(flush);
  };
  visibility?.addEventListener('visibilitychange', onVisibilityChange);

  const flush = () => {
    if (!pacer.due(now())) {
      // Still paying for the last apply: keep folding, look again next frame.
      schedule();
      return;
    }
    applyScheduled = false;
    const batch = pending.take();
    if (!batch) return;
    const start = now();
    options.apply(batch);
    perf.current?.applied(batch);
    // React renders the store updates in a microtask queued during apply; this one runs after it,
    // so the cost includes the render.
    queueMicrotask(() => {
      const end = now();
      pacer.applied(end, end - start);
    });
  };

  const start = () => {
    worker.postMessage({ type: 'start', url: options.url });
    if (instrumentsCommand) worker.postMessage(instrumentsCommand);
    if (networkCommand) worker.postMessage(networkCommand);
    for (const { spec } of counts.values()) worker.postMessage({ type: 'subscribe', spec });
    if (perf.current) worker.postMessage({ type: 'perf', on: true });
  };
  const unwatchPerf = perf.watch((on) => worker.postMessage({ type: 'perf', on }));

  const onMessage = (event: MessageEvent<unknown>) => {
    const message = event.data;
    if (!isWorkerEvent(message)) return;
    if (message.type === 'probe') {
      worker.postMessage({ type: 'alive' });
      return;
    }
    if (message.type === 'rejoin') {
      start();
      return;
    }
    if (message.stats) perf.current?.workerStats(message.stats);
    const tickers = message.tickers === undefined ? null : unpackTickers(message.tickers);
    pending.add(tickers ? { ...message.batch, tickers } : message.batch);
    if (!applyScheduled && !pending.isEmpty()) {
      applyScheduled = true;
      schedule();
    }
  };
  worker.onmessage = onMessage;
  start();

  return {
    subscribe(channel, symbol, subscribeOptions = {}) {
      const spec: StreamSpec = {
        channel,
        symbol: channel === 'tickers' ? null : symbol,
        depth: channel === 'book' ? (subscribeOptions.depth ?? null) : null,
        interval: channel === 'candles' ? (subscribeOptions.interval ?? null) : null,
      };
      const key = streamKey(spec);
      const entry = counts.get(key);
      if (entry) entry.count++;
      else {
        counts.set(key, { spec, count: 1 });
        worker.postMessage({ type: 'subscribe', spec });
      }
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const current = counts.get(key);
        if (current && --current.count > 0) return;
        counts.delete(key);
        worker.postMessage({ type: 'unsubscribe', spec });
      };
    },
    setInstruments(instruments) {
      instrumentsCommand = {
        type: 'instruments',
        instruments: instruments.map(({ id, symbol }) => ({ id, symbol })),
      };
      worker.postMessage(instrumentsCommand);
    },
    setNetwork(online) {
      networkCommand = { type: 'network', online };
      worker.postMessage(networkCommand);
    },
    wake(hiddenMs) {
      worker.postMessage({ type: 'wake', hiddenMs });
    },
    leave() {
      worker.postMessage({ type: 'bye' });
      // Close this page's end too: a page in the back/forward cache that receives a message from a
      // shared worker is evicted from the cache (Chromium's "SharedWorkerMessage").
      worker.terminate();
    },
    resume() {
      // Back from the back/forward cache: connect again and tell the worker everything anew.
      worker = options.createWorker();
      worker.onmessage = onMessage;
      start();
    },
    dispose() {
      unwatchPerf();
      visibility?.removeEventListener('visibilitychange', onVisibilityChange);
      worker.postMessage({ type: 'stop' });
      worker.terminate();
    },
  };
}

/** The gateway socket URL for the page's origin. */
export function defaultSocketUrl(location: Location): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
}

/** Creates the app's feed client backed by the real feed worker (shared by the origin's tabs where
 * the browser can), following the browser's online/offline events, with the last market snapshot
 * restored and new ones kept. */
export function createBrowserFeedClient(apply: (batch: FeedBatch) => void): FeedClient {
  // Started before the worker exists, so the restored data is normally in place before live data
  // (and never replaces live data that won the race). Its own chunk: not needed for first paint.
  void import('../offline/offline-market').then((offline) => offline.startOfflineMarket());
  const client = createFeedClient({
    createWorker: createFeedWorker,
    url: defaultSocketUrl(window.location),
    apply,
  });
  window.addEventListener('offline', () => client.setNetwork(false));
  window.addEventListener('online', () => client.setNetwork(true));
  // A MessagePort has no close event: a shared worker learns that a tab left from this `bye`
  // (or, when the tab dies without one, from its missing `alive`s).
  window.addEventListener('pagehide', () => client.leave());
  window.addEventListener('pageshow', (event) => {
    if (event.persisted) client.resume();
  });
  if (!navigator.onLine) client.setNetwork(false);
  watchVisibility(document, (hiddenMs) => client.wake(hiddenMs));
  return client;
}
