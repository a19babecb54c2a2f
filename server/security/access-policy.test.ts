import { describe, expect, it } from 'vitest';
import {
  OPEN_ACCOUNT_ID,
  accountIdForToken,
  isLoopbackHost,
  normalizeOrigin,
  resolveAccess,
  tokenProblem,
} from './access-policy';
import { hostAllowed, hostHeaderName, originAllowed } from './origin-policy';

describe('resolveAccess', () => {
  it('leaves a loopback gateway open and makes up a token for any other address', () => {
    for (const host of ['127.0.0.1', '::1', 'localhost', 'LOCALHOST']) {
      expect(resolveAccess({ host })).toMatchObject({
        token: null,
        generated: false,
        loopback: true,
      });
    }
    for (const host of ['0.0.0.0', '::', '127.0.0.2', '192.168.1.20']) {
      const policy = resolveAccess({ host });
      expect(policy.loopback).toBe(false);
      expect(policy.generated).toBe(true);
      expect(tokenProblem(policy.token ?? '')).toBeNull();
    }
  });

  it('generates a different token each start', () => {
    expect(resolveAccess({ host: '0.0.0.0' }).token).not.toBe(
      resolveAccess({ host: '0.0.0.0' }).token,
    );
  });

  it('enforces a given token even on loopback, and does not call it generated', () => {
    expect(resolveAccess({ host: '127.0.0.1', token: 'given-token-123456' })).toMatchObject({
      token: 'given-token-123456',
      generated: false,
    });
  });

  it('treats only 127.0.0.1, ::1 and localhost as loopback', () => {
    expect(isLoopbackHost('127.0.0.2')).toBe(false);
    expect(isLoopbackHost('localhost.evil.example')).toBe(false);
    expect(isLoopbackHost('[::1]')).toBe(true);
  });
});

describe('accountIdForToken', () => {
  it('keeps the open account without a token and gives each token its own stable account', () => {
    expect(accountIdForToken(null)).toBe(OPEN_ACCOUNT_ID);
    const a = accountIdForToken('token-number-one-aaaa');
    expect(a).toMatch(/^tok_[0-9a-f]{24}$/);
    expect(accountIdForToken('token-number-one-aaaa')).toBe(a);
    expect(accountIdForToken('token-number-two-bbbb')).not.toBe(a);
    expect(a).not.toContain('token-number-one');
  });
});

describe('normalizeOrigin', () => {
  it('normalizes case and default ports and refuses anything that is not an origin', () => {
    expect(normalizeOrigin('HTTPS://Desk.Example:443')).toBe('https://desk.example');
    expect(normalizeOrigin('http://[::1]:5173/')).toBe('http://[::1]:5173');
    for (const bad of ['null', '', '*', 'desk.example', 'file:///x', 'http://a/b', 'http://a?q']) {
      expect(normalizeOrigin(bad)).toBeNull();
    }
  });
});

describe('originAllowed', () => {
  const open = resolveAccess({ host: '127.0.0.1' });
  const closed = resolveAccess({ host: '0.0.0.0', allowedOrigins: ['https://desk.example'] });

  it('an open gateway trusts loopback pages (any port: the Vite dev server) and nothing else', () => {
    expect(originAllowed('http://127.0.0.1:4173', open, '127.0.0.1:4173')).toBe(true);
    expect(originAllowed('http://localhost:5173', open, '127.0.0.1:4174')).toBe(true);
    expect(originAllowed('https://evil.example', open, '127.0.0.1:4173')).toBe(false);
    // DNS rebinding: the Host matches the Origin, but the name is not loopback.
    expect(originAllowed('http://evil.example:4173', open, 'evil.example:4173')).toBe(false);
    expect(originAllowed('null', open, '127.0.0.1:4173')).toBe(false);
  });

  it('a token gateway trusts the page it served under that Host and the allowed origins', () => {
    expect(originAllowed('http://10.0.0.5:4173', closed, '10.0.0.5:4173')).toBe(true);
    expect(originAllowed('https://desk.example', closed, '10.0.0.5:4173')).toBe(true);
    expect(originAllowed('http://10.0.0.5:9999', closed, '10.0.0.5:4173')).toBe(false);
    expect(originAllowed('http://localhost:4173', closed, '10.0.0.5:4173')).toBe(false);
    expect(originAllowed('http://10.0.0.5:4173', closed, undefined)).toBe(false);
    expect(originAllowed('http://a', closed, 'a b')).toBe(false);
  });
});

describe('hostAllowed', () => {
  it('an open gateway answers only to loopback names; a token gateway to any', () => {
    const open = resolveAccess({ host: '127.0.0.1' });
    expect(hostAllowed(open, '127.0.0.1:4173')).toBe(true);
    expect(hostAllowed(open, 'localhost')).toBe(true);
    expect(hostAllowed(open, '[::1]:80')).toBe(true);
    expect(hostAllowed(open, 'evil.example:4173')).toBe(false);
    expect(hostAllowed(open, undefined)).toBe(false);
    expect(hostAllowed(open, '127.0.0.1:80/x')).toBe(false);
    expect(hostAllowed(resolveAccess({ host: '0.0.0.0' }), 'anything.example')).toBe(true);
  });

  it('hostHeaderName takes the name from host[:port] and refuses junk', () => {
    expect(hostHeaderName('Desk.Example:8080')).toBe('desk.example');
    expect(hostHeaderName('[::1]:4173')).toBe('[::1]');
    expect(hostHeaderName('a b')).toBeNull();
    expect(hostHeaderName('a:99999999')).toBeNull();
  });
});
