import { expect, test, type Page } from '@playwright/test';
import type { InstrumentsResponse } from '../protocol/rest';
import { startGateway, type GatewayProcess } from './support/gateway';

let gateway: GatewayProcess;

test.beforeAll(async () => {
  gateway = await startGateway(['--seed', '7']);
});

test.afterAll(async () => {
  await gateway.stop();
});

async function openDashboard(page: Page): Promise<void> {
  await page.goto(gateway.url);
  await expect(page.getByTestId('connection-status')).toHaveText('live');
}

async function lastPrices(page: Page): Promise<string[]> {
  return await page.getByTestId('watch-row').getByTestId('last').allTextContents();
}

/** Both sides of the book as drawn, read in one go so they come from the same frame. */
async function bookSides(page: Page): Promise<{ bids: number[]; asks: number[] }> {
  return await page.getByTestId('order-book').evaluate((book) => {
    const prices = (side: string): number[] =>
      [...book.querySelectorAll(`[data-testid="book-${side}"]`)].map((row) =>
        Number(row.getAttribute('data-price')),
      );
    return { bids: prices('bid'), asks: prices('ask') };
  });
}

test('the dashboard loads and lists every instrument', async ({ page, request }) => {
  const response = await request.get(`${gateway.url}/api/instruments`);
  const { instruments } = (await response.json()) as InstrumentsResponse;
  expect(instruments.length).toBeGreaterThanOrEqual(100);

  await openDashboard(page);
  await expect(page).toHaveTitle(/Quotedeck/);
  const table = page.getByRole('table', { name: 'Watchlist' });
  await expect(table).toHaveAttribute('aria-rowcount', String(instruments.length + 1));

  // The list is virtualized: scroll through it and collect every row that comes into view.
  const seen = new Set<string>();
  const scroller = page.locator('.area-watch .scroll');
  for (let step = 0; step < 40 && seen.size < instruments.length; step += 1) {
    for (const symbol of await page
      .getByTestId('watch-row')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-symbol') ?? ''))) {
      seen.add(symbol);
    }
    await scroller.evaluate((element) => element.scrollBy(0, element.clientHeight * 0.8));
    await page.waitForTimeout(50);
  }
  expect([...seen].sort()).toEqual(instruments.map((i) => i.symbol).sort());
  const lastSymbol = instruments.at(-1)!.symbol;
  await expect(
    page.locator(`[data-testid="watch-row"][data-symbol="${lastSymbol}"]`),
  ).toBeVisible();
  // Far fewer rows exist in the page than instruments: only those in view (plus a margin).
  expect(await page.getByTestId('watch-row').count()).toBeLessThan(instruments.length);
  await expect(page.getByTestId('latency')).toHaveText(/\d+ ms/);
});

test('prices change within seconds', async ({ page }) => {
  await openDashboard(page);
  await expect(page.getByTestId('watch-row').first().getByTestId('last')).not.toHaveText('');
  const before = await lastPrices(page);
  await expect
    .poll(
      async () => {
        const now = await lastPrices(page);
        return now.filter((price, i) => price !== before[i]).length;
      },
      { timeout: 10_000 },
    )
    .toBeGreaterThan(5);
});

test('choosing an instrument switches header, chart, book and tape', async ({ page }) => {
  await openDashboard(page);
  await page.locator('[data-testid="watch-row"][data-symbol="ETH-USD"]').click();

  await expect(page.getByTestId('instrument-header')).toHaveAttribute('data-symbol', 'ETH-USD');
  await expect(page.getByTestId('instrument-header')).toContainText('ETH-USD');
  await expect(page.getByTestId('chart')).toHaveAttribute('data-symbol', 'ETH-USD');
  await expect(page.getByTestId('chart')).toHaveAttribute('data-ready', 'true');
  await expect(page.getByTestId('order-book')).toHaveAttribute('data-symbol', 'ETH-USD');
  await expect(page.getByTestId('trades')).toHaveAttribute('data-symbol', 'ETH-USD');
  await expect(page.getByTestId('trade-row').first()).toBeVisible();

  // The header's last price is the watchlist's last price for the same instrument.
  const row = page.locator('[data-testid="watch-row"][data-symbol="ETH-USD"]');
  await expect
    .poll(async () => {
      const header = await page.getByTestId('header-last').textContent();
      const listed = await row.getByTestId('last').textContent();
      return header !== null && header === listed;
    })
    .toBe(true);

  // The keyboard works too: focus a row and press Enter.
  const aapl = page.locator('[data-testid="watch-row"][data-symbol="AAPL"]');
  await aapl.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('instrument-header')).toHaveAttribute('data-symbol', 'AAPL');
  await expect(page.getByTestId('order-book')).toHaveAttribute('data-symbol', 'AAPL');

  await page.getByRole('button', { name: '1m', exact: true }).click();
  await expect(page.getByTestId('chart')).toHaveAttribute('data-interval', '1m');
  await expect(page.getByTestId('chart')).toHaveAttribute('data-ready', 'true');
});

test('the book keeps bids descending, asks ascending, best bid below best ask', async ({
  page,
}) => {
  await openDashboard(page);
  await page.locator('[data-testid="watch-row"][data-symbol="BTC-USD"]').click();
  await expect(page.getByTestId('order-book')).toHaveAttribute('data-symbol', 'BTC-USD');
  await expect(page.getByTestId('book-bid')).not.toHaveCount(0);

  for (let sample = 0; sample < 5; sample += 1) {
    const sides = await bookSides(page);
    const bids = sides.bids;
    // Asks are drawn highest first so the best ask sits just above the spread.
    const asks = sides.asks.reverse();
    expect(bids.length).toBeGreaterThanOrEqual(15);
    expect(asks.length).toBeGreaterThanOrEqual(15);
    expect(bids).toEqual([...bids].sort((a, b) => b - a));
    expect(new Set(bids).size).toBe(bids.length);
    expect(asks).toEqual([...asks].sort((a, b) => a - b));
    expect(new Set(asks).size).toBe(asks.length);
    expect(bids[0]!).toBeLessThan(asks[0]!);
    await page.waitForTimeout(400);
  }
  await expect(page.getByTestId('spread')).toHaveText(/\d/);
});
