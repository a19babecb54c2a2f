import { describe, expect, it } from 'vitest';
import { StreamTracker } from './stream-tracker';

describe('StreamTracker', () => {
  it('applies consecutive messages after a snapshot and drops duplicates and old ones', () => {
    const tracker = new StreamTracker();
    tracker.snapshot('book|1', 10);
    expect(tracker.next('book|1', 11, 0)).toBe('apply');
    expect(tracker.next('book|1', 11, 0)).toBe('drop');
    expect(tracker.next('book|1', 9, 0)).toBe('drop');
    expect(tracker.next('book|1', 12, 0)).toBe('apply');
  });

  it('asks for a resync on a gap, then drops until a new snapshot arrives', () => {
    const tracker = new StreamTracker(1_000);
    tracker.snapshot('book|1', 10);
    expect(tracker.next('book|1', 12, 5_000)).toBe('resync');
    expect(tracker.next('book|1', 13, 5_100)).toBe('drop');
    tracker.snapshot('book|1', 20);
    expect(tracker.next('book|1', 21, 5_200)).toBe('apply');
  });

  it('asks for a resync when a delta comes first, and again only after the cooldown', () => {
    const tracker = new StreamTracker(1_000);
    expect(tracker.next('trades|2', 5, 0)).toBe('resync');
    expect(tracker.next('trades|2', 6, 500)).toBe('drop');
    expect(tracker.next('trades|2', 7, 1_500)).toBe('resync');
  });

  it('applies full-state messages only when newer', () => {
    const tracker = new StreamTracker();
    expect(tracker.latest('ticker|1', 3)).toBe('apply');
    expect(tracker.latest('ticker|1', 3)).toBe('drop');
    expect(tracker.latest('ticker|1', 2)).toBe('drop');
    expect(tracker.latest('ticker|1', 9)).toBe('apply');
  });

  it('starts over after clear', () => {
    const tracker = new StreamTracker();
    tracker.snapshot('book|1', 10);
    tracker.clear();
    expect(tracker.next('book|1', 11, 10_000)).toBe('resync');
  });
});
