/**
 * The gate in front of the API, the feed and the metrics (fastify onRequest, so it runs before
 * a WebSocket upgrade too). The app, its service worker and /healthz, /readyz stay public: a
 * browser must be able to load the page that then carries the token. A page opened with
 * ?token=… gets the token as an HttpOnly cookie and is redirected to the same URL without it, so
 * the page's fetches and its feed worker's socket carry it from then on without any app code.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendError } from '../http/errors';
import type { AccessPolicy } from './access-policy';
import { hostAllowed, originAllowed } from './origin-policy';
import {
  bearerToken,
  cookieToken,
  queryToken,
  tokenCookie,
  tokensMatch,
  withoutToken,
} from './request-token';

export type Area = 'api' | 'feed' | 'metrics' | 'public';

/** Which area a matched route belongs to (by its pattern, so encoded paths cannot dodge it). */
export function areaOf(routeUrl: string | undefined): Area {
  if (routeUrl === undefined) return 'public';
  if (routeUrl === '/ws') return 'feed';
  if (routeUrl === '/metrics') return 'metrics';
  if (routeUrl === '/api' || routeUrl.startsWith('/api/')) return 'api';
  return 'public';
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Installs the token and Origin checks for `policy`. */
export function registerAccessControl(app: FastifyInstance, policy: AccessPolicy): void {
  app.addHook('onRequest', async (request, reply) => {
    const area = areaOf(request.routeOptions.url);
    if (area === 'public') {
      if (policy.token !== null) await openPage(request, reply, policy.token);
      return;
    }
    if (!hostAllowed(policy, request.headers.host)) {
      await sendError(reply, 403, 'forbidden_host', 'this gateway answers only to localhost');
      return;
    }
    if (policy.token !== null && !(await tokenAccepted(request, reply, area, policy.token))) {
      return;
    }
    const origin = request.headers.origin;
    const checksOrigin = area === 'feed' || (area === 'api' && !SAFE_METHODS.has(request.method));
    if (
      checksOrigin &&
      origin !== undefined &&
      !originAllowed(origin, policy, request.headers.host)
    ) {
      await sendError(
        reply,
        403,
        'forbidden_origin',
        `origin ${JSON.stringify(origin)} is not allowed (see --allowed-origin)`,
      );
    }
  });
}

/** Checks the presented token; answers 401 and returns false when it is missing or wrong. */
async function tokenAccepted(
  request: FastifyRequest,
  reply: FastifyReply,
  area: Area,
  token: string,
): Promise<boolean> {
  // The browser cannot put headers on a WebSocket: the feed also takes ?token=.
  const presented =
    bearerToken(request) ??
    cookieToken(request) ??
    (area === 'feed' ? queryToken(request.url) : null);
  if (presented !== null && tokensMatch(presented, token)) return true;
  reply.header('www-authenticate', 'Bearer realm="quotedeck"');
  await sendError(
    reply,
    401,
    'unauthorized',
    presented === null
      ? 'this gateway needs its token: Authorization: Bearer <token>, or open the URL it printed'
      : 'the token is wrong',
  );
  return false;
}

/** A page URL with ?token=: a right token becomes a cookie, a wrong one is refused. */
async function openPage(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return;
  const presented = queryToken(request.url);
  if (presented === null) return;
  if (!tokensMatch(presented, token)) {
    await sendError(reply, 401, 'unauthorized', 'the token in this address is wrong');
    return;
  }
  await reply
    .code(302)
    .header('set-cookie', tokenCookie(token, request.protocol === 'https'))
    .header('cache-control', 'no-store')
    .header('location', withoutToken(request.url))
    .send();
}
