/**
 * Paper-trading benchmark. Order round trip: HTTP POST /api/orders to the acknowledged answer
 * (committed to PGlite in a temp directory) on a real gateway child, p50/p99 over a few hundred
 * small market orders; baseline: GET /healthz on the same gateway (the HTTP floor, no engine, no
 * store). Engine throughput: orders/s of the engine alone in-process (no store, the baseline)
 * against engine + store (each transition committed to PGlite before the next order). Only
 * accepted orders are timed; any rejected or failed order fails the bench with the count.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { PlaceOrderBody } from '../protocol/paper';
import type { InstrumentsResponse } from '../protocol/rest';
import { BTC_USD } from '../protocol/test-fixtures';
import { isRecord } from '../protocol/value-guards';
import { createPaperEngine, instrumentLookup, type MarketView } from '../server/paper/engine';
import { openPaperStore } from '../server/paper/store/open-paper-store';
import type { OrderRequest } from '../server/paper/types';
import { startGatewayChild } from './fanout/gateway-process';
import type { BenchRow } from './table';

const ROUND_TRIPS = 300;
const ENGINE_ORDERS = 20_000;
const STORE_ORDERS = 500;

// The engine benchmark trades one instrument: Bitcoin in cents and 0.0001 BTC lots.
const INSTRUMENT = BTC_USD;

/** A market that never moves: ten levels a side around 65,000, always fresh. */
const STILL_MARKET: MarketView = {
  book: (_inst, depth) => {
    const bids: number[] = [];
    const asks: number[] = [];
    for (let i = 0; i < Math.min(depth, 10); i++) {
      bids.push(6_499_900 - i * 100, 50_000);
      asks.push(6_500_100 + i * 100, 50_000);
    }
    return { bids, asks, time: Date.now() };
  },
  lastTrade: () => ({ price: 6_500_000, size: 1, time: Date.now() }),
  isOpen: () => true,
};

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;
}

/** Alternating small market orders, so the position stays near flat and buying power holds. */
function marketOrder(n: number, symbol: string, quantity: number): OrderRequest {
  return {
    clientOrderId: `bench-${n}`,
    symbol,
    side: n % 2 === 0 ? 'buy' : 'sell',
    type: 'market',
    quantity,
    limitPrice: null,
    stopPrice: null,
    timeInForce: 'gtc',
    postOnly: false,
  };
}

/**
 * Counts how the gateway answered the bench's orders. Only an accepted order (201, or 200 for a
 * repeat of its id) was acknowledged by the engine and the store; a 422 is a rejection answered
 * before any fill or commit, so timing it would flatter the round trip.
 */
export class OrderTally {
  accepted = 0;
  /** Not accepted, by reason: `422 insufficient_buying_power`, `503`, `network: …`. */
  readonly failed = new Map<string, number>();

  /** Records one HTTP answer (its status and parsed body); true when the order was accepted. */
  answer(status: number, body: unknown): boolean {
    if (status === 201 || status === 200) {
      this.accepted++;
      return true;
    }
    const error = isRecord(body) && isRecord(body.error) ? body.error.code : undefined;
    this.fail(typeof error === 'string' ? `${status} ${error}` : String(status));
    return false;
  }

  /** Records an order that got no answer at all. */
  fail(reason: string): void {
    this.failed.set(reason, (this.failed.get(reason) ?? 0) + 1);
  }

  get failedCount(): number {
    let total = 0;
    for (const count of this.failed.values()) total += count;
    return total;
  }

  /** Throws, with the counts, unless every order sent was accepted. */
  assertAllAccepted(what: string): void {
    const failed = this.failedCount;
    if (failed === 0) return;
    const reasons = [...this.failed].map(([reason, count]) => `${count} × ${reason}`).join(', ');
    throw new Error(
      `${what}: ${failed} of ${failed + this.accepted} orders were not accepted (${reasons}); ` +
        'the figures would not measure acknowledged orders',
    );
  }
}

async function bodyOf(response: Response): Promise<unknown> {
  try {
    return (await response.json()) as unknown;
  } catch {
    return null;
  }
}

/** The gateway listens before its paper store is open; orders wait for GET /readyz. */
async function untilReady(url: string): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt++) {
    const ready = await fetch(`${url}/readyz`).catch(() => null);
    if (ready?.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not become ready within 60 s`);
}

async function roundTrips(): Promise<{ order: number[]; floor: number[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'quotedeck-paper-bench-'));
  const gateway = await startGatewayChild(['--no-static', '--data-dir', dir, '--rate-limit', '0']);
  try {
    await untilReady(gateway.url);
    const res = await fetch(`${gateway.url}/api/instruments`);
    const { instruments } = (await res.json()) as InstrumentsResponse;
    const btc = instruments.find((i) => i.symbol === 'BTC-USD')!;
    const order: number[] = [];
    const floor: number[] = [];
    const tally = new OrderTally();
    for (let n = 0; n < ROUND_TRIPS + 20; n++) {
      const body: PlaceOrderBody = marketOrder(n, btc.symbol, btc.lot * 10);
      let start = performance.now();
      let took: number;
      try {
        const placed = await fetch(`${gateway.url}/api/orders`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        const answer = await bodyOf(placed);
        took = performance.now() - start;
        if (!tally.answer(placed.status, answer)) continue;
      } catch (error) {
        tally.fail(`network: ${String(error)}`);
        continue;
      }
      start = performance.now();
      await (await fetch(`${gateway.url}/healthz`)).arrayBuffer();
      const healthz = performance.now() - start;
      // The first 20 warm up the JIT and the database's caches.
      if (n >= 20) {
        order.push(took);
        floor.push(healthz);
      }
    }
    // Every order is sent before failing, so the message says how many were refused and why.
    tally.assertAllAccepted('paper bench round trips');
    return { order: order.sort((a, b) => a - b), floor: floor.sort((a, b) => a - b) };
  } finally {
    await gateway.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function engineAlone(): number {
  const engine = createPaperEngine({
    instruments: instrumentLookup([INSTRUMENT]),
    market: STILL_MARKET,
    recentOrderCapacity: 1000,
  });
  let rejected = 0;
  const start = performance.now();
  for (let n = 0; n < ENGINE_ORDERS; n++) {
    const result = engine.place(marketOrder(n, INSTRUMENT.symbol, 10), Date.now());
    if (result.order.status === 'rejected') rejected++;
  }
  const perSecond = ENGINE_ORDERS / ((performance.now() - start) / 1000);
  // A rejection is cheaper than a fill: counted in, it would inflate the baseline.
  if (rejected > 0) throw new Error(`engine alone: ${rejected} of ${ENGINE_ORDERS} rejected`);
  return perSecond;
}

async function engineWithStore(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'quotedeck-paper-store-'));
  const store = await openPaperStore({ dataDir: dir });
  try {
    const engine = createPaperEngine({
      instruments: instrumentLookup([INSTRUMENT]),
      market: STILL_MARKET,
    });
    let rejected = 0;
    const start = performance.now();
    for (let n = 0; n < STORE_ORDERS; n++) {
      const result = engine.place(marketOrder(n, INSTRUMENT.symbol, 10), Date.now());
      if (result.order.status === 'rejected') rejected++;
      if (result.transition) await store.commit(result.transition);
    }
    const perSecond = STORE_ORDERS / ((performance.now() - start) / 1000);
    if (rejected > 0) throw new Error(`engine + store: ${rejected} of ${STORE_ORDERS} rejected`);
    return perSecond;
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs the paper-trading benchmark; rows for bench/run.ts. */
export async function runPaperBench(): Promise<BenchRow[]> {
  const trips = await roundTrips();
  const alone = engineAlone();
  const stored = await engineWithStore();
  const bench = 'paper trading';
  return [
    {
      bench,
      figure: `order round trip p50 (POST → ack, ${ROUND_TRIPS} orders; baseline GET /healthz)`,
      ours: percentile(trips.order, 0.5),
      baseline: percentile(trips.floor, 0.5),
      unit: 'ms',
      better: 'lower',
    },
    {
      bench,
      figure: 'order round trip p99 (baseline GET /healthz)',
      ours: percentile(trips.order, 0.99),
      baseline: percentile(trips.floor, 0.99),
      unit: 'ms',
      better: 'lower',
    },
    {
      bench,
      figure: 'orders/s, engine + PGlite commit per order (baseline: engine alone)',
      ours: stored,
      baseline: alone,
      unit: 'orders/s',
      better: 'higher',
    },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { renderTable } = await import('./table');
  console.log(renderTable(await runPaperBench()));
}
