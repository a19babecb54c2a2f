import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Ticker } from '../../protocol/messages';
import type {
  ConnectionInfo,
  FeedBatch,
  InstrumentRef,
  StreamSpec,
  WorkerCommand,
  WorkerEvent,
  WorkerStats,
} from './feed-types';
import { accountSnapshot } from '../../protocol/account-messages';
import { TEST_ACCOUNT } from '../../protocol/test-fixtures';
import { FeedHub, STATS_EVERY_MS, type PortLike, type SessionLike } from './feed-hub';
import { unpackTickers } from './ticker-pack';

class FakePort implements PortLike {
  onmessage: ((event: MessageEvent<unknown>) => void) | null = null;
  received: WorkerEvent[] = [];
  postMessage(message: WorkerEvent) {
    this.received.push(message);
  }
  send(command: WorkerCommand | unknown) {
    this.onmessage?.(new MessageEvent('message', { data: command }));
  }
  batches(): FeedBatch[] {
    return this.received.flatMap((m) => (m.type === 'batch' ? [m.batch] : []));
  }
}

class FakeSession implements SessionLike {
  calls: string[] = [];
  post: (batch: FeedBatch) => void = () => undefined;
  private next: FeedBatch | null = null;
  start() {}
  stop() {}
  flush() {
    if (this.next) this.post(this.next);
    this.next = null;
  }
  subscribe(spec: StreamSpec) {
    this.calls.push(`sub ${spec.channel} ${spec.symbol ?? '*'}`);
  }
  unsubscribe(spec: StreamSpec) {
    this.calls.push(`unsub ${spec.channel} ${spec.symbol ?? '*'}`);
  }
  setInstruments(_instruments: readonly InstrumentRef[]) {}
  setNetwork(_online: boolean) {}
  wake(hiddenMs: number) {
    this.calls.push(`wake ${hiddenMs}`);
  }
  resnapshot(spec: StreamSpec) {
    this.calls.push(`resnapshot ${spec.channel} ${spec.symbol ?? '*'}`);
  }
  stats(): WorkerStats {
    return {
      at: Date.now(),
      messages: 42,
      frames: 7,
      handleMs: 1.5,
      invalid: 1,
      clockOffsetMs: 3,
      rttMs: 2,
    };
  }
  /** What the socket brought since the last tick. */
  emit(batch: FeedBatch) {
    this.next = batch;
  }
}

const BTC = 1;
const ETH = 2;
const instruments = [
  { id: BTC, symbol: 'BTC-USD' },
  { id: ETH, symbol: 'ETH-USD' },
];
const book = (symbol: string): StreamSpec => ({
  channel: 'book',
  symbol,
  depth: 20,
  interval: null,
});
const account: StreamSpec = { channel: 'account', symbol: null, depth: null, interval: null };
const tickers: StreamSpec = { channel: 'tickers', symbol: null, depth: null, interval: null };
const ticker = (inst: number, last: number): Ticker => ({
  inst,
  seq: last,
  time: 0,
  last,
  bid: last - 1,
  ask: last + 1,
  open24: 1,
  high24: last,
  low24: 1,
  volume24: 5,
});
const live: ConnectionInfo = {
  state: 'live',
  latencyMs: 1,
  lastMessageTime: 1,
  invalidMessages: 0,
  lastError: null,
  staleStreams: [],
};

function setup() {
  const session = new FakeSession();
  const hub = new FeedHub({
    createSession: (_url, post) => {
      session.post = post;
      return session;
    },
    silentAfterMs: 5_000,
  });
  const open = () => {
    const port = new FakePort();
    hub.connect(port);
    port.send({ type: 'start', url: 'ws://x/ws' });
    port.send({ type: 'instruments', instruments });
    return port;
  };
  return { hub, session, open };
}

describe('FeedHub reference counting across pages', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('subscribes a stream once for two pages and unsubscribes after the last releases it', () => {
    const { session, open } = setup();
    const a = open();
    const b = open();
    a.send({ type: 'subscribe', spec: book('BTC-USD') });
    b.send({ type: 'subscribe', spec: book('BTC-USD') });
    expect(session.calls).toEqual(['sub book BTC-USD']);
    a.send({ type: 'unsubscribe', spec: book('BTC-USD') });
    expect(session.calls).toEqual(['sub book BTC-USD']);
    b.send({ type: 'unsubscribe', spec: book('BTC-USD') });
    expect(session.calls).toEqual(['sub book BTC-USD', 'unsub book BTC-USD']);
  });

  it('releases the claims of a page that says bye', () => {
    const { hub, session, open } = setup();
    const a = open();
    a.send({ type: 'subscribe', spec: book('ETH-USD') });
    a.send({ type: 'bye' });
    expect(session.calls).toEqual(['sub book ETH-USD', 'unsub book ETH-USD']);
    expect(hub.portCount).toBe(0);
  });

  it('drops a page that stops answering probes and releases its claims, keeping the others', () => {
    const { hub, session, open } = setup();
    const quiet = open();
    const chatty = open();
    quiet.send({ type: 'subscribe', spec: book('BTC-USD') });
    chatty.send({ type: 'subscribe', spec: book('BTC-USD') });
    quiet.send({ type: 'subscribe', spec: book('ETH-USD') });
    for (let s = 0; s < 7; s++) {
      vi.advanceTimersByTime(1_000);
      chatty.send({ type: 'alive' });
    }
    expect(hub.portCount).toBe(1);
    expect(session.calls).toEqual(['sub book BTC-USD', 'sub book ETH-USD', 'unsub book ETH-USD']);
    expect(hub.subscribedKeys()).toEqual(['book|BTC-USD|20|']);
  });

  it('takes a dropped page back when it speaks again and asks it to rejoin', () => {
    const { hub, open } = setup();
    const frozen = open();
    vi.advanceTimersByTime(7_000);
    expect(hub.portCount).toBe(0);
    frozen.send({ type: 'alive' });
    expect(hub.portCount).toBe(1);
    expect(frozen.received.at(-1)).toEqual({ type: 'rejoin' });
  });

  it("passes any page's wake-up to the one shared session, even from a page it had dropped", () => {
    const { hub, session, open } = setup();
    const busy = open();
    const sleeper = open();
    // The sleeping tab was frozen long enough to be dropped; the other kept the worker going.
    for (let s = 0; s < 7; s++) {
      vi.advanceTimersByTime(1_000);
      busy.send({ type: 'alive' });
    }
    expect(hub.portCount).toBe(1);
    sleeper.send({ type: 'wake', hiddenMs: 7_000 });
    expect(session.calls).toEqual(['wake 7000']);
    expect(sleeper.received.at(-1)).toEqual({ type: 'rejoin' });
    busy.send({ type: 'wake', hiddenMs: 1_000 });
    expect(session.calls).toEqual(['wake 7000', 'wake 1000']);
  });

  it('ignores and counts malformed messages from a page', () => {
    const { hub, session, open } = setup();
    const a = open();
    a.send({ type: 'subscribe', spec: { channel: 'orders', symbol: 'BTC-USD' } });
    a.send('subscribe');
    a.send(null);
    expect(hub.invalidCommands).toBe(3);
    expect(session.calls).toEqual([]);
    a.send({ type: 'subscribe', spec: book('BTC-USD') });
    expect(session.calls).toEqual(['sub book BTC-USD']);
  });
});

describe('FeedHub batches per page', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('gives each page only the streams it claimed, plus the connection, once per tick', () => {
    const { hub, session, open } = setup();
    const watcher = open();
    const btc = open();
    const eth = open();
    watcher.send({ type: 'subscribe', spec: tickers });
    btc.send({ type: 'subscribe', spec: book('BTC-USD') });
    eth.send({ type: 'subscribe', spec: book('ETH-USD') });
    const patch = (inst: number) => ({
      inst,
      reset: true,
      seq: 1,
      time: 0,
      bids: [9, 1],
      asks: [11, 1],
    });
    session.emit({ tickers: [ticker(BTC, 10)], books: [patch(BTC), patch(ETH)], connection: live });
    for (const p of [watcher, btc, eth]) p.received = [];
    hub.tick();
    expect(watcher.batches()).toEqual([{ tickers: [ticker(BTC, 10)], connection: live }]);
    expect(btc.batches()).toEqual([{ books: [patch(BTC)], connection: live }]);
    expect(eth.batches()).toEqual([{ books: [patch(ETH)], connection: live }]);
  });

  it('gives account messages only to pages watching the account, and a late one a fresh snapshot', () => {
    const { hub, session, open } = setup();
    const trader = open();
    const watcher = open();
    trader.send({ type: 'subscribe', spec: account });
    watcher.send({ type: 'subscribe', spec: tickers });
    const snapshot = accountSnapshot(TEST_ACCOUNT, [], [], []);
    session.emit({ account: [snapshot], tickers: [ticker(BTC, 10)] });
    hub.tick();
    expect(trader.batches().at(-1)).toEqual({ account: [snapshot] });
    expect(watcher.batches().at(-1)).toEqual({ tickers: [ticker(BTC, 10)] });

    const late = open();
    late.send({ type: 'subscribe', spec: account });
    expect(session.calls).toEqual(['sub account *', 'sub tickers *', 'resnapshot account *']);
  });

  it('gives a page that joins late the current book, tape and tickers, then deltas on top', () => {
    const { hub, session, open } = setup();
    const first = open();
    first.send({ type: 'subscribe', spec: book('BTC-USD') });
    first.send({ type: 'subscribe', spec: tickers });
    first.send({
      type: 'subscribe',
      spec: { channel: 'trades', symbol: 'BTC-USD', depth: null, interval: null },
    });
    const trade = (id: number) => ({ id, price: 10, size: 1, side: 1 as const, time: id });
    session.emit({
      tickers: [ticker(BTC, 10), ticker(ETH, 20)],
      books: [{ inst: BTC, reset: true, seq: 1, time: 0, bids: [9, 1], asks: [11, 1] }],
      trades: [{ inst: BTC, reset: true, trades: [trade(1)] }],
      connection: live,
    });
    hub.tick();
    session.emit({
      tickers: [ticker(BTC, 12)],
      books: [{ inst: BTC, reset: false, seq: 2, time: 0, bids: [9, 0, 8, 3], asks: [] }],
      trades: [{ inst: BTC, reset: false, trades: [trade(2)] }],
    });
    hub.tick();

    const late = open();
    late.send({ type: 'subscribe', spec: book('BTC-USD') });
    late.send({ type: 'subscribe', spec: tickers });
    late.send({
      type: 'subscribe',
      spec: { channel: 'trades', symbol: 'BTC-USD', depth: null, interval: null },
    });
    hub.tick();
    expect(late.batches()).toEqual([
      {
        tickers: [ticker(BTC, 12), ticker(ETH, 20)],
        books: [{ inst: BTC, reset: true, seq: 2, time: 0, bids: [8, 3], asks: [11, 1] }],
        trades: [{ inst: BTC, reset: true, trades: [trade(1), trade(2)] }],
        connection: live,
      },
    ]);
    // The socket was asked once for each stream, whatever the number of pages.
    expect(session.calls.filter((c) => c.startsWith('sub'))).toHaveLength(3);
  });

  it('gives a late page nothing cached once the connection was lost', () => {
    const { hub, session, open } = setup();
    const first = open();
    first.send({ type: 'subscribe', spec: book('BTC-USD') });
    session.emit({ books: [{ inst: BTC, reset: true, seq: 1, time: 0, bids: [9, 1], asks: [] }] });
    hub.tick();
    session.emit({ connection: { ...live, state: 'offline' } });
    hub.tick();
    const late = open();
    late.send({ type: 'subscribe', spec: book('BTC-USD') });
    hub.tick();
    expect(late.batches()).toEqual([{ connection: { ...live, state: 'offline' } }]);
  });
});

describe('FeedHub transfer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends a frame with many tickers as one packed buffer that unpacks to the same tickers', () => {
    const { hub, session, open } = setup();
    const page = open();
    page.send({ type: 'subscribe', spec: tickers });
    const many = Array.from({ length: 40 }, (_, i) => ticker(i + 1, 100 + i));
    session.emit({ tickers: many });
    page.received = [];
    hub.tick();
    const [message] = page.received;
    expect(message?.type).toBe('batch');
    if (message?.type !== 'batch') return;
    expect(message.batch.tickers).toBeUndefined();
    expect(unpackTickers(message.tickers)).toEqual(many);
  });
});

describe('FeedHub performance counters', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends counters only to pages that asked, a few times a second, even without data', () => {
    const { hub, open } = setup();
    const watching = open();
    const other = open();
    watching.send({ type: 'perf', on: true });
    vi.advanceTimersByTime(1_000);
    const stats = watching.received.flatMap((m) =>
      m.type === 'batch' && m.stats ? [m.stats] : [],
    );
    expect(stats.length).toBeGreaterThanOrEqual(1_000 / STATS_EVERY_MS - 1);
    expect(stats.length).toBeLessThanOrEqual(1_000 / STATS_EVERY_MS + 1);
    // The page's own malformed commands count as invalid too.
    expect(stats[0]).toMatchObject({ messages: 42, frames: 7, invalid: 1, clockOffsetMs: 3 });
    expect(other.received.some((m) => m.type === 'batch' && m.stats)).toBe(false);
    watching.send({ type: 'perf', on: false });
    const before = watching.received.length;
    vi.advanceTimersByTime(1_000);
    expect(watching.received.slice(before).some((m) => m.type === 'batch' && m.stats)).toBe(false);
    hub.stop();
  });
});
