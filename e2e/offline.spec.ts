import { expect, test, type Page } from '@playwright/test';
import { startGateway, type GatewayProcess } from './support/gateway';
import { waitForServiceWorker } from './support/service-worker';

const PANELS = ['area-watch', 'area-inst', 'area-chart', 'area-book', 'area-trades'];

let gateway: GatewayProcess;

test.beforeEach(async () => {
  gateway = await startGateway(['--seed', '21']);
});

test.afterEach(async () => {
  await gateway.stop();
});

async function select(page: Page, symbol: string): Promise<void> {
  await page.locator(`[data-testid="watch-row"][data-symbol="${symbol}"]`).click();
  await expect(page.getByTestId('order-book')).toHaveAttribute('data-symbol', symbol);
  await expect(page.getByTestId('book-bid')).not.toHaveCount(0);
  await expect(page.getByTestId('trade-row').first()).toBeVisible();
  await expect(page.getByTestId('chart')).toHaveAttribute('data-ready', 'true');
}

async function expectEveryPanelStale(page: Page): Promise<void> {
  for (const area of PANELS) {
    const panel = page.locator(`section.${area}`);
    await expect(panel, `${area} is marked stale`).toHaveAttribute('data-stale', 'true');
    await expect(panel.getByTestId('stale-badge')).toHaveText(
      /^offline — as of \d{2}:\d{2}:\d{2}$/,
    );
  }
}

test('cold start offline shows the last-known markets, book, tape and chart, marked offline', async ({
  page,
  context,
}) => {
  await page.goto(gateway.url);
  await waitForServiceWorker(page);
  await expect(page.getByTestId('connection-status')).toHaveText('live');

  // The trader looks at two instruments, so both are remembered.
  await select(page, 'ETH-USD');
  await select(page, 'BTC-USD');
  const lastSeen = await page.getByTestId('header-last').textContent();
  // Give the snapshot writer a moment (it is rate-limited), then leave the page.
  await page.waitForTimeout(3_000);
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));

  await context.setOffline(true);
  await page.reload();

  await expect(page.getByTestId('connection-status')).toHaveText('offline', { timeout: 10_000 });
  await expect(page.getByTestId('watch-row')).not.toHaveCount(0);
  await expect(page.getByTestId('instrument-header')).toHaveAttribute('data-symbol', 'BTC-USD');
  await expect(page.getByTestId('header-last')).not.toHaveText('');
  expect(await page.getByTestId('header-last').textContent()).toBeTruthy();
  await expect(page.getByTestId('book-bid')).not.toHaveCount(0);
  await expect(page.getByTestId('trade-row').first()).toBeVisible();
  await expect(page.getByTestId('chart')).toHaveAttribute('data-ready', 'true');
  await expectEveryPanelStale(page);
  expect(lastSeen).not.toBeNull();

  // Another instrument viewed earlier still shows its cached book, tape and chart.
  await page.locator('[data-testid="watch-row"][data-symbol="ETH-USD"]').click();
  await expect(page.getByTestId('order-book')).toHaveAttribute('data-symbol', 'ETH-USD');
  await expect(page.getByTestId('book-ask')).not.toHaveCount(0);
  await expect(page.getByTestId('trade-row').first()).toBeVisible();
  await expect(page.getByTestId('chart')).toHaveAttribute('data-symbol', 'ETH-USD');
  await expect(page.getByTestId('chart')).toHaveAttribute('data-ready', 'true');
  await expectEveryPanelStale(page);

  // Back online: live data replaces the snapshot and the marking disappears.
  await context.setOffline(false);
  await expect(page.getByTestId('connection-status')).toHaveText('live', { timeout: 20_000 });
  for (const area of PANELS) {
    await expect(page.locator(`section.${area}`)).toHaveAttribute('data-stale', 'false', {
      timeout: 10_000,
    });
  }
  await expect(page.getByTestId('stale-badge')).toHaveCount(0);
});

test('panels freeze with the offline marking when the gateway dies, and recover without a reload', async ({
  page,
}) => {
  await page.goto(gateway.url);
  await expect(page.getByTestId('connection-status')).toHaveText('live');
  await expect(page.getByTestId('book-bid')).not.toHaveCount(0);
  await page.evaluate(() => {
    (window as unknown as { notReloaded: boolean }).notReloaded = true;
  });

  await gateway.stop(true);
  await expect(page.getByTestId('connection-status')).toHaveText('offline', { timeout: 10_000 });
  await expectEveryPanelStale(page);
  // Frozen, not cleared: the last book is still on screen.
  await expect(page.getByTestId('book-bid')).not.toHaveCount(0);

  await gateway.restart();
  await expect(page.getByTestId('connection-status')).toHaveText('live', { timeout: 20_000 });
  for (const area of PANELS) {
    await expect(page.locator(`section.${area}`)).toHaveAttribute('data-stale', 'false', {
      timeout: 10_000,
    });
  }
  expect(
    await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded),
  ).toBe(true);
});
