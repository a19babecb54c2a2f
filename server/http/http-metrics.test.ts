import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { openPaperStore } from '../paper/store/open-paper-store';
import type { PaperStore } from '../paper/store/paper-store';
import { createFakeSource } from '../sources/fake-source';
import type { VenueCounters } from '../sources/source';

let store: PaperStore;
let app: FastifyInstance;
let n = 0;

beforeAll(async () => {
  store = await openPaperStore({ dataDir: 'memory://' });
}, 120_000);
afterAll(async () => {
  await store.close();
});
afterEach(async () => {
  await app.close();
});

const scrape = async (): Promise<string> => (await app.inject('/metrics')).body;

/** The value of a sample line `name{labels} value` (labels as written), or undefined. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('HTTP and source metrics', () => {
  it('counts rejected requests by route pattern, status and reason (never by raw path)', async () => {
    app = await buildApp({ source: createFakeSource(), staticDir: null });
    await app.inject('/api/candles?symbol=BTC-USD&interval=nope');
    await app.inject('/api/candles?symbol=BTC-USD&interval=nope');
    await app.inject('/api/book/NOPE-USD');
    await app.inject('/no/such/path/12345');
    const text = await scrape();
    expect(
      sample(
        text,
        'quotedeck_http_rejected_total{route="/api/candles",status="400",reason="bad_request"}',
      ),
    ).toBe(2);
    expect(
      sample(
        text,
        'quotedeck_http_rejected_total{route="/api/book/:symbol",status="404",reason="unknown_symbol"}',
      ),
    ).toBe(1);
    expect(
      sample(
        text,
        'quotedeck_http_rejected_total{route="unmatched",status="404",reason="not_found"}',
      ),
    ).toBe(1);
    expect(text).not.toContain('12345');
  });

  it('times order handling in a histogram', async () => {
    app = await buildApp({
      source: createFakeSource(),
      staticDir: null,
      paper: { store, accountId: `metrics${++n}` },
    });
    for (const quantity of [1, 'x']) {
      await app.inject({
        method: 'POST',
        url: '/api/orders',
        payload: {
          clientOrderId: `m${n}-${quantity}`,
          symbol: 'BTC-USD',
          side: 'buy',
          type: 'market',
          quantity,
        },
      });
    }
    const text = await scrape();
    expect(sample(text, 'quotedeck_order_latency_seconds_count')).toBe(2);
    expect(sample(text, 'quotedeck_order_latency_seconds_bucket{le="+Inf"}')).toBe(2);
  });

  it('mirrors the source venue counters per venue, and reports event-loop lag', async () => {
    const counters: VenueCounters[] = [
      { venue: 'binance', reconnects: 2, gaps: 3, resyncs: 1, offGrid: 0, malformed: 5 },
      { venue: 'kraken', reconnects: 0, gaps: 0, resyncs: 0, offGrid: 4, malformed: 0 },
    ];
    const source = { ...createFakeSource(), counters: () => counters };
    app = await buildApp({ source, staticDir: null });
    let text = await scrape();
    expect(sample(text, 'quotedeck_source_reconnects_total{venue="binance"}')).toBe(2);
    expect(sample(text, 'quotedeck_source_gaps_total{venue="binance"}')).toBe(3);
    expect(sample(text, 'quotedeck_source_resyncs_total{venue="binance"}')).toBe(1);
    expect(sample(text, 'quotedeck_source_malformed_total{venue="binance"}')).toBe(5);
    expect(sample(text, 'quotedeck_source_off_grid_total{venue="kraken"}')).toBe(4);
    counters[0] = { ...counters[0]!, reconnects: 7 };
    text = await scrape();
    expect(sample(text, 'quotedeck_source_reconnects_total{venue="binance"}')).toBe(7);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds \d/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_p99_seconds \d/m);
  });

  it('exports a record of counts with a reason label', async () => {
    const stats = { messagesSent: 1, byReason: { alpha: 2, beta: 0 } };
    app = await buildApp({ source: createFakeSource(), staticDir: null });
    const { createFeedRegistry } = await import('./metrics-route');
    const registry = createFeedRegistry({
      stats: stats as unknown as Parameters<typeof createFeedRegistry>[0]['stats'],
      connections: () => 0,
      subscriptions: () => 0,
    });
    let text = await registry.metrics();
    expect(sample(text, 'quotedeck_ws_by_reason_total{reason="alpha"}')).toBe(2);
    expect(sample(text, 'quotedeck_ws_messages_sent_total')).toBe(1);
    stats.byReason.alpha = 5;
    text = await registry.metrics();
    expect(sample(text, 'quotedeck_ws_by_reason_total{reason="alpha"}')).toBe(5);
  });

  it('exports every FeedStats counter, including ones added later', async () => {
    app = await buildApp({ source: createFakeSource(), staticDir: null });
    const stats: unknown = app.gateway.stats;
    const names = (await app.gateway.metrics.getMetricsAsJSON()).map((m) => m.name);
    for (const [field, value] of Object.entries(stats as object)) {
      if (typeof value === 'function') continue;
      const snake = field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
      expect(names).toContain(`quotedeck_ws_${snake}_total`);
    }
    Reflect.set(stats as object, 'rejectedMessages', 3);
    expect(sample(await scrape(), 'quotedeck_ws_rejected_messages_total')).toBe(3);
  });
});
