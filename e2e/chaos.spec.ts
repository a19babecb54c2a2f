import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { formatPrice, formatSize, type Instrument } from '../protocol/instruments';
import type { OrdersResponse, PlaceOrderResponse, PositionsResponse } from '../protocol/paper';
import type { BookResponse, InstrumentsResponse, TradesResponse } from '../protocol/rest';
import { formatClock } from '../src/lib/format';
import { startGateway, type GatewayProcess } from './support/gateway';

const SYMBOL = 'BTC-USD';

async function getJson<T>(request: APIRequestContext, url: string): Promise<T> {
  const res = await request.get(url);
  expect(res.status(), `${url}: ${await res.text()}`).toBe(200);
  return (await res.json()) as T;
}

async function placeOrder(
  request: APIRequestContext,
  gateway: GatewayProcess,
  body: Record<string, unknown>,
): Promise<PlaceOrderResponse> {
  const res = await request.post(`${gateway.url}/api/orders`, { data: body });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as PlaceOrderResponse;
}

/** The tape's rendered rows as the text a trader reads: price, size, time. */
async function tapeRows(page: Page): Promise<string[][]> {
  return page
    .getByTestId('trade-row')
    .evaluateAll((rows) =>
      rows.map((row) => [...row.querySelectorAll('td')].map((td) => td.textContent ?? '')),
    );
}

/** Trades of the rendered tape in the whole tape (aria-rowcount counts the header row). */
async function tapeLength(page: Page): Promise<number> {
  const count = await page.locator('table.trades').getAttribute('aria-rowcount');
  return Number(count) - 1;
}

/**
 * True when the rendered rows are exactly a run of consecutive trades of the gateway's tape
 * (newest first): a duplicate or a missing trade breaks the run.
 */
function isRunOf(rows: string[][], gatewayRows: string[][]): boolean {
  if (rows.length === 0) return false;
  const key = (row: string[]) => row.join(' | ');
  const wanted = rows.map(key);
  const all = gatewayRows.map(key);
  for (let start = 0; start + wanted.length <= all.length; start++) {
    if (wanted.every((row, i) => all[start + i] === row)) return true;
  }
  return false;
}

test('after a SIGKILL and a restart the page recovers without a reload: tape equals the gateway, orders and positions intact; a graceful stop shows offline', async ({
  page,
  request,
}) => {
  test.setTimeout(360_000);
  const dataDir = await mkdtemp(join(tmpdir(), 'qd-chaos-'));
  let running: GatewayProcess | null = null;
  try {
    // The paper account lives on disk so it survives the kill, like an operator's would.
    // Creating, and after the SIGKILL recovering, an on-disk PGlite store takes a while.
    const gateway = await startGateway(['--seed', '11', '--data-dir', dataDir], 0, {
      readyTimeoutMs: 120_000,
    });
    running = gateway;
    await page.goto(gateway.url);
    await expect(page.getByTestId('connection-status')).toHaveText('live', { timeout: 20_000 });
    await page.locator(`[data-testid="watch-row"][data-symbol="${SYMBOL}"]`).click();
    await expect(page.getByTestId('order-book')).toHaveAttribute('data-symbol', SYMBOL);
    await expect(page.getByTestId('trades')).toHaveAttribute('data-symbol', SYMBOL);

    const { instruments } = await getJson<InstrumentsResponse>(
      request,
      `${gateway.url}/api/instruments`,
    );
    const btc: Instrument = instruments.find((i) => i.symbol === SYMBOL)!;
    const book = await getJson<BookResponse>(request, `${gateway.url}/api/book/${SYMBOL}`);
    const bestBid = book.bids[0]![0];
    // Far below the market: the limit order rests through the whole test.
    const restingPrice = Math.floor((bestBid * 0.8) / btc.tick) * btc.tick;
    const quantity = btc.lot * Math.max(1, Math.ceil(10 ** btc.sizeScale / 100 / btc.lot));
    const base = {
      symbol: SYMBOL,
      side: 'buy',
      stopPrice: null,
      timeInForce: 'gtc',
      postOnly: false,
      quantity,
    };
    const resting = await placeOrder(request, gateway, {
      ...base,
      clientOrderId: 'chaos-limit',
      type: 'limit',
      limitPrice: restingPrice,
    });
    expect(resting.order.status).toBe('open');
    const market = await placeOrder(request, gateway, {
      ...base,
      clientOrderId: 'chaos-market',
      type: 'market',
      limitPrice: null,
    });
    expect(market.order.status).toBe('filled');

    const openRow = page.locator(`[data-testid="order-row"][data-order-id="${resting.order.id}"]`);
    await page.getByTestId('orders-open').scrollIntoViewIfNeeded();
    await expect(openRow).toHaveAttribute('data-status', 'open', { timeout: 15_000 });
    const positionRow = page.locator(`[data-testid="position-row"][data-symbol="${SYMBOL}"]`);
    await page.getByTestId('positions').scrollIntoViewIfNeeded();
    await expect(positionRow.getByTestId('position-qty')).toHaveText(formatSize(btc, quantity));
    const positionsBefore = await getJson<PositionsResponse>(
      request,
      `${gateway.url}/api/positions`,
    );

    // A tape long enough that trades kept across the restart would show.
    await page.getByTestId('trades').scrollIntoViewIfNeeded();
    await expect.poll(() => tapeLength(page), { timeout: 60_000 }).toBeGreaterThanOrEqual(20);
    await page.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
    });

    await gateway.stop(true);
    await expect(page.getByTestId('connection-status')).not.toHaveText('live', {
      timeout: 20_000,
    });
    await gateway.restart();
    await expect(page.getByTestId('connection-status')).toHaveText('live', { timeout: 30_000 });
    expect(
      await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded),
    ).toBe(true);

    // The tape after recovery is the new gateway's tape: nothing from before the restart kept
    // beside it, no trade twice, none missing.
    const gatewayTape = async () => {
      const { trades } = await getJson<TradesResponse>(
        request,
        `${gateway.url}/api/trades/${SYMBOL}?limit=1000`,
      );
      // The API lists oldest first; the tape shows newest first.
      return [...trades]
        .reverse()
        .map((t) => [formatPrice(btc, t.price), formatSize(btc, t.size), formatClock(t.time)]);
    };
    await expect
      .poll(
        async () => {
          const length = await tapeLength(page);
          const rows = await tapeRows(page);
          const tape = await gatewayTape();
          return { longerThanGateway: length > tape.length, run: isRunOf(rows, tape) };
        },
        { timeout: 30_000 },
      )
      .toEqual({ longerThanGateway: false, run: true });
    // Live data keeps flowing into the tape.
    const firstRows = await tapeRows(page);
    await expect
      .poll(async () => JSON.stringify(await tapeRows(page)), { timeout: 30_000 })
      .not.toBe(JSON.stringify(firstRows));

    // Orders and positions survived the kill, on the gateway and on the page.
    const open = await getJson<OrdersResponse>(request, `${gateway.url}/api/orders?status=open`);
    expect(open.orders.map((o) => [o.id, o.status, o.limitPrice])).toEqual([
      [resting.order.id, 'open', restingPrice],
    ]);
    // Marks and unrealized P&L move with the market; what the trader holds must not.
    const holdings = (body: PositionsResponse) =>
      body.positions.map((p) => [p.symbol, p.quantity, p.averageEntryPrice]);
    expect(
      holdings(await getJson<PositionsResponse>(request, `${gateway.url}/api/positions`)),
    ).toEqual(holdings(positionsBefore));
    await page.getByTestId('orders-open').scrollIntoViewIfNeeded();
    await expect(openRow).toHaveAttribute('data-status', 'open');
    await expect(page.getByTestId('orders-open').getByTestId('order-row')).toHaveCount(1);
    await page.getByTestId('positions').scrollIntoViewIfNeeded();
    await expect(positionRow.getByTestId('position-qty')).toHaveText(formatSize(btc, quantity));

    // A graceful stop: the page says the gateway is gone, not a frozen "live".
    await gateway.stop();
    await expect(page.getByTestId('connection-status')).toHaveText('offline', {
      timeout: 30_000,
    });
    // Close code 1001 tells the page why: the gateway is shutting down, not the network failing.
    await expect(page.getByTestId('connection-reason')).toHaveText(/gateway shutting down/i);
  } finally {
    await running?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
});
