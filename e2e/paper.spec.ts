import { expect, test, type Page } from '@playwright/test';
import { startGateway, type GatewayProcess } from './support/gateway';

let gateway: GatewayProcess | undefined;

test.afterEach(async () => {
  await gateway?.stop();
  gateway = undefined;
});

/**
 * Starts a gateway with a fresh paper account kept in memory, then opens BTC-USD. `extra` flags
 * tune its simulated market.
 */
async function openBtc(page: Page, extra: readonly string[] = []): Promise<GatewayProcess> {
  const started = await startGateway(['--seed', '11', ...extra]);
  gateway = started;
  await page.goto(started.url);
  await expect(page.getByTestId('connection-status')).toHaveText('live');
  await page.locator('[data-testid="watch-row"][data-symbol="BTC-USD"]').click();
  await expect(page.getByTestId('order-book')).toHaveAttribute('data-symbol', 'BTC-USD');
  await expect(page.getByTestId('book-bid')).toHaveCount(15);
  // Panels render live data only while in view; the ticket sits below the fold on a laptop.
  await page.getByTestId('ticket-submit').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('ticket-submit')).toBeEnabled();
  await expect(page.getByTestId('account-equity')).toHaveText(/^100,000\.00$/);
  return started;
}

/** Fills the size, then Enter (confirmation) and Enter again (send). */
async function sendFromTicket(page: Page, size: string): Promise<void> {
  const input = page.getByTestId('ticket-size');
  await input.fill(size);
  await input.press('Enter');
  await expect(page.getByTestId('ticket-status')).toContainText('press Enter to send');
  await input.press('Enter');
}

test('a limit order from the ticket rests on the book and in open orders, then is cancelled', async ({
  page,
}) => {
  // A calm market: at the catalog's volatility BTC moves a few dollars a second, enough to fill
  // the order or push its level off the 15 rows before the checks below.
  await openBtc(page, ['--sim-volatility', '0.02']);
  // Grouped by whole dollars, a click on the fourth bid sets the ticket's price a few dollars below
  // the market: the order rests, and its bucket stays shown. (The grouped view is built from the 20
  // levels subscribed, so deeper rows come and go: a click on one that just emptied picks nothing.)
  await page.getByLabel('Group').selectOption('100');
  const bid = page.getByTestId('book-bid').nth(3);
  // The book re-renders grouped a moment after the choice; click a grouped row, not an old one.
  await expect(bid).toHaveAttribute('data-price', /00$/);
  await bid.scrollIntoViewIfNeeded();
  await bid.click();
  await expect(page.getByTestId('ticket-price')).toHaveValue(/^\d+\.00$/);
  const text = await page.getByTestId('ticket-price').inputValue();
  const price = Math.round(Number(text) * 100);
  await sendFromTicket(page, '0.01');

  const row = page.getByTestId('orders-open').getByTestId('order-row');
  await expect(row).toHaveCount(1);
  await expect(row).toHaveAttribute('data-status', 'open');
  await expect(row).toContainText('BTC-USD');
  await expect(page.locator(`[data-testid="book-bid"][data-price="${price}"]`)).toHaveAttribute(
    'data-own',
    'true',
  );

  await row.getByTestId('cancel-order').click();
  await expect(page.getByTestId('orders-open').getByTestId('order-row')).toHaveCount(0);
  await expect(page.locator('[data-own="true"]')).toHaveCount(0);
  await page.getByRole('button', { name: 'History' }).click();
  await expect(
    page
      .getByTestId('orders-history')
      .locator('[data-testid="order-row"][data-status="cancelled"]'),
  ).toHaveCount(1);
});

test('a market order fills with a toast, opens a position whose P&L moves; offline the ticket is disabled and positions stay, marked stale', async ({
  page,
  context,
}) => {
  await openBtc(page);
  await page.getByTestId('ticket-type').selectOption('market');
  await sendFromTicket(page, '0.5');

  // One announcement per order, however many levels it walked.
  await expect(
    page.getByTestId('toast').filter({ hasText: /Order filled.*Bought 0\.5000 BTC-USD at/ }),
  ).toHaveCount(1);
  const position = page.locator('[data-testid="position-row"][data-symbol="BTC-USD"]');
  await expect(position.getByTestId('position-qty')).toHaveText('0.5000');

  // Marked to the live mid: unrealized P&L (and equity) change as the market moves.
  const pnl = position.getByTestId('position-upnl');
  const first = await pnl.textContent();
  await expect.poll(async () => pnl.textContent(), { timeout: 15_000 }).not.toBe(first);
  await expect(page.getByTestId('account-upnl')).not.toHaveText('—');

  await context.setOffline(true);
  await expect(page.getByTestId('connection-status')).toHaveText('offline', { timeout: 15_000 });
  await expect(page.getByTestId('ticket-submit')).toBeDisabled();
  await expect(page.getByTestId('ticket-status')).toHaveText(/offline|unreachable/i);
  const positions = page.locator('section.area-positions');
  await expect(positions).toHaveAttribute('data-stale', 'true');
  await expect(positions.getByTestId('stale-badge')).toHaveText(
    /^offline — as of \d{2}:\d{2}:\d{2}$/,
  );
  await expect(position.getByTestId('position-qty')).toHaveText('0.5000');

  await context.setOffline(false);
  await expect(page.getByTestId('connection-status')).toHaveText('live', { timeout: 20_000 });
  await expect(positions).toHaveAttribute('data-stale', 'false');
  await expect(page.getByTestId('ticket-submit')).toBeEnabled();
});

test('orders and fills made elsewhere reach the page through the account channel, without polling', async ({
  page,
  request,
}) => {
  const { url } = await openBtc(page);
  const book = await (await request.get(`${url}/api/book/BTC-USD`)).json();
  const bestBid = (book.bids as Array<[number, number]>)[0]![0];
  const place = (body: Record<string, unknown>) =>
    request.post(`${url}/api/orders`, {
      data: {
        symbol: 'BTC-USD',
        limitPrice: null,
        stopPrice: null,
        timeInForce: 'gtc',
        postOnly: false,
        ...body,
      },
    });

  // Another client (a script, a second device) rests a bid far below the market. The page's
  // account queries are not refetched for 30 s, so only the pushed update can show it.
  const resting = await place({
    clientOrderId: 'elsewhere-limit',
    side: 'buy',
    type: 'limit',
    quantity: 100,
    limitPrice: Math.floor(bestBid / 2),
  });
  expect(resting.status()).toBe(201);
  const row = page.getByTestId('orders-open').getByTestId('order-row');
  await expect(row).toHaveCount(1, { timeout: 5_000 });
  await expect(row).toHaveAttribute('data-status', 'open');

  const market = await place({
    clientOrderId: 'elsewhere-market',
    side: 'buy',
    type: 'market',
    quantity: 2_500,
  });
  expect(market.status()).toBe(201);
  await expect(
    page.getByTestId('toast').filter({ hasText: /Order filled.*Bought 0\.2500 BTC-USD/ }),
  ).toHaveCount(1, { timeout: 5_000 });
  await expect(
    page.locator('[data-testid="position-row"][data-symbol="BTC-USD"]').getByTestId('position-qty'),
  ).toHaveText('0.2500');
});
