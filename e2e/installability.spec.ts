import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { startGateway, type GatewayProcess } from './support/gateway';
import { waitForServiceWorker } from './support/service-worker';

interface ManifestImage {
  src: string;
  sizes: string;
  type?: string;
  purpose?: string;
  form_factor?: string;
}

let gateway: GatewayProcess;

test.beforeAll(async () => {
  gateway = await startGateway(['--seed', '2']);
});

test.afterAll(async () => {
  await gateway.stop();
});

test('Chromium finds the app installable, with no manifest errors', async ({ page }) => {
  await page.goto(gateway.url);
  await waitForServiceWorker(page);
  const cdp = await page.context().newCDPSession(page);

  const manifest = (await cdp.send('Page.getAppManifest')) as {
    url: string;
    errors: Array<{ message: string; critical: number }>;
  };
  expect(manifest.url).toMatch(/manifest\.webmanifest$/);
  expect(manifest.errors).toEqual([]);

  const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
    installabilityErrors: Array<{ errorId: string }>;
  };
  // Playwright's contexts are incognito-like; that one error is about the browser, not the app.
  expect(installabilityErrors.filter((e) => e.errorId !== 'in-incognito')).toEqual([]);
});

test('manifest icons and screenshots exist with the declared sizes', async ({ request }) => {
  const response = await request.get(`${gateway.url}/manifest.webmanifest`);
  expect(response.ok()).toBe(true);
  const manifest = (await response.json()) as {
    icons: ManifestImage[];
    screenshots: ManifestImage[];
  };

  const purposes = manifest.icons.map((icon) => `${icon.sizes} ${icon.purpose ?? 'any'}`);
  expect(purposes).toEqual(
    expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable']),
  );
  expect(manifest.screenshots.map((s) => s.form_factor).sort()).toEqual(['narrow', 'wide']);

  for (const image of [...manifest.icons, ...manifest.screenshots]) {
    const file = await request.get(new URL(image.src, `${gateway.url}/`).href);
    expect(file.ok(), `${image.src} is served`).toBe(true);
    const { width, height, format } = await sharp(await file.body()).metadata();
    expect(`${width}x${height}`, `${image.src} has its declared size`).toBe(image.sizes);
    expect(format).toBe('png');
  }
});
