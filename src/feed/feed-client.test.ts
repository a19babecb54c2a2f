import { describe, expect, it } from 'vitest';
import type { FeedBatch, WorkerCommand } from './feed-types';
import { createFeedClient, type WorkerLike } from './feed-client';
import { packTickers } from './ticker-pack';
import { PerfTapSlot, type PerfTap } from './perf-tap';
import { accountUpdate } from '../../protocol/account-messages';
import { TEST_ACCOUNT, TEST_FILL, testTicker } from '../../protocol/test-fixtures';
import type { VisibilitySource } from './visibility-wake';

/** A document stand-in whose visibility a test switches. */
class FakeVisibility implements VisibilitySource {
  visibilityState: DocumentVisibilityState = 'visible';
  private readonly listeners = new Set<() => void>();
  addEventListener(_type: 'visibilitychange', listener: () => void): void {
    this.listeners.add(listener);
  }
  removeEventListener(_type: 'visibilitychange', listener: () => void): void {
    this.listeners.delete(listener);
  }
  set(state: DocumentVisibilityState): void {
    this.visibilityState = state;
    for (const listener of this.listeners) listener();
  }
  get watchers(): number {
    return this.listeners.size;
  }
}

function setup(
  options: {
    apply?: (batch: FeedBatch) => void;
    now?: () => number;
    perf?: PerfTapSlot;
    visibility?: VisibilitySource;
  } = {},
) {
  const posted: WorkerCommand[] = [];
  const worker: WorkerLike = {
    postMessage: (command) => posted.push(command),
    onmessage: null,
    terminate: () => undefined,
  };
  const frames: Array<() => void> = [];
  const ticks: Array<() => void> = [];
  const applied: FeedBatch[] = [];
  const client = createFeedClient({
    createWorker: () => worker,
    url: 'ws://x/ws',
    apply: (batch) => {
      applied.push(batch);
      options.apply?.(batch);
    },
    requestFrame: (callback) => frames.push(callback),
    requestHiddenTick: (callback) => ticks.push(callback),
    visibility: options.visibility ?? null,
    now: options.now,
    perf: options.perf ?? new PerfTapSlot(),
  });
  const deliver = (batch: FeedBatch) =>
    worker.onmessage?.(new MessageEvent('message', { data: { type: 'batch', batch } }));
  return { client, posted, frames, ticks, applied, deliver, worker };
}

describe('createFeedClient', () => {
  it('shares one subscription between two users and removes it after the last leaves', () => {
    const { client, posted } = setup();
    const a = client.subscribe('book', 'BTC-USD', { depth: 20 });
    const b = client.subscribe('book', 'BTC-USD', { depth: 20 });
    expect(posted.filter((c) => c.type === 'subscribe')).toHaveLength(1);
    a();
    a();
    expect(posted.filter((c) => c.type === 'unsubscribe')).toHaveLength(0);
    b();
    expect(posted.filter((c) => c.type === 'unsubscribe')).toEqual([
      {
        type: 'unsubscribe',
        spec: { channel: 'book', symbol: 'BTC-USD', depth: 20, interval: null },
      },
    ]);
  });

  it('treats different options as different streams', () => {
    const { client, posted } = setup();
    client.subscribe('candles', 'BTC-USD', { interval: '1m' });
    client.subscribe('candles', 'BTC-USD', { interval: '5m' });
    expect(posted.filter((c) => c.type === 'subscribe')).toHaveLength(2);
  });

  it('applies batches once per animation frame, folded together', () => {
    const { frames, applied, deliver } = setup();
    const t = {
      inst: 1,
      seq: 1,
      time: 0,
      last: 1,
      bid: 1,
      ask: 1,
      open24: 1,
      high24: 1,
      low24: 1,
      volume24: 1,
    };
    deliver({ tickers: [t] });
    deliver({ tickers: [{ ...t, seq: 2, last: 2 }] });
    expect(frames).toHaveLength(1);
    expect(applied).toHaveLength(0);
    frames.shift()!();
    expect(applied).toEqual([{ tickers: [{ ...t, seq: 2, last: 2 }] }]);
  });
});

describe('createFeedClient while the page is hidden', () => {
  const update = (seq: number): FeedBatch => ({
    account: [accountUpdate({ ...TEST_ACCOUNT, seq }, [], [{ ...TEST_FILL, id: `f${seq}` }], [])],
  });

  it('applies batches on a timer, since a hidden page gets no frames', () => {
    const visibility = new FakeVisibility();
    visibility.set('hidden');
    const { frames, ticks, applied, deliver } = setup({ visibility });
    deliver(update(1));
    deliver(update(2));
    expect(frames).toHaveLength(0);
    expect(ticks).toHaveLength(1);
    ticks.shift()!();
    expect(applied).toEqual([{ account: [...update(1).account!, ...update(2).account!] }]);
  });

  it('does not leave a batch waiting for a frame when the page hides before it comes', () => {
    const visibility = new FakeVisibility();
    const { frames, ticks, applied, deliver } = setup({ visibility });
    deliver(update(1));
    expect(frames).toHaveLength(1);
    visibility.set('hidden');
    expect(ticks).toHaveLength(1);
    ticks.shift()!();
    expect(applied).toEqual([update(1)]);
    // The frame asked for while visible comes when the page is shown again: nothing is left to
    // apply, and nothing is applied twice.
    visibility.set('visible');
    frames.shift()!();
    expect(applied).toHaveLength(1);
    deliver(update(2));
    expect(frames).toHaveLength(1);
    expect(ticks).toHaveLength(0);
    frames.shift()!();
    expect(applied).toEqual([update(1), update(2)]);
  });

  it('stops watching visibility when disposed', () => {
    const visibility = new FakeVisibility();
    const { client } = setup({ visibility });
    expect(visibility.watchers).toBe(1);
    client.dispose();
    expect(visibility.watchers).toBe(0);
  });
});

describe('createFeedClient network', () => {
  it('forwards the browser online/offline state to the worker', () => {
    const { client, posted } = setup();
    client.setNetwork(false);
    client.setNetwork(true);
    expect(posted.filter((c) => c.type === 'network')).toEqual([
      { type: 'network', online: false },
      { type: 'network', online: true },
    ]);
  });
});

describe('createFeedClient wake', () => {
  it('tells the worker how long the page was hidden when it comes back', () => {
    const { client, posted } = setup();
    client.wake(45_000);
    expect(posted.filter((c) => c.type === 'wake')).toEqual([{ type: 'wake', hiddenMs: 45_000 }]);
  });
});

describe('createFeedClient pacing', () => {
  it('after an expensive apply, folds what arrives and applies it later, losing no trade', async () => {
    let clock = 0;
    // Each apply "takes" 40 ms of main-thread time.
    const { frames, applied, deliver } = setup({
      apply: () => {
        clock += 40;
      },
      now: () => clock,
    });
    const trade = (id: number) => ({ id, price: 1, size: 1, side: 1 as const, time: id });

    deliver({ trades: [{ inst: 1, reset: false, trades: [trade(1)] }] });
    frames.shift()!();
    await Promise.resolve();
    expect(applied).toHaveLength(1);

    // Frames keep coming every 16 ms, but the page is paying for the last apply.
    deliver({ trades: [{ inst: 1, reset: false, trades: [trade(2)] }] });
    deliver({ trades: [{ inst: 1, reset: false, trades: [trade(3)] }] });
    for (let i = 0; i < 5; i += 1) {
      clock += 16;
      frames.shift()!();
    }
    expect(applied).toHaveLength(1);

    clock += 100;
    frames.shift()!();
    expect(applied).toHaveLength(2);
    expect(applied[1]).toEqual({
      trades: [{ inst: 1, reset: false, trades: [trade(2), trade(3)] }],
    });
  });
});

describe('createFeedClient and a shared worker', () => {
  it('answers probes, and tells a worker that asks it to rejoin everything again', () => {
    const { client, posted, worker } = setup();
    client.setInstruments([{ id: 1, symbol: 'BTC-USD' }]);
    client.subscribe('book', 'BTC-USD', { depth: 20 });
    const release = client.subscribe('trades', 'BTC-USD');
    release();
    posted.length = 0;
    worker.onmessage?.(new MessageEvent('message', { data: { type: 'probe' } }));
    expect(posted).toEqual([{ type: 'alive' }]);
    posted.length = 0;
    worker.onmessage?.(new MessageEvent('message', { data: { type: 'rejoin' } }));
    expect(posted).toEqual([
      { type: 'start', url: 'ws://x/ws' },
      { type: 'instruments', instruments: [{ id: 1, symbol: 'BTC-USD' }] },
      {
        type: 'subscribe',
        spec: { channel: 'book', symbol: 'BTC-USD', depth: 20, interval: null },
      },
    ]);
  });

  it('unpacks packed tickers and ignores malformed worker messages', () => {
    const { frames, applied, worker } = setup();
    const tickers = [testTicker({ inst: 1 }), testTicker({ inst: 2, last: 7 })];
    worker.onmessage?.(new MessageEvent('message', { data: { tickers } }));
    worker.onmessage?.(new MessageEvent('message', { data: 'batch' }));
    expect(frames).toHaveLength(0);
    worker.onmessage?.(
      new MessageEvent('message', {
        data: { type: 'batch', batch: {}, tickers: packTickers(tickers) },
      }),
    );
    frames.shift()!();
    expect(applied).toEqual([{ tickers }]);
  });

  it('says bye and closes its port when the page leaves; reconnects and re-claims on return', () => {
    // Ports handed out by the (fake) worker: one per connection, as a SharedWorker gives.
    const ports: Array<{ posted: WorkerCommand[]; closed: boolean; port: WorkerLike }> = [];
    const connect = (): WorkerLike => {
      const entry = {
        posted: [] as WorkerCommand[],
        closed: false,
        port: null as unknown as WorkerLike,
      };
      entry.port = {
        postMessage: (command) => entry.posted.push(command),
        onmessage: null,
        terminate: () => {
          entry.closed = true;
        },
      };
      ports.push(entry);
      return entry.port;
    };
    const client = createFeedClient({
      createWorker: connect,
      url: 'ws://x/ws',
      apply: () => undefined,
      requestFrame: () => undefined,
      perf: new PerfTapSlot(),
    });
    client.subscribe('book', 'BTC-USD', { depth: 20 });

    client.leave();
    expect(ports[0]!.posted.at(-1)).toEqual({ type: 'bye' });
    // Nothing can reach a page in the back/forward cache through a closed port.
    expect(ports[0]!.closed).toBe(true);

    client.resume();
    expect(ports).toHaveLength(2);
    expect(ports[1]!.posted).toEqual([
      { type: 'start', url: 'ws://x/ws' },
      {
        type: 'subscribe',
        spec: { channel: 'book', symbol: 'BTC-USD', depth: 20, interval: null },
      },
    ]);
    // Batches arrive on the new port.
    expect(ports[1]!.port.onmessage).not.toBeNull();
  });
});

describe('createFeedClient performance tap', () => {
  const stats = {
    at: 1,
    messages: 10,
    frames: 2,
    handleMs: 0.2,
    invalid: 0,
    clockOffsetMs: 0,
    rttMs: 1,
  };

  it('asks the worker for counters while a monitor is plugged in and reports applied batches', () => {
    const slot = new PerfTapSlot();
    const { posted, frames, deliver, worker } = setup({ perf: slot });
    const seen: string[] = [];
    const tap: PerfTap = {
      workerStats: (s) => seen.push(`stats ${s.messages}`),
      applied: (b) => seen.push(`applied ${b.tickers?.length ?? 0}`),
    };
    deliver({ tickers: [testTicker({ inst: 1 })] });
    frames.shift()?.();
    // Nothing plugged in: nothing asked, nothing reported.
    expect(posted.some((c) => c.type === 'perf')).toBe(false);
    slot.set(tap);
    expect(posted.at(-1)).toEqual({ type: 'perf', on: true });
    worker.onmessage?.(new MessageEvent('message', { data: { type: 'batch', batch: {}, stats } }));
    // A counters-only message asks for no frame.
    expect(frames).toHaveLength(0);
    deliver({ tickers: [testTicker({ inst: 1 })] });
    frames.shift()?.();
    expect(seen).toEqual(['stats 10', 'applied 1']);
    slot.set(null);
    expect(posted.at(-1)).toEqual({ type: 'perf', on: false });
  });

  it('ignores malformed counters', () => {
    const slot = new PerfTapSlot();
    const { worker } = setup({ perf: slot });
    const seen: unknown[] = [];
    slot.set({ workerStats: (s) => seen.push(s), applied: () => undefined });
    const bad = { type: 'batch', batch: {}, stats: { ...stats, frames: 'x' } };
    worker.onmessage?.(new MessageEvent('message', { data: bad }));
    expect(seen).toEqual([]);
  });
});
