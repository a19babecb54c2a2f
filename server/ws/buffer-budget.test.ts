import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Side, subscribe } from '../../protocol/messages';
import { Hub } from '../hub/hub';
import { createFakeSource } from '../sources/fake-source';
import { BufferBudget } from './buffer-budget';
import { FakeSocket } from './fake-socket';
import { FeedStats } from './feed-stats';
import { Session } from './session';

/** A client that never reads: everything sent stays in its socket's buffer. */
class StuckSocket extends FakeSocket {
  override send(data: Uint8Array | string, options: { binary: boolean }): void {
    super.send(data, options);
    this.bufferedAmount += typeof data === 'string' ? data.length : data.byteLength;
  }
}

function gateway(maxBytes: number, perClient: { soft: number; hard: number }) {
  const source = createFakeSource();
  const hub = new Hub(source);
  source.start(hub);
  const stats = new FeedStats();
  const budget = new BufferBudget({ maxBytes, minConflateBytes: 100, stats });
  const connect = (socket: FakeSocket = new FakeSocket()) => {
    const session = new Session(socket, hub, {
      heartbeatMs: 60_000,
      softBufferedBytes: perClient.soft,
      maxBufferedBytes: perClient.hard,
      stats,
      budget,
    });
    session.start();
    socket.receive(subscribe(1, 'trades', 'BTC-USD'));
    return { socket, session };
  };
  return { source, stats, budget, connect };
}

describe('global budget of unsent bytes', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('past its soft share conflates the clients that are behind; past the budget closes the largest', () => {
    const { source, stats, budget, connect } = gateway(1000, { soft: 1e6, hard: 1e7 });
    const clients = [400, 300, 200, 50, 0].map(() => connect());
    vi.advanceTimersByTime(50);
    [400, 300, 200, 50, 0].forEach((bytes, i) => (clients[i]!.socket.bufferedAmount = bytes));
    source.emitTrade(1, 100, 1, Side.buy, 1);
    // 950 bytes: over 750 (the soft share), under the budget.
    expect(clients.map((c) => c.session.conflating)).toEqual([true, true, true, false, false]);
    expect(stats.budgetConflations).toBe(3);
    expect(clients.every((c) => c.socket.closedWith === null)).toBe(true);

    vi.advanceTimersByTime(50);
    clients[0]!.socket.bufferedAmount = 600;
    source.emitTrade(1, 101, 1, Side.buy, 2);
    expect(clients[0]!.socket.closedWith).toEqual([1013, 'gateway memory budget exceeded']);
    expect(clients[0]!.session.closeReason?.code).toBe(1013);
    expect(clients.slice(1).every((c) => c.socket.closedWith === null)).toBe(true);
    expect(stats.budgetCloses).toBe(1);
    expect(budget.totalBytes).toBeLessThanOrEqual(1000);
  });

  it('under its soft share nothing happens', () => {
    const { source, stats, connect } = gateway(10_000, { soft: 1e6, hard: 1e7 });
    const clients = [connect(), connect()];
    vi.advanceTimersByTime(50);
    clients[0]!.socket.bufferedAmount = 3000;
    clients[1]!.socket.bufferedAmount = 3000;
    source.emitTrade(1, 100, 1, Side.buy, 1);
    expect(clients.some((c) => c.session.conflating)).toBe(false);
    expect(stats.budgetConflations + stats.budgetCloses).toBe(0);
  });

  it('many clients that never read, each under its own bound, stay under the total budget', () => {
    const maxBytes = 200_000;
    const perClient = { soft: 20_000, hard: 40_000 };
    const { source, stats, budget, connect } = gateway(maxBytes, perClient);
    const clients = Array.from({ length: 30 }, () => connect(new StuckSocket()));
    let highest = 0;
    let highestClient = 0;
    for (let burst = 0; burst < 60; burst++) {
      for (let i = 0; i < 40; i++) source.emitTrade(1, 100 + i, 1, Side.buy, burst * 100 + i);
      vi.advanceTimersByTime(30);
      highest = Math.max(highest, budget.totalBytes);
      for (const { session } of clients)
        highestClient = Math.max(highestClient, session.pendingBytes);
    }
    // Without the budget the clients would hold 30 × 20 KB = 600 KB between them.
    expect(highest).toBeLessThanOrEqual(maxBytes);
    expect(highestClient).toBeLessThanOrEqual(perClient.hard);
    // The peak the metrics report is what the sessions reported, so it held the same bound.
    expect(budget.peakMemberBytes).toBeGreaterThan(0);
    expect(budget.peakMemberBytes).toBeLessThanOrEqual(perClient.hard);
    // The budget conflated the clients before their own soft bound did.
    expect(stats.budgetConflations).toBeGreaterThan(0);
    expect(clients.every((c) => c.session.pendingBytes < perClient.soft)).toBe(true);
    // Conflated for longer than the lag limit, each is dropped as too slow and frees its bytes.
    vi.advanceTimersByTime(11_000);
    expect(clients.every((c) => c.socket.closedWith?.[0] === 1013)).toBe(true);
    expect(budget.totalBytes).toBe(0);
  });

  it('keeps the most unsent bytes one client reported, after the client has drained or gone', () => {
    const { source, budget, connect } = gateway(1e6, { soft: 1e6, hard: 1e7 });
    const a = connect();
    const b = connect();
    vi.advanceTimersByTime(50);
    a.socket.bufferedAmount = 700;
    b.socket.bufferedAmount = 300;
    source.emitTrade(1, 100, 1, Side.buy, 1);
    const peak = budget.peakMemberBytes;
    // The trade was queued on top of what the socket held.
    expect(peak).toBeGreaterThan(700);
    expect(peak).toBeLessThan(1000);
    a.socket.bufferedAmount = 0;
    vi.advanceTimersByTime(50);
    source.emitTrade(1, 101, 1, Side.buy, 2);
    a.socket.emit('close');
    expect(budget.peakMemberBytes).toBe(peak);
  });

  it('a closed client leaves the budget', () => {
    const { budget, connect } = gateway(1000, { soft: 1e6, hard: 1e7 });
    const a = connect();
    vi.advanceTimersByTime(50);
    a.socket.bufferedAmount = 500;
    expect(budget.totalBytes).toBe(500);
    a.socket.emit('close');
    expect(budget.totalBytes).toBe(0);
  });
});
