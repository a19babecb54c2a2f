import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { createFakeSource } from '../sources/fake-source';

let dir: string;
let app: FastifyInstance;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'quotedeck-static-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Quotedeck</title>');
  writeFileSync(join(dir, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  writeFileSync(join(dir, 'manifest.webmanifest'), '{"name":"Quotedeck"}');
  writeFileSync(join(dir, 'assets', 'x-abc.js'), 'console.log(1);');
  app = await buildApp({ source: createFakeSource(), staticDir: dir });
  await app.ready();
});

afterAll(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

const page = { accept: 'text/html,application/xhtml+xml' };

describe('static app', () => {
  it('hashed assets are cached for a year as immutable', async () => {
    const res = await app.inject('/assets/x-abc.js');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it.each(['/', '/index.html', '/sw.js', '/manifest.webmanifest'])(
    '%s is revalidated',
    async (url) => {
      const res = await app.inject(url);
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('no-cache');
    },
  );

  it('unknown page paths fall back to index.html', async () => {
    const res = await app.inject({ url: '/markets/BTC-USD', headers: page });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<title>Quotedeck</title>');
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it('never falls back for /api, /ws, missing assets, or non-HTML requests', async () => {
    for (const url of ['/api/nope', '/assets/missing-123.js', '/ws/x']) {
      const res = await app.inject({ url, headers: page });
      expect(res.statusCode, url).toBe(404);
      expect(res.json(), url).toMatchObject({ error: { code: 'not_found' } });
    }
    const json = await app.inject({ url: '/markets', headers: { accept: 'application/json' } });
    expect(json.statusCode).toBe(404);
    const ws = await app.inject({ url: '/ws', headers: page });
    expect(ws.body).not.toContain('Quotedeck');
  });
});

describe('without a built app', () => {
  it('serves the API and answers pages with a 404', async () => {
    const bare = await buildApp({ source: createFakeSource(), staticDir: join(dir, 'missing') });
    const res = await bare.inject({ url: '/', headers: page });
    expect(res.statusCode).toBe(404);
    expect((await bare.inject('/healthz')).statusCode).toBe(200);
    await bare.close();
  });
});
