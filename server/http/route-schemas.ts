/**
 * JSON schemas of the routes that take no input. Fastify's Ajv drops properties a schema does not
 * name (removeAdditional), as on every other route: an unknown query parameter (a cache buster,
 * a monitoring tag) is ignored, never a 400, and never reaches a handler. Response schemas name
 * the fields of each answer, so a field added to the object by mistake is not sent.
 */

/** A querystring that takes no parameters: whatever is given is dropped. */
export const NO_QUERY = { type: 'object', properties: {}, additionalProperties: false } as const;

const count = { type: 'integer', minimum: 0 } as const;

/** GET /healthz (HealthResponse). */
export const HEALTH_SCHEMA = {
  querystring: NO_QUERY,
  response: {
    200: {
      type: 'object',
      required: ['status', 'uptimeSeconds', 'source', 'clients'],
      additionalProperties: false,
      properties: {
        status: { type: 'string', enum: ['ok'] },
        uptimeSeconds: count,
        source: { type: 'string' },
        clients: count,
      },
    },
  },
} as const;

const readyBody = {
  type: 'object',
  required: ['status', 'liveInstruments', 'instruments', 'paper', 'reasons'],
  additionalProperties: false,
  properties: {
    status: { type: 'string', enum: ['ready', 'not_ready'] },
    liveInstruments: count,
    instruments: count,
    paper: { type: 'string', enum: ['ready', 'starting', 'failed', 'off'] },
    reasons: { type: 'array', items: { type: 'string' } },
  },
} as const;

/** GET /readyz (ReadyResponse, 200 when ready, 503 when not). */
export const READY_SCHEMA = {
  querystring: NO_QUERY,
  response: { 200: readyBody, 503: readyBody },
} as const;

/**
 * GET /api/instruments (InstrumentsResponse). The instruments themselves are written as they are
 * (protocol/instruments.ts owns their shape): a second copy of it here could only drift.
 */
export const INSTRUMENTS_SCHEMA = {
  querystring: NO_QUERY,
  response: {
    200: {
      type: 'object',
      required: ['version', 'instruments'],
      additionalProperties: false,
      properties: {
        version: { type: 'string' },
        instruments: { type: 'array', items: { type: 'object', additionalProperties: true } },
      },
    },
    // If-None-Match matched: no body.
    304: { type: 'null' },
  },
} as const;

/**
 * GET /metrics. Scrapers may add parameters of their own (federation's `match[]`), so any are
 * accepted and ignored; the body is Prometheus text, not JSON, so there is no response schema.
 */
export const METRICS_SCHEMA = {
  querystring: { type: 'object', additionalProperties: true },
} as const;
