import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SendPacer } from './send-pacer';

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('SendPacer', () => {
  it('sends at most `perSecond` messages in any second, keeping their order', () => {
    const sent: unknown[] = [];
    const pacer = new SendPacer(
      (value) => sent.push(value) > 0,
      3,
      () => Date.now(),
    );
    for (let i = 0; i < 7; i++) pacer.push(i);
    expect(sent).toEqual([0, 1, 2]);
    expect(pacer.pending).toBe(4);
    vi.advanceTimersByTime(999);
    expect(sent).toEqual([0, 1, 2]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([0, 1, 2, 3, 4, 5]);
    vi.advanceTimersByTime(1_000);
    expect(sent).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('forgets queued messages when cleared (their connection is gone)', () => {
    const sent: unknown[] = [];
    const pacer = new SendPacer(
      (value) => sent.push(value) > 0,
      1,
      () => Date.now(),
    );
    pacer.push('a');
    pacer.push('b');
    pacer.clear();
    vi.advanceTimersByTime(5_000);
    expect(sent).toEqual(['a']);
    expect(pacer.pending).toBe(0);
  });
});
