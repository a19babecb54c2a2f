/**
 * Order round trip from the ticket (issue 5's "ticket submit to acknowledged"): the dashboard in
 * headless Chromium on a gateway child (paper account in memory, rate limits off), "Send without
 * confirmation" on, and one Enter in the size field per order: small BTC-USD limit buys at half the
 * market, so they rest; cancel-all between batches keeps the open-orders list short. Timed in the
 * page (see ticket-latency.ts): Enter → the ticket's accepted toast, and Enter → the order's row in
 * open orders. In the same page and run, after each ticket order: the same order as a plain
 * in-page `fetch` POST /api/orders (the gateway without the ticket and React), and a plain
 * `fetch('/healthz')` (the HTTP floor, the baseline).
 */
import type { Page } from '@playwright/test';
import type { PlaceOrderBody } from '../../protocol/paper';
import type { InstrumentsResponse } from '../../protocol/rest';
import type { BenchRow } from '../table';
import { launchBrowser, startGateway, sleep } from './harness';
import {
  farPrice,
  firstEventAfter,
  latencySummary,
  pairedIntervals,
  TICKET_PROBE_SOURCE,
  type TicketProbeReading,
} from './ticket-latency';

const ORDERS = 300;
const WARMUP = 20;
/** Ticket orders between cancel-alls (each leaves two rows: the ticket's and the fetched one). */
const BATCH = 25;
const SIZE_TEXT = '0.0010';
const SYMBOL = 'BTC-USD';
const BENCH = 'order ticket';
/** Tall enough that the ticket, the book and the orders panel are all in view (they render live data only then). */
const VIEWPORT = { width: 1280, height: 1600 } as const;

interface InPageTiming {
  status: number;
  ms: number;
}

/** The gateway listens before its paper store is open; orders wait for GET /readyz. */
async function untilReady(url: string): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt++) {
    const ready = await fetch(`${url}/readyz`).catch(() => null);
    if (ready?.ok) return;
    await sleep(100);
  }
  throw new Error(`${url} did not become ready within 30 s`);
}

function timedFetch(page: Page, path: string, body?: PlaceOrderBody): Promise<InPageTiming> {
  const init =
    body === undefined
      ? `{ cache: 'no-store' }`
      : `{ method: 'POST', cache: 'no-store', headers: { accept: 'application/json', 'content-type': 'application/json' }, body: ${JSON.stringify(JSON.stringify(body))} }`;
  // A string, not a function: see TICKET_PROBE_SOURCE.
  return page.evaluate(`(async () => {
    const start = performance.now();
    const response = await fetch(${JSON.stringify(path)}, ${init});
    await response.arrayBuffer();
    return { status: response.status, ms: performance.now() - start };
  })()`);
}

/**
 * Waits until the probe saw `acks` accepted toasts and `rows` open-order rows, or any rejection. A
 * function, not a string: the app's CSP forbids the eval a string predicate needs.
 */
function waitForProbe(page: Page, acks: number, rows: number): Promise<unknown> {
  return page.waitForFunction(
    (want) => {
      const probe = Reflect.get(window, '__ticketBench') as TicketProbeReading;
      return (
        probe.rejects.length > 0 ||
        (probe.acks.length >= want.acks && probe.rows.length >= want.rows)
      );
    },
    { acks, rows },
    { timeout: 15_000 },
  );
}

async function readProbe(page: Page): Promise<TicketProbeReading> {
  return page.evaluate(`(() => {
    const s = window.__ticketBench;
    return { submits: s.submits, acks: s.acks, rejects: s.rejects, rows: s.rows };
  })()`);
}

/** Runs the benchmark; rows and notes for bench/run.ts. */
export async function runTicketBench(): Promise<{ rows: BenchRow[]; notes: string[] }> {
  const browser = await launchBrowser();
  const gateway = await startGateway(['--order-rate-limit', '1000000', '--rate-limit', '0']);
  try {
    await untilReady(gateway.url);
    const { instruments } = (await (
      await fetch(`${gateway.url}/api/instruments`)
    ).json()) as InstrumentsResponse;
    const btc = instruments.find((i) => i.symbol === SYMBOL);
    if (!btc) throw new Error(`${SYMBOL} is not among the gateway's instruments`);

    const context = await browser.newContext({ viewport: VIEWPORT });
    await context.addInitScript({ content: TICKET_PROBE_SOURCE });
    const page = await context.newPage();
    await page.goto(`${gateway.url}/?symbol=${SYMBOL}`);
    await page
      .getByTestId('connection-status')
      .filter({ hasText: 'live' })
      .waitFor({ timeout: 20_000 });
    const submit = page.getByTestId('ticket-submit');
    await submit.scrollIntoViewIfNeeded();
    await page.waitForFunction(
      () =>
        document.querySelector<HTMLButtonElement>('[data-testid="ticket-submit"]')?.disabled ===
        false,
      null,
      { timeout: 20_000 },
    );
    // The keyboard, as a trader would: the panel's scroll container takes pointer hits here.
    const skip = page.getByLabel('Send without confirmation');
    await skip.press('Space');
    if (!(await skip.isChecked())) throw new Error('"Send without confirmation" did not turn on');
    const priceInput = page.getByTestId('ticket-price');
    await page.waitForFunction(
      () =>
        (document.querySelector<HTMLInputElement>('[data-testid="ticket-price"]')?.value ?? '') !==
        '',
      null,
      { timeout: 20_000 },
    );
    const price = farPrice(await priceInput.inputValue(), 0.5, btc.priceScale, btc.tick);
    await priceInput.fill(price.text);
    const size = page.getByTestId('ticket-size');
    await size.fill(SIZE_TEXT);
    const quantity = Math.round(Number(SIZE_TEXT) * 10 ** btc.sizeScale);

    // The probe times only rows at the ticket's price; the fetched orders rest 100 ticks lower.
    await page.evaluate(`window.__ticketBench.price = ${JSON.stringify(price.text)}`);
    const fetchPrice = price.units - 100 * btc.tick;
    let missingRows = 0;
    const orderFetch: InPageTiming[] = [];
    const healthz: InPageTiming[] = [];
    const total = WARMUP + ORDERS;
    for (let n = 0; n < total; n++) {
      if (n > 0 && n % BATCH === 0) {
        await page.getByTestId('cancel-all').press('Enter');
        await page
          .getByTestId('orders-open')
          .getByTestId('order-row')
          .first()
          .waitFor({ state: 'detached', timeout: 15_000 });
      }
      await size.press('Enter');
      await waitForProbe(page, n + 1, 0);
      // The row (merged from the ticket's own answer) is timed too, but a missing one only counts.
      await waitForProbe(page, n + 1, n + 1 - missingRows).catch(() => missingRows++);
      orderFetch.push(
        await timedFetch(page, '/api/orders', {
          clientOrderId: `ticket-bench-fetch-${n}`,
          symbol: btc.symbol,
          side: 'buy',
          type: 'limit',
          quantity,
          limitPrice: fetchPrice,
          stopPrice: null,
          timeInForce: 'gtc',
          postOnly: false,
        }),
      );
      healthz.push(await timedFetch(page, '/healthz'));
      const { rejects } = await readProbe(page);
      if (rejects.length > 0) throw new Error(`order ${n} was refused: ${rejects.join('; ')}`);
    }
    const refused = orderFetch.filter((t) => t.status !== 201 && t.status !== 200);
    if (refused.length > 0) {
      throw new Error(`${refused.length} fetched orders not accepted (${refused[0]?.status})`);
    }
    const probe = await readProbe(page);
    await context.close();

    const measured = <T>(values: readonly T[]): T[] => values.slice(WARMUP);
    const ack = latencySummary(measured(pairedIntervals(probe.submits, probe.acks)));
    const rowTimes = measured(firstEventAfter(probe.submits, probe.rows));
    const row = latencySummary(rowTimes.filter(Number.isFinite));
    const post = latencySummary(measured(orderFetch.map((t) => t.ms)));
    const floor = latencySummary(measured(healthz.map((t) => t.ms)));
    const base = 'in-page fetch /healthz';
    const figure = (what: string, p: 'p50' | 'p99', extra = ''): string =>
      `${what} ${p}${extra} (baseline ${base})`;
    const series: Array<[string, ReturnType<typeof latencySummary>]> = [
      ['ticket Enter → accepted toast', ack],
      ['ticket Enter → row in open orders', row],
      ['in-page fetch POST /api/orders, no ticket', post],
    ];
    const rows: BenchRow[] = series.flatMap(([what, summary]) =>
      (['p50', 'p99'] as const).map((p) => ({
        bench: BENCH,
        figure: figure(what, p, p === 'p50' ? `, ${summary.count} limit orders` : ''),
        ours: summary[p],
        baseline: floor[p],
        unit: 'ms',
        better: 'lower' as const,
      })),
    );
    const ms = (value: number): string => `${value.toFixed(2)} ms`;
    const notes = [
      `${ORDERS} ${SIZE_TEXT} ${SYMBOL} GTC limit buys at ${price.text} (half the ask, resting) after ${WARMUP} warm-up orders; one Enter each ("Send without confirmation"); cancel-all every ${BATCH}`,
      `gateway child: --data-dir memory:// --order-rate-limit 1000000 --rate-limit 0; headless system Chromium, ${VIEWPORT.width}×${VIEWPORT.height}; times from performance.now() in the page (keydown → MutationObserver)`,
      `ticket Enter → accepted toast: p50 ${ms(ack.p50)}, p99 ${ms(ack.p99)}; → open-orders row: p50 ${ms(row.p50)}, p99 ${ms(row.p99)}`,
      `in-page POST /api/orders: p50 ${ms(post.p50)}, p99 ${ms(post.p99)}; in-page GET /healthz: p50 ${ms(floor.p50)}, p99 ${ms(floor.p99)}`,
    ];
    const missed = rowTimes.length - row.count;
    if (missed > 0)
      notes.push(`${missed} ticket orders' rows did not appear in open orders within 15 s`);
    return { rows, notes };
  } finally {
    await gateway.stop();
    await browser.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { renderTable } = await import('../table');
  const outcome = await runTicketBench();
  console.log(`${renderTable(outcome.rows)}\n\n${outcome.notes.join('\n')}`);
}
