import { describe, expect, it } from 'vitest';
import type { HealthResponse } from '../protocol/rest';
import { parseFlags } from './cli';
import { startGateway } from './main';

describe('startGateway', () => {
  it('listens on the bound port with the simulator and closes cleanly', async () => {
    const sigtermListeners = process.listenerCount('SIGTERM');
    const flags = {
      ...parseFlags(['--port', '0', '--data-dir', 'memory://']),
      staticDir: '/nonexistent',
    };
    const gateway = await startGateway(flags, { announce: false, handleSignals: false });
    try {
      expect(gateway.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(gateway.url).not.toMatch(/:0$/);
      const res = await fetch(`${gateway.url}/healthz`);
      const body = (await res.json()) as HealthResponse;
      expect(body).toMatchObject({ status: 'ok', source: 'sim' });
    } finally {
      await gateway.close();
    }
    await expect(fetch(`${gateway.url}/healthz`)).rejects.toThrow();
    expect(process.listenerCount('SIGTERM')).toBe(sigtermListeners);
  });

  it('with signal handling on, closing removes its handlers again', async () => {
    const before = process.listenerCount('SIGINT');
    const flags = {
      ...parseFlags(['--port', '0', '--data-dir', 'memory://']),
      staticDir: '/nonexistent',
    };
    const gateway = await startGateway(flags, { announce: false });
    expect(process.listenerCount('SIGINT')).toBe(before + 1);
    await gateway.close();
    expect(process.listenerCount('SIGINT')).toBe(before);
  });
});
