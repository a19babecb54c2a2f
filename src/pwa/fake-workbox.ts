/** Test doubles for the update flow: a Workbox stand-in and a controllable clock/environment. */
import type { UpdateEnvironment, WorkboxLike } from './update-controller';

type WorkboxEvent = 'waiting' | 'controlling';

export class FakeWorkbox implements WorkboxLike {
  readonly listeners = new Map<WorkboxEvent, Set<() => void>>();
  registered = 0;
  updates = 0;
  skipWaitingMessages = 0;
  failUpdates = false;

  addEventListener(type: WorkboxEvent, listener: () => void): void {
    const set = this.listeners.get(type) ?? new Set();
    set.add(listener);
    this.listeners.set(type, set);
  }
  removeEventListener(type: WorkboxEvent, listener: () => void): void {
    this.listeners.get(type)?.delete(listener);
  }
  async register(): Promise<void> {
    this.registered += 1;
  }
  async update(): Promise<void> {
    this.updates += 1;
    if (this.failUpdates) throw new TypeError('Failed to update a ServiceWorker: network error');
  }
  messageSkipWaiting(): void {
    this.skipWaitingMessages += 1;
  }
  emit(type: WorkboxEvent): void {
    for (const listener of this.listeners.get(type) ?? []) listener();
  }
}

export class FakeEnvironment implements UpdateEnvironment {
  time = 0;
  reloads = 0;
  intervals: Array<{ ms: number; callback: () => void }> = [];
  focusCallbacks = new Set<() => void>();

  reload(): void {
    this.reloads += 1;
  }
  now(): number {
    return this.time;
  }
  every(ms: number, callback: () => void): () => void {
    const entry = { ms, callback };
    this.intervals.push(entry);
    return () => {
      this.intervals = this.intervals.filter((e) => e !== entry);
    };
  }
  onRegainFocus(callback: () => void): () => void {
    this.focusCallbacks.add(callback);
    return () => this.focusCallbacks.delete(callback);
  }
  /** Advances the clock and fires the interval callbacks that came due (one tick each). */
  advance(ms: number): void {
    this.time += ms;
    for (const entry of this.intervals) if (ms >= entry.ms) entry.callback();
  }
  focus(): void {
    for (const callback of this.focusCallbacks) callback();
  }
}
