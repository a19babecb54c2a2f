import { describe, expect, it } from 'vitest';
import { usedHeapBytes } from './heap';

describe('usedHeapBytes', () => {
  it('reads Chromium performance.memory', () => {
    expect(usedHeapBytes({ memory: { usedJSHeapSize: 12_345 } })).toBe(12_345);
  });
  it('is null where the browser does not say, or says nonsense', () => {
    expect(usedHeapBytes({})).toBeNull();
    expect(usedHeapBytes(null)).toBeNull();
    expect(usedHeapBytes({ memory: null })).toBeNull();
    expect(usedHeapBytes({ memory: { usedJSHeapSize: '1' } })).toBeNull();
    expect(usedHeapBytes({ memory: { usedJSHeapSize: -1 } })).toBeNull();
  });
});
