// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { InstrumentIcon } from './instrument-icon';

beforeAll(() => {
  // What the image plugin defines at build time: BTC has generated files, DOGE does not.
  vi.stubGlobal('__ASSET_ICON_KEYS__', ['crypto-btc', 'equity-aapl']);
});

afterEach(cleanup);

describe('InstrumentIcon', () => {
  it('renders a WebP source with 1x/2x/3x and a sized PNG fallback', () => {
    const { container } = render(
      <InstrumentIcon instrument={{ assetClass: 'crypto', base: 'BTC' }} size={16} />,
    );
    const source = container.querySelector('picture > source');
    expect(source?.getAttribute('type')).toBe('image/webp');
    expect(source?.getAttribute('srcset')).toBe(
      '/img/asset/crypto-btc-16.webp 1x, /img/asset/crypto-btc-32.webp 2x, /img/asset/crypto-btc-48.webp 3x',
    );
    const img = container.querySelector('picture > img');
    expect(img?.getAttribute('src')).toBe('/img/asset/crypto-btc-16.png');
    expect(img?.getAttribute('width')).toBe('16');
    expect(img?.getAttribute('height')).toBe('16');
    expect(img?.getAttribute('alt')).toBe('');
  });

  it('is lazy and async below the fold, eager with priority', () => {
    const { container } = render(
      <>
        <InstrumentIcon instrument={{ assetClass: 'equity', base: 'AAPL' }} size={32} />
        <InstrumentIcon instrument={{ assetClass: 'equity', base: 'AAPL' }} size={32} priority />
      </>,
    );
    const [lazy, eager] = [...container.querySelectorAll('img')];
    expect(lazy?.getAttribute('loading')).toBe('lazy');
    expect(lazy?.getAttribute('decoding')).toBe('async');
    expect(eager?.getAttribute('loading')).toBe('eager');
    expect(eager?.getAttribute('src')).toBe('/img/asset/equity-aapl-32.png');
    expect(container.querySelector('source')?.getAttribute('srcset')).toContain(
      'equity-aapl-96.webp 3x',
    );
  });

  it('draws a CSS badge, without text content, for an asset with no generated icon', () => {
    const { container } = render(
      <p>
        <InstrumentIcon instrument={{ assetClass: 'crypto', base: 'DOGE' }} size={16} />
        DOGE-USD
      </p>,
    );
    expect(container.querySelector('img')).toBeNull();
    const badge = container.querySelector('[data-testid="asset-badge"]') as HTMLElement;
    expect(badge.dataset.code).toBe('DOG');
    expect(badge.getAttribute('aria-hidden')).toBe('true');
    expect(badge.style.width).toBe('16px');
    expect(badge.style.height).toBe('16px');
    expect(badge.style.background).not.toBe('');
    expect(container.textContent).toBe('DOGE-USD');
  });

  it('holds the place with an empty box of the same size while instruments load', () => {
    const { container } = render(<InstrumentIcon instrument={undefined} size={32} />);
    const box = container.firstElementChild as HTMLElement;
    expect(box.style.width).toBe('32px');
    expect(box.style.height).toBe('32px');
    expect(container.querySelector('img')).toBeNull();
  });
});
