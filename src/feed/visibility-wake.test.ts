import { describe, expect, it } from 'vitest';
import { watchVisibility, type VisibilitySource } from './visibility-wake';

class FakeDocument implements VisibilitySource {
  visibilityState: DocumentVisibilityState = 'visible';
  private listeners = new Set<() => void>();
  addEventListener(_type: 'visibilitychange', listener: () => void) {
    this.listeners.add(listener);
  }
  removeEventListener(_type: 'visibilitychange', listener: () => void) {
    this.listeners.delete(listener);
  }
  set(state: DocumentVisibilityState) {
    this.visibilityState = state;
    for (const listener of this.listeners) listener();
  }
}

describe('watchVisibility', () => {
  it('reports how long the page was hidden each time it becomes visible again', () => {
    const doc = new FakeDocument();
    let clock = 1_000;
    const wakes: number[] = [];
    const unwatch = watchVisibility(
      doc,
      (ms) => wakes.push(ms),
      () => clock,
    );
    doc.set('hidden');
    clock += 45_000;
    // Repeated "hidden" events do not restart the count.
    doc.set('hidden');
    clock += 1_000;
    doc.set('visible');
    doc.set('visible');
    doc.set('hidden');
    clock += 200;
    doc.set('visible');
    expect(wakes).toEqual([46_000, 200]);
    unwatch();
    doc.set('hidden');
    doc.set('visible');
    expect(wakes).toHaveLength(2);
  });

  it('counts from the start when the page loads hidden, and never reports a negative time', () => {
    const doc = new FakeDocument();
    doc.visibilityState = 'hidden';
    let clock = 5_000;
    const wakes: number[] = [];
    watchVisibility(
      doc,
      (ms) => wakes.push(ms),
      () => clock,
    );
    // The wall clock was set back while hidden.
    clock = 1_000;
    doc.set('visible');
    expect(wakes).toEqual([0]);
  });
});
