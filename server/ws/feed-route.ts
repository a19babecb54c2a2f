/** The `/ws` market-data feed: one Session per WebSocket client. */
import type { FastifyInstance } from 'fastify';
// Brings in the `websocket: true` route option types.
import type {} from '@fastify/websocket';
import { sendError } from '../http/errors';
import type { Hub } from '../hub/hub';
import { BufferBudget, DEFAULT_MAX_TOTAL_BUFFERED_BYTES } from './buffer-budget';
import { ConnectionLimit, DEFAULT_MAX_CONNECTIONS_PER_IP } from './connection-limit';
import { FeedStats, RejectionReason } from './feed-stats';
import { CLOSE_TRY_AGAIN_LATER, Session } from './session';
import type { SessionOptions } from './session-options';
import { FEED_FORMATS, isFeedFormat, type FeedFormat } from './wire-format';

type FeedQuery = Record<string, unknown>;

export interface FeedRouteOptions extends Omit<SessionOptions, 'format'> {
  /** Open feed connections one client address may hold (default 64; 0: no limit). */
  maxConnectionsPerIp?: number;
  /**
   * Unsent bytes over all clients past which the largest are closed 1013 (default 64 MiB);
   * ignored when `budget` is given.
   */
  maxTotalBufferedBytes?: number;
}

/** What the route shares with the rest of the gateway (metrics read it). */
export interface FeedRoute {
  /** The gateway-wide budget of unsent bytes (`totalBytes` is the current figure). */
  budget: BufferBudget;
  /** Open connections per client address. */
  connectionLimit: ConnectionLimit;
}

/**
 * Registers GET /ws (requires @fastify/websocket to be registered first). `?format=json` speaks
 * JSON text frames; an unknown format is refused with 400 before the upgrade. An address past its
 * connection limit is upgraded and at once closed 1013 with a reason: a browser never learns
 * the HTTP status of a refused upgrade, but it does see a close code and reason.
 */
export function registerFeedRoute(
  app: FastifyInstance,
  hub: Hub,
  sessions: Set<Session>,
  options: FeedRouteOptions,
): FeedRoute {
  const { maxConnectionsPerIp, maxTotalBufferedBytes, ...sessionOptions } = options;
  const stats = sessionOptions.stats ?? new FeedStats();
  const budget =
    sessionOptions.budget ??
    new BufferBudget({
      maxBytes: maxTotalBufferedBytes ?? DEFAULT_MAX_TOTAL_BUFFERED_BYTES,
      stats,
    });
  const connectionLimit = new ConnectionLimit(
    maxConnectionsPerIp ?? DEFAULT_MAX_CONNECTIONS_PER_IP,
  );
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
      const address = request.ip;
      if (!connectionLimit.acquire(address)) {
        stats.reject(RejectionReason.tooManyConnections);
        socket.on('error', () => {
          // Nothing to clean up: no session was made.
        });
        socket.close(CLOSE_TRY_AGAIN_LATER, 'too many connections from this address');
        // A client that does not answer the close handshake does not keep its socket.
        setTimeout(() => socket.terminate(), 500).unref();
        return;
      }
      const format = request.query.format;
      const session = new Session(socket, hub, {
        ...sessionOptions,
        stats,
        budget,
        format: isFeedFormat(format) ? format : ('msgpack' satisfies FeedFormat),
      });
      sessions.add(session);
      session.onClose(() => {
        sessions.delete(session);
        connectionLimit.release(address);
      });
      session.start();
    },
  );
  return { budget, connectionLimit };
}
