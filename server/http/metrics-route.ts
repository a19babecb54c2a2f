/**
 * GET /metrics in Prometheus text format. Each app has its own registry (tests build many apps
 * in one process); Node's process metrics are process-wide, so they are collected once into a
 * shared registry and merged in at scrape time, which also means building an app starts no
 * observers or histograms that would outlive it.
 */
import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { FeedStats } from '../ws/feed-stats';

/** What the feed metrics are read from, at scrape time. */
export interface FeedMetricsSource {
  stats: FeedStats;
  /** Connected WebSocket clients. */
  connections(): number;
  /** Stream subscriptions over all clients. */
  subscriptions(): number;
}

let processRegistry: Registry | null = null;

function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/** A registry holding the gateway's feed metrics (quotedeck_ws_*). */
export function createFeedRegistry(source: FeedMetricsSource): Registry {
  // Started with the first app, so process CPU counts from the gateway's start, not its first scrape.
  processMetrics();
  const registry = new Registry();
  const registers = [registry];
  new Gauge({
    name: 'quotedeck_ws_connections',
    help: 'Connected WebSocket feed clients.',
    registers,
    collect() {
      this.set(source.connections());
    },
  });
  new Gauge({
    name: 'quotedeck_ws_subscriptions',
    help: 'Stream subscriptions held by feed clients.',
    registers,
    collect() {
      this.set(source.subscriptions());
    },
  });
  const { stats } = source;
  const counters: Array<[string, string, () => number]> = [
    ['messages_sent', 'Messages sent to feed clients.', () => stats.messagesSent],
    ['bytes_sent', 'Payload bytes sent to feed clients.', () => stats.bytesSent],
    ['frames_sent', 'WebSocket frames sent to feed clients.', () => stats.framesSent],
    [
      'conflations',
      'Times a client fell behind and its streams were conflated.',
      () => stats.conflations,
    ],
    ['slow_closes', 'Clients closed with 1013 "too slow".', () => stats.slowCloses],
    ['rejected_messages', 'Client messages refused as invalid.', () => stats.rejectedMessages],
  ];
  for (const [name, help, read] of counters) {
    let reported = 0;
    new Counter({
      name: `quotedeck_ws_${name}_total`,
      help,
      registers,
      collect() {
        // Sessions count in plain numbers on the hot path; the counter catches up here.
        const value = read();
        this.inc(value - reported);
        reported = value;
      },
    });
  }
  return registry;
}

/** Registers GET /metrics serving `registry` plus the process metrics. */
export function registerMetricsRoute(app: FastifyInstance, registry: Registry): void {
  app.get('/metrics', async (_request, reply) => {
    const merged = Registry.merge([processMetrics(), registry]);
    const text = await merged.metrics();
    return reply
      .header('content-type', merged.contentType)
      .header('cache-control', 'no-store')
      .send(text);
  });
}
