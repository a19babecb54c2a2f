import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Fill, Order } from '../types';
import { openPaperStore } from './open-paper-store';
import type { PaperStore } from './paper-store';

const CHILD = fileURLToPath(new URL('./durability-child.ts', import.meta.url));
const ACCOUNT = 'crash';
const dataDir = mkdtempSync(join(tmpdir(), 'paper-durability-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Runs the child until `killAfterMs` past its first commit, SIGKILLs it, returns printed seqs. */
function runAndKill(killAfterMs: number): Promise<{ ready: number; committed: number[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir, ACCOUNT], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (timer === undefined && /^committed /m.test(out)) {
        timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') {
        reject(new Error(`child ended by itself (code ${code}): ${err}`));
        return;
      }
      const lines = out.split('\n');
      const ready = Number(/^ready (\d+)$/m.exec(out)?.[1] ?? NaN);
      // The last line may be cut by the kill; only whole lines count as printed.
      const committed = lines
        .slice(0, -1)
        .flatMap((line) => /^committed (\d+)$/.exec(line)?.[1] ?? [])
        .map(Number);
      resolve({ ready, committed });
    });
  });
}

async function everything<T extends { id: string }>(
  page: (before?: string) => Promise<T[]>,
): Promise<T[]> {
  const all: T[] = [];
  for (let rows = await page(); rows.length > 0; rows = await page(rows.at(-1)?.id)) {
    all.push(...rows);
  }
  return all;
}

/** Checks the stored account is whole and consistent; returns its seq. */
async function verify(store: PaperStore, printed: number[]): Promise<number> {
  const state = await store.load(ACCOUNT);
  if (!state) throw new Error('account lost');
  const { balance, positions, openOrders } = state;
  const seq = balance.seq;
  const orders: Order[] = await everything((before) =>
    store.listOrders(ACCOUNT, { limit: 500, ...(before ? { before } : {}) }),
  );
  const fills: Fill[] = await everything((before) =>
    store.listFills(ACCOUNT, { limit: 500, ...(before ? { before } : {}) }),
  );
  // Every seq printed as committed is there; at most one more (committed, not yet printed).
  const lastPrinted = Math.max(0, ...printed);
  expect(seq).toBeGreaterThanOrEqual(lastPrinted);
  expect(seq).toBeLessThanOrEqual(lastPrinted + 1);
  // One order and one fill per transition, none twice, none missing.
  const ids = (rows: { id: string }[]) => rows.map((row) => row.id).sort();
  const expected = (prefix: string) =>
    Array.from({ length: seq }, (_, i) => `${prefix}${i + 1}`).sort();
  expect(ids(orders)).toEqual(expected('o_'));
  expect(ids(fills)).toEqual(expected('f_'));
  expect(openOrders).toEqual([]);
  expect(balance.nextOrderNumber).toBe(seq + 1);
  for (const order of orders) {
    const own = fills.filter((fill) => fill.orderId === order.id);
    expect(own.reduce((sum, fill) => sum + fill.quantity, 0)).toBe(order.filledQuantity);
    expect(own.reduce((sum, fill) => sum + fill.notional, 0n)).toBe(order.filledNotional);
  }
  const quantity = fills.reduce((sum, fill) => sum + fill.quantity, 0);
  const notional = fills.reduce((sum, fill) => sum + fill.notional, 0n);
  const fees = fills.reduce((sum, fill) => sum + fill.fee, 0n);
  expect(positions).toHaveLength(1);
  expect(positions[0]).toMatchObject({ quantity, entryNotional: notional });
  expect(balance.feesPaid).toBe(fees);
  expect(balance.cash).toBe(balance.startingCash - notional - fees);
  return seq;
}

describe('PaperStore durability on PGlite', () => {
  it('keeps every printed commit and nothing partial across repeated SIGKILLs', async () => {
    let printedTotal = 0;
    let storedSeq = 0;
    for (const killAfterMs of [0, 150, 40, 900]) {
      const { ready, committed } = await runAndKill(killAfterMs);
      // Each run continues from what the last one left: the reopened state, not a fresh one.
      expect(ready).toBe(storedSeq);
      printedTotal += committed.length;
      const store = await openPaperStore({ dataDir });
      try {
        storedSeq = await verify(store, committed);
      } finally {
        await store.close();
      }
    }
    expect(printedTotal).toBeGreaterThan(0);
  }, 240_000);
});
