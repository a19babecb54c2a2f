import { expect, test } from '@playwright/test';
import { startGateway } from './support/gateway';

// The README's screenshot is taken here, from the real app on the real gateway.
// UPDATE_SCREENSHOT=1 writes it to docs/; otherwise it goes to test-results/.
test('a screenshot of the live dashboard', async ({ page }) => {
  const gateway = await startGateway(['--seed', '3']);
  try {
    await page.goto(gateway.url);
    await expect(page.getByTestId('connection-status')).toHaveText('live');
    await expect(page.getByTestId('chart')).toHaveAttribute('data-ready', 'true');
    await expect(page.getByTestId('trade-row').first()).toBeVisible();
    await page.waitForTimeout(1500);
    const path = process.env.UPDATE_SCREENSHOT
      ? 'docs/screenshot.png'
      : 'test-results/screenshot.png';
    await page.screenshot({ path });
  } finally {
    await gateway.stop();
  }
});
