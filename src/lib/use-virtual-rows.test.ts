import { describe, expect, it } from 'vitest';
import { visibleRange } from './use-virtual-rows';

describe('visibleRange', () => {
  it('covers the rows in view plus the overscan on both sides', () => {
    expect(visibleRange({ top: 220, height: 110 }, 100, 22, 2)).toEqual({ first: 8, last: 17 });
  });

  it('is clamped to the list', () => {
    expect(visibleRange({ top: 0, height: 220 }, 5, 22, 3)).toEqual({ first: 0, last: 5 });
    expect(visibleRange({ top: 2000, height: 220 }, 50, 22, 3)).toEqual({ first: 50, last: 50 });
  });

  it('renders nothing for an empty list', () => {
    expect(visibleRange({ top: 0, height: 500 }, 0, 22, 10)).toEqual({ first: 0, last: 0 });
  });
});
