import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { OrdersResponse } from '../protocol/paper';
import type { HealthResponse } from '../protocol/rest';
import { parseFlags } from './cli';
import { startGateway } from './main';
import { LOCK_FILE } from './paper/store/data-dir-lock';

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

describe('startGateway on a non-loopback address', () => {
  it('requires the token it was given, and each token trades in its own paper account', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'qd-tokens-'));
    const start = async (token: string) => {
      const flags = parseFlags(
        ['--host', '127.0.0.2', '--port', '0', '--data-dir', dataDir, '--no-static'],
        { QUOTEDECK_TOKEN: token },
      );
      const gateway = await startGateway(flags, { announce: false, handleSignals: false });
      await expect
        .poll(async () => (await fetch(`${gateway.url}/readyz`)).status, { timeout: 60_000 })
        .toBe(200);
      return gateway;
    };
    const orderIds = async (url: string, token: string): Promise<string[]> => {
      const res = await fetch(`${url}/api/orders`, {
        headers: { authorization: `Bearer ${token}` },
      });
      return ((await res.json()) as OrdersResponse).orders.map((o) => o.clientOrderId);
    };
    const alice = 'alice-token-0123456789';
    const bob = 'bob-token-0123456789ab';
    try {
      let gateway = await start(alice);
      expect(gateway.url).toMatch(/^http:\/\/127\.0\.0\.2:\d+$/);
      expect(gateway.token).toBe(alice);
      const refused = await fetch(`${gateway.url}/api/orders`);
      await refused.arrayBuffer();
      expect(refused.status).toBe(401);
      const placed = await fetch(`${gateway.url}/api/orders`, {
        method: 'POST',
        headers: { authorization: `Bearer ${alice}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          clientOrderId: 'alice-1',
          symbol: 'BTC-USD',
          side: 'buy',
          type: 'market',
          quantity: 1,
        }),
      });
      await placed.arrayBuffer();
      expect([201, 422]).toContain(placed.status);
      expect(await orderIds(gateway.url, alice)).toEqual(['alice-1']);
      await gateway.close();

      gateway = await start(bob);
      expect(await orderIds(gateway.url, bob)).toEqual([]);
      await gateway.close();

      gateway = await start(alice);
      expect(await orderIds(gateway.url, alice)).toEqual(['alice-1']);
      await gateway.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});

describe('the gateway process', () => {
  it('on SIGTERM tells clients 1001, closes the database, releases the data dir and exits 0', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'qd-sigterm-'));
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'server/main.ts',
        '--host',
        '127.0.0.2',
        '--port',
        '0',
        '--data-dir',
        dataDir,
        '--no-static',
      ],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, DATABASE_URL: '', QUOTEDECK_TOKEN: '' },
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => resolve(code)),
    );
    try {
      await expect.poll(() => stderr, { timeout: 60_000, interval: 100 }).toMatch(/gateway ready/);
      // A generated token, printed once, notebook style, on the line after the URL.
      const open = /^Open (http:\/\/127\.0\.0\.2:\d+)\/\?token=([A-Za-z0-9_-]+)$/m.exec(stdout);
      expect(stdout).toMatch(/^Quotedeck gateway listening on http:\/\/127\.0\.0\.2:\d+\n/);
      expect(open).not.toBeNull();
      const [, url, token] = open!;
      expect(existsSync(join(dataDir, 'paper', LOCK_FILE))).toBe(true);

      const socket = new WebSocket(`${url!.replace('http', 'ws')}/ws?token=${token!}`);
      await new Promise((resolve, reject) => {
        socket.once('open', resolve);
        socket.once('error', reject);
      });
      const closeCode = new Promise<number>((resolve) =>
        socket.once('close', (code) => resolve(code)),
      );
      child.kill('SIGTERM');
      expect(await closeCode).toBe(1001);
      expect(await exited).toBe(0);
      expect(existsSync(join(dataDir, 'paper', LOCK_FILE))).toBe(false);
      expect(stdout.match(/token=/g)).toHaveLength(1);
    } finally {
      child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
