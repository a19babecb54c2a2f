/**
 * GET /metrics in Prometheus text format. Each app has its own registry (tests build many apps
 * in one process); Node's process metrics are process-wide, so they are collected once into a
 * shared registry and merged in at scrape time, which also means building an app starts no
 * observers or histograms that would outlive it.
 */
import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { VenueCounters } from '../sources/source';
import type { FeedStats } from '../ws/feed-stats';
import { METRICS_SCHEMA } from './route-schemas';

/** What the feed metrics are read from, at scrape time. */
export interface FeedMetricsSource {
  stats: FeedStats;
  /** Connected WebSocket clients. */
  connections(): number;
  /** Stream subscriptions over all clients. */
  subscriptions(): number;
  /** Bytes queued for or buffered by all clients' sockets and not yet sent. */
  unsentBytes?(): number;
  /** The most unsent bytes one client has held since the gateway started. */
  peakClientUnsentBytes?(): number;
  /** The source's per-venue counters (MarketSource.counters), when it keeps any. */
  venues?(): VenueCounters[];
}

const VENUE_COUNTERS: Array<[Exclude<keyof VenueCounters, 'venue'>, string, string]> = [
  ['reconnects', 'reconnects', 'Exchange socket reconnects.'],
  ['gaps', 'gaps', 'Sequence gaps detected in exchange streams.'],
  ['resyncs', 'resyncs', 'Book resyncs (fresh snapshots) after a gap.'],
  ['offGrid', 'off_grid', 'Exchange values off the instrument tick/lot grid, dropped.'],
  ['malformed', 'malformed', 'Malformed exchange messages, dropped.'],
];

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
  const { unsentBytes, peakClientUnsentBytes } = source;
  if (unsentBytes) {
    new Gauge({
      name: 'quotedeck_ws_unsent_bytes',
      help: 'Bytes queued for feed clients and not yet sent, over all clients (bounded by the gateway budget).',
      registers,
      collect() {
        this.set(unsentBytes());
      },
    });
  }
  if (peakClientUnsentBytes) {
    new Gauge({
      name: 'quotedeck_ws_client_unsent_bytes_peak',
      help: 'Most unsent bytes one feed client has held since start (bounded per client).',
      registers,
      collect() {
        this.set(peakClientUnsentBytes());
      },
    });
  }
  registerStatsCounters(registry, source.stats);
  const venues = source.venues;
  if (venues) {
    for (const [field, name, help] of VENUE_COUNTERS) {
      new Counter({
        name: `quotedeck_source_${name}_total`,
        help,
        labelNames: ['venue'],
        registers,
        collect() {
          // The source keeps totals; the counter mirrors them per venue at scrape time.
          this.reset();
          for (const counters of venues()) this.inc({ venue: counters.venue }, counters[field]);
        },
      });
    }
  }
  return registry;
}

const STATS_HELP: Record<string, string> = {
  messagesSent: 'Messages sent to feed clients.',
  bytesSent: 'Payload bytes sent to feed clients.',
  framesSent: 'WebSocket frames sent to feed clients.',
  conflations: 'Times a client fell behind and its streams were conflated.',
  slowCloses: 'Clients closed with 1013 "too slow".',
  budgetConflations: 'Times a client was conflated because the gateway-wide unsent budget ran low.',
  budgetCloses: 'Clients closed 1013 because the gateway-wide unsent budget ran out.',
  heartbeatTimeouts: 'Clients cut off after two heartbeat pings went unanswered.',
  rejectedMessages: 'Client messages refused (undecodable, invalid, unknown stream, over a limit).',
  droppedMessages:
    'Messages meant for a client never sent, by reason (conflated: skipped while behind; closed: queued when it closed).',
  rejections: 'Refused client input and connections, by reason.',
};

/**
 * Every numeric FeedStats field becomes quotedeck_ws_<snake_case>_total, and every record of
 * numbers (such as rejections by reason) one counter labelled `reason`, so counters the feed
 * adds later are exported without a change here.
 */
function registerStatsCounters(registry: Registry, stats: FeedStats): void {
  for (const [field, initial] of Object.entries(stats)) {
    const labelled = isNumberRecord(initial);
    if (typeof initial !== 'number' && !labelled) continue;
    const snake = field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    new Counter({
      name: `quotedeck_ws_${snake}_total`,
      help: STATS_HELP[field] ?? `Feed counter ${field}${labelled ? ', by reason' : ''}.`,
      labelNames: labelled ? ['reason'] : [],
      registers: [registry],
      collect() {
        // Sessions count in plain numbers on the hot path; the counter mirrors them here.
        const value: unknown = Reflect.get(stats, field);
        this.reset();
        if (typeof value === 'number') this.inc(value);
        else if (isNumberRecord(value)) {
          for (const [reason, count] of Object.entries(value)) this.inc({ reason }, count);
        }
      },
    });
  }
}

function isNumberRecord(value: unknown): value is Record<string, number> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((v) => typeof v === 'number')
  );
}

/** Registers GET /metrics serving `registry` plus the process metrics. */
export function registerMetricsRoute(app: FastifyInstance, registry: Registry): void {
  app.get('/metrics', { schema: METRICS_SCHEMA }, async (_request, reply) => {
    const merged = Registry.merge([processMetrics(), registry]);
    const text = await merged.metrics();
    return reply
      .header('content-type', merged.contentType)
      .header('cache-control', 'no-store')
      .send(text);
  });
}
