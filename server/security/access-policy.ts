/**
 * Who may reach the gateway. Bound to loopback the gateway is open (only this machine can reach
 * it); bound to any other address it requires a token, generated at start unless the operator
 * gives one. Paper accounts follow the token, so a new token means a new account.
 */
import { createHash, randomBytes } from 'node:crypto';

/** Hosts that count as "this machine only". 127.0.0.2 and friends deliberately do not. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', '[::1]', 'localhost']);
/** URL- and cookie-safe characters, so a token survives a printed URL and a cookie unescaped. */
const TOKEN_PATTERN = /^[A-Za-z0-9._~-]{16,256}$/;
/** The account a gateway without a token trades in. */
export const OPEN_ACCOUNT_ID = 'paper';

export interface AccessPolicy {
  /** Token every /api, /ws and /metrics request must carry; null when the gateway is open. */
  token: string | null;
  /** True when the gateway made the token up (it is printed once at start). */
  generated: boolean;
  /** Bound to a loopback address. */
  loopback: boolean;
  /** Browser origins allowed besides the gateway's own, normalized (scheme://host[:port]). */
  allowedOrigins: readonly string[];
}

/** True for the addresses that only this machine can reach (127.0.0.1, ::1, localhost). */
export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_HOSTS.has(host.toLowerCase());
}

/** Why a token cannot be used, or null when it can. */
export function tokenProblem(token: string): string | null {
  if (TOKEN_PATTERN.test(token)) return null;
  return 'a token must be 16 to 256 characters from A-Z a-z 0-9 . _ ~ -';
}

/** A fresh random token (192 bits, base64url). */
export function generateToken(): string {
  return randomBytes(24).toString('base64url');
}

/** The paper account of a token: a hash, so the token itself is never stored. */
export function accountIdForToken(token: string | null): string {
  if (token === null) return OPEN_ACCOUNT_ID;
  return `tok_${createHash('sha256').update(token).digest('hex').slice(0, 24)}`;
}

/** Normalizes an origin (scheme://host[:port], lower case, default port dropped) or null. */
export function normalizeOrigin(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password || (url.pathname !== '/' && url.pathname !== '')) return null;
  if (url.search || url.hash) return null;
  return url.origin;
}

export interface AccessInput {
  host: string;
  /** --token, else QUOTEDECK_TOKEN; undefined when neither is set. */
  token?: string | undefined;
  allowedOrigins?: readonly string[];
}

/**
 * Decides the policy: a given token is always enforced (even on loopback); without one, a
 * non-loopback bind gets a generated token and loopback stays open.
 */
export function resolveAccess(input: AccessInput): AccessPolicy {
  const loopback = isLoopbackHost(input.host);
  const given = input.token ?? null;
  const token = given ?? (loopback ? null : generateToken());
  return {
    token,
    generated: given === null && token !== null,
    loopback,
    allowedOrigins: input.allowedOrigins ?? [],
  };
}
