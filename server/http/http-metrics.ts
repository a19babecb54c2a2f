/**
 * HTTP metrics: rejected requests (4xx) by route, status and reason, and how long POST
 * /api/orders takes. The route label is the route's pattern (or "unmatched"), never the raw path,
 * so a scanner cannot blow up the label set.
 */
import type { FastifyInstance } from 'fastify';
import { Counter, Histogram, type Registry } from 'prom-client';
import { errorCodeOf } from './errors';

const ORDER_LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/** Adds the HTTP metrics to `registry` and the hook that feeds them. */
export function registerHttpMetrics(app: FastifyInstance, registry: Registry): void {
  const rejected = new Counter({
    name: 'quotedeck_http_rejected_total',
    help: 'HTTP requests answered 4xx, by route pattern, status and reason.',
    labelNames: ['route', 'status', 'reason'],
    registers: [registry],
  });
  const orderLatency = new Histogram({
    name: 'quotedeck_order_latency_seconds',
    help: 'Time to handle POST /api/orders, from request to response.',
    buckets: ORDER_LATENCY_BUCKETS,
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const status = reply.statusCode;
    if (status >= 400 && status < 500) {
      const reason = errorCodeOf(reply) ?? `http_${status}`;
      rejected.inc({ route, status: String(status), reason });
    }
    if (route === '/api/orders' && request.method === 'POST') {
      orderLatency.observe(reply.elapsedTime / 1000);
    }
  });
}
