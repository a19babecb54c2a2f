// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { EmptyState } from './empty-state';

afterEach(cleanup);

describe('EmptyState', () => {
  it('says why in words and shows a generated WebP illustration with a PNG fallback', () => {
    render(<EmptyState illustration="offline">Nothing saved yet.</EmptyState>);
    const status = screen.getByRole('status');
    expect(status.textContent).toBe('Nothing saved yet.');

    const source = status.querySelector('picture > source');
    expect(source?.getAttribute('type')).toBe('image/webp');
    expect(source?.getAttribute('srcset')).toBe(
      '/img/state/offline-96.webp 1x, /img/state/offline-192.webp 2x, /img/state/offline-288.webp 3x',
    );
    const img = status.querySelector('picture > img');
    expect(img?.getAttribute('src')).toBe('/img/state/offline-96.png');
    // Fixed size (no shift while it loads), decorative, never in the first viewport.
    expect([img?.getAttribute('width'), img?.getAttribute('height')]).toEqual(['96', '64']);
    expect(img?.getAttribute('alt')).toBe('');
    expect(img?.getAttribute('loading')).toBe('lazy');
    expect(img?.getAttribute('decoding')).toBe('async');
  });
});
