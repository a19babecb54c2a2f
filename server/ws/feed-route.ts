/** The `/ws` market-data feed: one Session per WebSocket client. */
import type { FastifyInstance } from 'fastify';
// Brings in the `websocket: true` route option types.
import type {} from '@fastify/websocket';
import { sendError } from '../http/errors';
import type { Hub } from '../hub/hub';
import { Session } from './session';
import type { SessionOptions } from './session-options';
import { FEED_FORMATS, isFeedFormat, type FeedFormat } from './wire-format';

type FeedQuery = Record<string, unknown>;

/**
 * Registers GET /ws (requires @fastify/websocket to be registered first). `?format=json` speaks
 * JSON text frames; an unknown format is refused with 400 before the upgrade.
 */
export function registerFeedRoute(
  app: FastifyInstance,
  hub: Hub,
  sessions: Set<Session>,
  options: Omit<SessionOptions, 'format'>,
): void {
  app.get<{ Querystring: FeedQuery }>(
    '/ws',
    {
      websocket: true,
      preValidation: async (request, reply) => {
        const format = request.query.format;
        if (format !== undefined && !isFeedFormat(format)) {
          const text = typeof format === 'string' ? JSON.stringify(format) : 'given more than once';
          await sendError(
            reply,
            400,
            'bad_request',
            `format ${text} is not supported; use ${FEED_FORMATS.join(' or ')}`,
          );
        }
      },
    },
    (socket, request) => {
      const format = request.query.format;
      const session = new Session(socket, hub, {
        ...options,
        format: isFeedFormat(format) ? format : ('msgpack' satisfies FeedFormat),
      });
      sessions.add(session);
      session.onClose(() => sessions.delete(session));
      session.start();
    },
  );
}
