/**
 * The update flow of the service worker: a waiting worker makes an update "available"; only the
 * trader's accept sends SKIP_WAITING, and the page reloads once the new worker controls it.
 * Works against a small Workbox-like interface so tests drive it without a browser.
 */

export const UPDATE_STATES = {
  idle: 'idle',
  available: 'available',
  activating: 'activating',
} as const;
export type UpdateState = (typeof UPDATE_STATES)[keyof typeof UPDATE_STATES];

/** The part of workbox-window's Workbox the controller uses. */
export interface WorkboxLike {
  addEventListener(type: 'waiting' | 'controlling', listener: () => void): void;
  removeEventListener(type: 'waiting' | 'controlling', listener: () => void): void;
  register(): Promise<unknown>;
  update(): Promise<unknown>;
  messageSkipWaiting(): void;
}

/** Browser effects, injected for tests. */
export interface UpdateEnvironment {
  reload(): void;
  now(): number;
  /** Runs `callback` every `ms`; returns a cancel function. */
  every(ms: number, callback: () => void): () => void;
  /** Calls `callback` when the window regains focus or becomes visible; returns a cancel function. */
  onRegainFocus(callback: () => void): () => void;
}

export interface UpdateController {
  getState(): UpdateState;
  subscribe(listener: () => void): () => void;
  /** The trader accepted: activate the waiting worker, reload when it controls the page. */
  accept(): void;
  /** Asks the browser to look for a new service worker now. */
  checkForUpdate(): Promise<void>;
  /** Registers the worker and starts the periodic and on-focus checks. */
  start(): Promise<void>;
  stop(): void;
}

/** How often an open dashboard looks for a new version. */
export const UPDATE_CHECK_INTERVAL_MS = 15 * 60_000;
/** Focus can flap (alt-tab); at most one on-focus check per this interval. */
export const FOCUS_CHECK_MIN_INTERVAL_MS = 60_000;

/** Creates the update flow for `wb`; nothing happens until start(). */
export function createUpdateController(wb: WorkboxLike, env: UpdateEnvironment): UpdateController {
  let state: UpdateState = UPDATE_STATES.idle;
  let reloaded = false;
  let lastCheck = Number.NEGATIVE_INFINITY;
  const listeners = new Set<() => void>();
  const cancels: Array<() => void> = [];

  const setState = (next: UpdateState): void => {
    if (next === state) return;
    state = next;
    for (const listener of listeners) listener();
  };
  const onWaiting = (): void => {
    if (state === UPDATE_STATES.idle) setState(UPDATE_STATES.available);
  };
  // A controller change without the trader's accept (another tab accepted) must not reload this
  // page: the trader may be mid-task. The prompt stays and the next accept reloads.
  const onControlling = (): void => {
    if (state !== UPDATE_STATES.activating || reloaded) return;
    reloaded = true;
    env.reload();
  };
  const checkForUpdate = async (): Promise<void> => {
    lastCheck = env.now();
    try {
      await wb.update();
    } catch {
      // Offline or the gateway is down: the next check tries again.
    }
  };

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    accept() {
      if (state !== UPDATE_STATES.available) return;
      setState(UPDATE_STATES.activating);
      wb.messageSkipWaiting();
    },
    checkForUpdate,
    async start() {
      wb.addEventListener('waiting', onWaiting);
      wb.addEventListener('controlling', onControlling);
      cancels.push(
        () => wb.removeEventListener('waiting', onWaiting),
        () => wb.removeEventListener('controlling', onControlling),
        env.every(UPDATE_CHECK_INTERVAL_MS, () => void checkForUpdate()),
        env.onRegainFocus(() => {
          if (env.now() - lastCheck >= FOCUS_CHECK_MIN_INTERVAL_MS) void checkForUpdate();
        }),
      );
      lastCheck = env.now();
      await wb.register();
    },
    stop() {
      for (const cancel of cancels.splice(0)) cancel();
    },
  };
}
