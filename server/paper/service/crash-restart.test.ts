/**
 * The real gateway (server/main.ts) as a child process on a temp --data-dir: orders placed while
 * the simulated market runs (resting limits that fill on trades, market orders), SIGKILL in the
 * middle of it, restart on the same directory; everything acknowledged is there and consistent.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Instrument } from '../../../protocol/instruments';
import type { FillView, OrderView, PlaceOrderBody, PositionView } from '../../../protocol/paper';
import type { BookResponse, InstrumentsResponse } from '../../../protocol/rest';

const dataDir = mkdtempSync(join(tmpdir(), 'quotedeck-crash-'));
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

async function startGateway(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    [
      ...['--import', 'tsx', 'server/main.ts', '--port', '0', '--no-static'],
      ...['--rate', '2000', '--data-dir', dataDir],
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DATABASE_URL: '' } },
  );
  children.push(child);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`gateway exited ${code}: ${stderr}`)));
  });
  // Listening comes before the paper store is open: wait until the gateway says it is ready.
  for (let i = 0; i < 300; i++) {
    const ready = await fetch(`${url}/readyz`).catch(() => null);
    if (ready?.ok) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { child, url };
}

async function get<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  return (await res.json()) as T;
}

describe('SIGKILL mid-stream and restart', () => {
  it('keeps every acknowledged order, its fills and positions, consistent', async () => {
    const first = await startGateway();
    const { instruments } = await get<InstrumentsResponse>(`${first.url}/api/instruments`);
    const btc = instruments.find((i) => i.symbol === 'BTC-USD') as Instrument;
    const acknowledged = new Set<string>();
    let n = 0;
    const place = async (fields: Partial<PlaceOrderBody>): Promise<void> => {
      const order: PlaceOrderBody = {
        clientOrderId: `crash-${++n}`,
        symbol: btc.symbol,
        side: 'buy',
        type: 'market',
        quantity: btc.lot * 10,
        limitPrice: null,
        stopPrice: null,
        timeInForce: 'gtc',
        postOnly: false,
        ...fields,
      };
      const res = await fetch(`${first.url}/api/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(order),
      });
      if (res.status === 201 || res.status === 422) acknowledged.add(order.clientOrderId);
    };
    // Until resting orders have filled on market trades (or a generous limit on a loaded machine).
    const deadline = Date.now() + 60_000;
    let makerFills = 0;
    while (Date.now() < deadline && (acknowledged.size < 30 || makerFills < 3)) {
      const book = await get<BookResponse>(`${first.url}/api/book/BTC-USD?depth=1`);
      const bid = book.bids[0]?.[0];
      const ask = book.asks[0]?.[0];
      if (bid === undefined || ask === undefined) continue;
      await Promise.all([
        place({ type: 'limit', side: 'buy', limitPrice: bid }),
        place({ type: 'limit', side: 'sell', limitPrice: ask }),
        place({ side: n % 2 === 0 ? 'buy' : 'sell' }),
      ]);
      const { fills } = await get<{ fills: FillView[] }>(`${first.url}/api/fills?limit=1000`);
      makerFills = fills.filter((f) => f.liquidity === 'maker').length;
    }
    // Orders in flight and resting orders filling on trades when the kill lands.
    void place({}).catch(() => undefined);
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));

    const second = await startGateway();
    const orders = (await get<{ orders: OrderView[] }>(`${second.url}/api/orders?limit=1000`))
      .orders;
    const fills = (await get<{ fills: FillView[] }>(`${second.url}/api/fills?limit=1000`)).fills;
    const positions = (await get<{ positions: PositionView[] }>(`${second.url}/api/positions`))
      .positions;
    second.child.kill('SIGTERM');

    expect(acknowledged.size).toBeGreaterThan(10);
    const byClientId = new Map(orders.map((o) => [o.clientOrderId, o]));
    for (const id of acknowledged) expect(byClientId.has(id)).toBe(true);
    expect(new Set(orders.map((o) => o.id)).size).toBe(orders.length);
    expect(byClientId.size).toBe(orders.length);
    expect(new Set(fills.map((f) => f.id)).size).toBe(fills.length);
    // Resting orders did fill on market trades before the kill.
    expect(fills.some((f) => f.liquidity === 'maker')).toBe(true);

    const filledByOrder = new Map<string, number>();
    for (const fill of fills) {
      filledByOrder.set(fill.orderId, (filledByOrder.get(fill.orderId) ?? 0) + fill.quantity);
    }
    for (const order of orders) {
      expect(filledByOrder.get(order.id) ?? 0).toBe(order.filledQuantity);
      if (order.status === 'filled') expect(order.filledQuantity).toBe(order.quantity);
    }
    const net = fills.reduce((sum, f) => sum + (f.side === 'buy' ? f.quantity : -f.quantity), 0);
    expect(positions.find((p) => p.inst === btc.id)?.quantity ?? 0).toBe(net);
  }, 240_000);
});
