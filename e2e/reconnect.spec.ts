import { expect, test } from '@playwright/test';
import { startGateway } from './support/gateway';

test('the page recovers live data without a reload after the gateway restarts', async ({
  page,
}) => {
  const gateway = await startGateway(['--seed', '11']);
  try {
    await page.goto(gateway.url);
    await expect(page.getByTestId('connection-status')).toHaveText('live');
    await page.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
    });

    await gateway.stop();
    await expect(page.getByTestId('connection-status')).not.toHaveText('live', {
      timeout: 15_000,
    });

    await gateway.restart();
    await expect(page.getByTestId('connection-status')).toHaveText('live', { timeout: 20_000 });

    // Live data flows again: the book and the watchlist keep changing.
    const before = await page.getByTestId('watch-row').getByTestId('last').allTextContents();
    await expect
      .poll(async () => {
        const now = await page.getByTestId('watch-row').getByTestId('last').allTextContents();
        return now.filter((price, i) => price !== before[i]).length;
      })
      .toBeGreaterThan(3);
    await expect(page.getByTestId('book-bid')).not.toHaveCount(0);
    expect(
      await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded),
    ).toBe(true);
  } finally {
    await gateway.stop();
  }
});
