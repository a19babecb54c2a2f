/** GET /healthz: liveness plus a few numbers worth watching. */
import type { FastifyInstance } from 'fastify';
import type { HealthResponse } from '../../protocol/rest';
import { HEALTH_SCHEMA } from './route-schemas';

/** Registers GET /healthz; `clients` reports the number of connected WebSocket clients. */
export function registerHealthRoute(
  app: FastifyInstance,
  sourceName: string,
  clients: () => number,
): void {
  const startedAt = Date.now();
  app.get('/healthz', { schema: HEALTH_SCHEMA }, async (_request, reply) => {
    const body: HealthResponse = {
      status: 'ok',
      uptimeSeconds: Math.floor((Date.now() - startedAt) / 1000),
      source: sourceName,
      clients: clients(),
    };
    reply.header('cache-control', 'no-store');
    return body;
  });
}
