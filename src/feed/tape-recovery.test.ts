/**
 * The whole worker path for the trades tape against a scripted gateway: FeedSession on a fake
 * socket, FeedHub serving two pages, each page folding its batches the way the trades store does.
 * Whatever the socket does (duplicates, stale messages, a gap, a reconnect), every page's tape must
 * end up equal to the gateway's own tape: no trade twice, none missing.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ClientKind,
  Side,
  hello,
  tradeMessage,
  tradesSnapshot,
  type Trade,
  type TradeMessage,
} from '../../protocol/messages';
import { applyTradesPatches, prependTrades, useTradesStore } from '../stores/trades-store';
import { fakeFeedHub, type FakeFeedSocket } from './fake-feed-socket';
import type { PortLike } from './feed-hub';
import { TAPE_LENGTH, type StreamSpec, type WorkerEvent } from './feed-types';

const INST = 7;
const trades: StreamSpec = { channel: 'trades', symbol: 'BTC-USD', depth: null, interval: null };

/** The gateway's side: every print it made, and the snapshot it would send (seq = newest id). */
class GatewayTape {
  readonly prints: Trade[] = [];
  print(): TradeMessage {
    const id = this.prints.length + 1;
    const trade: Trade = {
      id,
      price: 100_00 + id,
      size: id,
      side: id % 2 ? Side.buy : Side.sell,
      time: id,
    };
    this.prints.push(trade);
    return tradeMessage(INST, trade);
  }
  snapshot() {
    return tradesSnapshot(INST, this.prints.length, this.prints.slice(-TAPE_LENGTH));
  }
  /** What a page should show: newest first, at most the tape length. */
  expected(): number[] {
    return this.prints
      .slice(-TAPE_LENGTH)
      .map((t) => t.id)
      .reverse();
  }
}

/** A page: folds the trades of its batches exactly as applyTradesPatches does. */
class Page implements PortLike {
  onmessage: ((event: MessageEvent<unknown>) => void) | null = null;
  tape: readonly Trade[] = [];
  constructor(private readonly useStore = false) {}
  postMessage(message: WorkerEvent) {
    if (message.type !== 'batch' || !message.batch.trades) return;
    if (this.useStore) applyTradesPatches(message.batch.trades);
    for (const patch of message.batch.trades) {
      this.tape = prependTrades(patch.reset ? [] : this.tape, patch.trades);
    }
  }
  send(data: unknown) {
    this.onmessage?.(new MessageEvent('message', { data }));
  }
  ids(): number[] {
    return (this.useStore ? (useTradesStore.getState().tapes[INST] ?? []) : this.tape).map(
      (t) => t.id,
    );
  }
}

function setup() {
  const { hub, sockets } = fakeFeedHub();
  const join = (useStore = false) => {
    const page = new Page(useStore);
    hub.connect(page);
    page.send({ type: 'start', url: 'ws://test/ws' });
    page.send({ type: 'instruments', instruments: [{ id: INST, symbol: 'BTC-USD' }] });
    page.send({ type: 'subscribe', spec: trades });
    return page;
  };
  return { hub, sockets, join };
}

const subscribes = (socket: FakeFeedSocket) =>
  socket.sent.filter((m) => m.kind === ClientKind.subscribe && m.channel === 'trades').length;

describe('trades tape across duplicates, gaps and reconnects', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    useTradesStore.setState({ tapes: {} });
  });
  afterEach(() => vi.useRealTimers());

  it('shows every trade once, in order, and equals the gateway tape after a gap and resync', () => {
    const { hub, sockets, join } = setup();
    const gateway = new GatewayTape();
    const first = join(true);
    const socket = sockets[0]!;
    socket.open();
    socket.receive(hello(Date.now(), 'v1', 2_000));
    for (let i = 0; i < 30; i++) gateway.print();
    socket.receive(gateway.snapshot());
    hub.tick();
    expect(first.ids()).toEqual(gateway.expected());

    // Duplicates and stale repeats (a retransmitting proxy, a replayed frame) are dropped.
    const a = gateway.print();
    const b = gateway.print();
    socket.receive(a, a, b);
    socket.receive(a);
    hub.tick();
    expect(first.ids()).toEqual(gateway.expected());

    // A trade is lost on the way: the next one is a gap, so the worker resubscribes.
    gateway.print();
    const before = subscribes(socket);
    const afterGap = [gateway.print(), gateway.print()];
    socket.receive(...afterGap);
    expect(subscribes(socket)).toBe(before + 1);
    hub.tick();
    // Nothing after the hole is shown out of place meanwhile.
    expect(first.ids()[0]).toBe(32);
    // A page that opens during the resync is not handed the incomplete tape.
    const late = join();
    hub.tick();
    expect(late.ids()).toEqual([]);
    // The old subscription's messages still draining, then the fresh snapshot, then live prints.
    socket.receive(gateway.print());
    socket.receive(gateway.snapshot());
    const more = Array.from({ length: 5 }, () => gateway.print());
    socket.receive(...more.slice(0, 2));
    hub.tick();
    socket.receive(...more.slice(2));
    hub.tick();
    expect(first.ids()).toEqual(gateway.expected());
    expect(late.ids()).toEqual(gateway.expected());
    // And a page that opens now gets the tape at once from the worker's cache.
    const third = join();
    hub.tick();
    socket.receive(gateway.print());
    hub.tick();
    expect(third.ids()).toEqual(gateway.expected());
    expect(first.ids()).toEqual(gateway.expected());
    hub.stop();
  });

  it('replaces the tape with the gateway tape after a reconnect, with more prints than fit', () => {
    const { hub, sockets, join } = setup();
    const gateway = new GatewayTape();
    const page = join(true);
    sockets[0]!.open();
    sockets[0]!.receive(hello(Date.now(), 'v1', 2_000));
    for (let i = 0; i < 40; i++) gateway.print();
    sockets[0]!.receive(gateway.snapshot());
    hub.tick();
    // The gateway is killed: prints go on at the exchange while the page is disconnected.
    sockets[0]!.serverClose();
    for (let i = 0; i < 150; i++) gateway.print();
    vi.advanceTimersByTime(300);
    const next = sockets.at(-1)!;
    expect(next).not.toBe(sockets[0]);
    next.open();
    next.receive(hello(Date.now(), 'v1', 2_000));
    // A print that raced the snapshot (before it in the frame) is dropped, not shown twice.
    const raced = gateway.print();
    next.receive(raced, gateway.snapshot(), gateway.print());
    hub.tick();
    expect(page.ids()).toEqual(gateway.expected());
    expect(new Set(page.ids()).size).toBe(page.ids().length);
    hub.stop();
  });
});
