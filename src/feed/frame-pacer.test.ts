import { describe, expect, it } from 'vitest';
import { FramePacer, MAX_APPLY_DELAY_MS } from './frame-pacer';

describe('FramePacer', () => {
  it('applies every frame while applies are cheap', () => {
    const pacer = new FramePacer(6);
    expect(pacer.due(0)).toBe(true);
    pacer.applied(16, 3);
    expect(pacer.due(16)).toBe(true);
  });

  it('backs off after an expensive apply, in proportion to its cost', () => {
    const pacer = new FramePacer(6);
    pacer.applied(100, 40);
    expect(pacer.due(150)).toBe(false);
    expect(pacer.due(219)).toBe(false);
    expect(pacer.due(220)).toBe(true);
  });

  it('never waits longer than its cap', () => {
    const pacer = new FramePacer(6);
    pacer.applied(0, 10_000);
    expect(pacer.due(MAX_APPLY_DELAY_MS - 1)).toBe(false);
    expect(pacer.due(MAX_APPLY_DELAY_MS)).toBe(true);
  });

  it('returns to every frame once applies are cheap again', () => {
    const pacer = new FramePacer(6);
    pacer.applied(0, 50);
    pacer.applied(200, 2);
    expect(pacer.due(201)).toBe(true);
  });
});
