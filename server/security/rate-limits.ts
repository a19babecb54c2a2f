/**
 * Per-client request limits on the API (@fastify/rate-limit, keyed by client address). Order
 * routes get a stricter budget through their route config (see orderRateLimit). The app, the
 * feed upgrade (the feed has its own connection limits) and the probes are not limited.
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { areaOf } from './access-control';

export interface RateLimits {
  /** API requests per minute per client; 0 turns limits off. */
  apiPerMinute: number;
  /** Order placements, cancels and resets per minute per client, each route its own budget. */
  ordersPerMinute: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = { apiPerMinute: 1200, ordersPerMinute: 300 };
const WINDOW_MS = 60_000;

/** Registers the limiter (before the routes: it attaches to routes as they are added). */
export async function registerRateLimits(app: FastifyInstance, limits: RateLimits): Promise<void> {
  if (limits.apiPerMinute === 0) return;
  await app.register(rateLimit, {
    global: true,
    max: limits.apiPerMinute,
    timeWindow: WINDOW_MS,
    allowList: (request) => areaOf(request.routeOptions.url) !== 'api',
    errorResponseBuilder: (_request, context) =>
      Object.assign(
        new Error(
          `too many requests: at most ${context.max} per minute; try again in ${context.after}`,
        ),
        { statusCode: 429 },
      ),
  });
}

/** The route config of a limited order route (merge into the route's `config`). */
export function orderRateLimit(limits: RateLimits): {
  rateLimit?: { max: number; timeWindow: number };
} {
  if (limits.apiPerMinute === 0) return {};
  return { rateLimit: { max: limits.ordersPerMinute, timeWindow: WINDOW_MS } };
}
