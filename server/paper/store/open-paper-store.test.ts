import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LOCK_FILE } from './data-dir-lock';
import { openPaperStore } from './open-paper-store';
import { accountId, nextBuy, startChain } from './test-fixtures';

const dataDir = join(mkdtempSync(join(tmpdir(), 'paper-open-')), 'nested', 'paper');
afterAll(() => rmSync(join(dataDir, '..', '..'), { recursive: true, force: true }));

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}

describe('openPaperStore', () => {
  it('creates a PGlite data directory, holds it alone, and keeps data across reopening', async () => {
    const store = await openPaperStore({ dataDir });
    expect(store.backend).toBe('pglite');
    expect(readFileSync(join(dataDir, LOCK_FILE), 'utf8').trim()).toBe(String(process.pid));
    await expect(openPaperStore({ dataDir })).rejects.toMatchObject({
      code: 'data_dir_locked',
      message: expect.stringMatching(/in use by process \d+ \(this one\)/),
    });
    const { transition } = nextBuy(startChain(accountId('reopen')));
    await store.commit(transition);
    await store.close();
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);

    // A lock left behind by a process that died (kill -9) does not keep the gateway out.
    const dead = spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid;
    writeFileSync(join(dataDir, LOCK_FILE), `${dead}\n`);
    const reopened = await openPaperStore({ dataDir });
    try {
      expect(await reopened.load(transition.accountId)).toMatchObject({
        balance: transition.balance,
        positions: transition.positions,
      });
    } finally {
      await reopened.close();
    }
  }, 180_000);

  it('refuses a schema name that is not a plain identifier', async () => {
    await expect(
      openPaperStore({ dataDir: 'memory://', schema: 'x; DROP TABLE y' }),
    ).rejects.toThrow(/schema must match/);
  });

  it('fails clearly when the PostgreSQL server cannot be reached', async () => {
    const port = await closedPort();
    await expect(
      openPaperStore({ databaseUrl: `postgres://nobody@127.0.0.1:${port}/none` }),
    ).rejects.toThrow(/ECONNREFUSED/);
  });
});
