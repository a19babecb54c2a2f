import { afterEach, describe, expect, it, vi } from 'vitest';
import { afterNextFrame } from './after-frame';

describe('afterNextFrame', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('runs the callback in a task of its own after the frame, not inside the frame callback', async () => {
    const frames: Array<() => void> = [];
    vi.stubGlobal('requestAnimationFrame', (callback: () => void) => frames.push(callback));
    const calls: string[] = [];
    afterNextFrame(() => calls.push('apply'));
    expect(calls).toEqual([]);

    frames.shift()!();
    calls.push('frame rendered');
    expect(calls).toEqual(['frame rendered']);

    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(calls).toEqual(['frame rendered', 'apply']);
  });
});
