/** GET /api/instruments: the instrument list, cacheable, with a strong ETag from its version. */
import type { FastifyInstance } from 'fastify';
import type { InstrumentsResponse } from '../../protocol/rest';
import type { Hub } from '../hub/hub';
import { INSTRUMENTS_SCHEMA } from './route-schemas';

/** Registers GET /api/instruments. */
export function registerInstrumentsRoute(app: FastifyInstance, hub: Hub): void {
  const etag = `"${hub.instrumentsVersion}"`;
  const body: InstrumentsResponse = {
    version: hub.instrumentsVersion,
    instruments: hub.instruments.map((i) => ({ ...i })),
  };
  app.get('/api/instruments', { schema: INSTRUMENTS_SCHEMA }, async (request, reply) => {
    reply.header('cache-control', 'public, max-age=60').header('etag', etag);
    if (matchesEtag(request.headers['if-none-match'], etag)) return reply.code(304).send();
    return body;
  });
}

/** If-None-Match uses weak comparison, so a W/ prefix still matches. */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag);
}
