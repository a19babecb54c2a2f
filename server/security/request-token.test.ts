import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import {
  bearerToken,
  cookieToken,
  queryToken,
  redactToken,
  tokenCookie,
  tokensMatch,
  withoutToken,
} from './request-token';

function request(headers: Record<string, string>): FastifyRequest {
  return { headers } as unknown as FastifyRequest;
}

describe('reading a token', () => {
  it('from a bearer header, and nothing from other schemes or junk', () => {
    expect(bearerToken(request({ authorization: 'Bearer abc.def' }))).toBe('abc.def');
    expect(bearerToken(request({ authorization: 'bearer   abc' }))).toBe('abc');
    expect(bearerToken(request({ authorization: 'Basic abc' }))).toBeNull();
    expect(bearerToken(request({ authorization: 'Bearer a b' }))).toBeNull();
    expect(bearerToken(request({ authorization: 'Bearer' }))).toBeNull();
    expect(bearerToken(request({}))).toBeNull();
  });

  it('from the cookie among others', () => {
    expect(cookieToken(request({ cookie: 'a=1; quotedeck_token=tok; b=2' }))).toBe('tok');
    expect(cookieToken(request({ cookie: 'quotedeck_token=' }))).toBeNull();
    expect(cookieToken(request({ cookie: 'xquotedeck_token=tok;junk' }))).toBeNull();
    expect(cookieToken(request({}))).toBeNull();
  });

  it('from ?token= only when given exactly once', () => {
    expect(queryToken('/ws?format=json&token=abc')).toBe('abc');
    expect(queryToken('/ws?token=a&token=b')).toBeNull();
    expect(queryToken('/ws')).toBeNull();
  });
});

describe('token helpers', () => {
  it('compare exactly, whatever the lengths', () => {
    expect(tokensMatch('same-token', 'same-token')).toBe(true);
    expect(tokensMatch('same-token', 'same-tokeN')).toBe(false);
    expect(tokensMatch('', 'same-token')).toBe(false);
  });

  it('strip the token from a URL and from logged URLs', () => {
    expect(withoutToken('/?token=abc')).toBe('/');
    expect(withoutToken('/trade?x=1&token=abc&y=2')).toBe('/trade?x=1&y=2');
    expect(withoutToken('/plain')).toBe('/plain');
    expect(redactToken('/ws?format=json&token=secret')).toBe('/ws?format=json&token=[redacted]');
    expect(redactToken('/?TOKEN=secret#x')).toBe('/?TOKEN=[redacted]#x');
  });

  it('hand the token over in an HttpOnly, SameSite=Strict cookie (Secure over https)', () => {
    expect(tokenCookie('tok', false)).toBe(
      'quotedeck_token=tok; Path=/; HttpOnly; SameSite=Strict; Max-Age=2592000',
    );
    expect(tokenCookie('tok', true)).toMatch(/; Secure$/);
  });
});
