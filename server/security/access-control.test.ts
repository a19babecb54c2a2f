/**
 * A real gateway bound to 127.0.0.2, which counts as "external" (only 127.0.0.1, ::1 and
 * localhost are loopback), so it runs with a made-up token like a gateway on a LAN address.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorResponse } from '../../protocol/rest';
import { buildApp } from '../app';
import { createFakeSource } from '../sources/fake-source';
import { resolveAccess } from './access-policy';
import { tryUpgrade } from './upgrade-probe';

const EXTERNAL = '127.0.0.2';
let app: FastifyInstance;
let base: string;
let ws: string;
let token: string;
let staticDir: string;

beforeAll(async () => {
  staticDir = mkdtempSync(join(tmpdir(), 'qd-access-'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(join(staticDir, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  const access = resolveAccess({ host: EXTERNAL, allowedOrigins: ['https://desk.example'] });
  token = access.token ?? '';
  app = await buildApp({ source: createFakeSource(), staticDir, access });
  await app.listen({ host: EXTERNAL, port: 0 });
  const address = app.server.address();
  base = `http://${EXTERNAL}:${typeof address === 'object' && address ? address.port : 0}`;
  ws = `${base.replace('http', 'ws')}/ws`;
});

afterAll(async () => {
  await app.close();
  rmSync(staticDir, { recursive: true, force: true });
});

const bearer = (value = token) => ({ authorization: `Bearer ${value}` });

function connections(): Promise<number> {
  return new Promise((resolve) => app.server.getConnections((_error, count) => resolve(count)));
}

/** The status of a GET, with the body read so the connection is free again. */
async function status(path: string, headers: Record<string, string> = {}): Promise<number> {
  const res = await fetch(`${base}${path}`, { headers, redirect: 'manual' });
  await res.arrayBuffer();
  return res.status;
}

describe('a gateway bound to a non-loopback address', () => {
  it('made up a token', () => {
    expect(token.length).toBeGreaterThanOrEqual(16);
  });

  it('refuses the API and the metrics without the token, or with a wrong one', async () => {
    for (const path of ['/api/instruments', '/api/book/BTC-USD', '/metrics', '/api/nope']) {
      for (const headers of [{}, bearer('wrong-token-wrong-token'), { authorization: token }]) {
        const res = await fetch(`${base}${path}`, { headers });
        const route = path === '/api/nope' ? 404 : 401;
        // An unknown path reveals nothing but "not found", token or not.
        expect(res.status, `${path} ${JSON.stringify(headers)}`).toBe(route);
        if (route === 401) {
          expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
          const body = (await res.json()) as ErrorResponse;
          expect(body.error.code).toBe('unauthorized');
        } else {
          await res.arrayBuffer();
        }
      }
    }
  });

  it('serves the API and the metrics with the bearer token', async () => {
    expect(await status('/api/instruments', bearer())).toBe(200);
    expect(await status('/metrics', bearer())).toBe(200);
  });

  it('does not take the token from the query on REST (it would end up in logs and history)', async () => {
    expect(await status(`/api/instruments?token=${token}`)).toBe(401);
  });

  it('keeps the app, its service worker and the probes public', async () => {
    expect(await status('/')).toBe(200);
    expect(await status('/sw.js')).toBe(200);
    expect(await status('/healthz')).toBe(200);
    expect([200, 503]).toContain(await status('/readyz'));
  });

  it('a page opened with the printed URL gets the token as a cookie and a clean URL', async () => {
    const res = await fetch(`${base}/?token=${token}`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/');
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^quotedeck_token=[^;]+; Path=\/; HttpOnly; SameSite=Strict/);
    const pair = cookie.split(';')[0]!;
    await res.arrayBuffer();
    expect(await status('/api/instruments', { cookie: pair })).toBe(200);
    // A deep link keeps its other parameters.
    const deep = await fetch(`${base}/trade?symbol=BTC-USD&token=${token}`, { redirect: 'manual' });
    await deep.arrayBuffer();
    expect(deep.headers.get('location')).toBe('/trade?symbol=BTC-USD');
  });

  it('a page opened with a wrong token is refused and gets no cookie', async () => {
    const res = await fetch(`${base}/?token=not-the-right-token`, { redirect: 'manual' });
    await res.arrayBuffer();
    expect(res.status).toBe(401);
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('refuses the feed upgrade without the token and opens it with ?token=, cookie or bearer', async () => {
    expect(await tryUpgrade(ws)).toEqual({ opened: false, status: 401 });
    expect(await tryUpgrade(`${ws}?token=wrong-token-wrong-token`)).toEqual({
      opened: false,
      status: 401,
    });
    expect(await tryUpgrade(`${ws}?token=${token}`)).toEqual({ opened: true });
    expect(await tryUpgrade(ws, { cookie: `quotedeck_token=${token}` })).toEqual({ opened: true });
    expect(await tryUpgrade(ws, bearer())).toEqual({ opened: true });
  });

  it('a refused upgrade leaves no socket behind (shutdown would wait for it)', async () => {
    // Idle keep-alive connections of earlier fetches may remain; the upgrades must add none.
    const before = await connections();
    for (let i = 0; i < 3; i += 1) await tryUpgrade(ws);
    await expect.poll(() => connections(), { timeout: 2_000 }).toBe(before);
  });

  it('checks the Origin of a feed upgrade even with the token (cross-site WebSocket hijacking)', async () => {
    const withToken = `${ws}?token=${token}`;
    expect(await tryUpgrade(withToken, { origin: 'https://evil.example' })).toEqual({
      opened: false,
      status: 403,
    });
    expect(await tryUpgrade(withToken, { origin: 'null' })).toEqual({ opened: false, status: 403 });
    expect(await tryUpgrade(withToken, { origin: base })).toEqual({ opened: true });
    expect(await tryUpgrade(withToken, { origin: 'https://desk.example' })).toEqual({
      opened: true,
    });
  });

  it('counts every refusal in the metrics by route and reason', async () => {
    await status('/api/instruments');
    const text = await (await fetch(`${base}/metrics`, { headers: bearer() })).text();
    expect(text).toMatch(
      /quotedeck_http_rejected_total\{route="\/api\/instruments",status="401",reason="unauthorized"\} [1-9]/,
    );
    expect(text).toMatch(
      /quotedeck_http_rejected_total\{route="\/ws",status="403",reason="forbidden_origin"\} [1-9]/,
    );
  });
});
