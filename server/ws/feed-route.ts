/** The `/ws` market-data feed: one Session per WebSocket client. */
import type { FastifyInstance } from 'fastify';
// Brings in the `websocket: true` route option types.
import type {} from '@fastify/websocket';
import type { Hub } from '../hub/hub';
import { Session, type SessionOptions } from './session';

/** Registers GET /ws (requires @fastify/websocket to be registered first). */
export function registerFeedRoute(
  app: FastifyInstance,
  hub: Hub,
  sessions: Set<Session>,
  options: SessionOptions,
): void {
  app.get('/ws', { websocket: true }, (socket) => {
    const session = new Session(socket, hub, options);
    sessions.add(session);
    session.onClose(() => sessions.delete(session));
    session.start();
  });
}
