/** Reading and checking the token a request presents: bearer header, cookie or query. */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';

/** The cookie the gateway sets when a page is opened with ?token=. */
export const TOKEN_COOKIE = 'quotedeck_token';
/** The query parameter that carries a token on page URLs and on /ws. */
export const TOKEN_QUERY = 'token';

/** The token of an `Authorization: Bearer` header, or null. */
export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
  return match ? match[1]! : null;
}

/** The token cookie, or null. */
export function cookieToken(request: FastifyRequest): string | null {
  const header = request.headers.cookie;
  if (typeof header !== 'string') return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === TOKEN_COOKIE) return part.slice(eq + 1).trim() || null;
  }
  return null;
}

/** The `token` query parameter when given exactly once, else null. */
export function queryToken(url: string): string | null {
  const query = url.indexOf('?');
  if (query < 0) return null;
  const values = new URLSearchParams(url.slice(query + 1)).getAll(TOKEN_QUERY);
  return values.length === 1 ? values[0]! : null;
}

/** Compares in constant time (over hashes, so lengths leak nothing either). */
export function tokensMatch(presented: string, expected: string): boolean {
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** `url` without its `token` query parameter (for the redirect after a page sets its cookie). */
export function withoutToken(url: string): string {
  const query = url.indexOf('?');
  if (query < 0) return url;
  const params = new URLSearchParams(url.slice(query + 1));
  params.delete(TOKEN_QUERY);
  const rest = params.toString();
  return rest === '' ? url.slice(0, query) : `${url.slice(0, query)}?${rest}`;
}

/** The cookie header value that hands `token` to the page and its workers. */
export function tokenCookie(token: string, secure: boolean): string {
  // HttpOnly: page scripts never see it. SameSite=Strict: other sites' requests never carry it.
  const attributes = ['Path=/', 'HttpOnly', 'SameSite=Strict', 'Max-Age=2592000'];
  if (secure) attributes.push('Secure');
  return `${TOKEN_COOKIE}=${token}; ${attributes.join('; ')}`;
}

/** Replaces the token in a URL (for logs), leaving the rest readable. */
export function redactToken(url: string): string {
  return url.replace(/([?&]token=)[^&#]*/gi, '$1[redacted]');
}
