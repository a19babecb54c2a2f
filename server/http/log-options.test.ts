import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { resolveAccess } from '../security/access-policy';
import { createFakeSource } from '../sources/fake-source';
import { gatewayLogOptions } from './log-options';

/** Collects the JSON log lines a logger writes. */
function sink(): { stream: Writable; lines: () => Array<Record<string, unknown>> } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  const lines = () =>
    text
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { stream, lines };
}

describe('gateway logs', () => {
  it('at info: one JSON line per request and response with its request id, tokens redacted', async () => {
    const { stream, lines } = sink();
    const access = resolveAccess({ host: '127.0.0.2', token: 'secret-token-0123456789' });
    const app = await buildApp({
      source: createFakeSource(),
      staticDir: null,
      access,
      logger: gatewayLogOptions('info', stream),
    });
    try {
      const res = await app.inject('/ws?token=secret-token-0123456789&format=json');
      const id = res.headers['x-request-id'];
      const mine = lines().filter((l) => l.reqId === id);
      expect(mine.length).toBeGreaterThanOrEqual(2);
      expect(JSON.stringify(lines())).not.toContain('secret-token-0123456789');
      expect(JSON.stringify(mine)).toContain('token=[redacted]');
    } finally {
      await app.close();
    }
  });

  it('at warn (the default): no request lines', async () => {
    const { stream, lines } = sink();
    const app = await buildApp({
      source: createFakeSource(),
      staticDir: null,
      logger: gatewayLogOptions('warn', stream),
    });
    try {
      await app.inject('/healthz');
      expect(lines()).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
