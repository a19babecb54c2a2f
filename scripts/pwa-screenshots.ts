/**
 * Refreshes the manifest screenshot sources (src/images/screenshots/wide.png and narrow.png) from
 * the real app: builds nothing itself, so run `npx vite build` first, then
 * `node --import tsx scripts/pwa-screenshots.ts`. The gateway runs in-process on a free port with
 * a fixed simulator seed; the build resizes these captures to the sizes the manifest declares.
 */
import { existsSync } from 'node:fs';
import { chromium, type Page } from '@playwright/test';
import { parseFlags } from '../server/cli';
import { startGateway } from '../server/main';
import { SCREENSHOTS } from './images/screenshots';
import { CHROME_FLAGS, NO_CHROME_MESSAGE, findChrome } from './find-chrome';

const OUT_DIR = 'src/images/screenshots';

async function waitForLiveDashboard(page: Page): Promise<void> {
  await page
    .getByTestId('connection-status')
    .filter({ hasText: /^live$/ })
    .waitFor();
  await page.locator('[data-testid="chart"][data-ready="true"]').waitFor();
  await page.getByTestId('trade-row').first().waitFor();
  await page.evaluate(() => document.fonts.ready);
  // Let a few seconds of trades and candles fill the panels.
  await page.waitForTimeout(3000);
}

async function main(): Promise<void> {
  const chrome = findChrome();
  if (!chrome) throw new Error(NO_CHROME_MESSAGE);
  if (!existsSync('dist/index.html')) throw new Error('dist/ is missing: run `npx vite build`');
  const gateway = await startGateway(
    // The defaults (the simulator serving dist/), so new flags never need listing here.
    parseFlags(['--port', '0', '--seed', '3', '--data-dir', 'memory://']),
    { announce: false, handleSignals: false },
  );
  const browser = await chromium.launch({ executablePath: chrome, args: CHROME_FLAGS });
  try {
    for (const shot of SCREENSHOTS) {
      const context = await browser.newContext({
        viewport: { width: shot.width, height: shot.height },
        deviceScaleFactor: 1,
        isMobile: shot.formFactor === 'narrow',
        hasTouch: shot.formFactor === 'narrow',
        serviceWorkers: 'block',
      });
      const page = await context.newPage();
      await page.goto(gateway.url);
      await waitForLiveDashboard(page);
      const path = `${OUT_DIR}/${shot.source}`;
      await page.screenshot({ path });
      process.stdout.write(`wrote ${path} (${shot.width}x${shot.height})\n`);
      await context.close();
    }
  } finally {
    await browser.close();
    await gateway.close();
  }
}

await main();
