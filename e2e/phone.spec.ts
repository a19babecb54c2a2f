import { expect, test } from '@playwright/test';
import { startGateway } from './support/gateway';

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

test('on a phone the panels stack in one column without sideways scrolling', async ({ page }) => {
  const gateway = await startGateway(['--seed', '9']);
  try {
    await page.goto(gateway.url);
    await expect(page.getByTestId('connection-status')).toHaveText('live');
    await expect(page.getByTestId('chart')).toHaveAttribute('data-ready', 'true');

    const panels = ['instrument-header', 'chart', 'order-book', 'trades'];
    const boxes = [];
    for (const id of panels) {
      const box = await page.getByTestId(id).boundingBox();
      expect(box, `${id} is laid out`).not.toBeNull();
      boxes.push(box!);
    }
    for (let i = 1; i < boxes.length; i += 1) {
      expect(boxes[i]!.y, `${panels[i]} is below ${panels[i - 1]}`).toBeGreaterThanOrEqual(
        boxes[i - 1]!.y + boxes[i - 1]!.height - 1,
      );
    }
    for (const box of boxes) expect(box.x + box.width).toBeLessThanOrEqual(390);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBe(0);

    // The watchlist still selects instruments by touch: filter, then tap.
    await page.getByLabel('Filter instruments').fill('AAPL');
    const row = page.locator('[data-testid="watch-row"][data-symbol="AAPL"]');
    await row.scrollIntoViewIfNeeded();
    await row.tap();
    await expect(page.getByTestId('instrument-header')).toHaveAttribute('data-symbol', 'AAPL');
    await page.screenshot({ path: 'test-results/phone.png', fullPage: false });
  } finally {
    await gateway.stop();
  }
});
