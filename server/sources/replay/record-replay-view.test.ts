/**
 * Record, then replay, compared where it matters: at a WebSocket client of a real gateway (the
 * app with its hub, fan-out and codec, on loopback). A client of the recording gateway and a
 * client of the replaying gateway must end up with the same book and the same tape.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ServerKind, subscribe, type ServerMessage, type Trade } from '../../../protocol/messages';
import { buildApp } from '../../app';
import { kind, TestClient } from '../../ws/test-client';
import { createSimulatedSource } from '../sim/index';
import type { MarketSource } from '../source';
import { recordSource } from './record-source';
import { createReplaySource } from './replay-source';
import { tempDir } from './test-recording';

type App = Awaited<ReturnType<typeof buildApp>>;

const DEPTH = 20;
let apps: App[] = [];
let clients: TestClient[] = [];
const temp = tempDir();

afterEach(async () => {
  for (const client of clients) await client.close();
  for (const app of apps) await app.close();
  apps = [];
  clients = [];
});
afterAll(() => temp.remove());

/** `source` with a switch that stops its events reaching the gateway (and the recorder). */
function freezable(source: MarketSource): { source: MarketSource; freeze(): void } {
  let open = true;
  return {
    freeze: () => (open = false),
    source: {
      name: source.name,
      instruments: () => source.instruments(),
      history: (inst, interval, end) => source.history(inst, interval, end),
      start: (sink) =>
        source.start({
          book: (...args) => open && sink.book(...args),
          trade: (...args) => open && sink.trade(...args),
          status: (...args) => open && sink.status(...args),
        }),
      stop: () => source.stop(),
    },
  };
}

async function serve(source: MarketSource): Promise<string> {
  const app = await buildApp({ source, staticDir: null, paper: null });
  apps.push(app);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return `http://127.0.0.1:${address.port}`;
}

/** A client watching the book and the trades of BTC-USD. */
async function watch(url: string): Promise<TestClient> {
  const client = await TestClient.connect(url);
  clients.push(client);
  client.send(subscribe(1, 'book', 'BTC-USD', { depth: DEPTH }));
  client.send(subscribe(2, 'trades', 'BTC-USD'));
  await client.waitFor(kind(ServerKind.bookSnapshot));
  await client.waitFor(kind(ServerKind.tradesSnapshot));
  return client;
}

interface ClientView {
  bids: number[][];
  asks: number[][];
  /** Oldest first, by trade id; times as gaps from the first (replay shifts the clock). */
  trades: Array<Omit<Trade, 'time'> & { dt: number }>;
  live: boolean;
}

/** What a client shows after its messages: the book from snapshot and deltas, the tape. */
function viewOf(messages: readonly ServerMessage[]): ClientView {
  const bids = new Map<number, number>();
  const asks = new Map<number, number>();
  const tape = new Map<number, Trade>();
  let live = true;
  const apply = (side: Map<number, number>, flat: readonly number[]) => {
    for (let i = 0; i + 1 < flat.length; i += 2) {
      if (flat[i + 1] === 0) side.delete(flat[i]!);
      else side.set(flat[i]!, flat[i + 1]!);
    }
  };
  for (const m of messages) {
    if (m.kind === ServerKind.bookSnapshot) {
      bids.clear();
      asks.clear();
    }
    if (m.kind === ServerKind.bookSnapshot || m.kind === ServerKind.bookDelta) {
      apply(bids, m.bids);
      apply(asks, m.asks);
    } else if (m.kind === ServerKind.tradesSnapshot) {
      for (const t of m.trades) tape.set(t.id, t);
    } else if (m.kind === ServerKind.trade) {
      tape.set(m.seq, { id: m.seq, price: m.price, size: m.size, side: m.side, time: m.time });
    } else if (m.kind === ServerKind.streamStatus && m.channel === 'book') {
      live = m.live;
    }
  }
  const trades = [...tape.values()].sort((a, b) => a.id - b.id);
  const first = trades[0]?.time ?? 0;
  return {
    bids: [...bids].sort((a, b) => b[0] - a[0]).slice(0, DEPTH),
    asks: [...asks].sort((a, b) => a[0] - b[0]).slice(0, DEPTH),
    trades: trades.map(({ time, ...rest }) => ({ ...rest, dt: time - first })),
    live,
  };
}

/** Resolves once `client` received nothing for `quietMs`. */
async function settled(client: TestClient, quietMs = 400): Promise<void> {
  let count = -1;
  while (count !== client.messages.length) {
    count = client.messages.length;
    await new Promise((resolve) => setTimeout(resolve, quietMs));
  }
}

describe('record then replay, seen by a WebSocket client', () => {
  it('shows the replay client the book and tape the recording client saw', async () => {
    const file = temp.file(`view-${Date.now()}.qdrec`);
    const sim = freezable(createSimulatedSource({ seed: 5, rate: 2000, instruments: 3 }));
    const recorded = await watch(await serve(recordSource(sim.source, file)));
    await expect
      .poll(() => recorded.messages.filter((m) => m.kind === ServerKind.trade).length, {
        timeout: 15_000,
      })
      .toBeGreaterThan(40);
    sim.freeze();
    await settled(recorded);
    const before = viewOf(recorded.messages);
    await apps[0]!.close();
    apps = [];

    const replay = createReplaySource({ file, speed: 'max' });
    const url = await serve(replay);
    await replay.done;
    const replayed = await watch(url);
    await settled(replayed);
    const after = viewOf(replayed.messages);

    expect(before.bids.length).toBe(DEPTH);
    expect(after.bids).toEqual(before.bids);
    expect(after.asks).toEqual(before.asks);
    // The replay client joined at the end: its tape is the newest part of the recorded one.
    expect(after.trades.length).toBeGreaterThan(40);
    const newest = before.trades.slice(-after.trades.length);
    const rebase = (ts: ClientView['trades']) =>
      ts.map(({ dt, ...rest }) => ({ ...rest, dt: dt - ts[0]!.dt }));
    expect(rebase(after.trades)).toEqual(rebase(newest));
    // Live while recorded; stale once the replay has nothing more to play.
    expect(before.live).toBe(true);
    expect(after.live).toBe(false);
  }, 60_000);
});
