/**
 * Security headers and a strict Content-Security-Policy (helmet). The built app has no inline
 * scripts or styles, so scripts, styles, workers and the manifest come from this origin only;
 * the page may connect to this origin and its feed socket (ws/wss on the same host; CSP level 3
 * already counts those as 'self', older browsers need them spelled out). HSTS and
 * upgrade-insecure-requests are left to the TLS proxy: the gateway itself speaks plain HTTP, and
 * upgrading a LAN page's socket to wss would break it.
 */
import type { IncomingMessage } from 'node:http';
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import { hostHeaderName } from './origin-policy';

/** The feed's socket origins for the Host a page was served under (nothing for a bad Host). */
export function feedSources(host: string | undefined): string[] {
  if (!host || hostHeaderName(host) === null) return [];
  return [`ws://${host}`, `wss://${host}`];
}

/** The CSP directives (exported for tests and for the README). */
export function cspDirectives(): Record<
  string,
  Array<string | ((req: IncomingMessage) => string)>
> {
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'"],
    'connect-src': ["'self'", (req) => feedSources(req.headers.host).join(' ')],
    'worker-src': ["'self'"],
    'manifest-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  };
}

/** Registers helmet with the gateway's policy on every response. */
export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: cspDirectives() },
    strictTransportSecurity: false,
    // The page embeds nothing cross-origin; same-origin isolation costs nothing here.
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    referrerPolicy: { policy: 'no-referrer' },
  });
}
