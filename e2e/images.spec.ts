import { expect, test } from '@playwright/test';
import { startGateway } from './support/gateway';

test('images are WebP with srcset and a fallback, sized so nothing shifts', async ({ page }) => {
  const gateway = await startGateway(['--seed', '6']);
  try {
    await page.goto(gateway.url);
    await expect(page.getByTestId('connection-status')).toHaveText('live');
    await expect(page.getByTestId('watch-row').first().locator('picture')).toHaveCount(1);

    const images = await page.locator('img').evaluateAll((list) =>
      list.map((img) => ({
        src: img.getAttribute('src') ?? '',
        width: img.getAttribute('width'),
        height: img.getAttribute('height'),
        loading: img.getAttribute('loading'),
        webp: img.parentElement?.matches('picture')
          ? (img.parentElement.querySelector('source[type="image/webp"]')?.getAttribute('srcset') ??
            null)
          : null,
        inFirstViewport: img.getBoundingClientRect().top < window.innerHeight,
      })),
    );
    expect(images.length).toBeGreaterThan(20);
    for (const image of images) {
      expect(image.width, `${image.src} has a width`).toMatch(/^\d+$/);
      expect(image.height, `${image.src} has a height`).toMatch(/^\d+$/);
      expect(image.webp, `${image.src} has a WebP source`).toMatch(
        /\.webp 1x, .+\.webp 2x, .+\.webp 3x/,
      );
      expect(image.src).toMatch(/\.png$/);
      if (image.inFirstViewport) expect(image.loading, `${image.src} is not lazy`).not.toBe('lazy');
    }
    // Further down the watchlist, icons wait until they are needed.
    await page.locator('.area-watch .scroll').evaluate((element) => {
      element.scrollTop = element.scrollHeight;
    });
    const lastRowIcon = page.getByTestId('watch-row').last().locator('img');
    await expect(lastRowIcon).toHaveAttribute('loading', 'lazy');
    await expect(lastRowIcon).toHaveAttribute('width', /^\d+$/);

    // The browser actually picked and decoded the WebP variant.
    const current = await page
      .getByTestId('instrument-header')
      .locator('img')
      .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0 && img.currentSrc);
    expect(current).toMatch(/\.webp$/);
  } finally {
    await gateway.stop();
  }
});
