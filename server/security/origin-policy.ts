/**
 * Which browser origins may open the feed or change the account (cross-site WebSocket hijacking,
 * CSRF and DNS rebinding). A browser always sends `Origin` on a WebSocket upgrade and on a
 * cross-origin POST, so an absent Origin means a non-browser client, which the token gate covers.
 */
import { isLoopbackHost, normalizeOrigin, type AccessPolicy } from './access-policy';

/** The host name of a Host header (`a.b:80`, `[::1]:80`), lower case, or null. */
export function hostHeaderName(host: string | undefined): string | null {
  if (!host) return null;
  const match = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/i.exec(host);
  return match ? match[1]!.toLowerCase() : null;
}

/**
 * True when `origin` may use the gateway: an --allowed-origin, a loopback page of an open
 * (loopback) gateway, or, behind a token, the page this gateway served under the Host it was
 * reached by. An open gateway does not trust Host: a rebinding DNS name would match it.
 */
export function originAllowed(
  origin: string,
  policy: AccessPolicy,
  host: string | undefined,
): boolean {
  const normalized = normalizeOrigin(origin);
  if (normalized === null) return false;
  if (policy.allowedOrigins.includes(normalized)) return true;
  const hostname = new URL(normalized).hostname;
  if (policy.token === null) return policy.loopback && isLoopbackHost(hostname);
  if (!host || hostHeaderName(host) === null) return false;
  const own = new Set([`http://${host}`, `https://${host}`].map(normalizeOrigin));
  return own.has(normalized);
}

/** An open gateway answers only to loopback host names (DNS rebinding defence). */
export function hostAllowed(policy: AccessPolicy, host: string | undefined): boolean {
  if (policy.token !== null) return true;
  const name = hostHeaderName(host);
  return name !== null && isLoopbackHost(name);
}
