import { expect, test, type Page } from '@playwright/test';
import { startGateway, type GatewayProcess } from './support/gateway';
import { gatewayConnections } from './support/gateway-clients';

let gateway: GatewayProcess;

test.beforeEach(async () => {
  gateway = await startGateway(['--seed', '31']);
});

test.afterEach(async () => {
  await gateway.stop();
});

async function expectPricesMoving(page: Page): Promise<void> {
  const prices = page.getByTestId('watch-row').getByTestId('last');
  const before = await prices.allTextContents();
  expect(before.length).toBeGreaterThan(3);
  await expect
    .poll(async () => {
      const now = await prices.allTextContents();
      return now.filter((price, i) => price !== before[i]).length;
    })
    .toBeGreaterThan(2);
}

async function select(page: Page, symbol: string): Promise<void> {
  await page.locator(`[data-testid="watch-row"][data-symbol="${symbol}"]`).click();
  await expect(page.getByTestId('order-book')).toHaveAttribute('data-symbol', symbol);
}

/** The best bid as drawn and the last price in the header, as numbers. */
async function bestBidAndLast(page: Page): Promise<{ bid: number; last: number }> {
  const number = (text: string | null) => Number((text ?? '').replace(/[^\d.]/g, ''));
  const bid = number(await page.getByTestId('book-bid').first().locator('.price').textContent());
  const last = number(await page.getByTestId('header-last').textContent());
  return { bid, last };
}

async function expectOwnBook(page: Page, symbol: string): Promise<void> {
  await expect(page.getByTestId('order-book')).toHaveAttribute('data-symbol', symbol);
  await expect(page.getByTestId('book-bid')).not.toHaveCount(0);
  // The book drawn belongs to this tab's instrument: its best bid is near its own last price.
  await expect
    .poll(async () => {
      const { bid, last } = await bestBidAndLast(page);
      return last > 0 && Math.abs(bid - last) / last < 0.02;
    })
    .toBe(true);
}

test('tabs of one browser share one gateway connection, each with its own data', async ({
  context,
}) => {
  // Four live dashboards in one 2-core machine's browser: more than the default minute.
  test.slow();
  const pages: Page[] = [];
  for (let i = 0; i < 4; i += 1) {
    const page = await context.newPage();
    await page.goto(gateway.url);
    await expect(page.getByTestId('connection-status')).toHaveText('live');
    pages.push(page);
  }
  for (const page of pages) await expectPricesMoving(page);
  await expect.poll(() => gatewayConnections(gateway.url)).toBe(1);

  // Each tab shows the book of the instrument it selected, not the other tab's.
  const [first, second] = pages as [Page, Page, Page, Page];
  await select(first, 'ETH-USD');
  await select(second, 'SOL-USD');
  await expectOwnBook(first, 'ETH-USD');
  await expectOwnBook(second, 'SOL-USD');
  expect(await gatewayConnections(gateway.url)).toBe(1);

  // Closing tabs leaves the last one streaming on the same connection.
  for (const page of pages.slice(0, 3)) await page.close({ runBeforeUnload: true });
  const last = pages[3]!;
  await expectPricesMoving(last);
  // Past the worker's liveness window: the remaining tab is still served.
  await last.waitForTimeout(6_000);
  await expectPricesMoving(last);
  await expect(last.getByTestId('connection-status')).toHaveText('live');
  expect(await gatewayConnections(gateway.url)).toBe(1);
});
