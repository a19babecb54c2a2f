/**
 * Record and replay end to end: a real gateway records a simulator session (--record), a second
 * gateway replays the file (--source replay:FILE), and the page shows the recorded market — the
 * recorded instruments, book levels and trades — then marks it stale once the replay has ended.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { formatPrice, formatSize } from '../protocol/instruments';
import type { InstrumentsResponse, TradesResponse } from '../protocol/rest';
import { startGateway, type GatewayProcess } from './support/gateway';
import { recordedSession, type RecordedMarket } from './support/recording-view';

/** The instrument the page is checked on (the simulator's first). */
const SYMBOL = 'BTC-USD';
/** Rows the book panel draws per side (BOOK_ROWS in the order book). */
const BOOK_ROWS = 15;
/** Wall time recorded once the recording gateway is ready. */
const RECORD_MS = 5_000;
/** Time the page needs to open and check the playing market, on top of gateway start-up. */
const WATCH_MS = 15_000;
/** A loaded machine can take a minute to open a gateway's paper store. */
const READY_MS = 120_000;

test.describe.configure({ mode: 'serial' });

let dir: string;
let file: string;
let markets: Map<string, RecordedMarket>;
/** How long the slowed replay should last, and the --speed that makes it so. */
let replayMs: number;
let slowSpeed: string;
let gateway: GatewayProcess | null = null;

test.beforeAll(async () => {
  test.setTimeout(3 * READY_MS);
  dir = await mkdtemp(join(tmpdir(), 'qd-replay-e2e-'));
  file = join(dir, 'session.qdrec');
  const started = Date.now();
  const recorder = await startGateway(
    ['--seed', '11', '--rate', '400', '--sim-instruments', '3', '--record', file],
    0,
    { readyTimeoutMs: READY_MS },
  );
  // The simulator records from the moment it starts, and the paper store can take many seconds
  // to open on a busy machine: the replay gateway takes about as long, and its replay is running
  // meanwhile. The slowed replay lasts long enough to cover that start-up (thrice, as the load
  // varies) and the page's checks.
  const startupMs = Date.now() - started;
  try {
    await expect
      .poll(async () => {
        const response = await fetch(`${recorder.url}/api/trades/${SYMBOL}`);
        return ((await response.json()) as TradesResponse).trades.length;
      })
      .toBeGreaterThan(20);
    const left = started + startupMs + RECORD_MS - Date.now();
    if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
  } finally {
    // SIGTERM: the gateway stops its source, and the recorder flushes what it buffered.
    await recorder.stop();
  }
  const session = recordedSession(file);
  markets = session.markets;
  replayMs = 3 * startupMs + WATCH_MS;
  slowSpeed = Math.min(1, Math.max(0.01, session.spanMs / replayMs)).toFixed(3);
});

test.afterEach(async () => {
  await gateway?.stop();
  gateway = null;
});

test.afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function market(symbol: string): RecordedMarket {
  const found = markets.get(symbol);
  if (!found) throw new Error(`the recording has no ${symbol}`);
  return found;
}

/** The book as drawn, best first on both sides: [price units, size text]. */
async function drawnBook(
  page: Page,
): Promise<{ bids: Array<[number, string]>; asks: Array<[number, string]> }> {
  return await page.getByTestId('order-book').evaluate((book) => {
    const rows = (side: string): Array<[number, string]> =>
      [...book.querySelectorAll(`[data-testid="book-${side}"]`)].map((row) => [
        Number(row.getAttribute('data-price')),
        row.querySelectorAll('span')[1]?.textContent ?? '',
      ]);
    // Asks are drawn highest first, so the best ask sits just above the spread.
    return { bids: rows('bid'), asks: rows('ask').reverse() };
  });
}

/** The tape as drawn, newest first: "price size" per row. */
async function drawnTape(page: Page): Promise<string[]> {
  return await page.getByTestId('trade-row').evaluateAll((rows) =>
    rows.map((row) =>
      [...row.querySelectorAll('td')]
        .slice(0, 2)
        .map((cell) => cell.textContent ?? '')
        .join(' '),
    ),
  );
}

/** The recorded final book, top rows, in the drawn form. */
function expectedBook(m: RecordedMarket): {
  bids: Array<[number, string]>;
  asks: Array<[number, string]>;
} {
  const rows = (side: Array<[number, number]>): Array<[number, string]> =>
    side.slice(0, BOOK_ROWS).map(([price, size]) => [price, formatSize(m.instrument, size)]);
  return { bids: rows(m.bids), asks: rows(m.asks) };
}

function tradeText(m: RecordedMarket, trade: { price: number; size: number }): string {
  return `${formatPrice(m.instrument, trade.price)} ${formatSize(m.instrument, trade.size)}`;
}

function panelOf(page: Page, testId: string) {
  return page.locator('section.panel', { has: page.getByTestId(testId) });
}

async function startReplay(speed: string): Promise<GatewayProcess> {
  gateway = await startGateway(['--source', `replay:${file}`, '--speed', speed], 0, {
    readyTimeoutMs: READY_MS,
  });
  return gateway;
}

async function openOn(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator(`[data-testid="watch-row"][data-symbol="${SYMBOL}"]`).click();
  await expect(page.getByTestId('order-book')).toHaveAttribute('data-symbol', SYMBOL);
  await expect(page.getByTestId('trades')).toHaveAttribute('data-symbol', SYMBOL);
}

/** After the end: the final recorded book and the newest recorded trades, marked stale. */
async function expectFinalState(page: Page, m: RecordedMarket, endMs = 0): Promise<void> {
  await expect(page.getByTestId('connection-status')).toHaveText('degraded', {
    timeout: endMs + 10_000,
  });
  await expect(panelOf(page, 'order-book')).toHaveAttribute('data-stale', 'true');
  await expect(panelOf(page, 'trades')).toHaveAttribute('data-stale', 'true');
  await expect(panelOf(page, 'order-book').getByTestId('stale-badge')).toBeVisible();
  await expect.poll(async () => await drawnBook(page)).toEqual(expectedBook(m));
  const newest = m.trades
    .slice(-8)
    .reverse()
    .map((t) => tradeText(m, t));
  await expect.poll(async () => (await drawnTape(page)).slice(0, newest.length)).toEqual(newest);
}

test('the recording holds the simulator session', () => {
  expect([...markets.keys()]).toHaveLength(3);
  const btc = market(SYMBOL);
  expect(btc.trades.length).toBeGreaterThan(20);
  expect(btc.bids.length).toBeGreaterThanOrEqual(BOOK_ROWS);
  expect(btc.asks.length).toBeGreaterThanOrEqual(BOOK_ROWS);
});

test('a slowed replay shows the recorded market live, then marks it stale at the end', async ({
  page,
  request,
}) => {
  test.setTimeout(READY_MS + replayMs + 30_000);
  const replay = await startReplay(slowSpeed);
  const { instruments } = (await (
    await request.get(`${replay.url}/api/instruments`)
  ).json()) as InstrumentsResponse;
  expect(instruments.map((i) => i.symbol).sort()).toEqual([...markets.keys()].sort());

  await openOn(page, replay.url);
  // The replay is still running: live, and the watchlist lists exactly the recorded instruments.
  await expect(page.getByTestId('connection-status')).toHaveText('live');
  await expect(panelOf(page, 'order-book')).toHaveAttribute('data-stale', 'false');
  const listed = await page
    .getByTestId('watch-row')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-symbol')));
  expect(listed.sort()).toEqual([...markets.keys()].sort());

  const btc = market(SYMBOL);
  await expect(page.getByTestId('trade-row').first()).toBeVisible();
  await expect(page.getByTestId('book-bid').first()).toBeVisible();
  // Everything drawn while it plays comes from the recording.
  const recordedTrades = new Set(btc.trades.map((t) => tradeText(btc, t)));
  for (const row of await drawnTape(page)) expect(recordedTrades).toContain(row);
  const book = await drawnBook(page);
  for (const [price] of [...book.bids, ...book.asks]) expect(btc.bookPrices).toContain(price);

  await expectFinalState(page, btc, replayMs);
  // The whole market went stale with the replay, not just the instrument on screen.
  await expect(panelOf(page, 'watch-row')).toHaveAttribute('data-stale', 'true');
});

test('a page opened after a --speed max replay shows the final recorded state, stale', async ({
  page,
}) => {
  test.setTimeout(READY_MS + 30_000);
  const replay = await startReplay('max');
  await openOn(page, replay.url);
  await expectFinalState(page, market(SYMBOL));
});
