/**
 * GET /readyz: readiness for load balancers, scripts and tests (sources live, database answers). The gateway listens before the
 * paper store is open and before an exchange sent its first book, so "listening" is not "ready".
 */
import type { FastifyInstance } from 'fastify';
import type { ReadyResponse } from '../../protocol/rest';
import type { Hub } from '../hub/hub';
import type { PaperLauncher } from '../paper/service/paper-launcher';
import { READY_SCHEMA } from './route-schemas';

/** Registers GET /readyz. */
export function registerReadyRoute(
  app: FastifyInstance,
  hub: Hub,
  paper: PaperLauncher | null,
): void {
  app.get('/readyz', { schema: READY_SCHEMA }, async (_request, reply) => {
    const liveInstruments = hub.liveCount();
    const reasons: string[] = [];
    if (liveInstruments === 0) reasons.push('no market is live at the source yet');
    const paperState = paper?.state ?? 'off';
    if (paperState === 'starting') reasons.push('the paper account is starting');
    if (paperState === 'failed') reasons.push('the paper account could not start');
    if (paperState === 'ready' && (await paper?.databaseReachable()) === false) {
      reasons.push('the database is not reachable');
    }
    const body: ReadyResponse = {
      status: reasons.length === 0 ? 'ready' : 'not_ready',
      liveInstruments,
      instruments: hub.instruments.length,
      paper: paperState,
      reasons,
    };
    return reply
      .code(reasons.length === 0 ? 200 : 503)
      .header('cache-control', 'no-store')
      .send(body);
  });
}
