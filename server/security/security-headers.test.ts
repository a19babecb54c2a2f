import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { createFakeSource } from '../sources/fake-source';
import { feedSources } from './security-headers';

let app: FastifyInstance;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'qd-headers-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>app</title>');
  app = await buildApp({ source: createFakeSource(), staticDir: dir });
});

afterAll(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

function directives(header: string | string[] | number | undefined): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of String(header).split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name, values);
  }
  return map;
}

describe('security headers', () => {
  it('the page gets a strict CSP: no inline or eval, connections to itself and its feed only', async () => {
    const res = await app.inject({ url: '/', headers: { host: '10.1.2.3:4173' } });
    expect(res.statusCode).toBe(200);
    const csp = directives(res.headers['content-security-policy']);
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('style-src')).toEqual(["'self'"]);
    expect(csp.get('worker-src')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toEqual(["'self'", 'ws://10.1.2.3:4173', 'wss://10.1.2.3:4173']);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(String(res.headers['content-security-policy'])).not.toMatch(/unsafe|upgrade-insecure/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
    // Plain HTTP on a LAN: HSTS belongs to the TLS proxy.
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('API answers carry the headers and a request id too', async () => {
    const res = await app.inject('/api/instruments');
    expect(res.headers['content-security-policy']).toBeDefined();
    expect(res.headers['x-request-id']).toMatch(/\S/);
  });

  it('a malformed Host never reaches the policy', async () => {
    expect(feedSources('evil; script-src *')).toEqual([]);
    expect(feedSources(undefined)).toEqual([]);
    const res = await app.inject({ url: '/', headers: { host: 'a b;c' } });
    expect(directives(res.headers['content-security-policy']).get('connect-src')).toEqual([
      "'self'",
    ]);
  });
});
