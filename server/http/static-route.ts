/**
 * Serves the built app: hashed files under /assets/ are cached forever, everything else is
 * revalidated (index.html, sw.js and the manifest must update promptly). Unknown page paths fall
 * back to index.html so client-side routes survive a reload; API and socket paths never do.
 */
import { existsSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sendError } from './errors';

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Registers static serving from `dir` and the 404/SPA fallback; skips static when `dir` is missing. */
export async function registerStatic(app: FastifyInstance, dir: string): Promise<void> {
  const serving = existsSync(dir) && statSync(dir).isDirectory();
  if (serving) {
    const assets = join(dir, 'assets') + sep;
    await app.register(fastifyStatic, {
      root: dir,
      cacheControl: false,
      setHeaders: (reply, path) => {
        reply.header('cache-control', path.startsWith(assets) ? IMMUTABLE : 'no-cache');
      },
    });
  } else {
    app.log.warn(`static: ${dir} does not exist; not serving the app (run the build first)`);
  }

  app.setNotFoundHandler((request, reply) => {
    if (serving && wantsPage(request)) {
      reply.header('cache-control', 'no-cache');
      return reply.sendFile('index.html');
    }
    const path = request.url.split('?')[0] ?? '';
    return sendError(reply, 404, 'not_found', `no such resource: ${request.method} ${path}`);
  });
}

/** Without an app to serve, unknown paths still get the ErrorResponse shape. */
export function registerNotFound(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    return sendError(reply, 404, 'not_found', `no such resource: ${request.method} ${path}`);
  });
}

function wantsPage(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const path = request.url.split('?')[0] ?? '';
  if (/^\/(api|ws|assets)(\/|$)/.test(path) || path === '/healthz') return false;
  return request.headers.accept?.includes('text/html') ?? false;
}
