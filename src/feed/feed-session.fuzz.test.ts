/**
 * A live session fed hostile frames stays live and sane: whatever arrives, the connection report
 * and the worker counters hold only finite numbers (they cross to the page, whose guards would
 * otherwise refuse them), no phantom stale stream appears, and every rejection is counted.
 */
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { encodeMessage, encodeValue, joinFrame } from '../../protocol/codec';
import { hello, pong } from '../../protocol/messages';
import { fakeSession } from './fake-feed-socket';
import { lookalike, mutate, mutation } from './fuzz-arbitraries';
import { isWorkerStats } from './worker-command';

const finiteOrNull = (value: number | null) => value === null || Number.isFinite(value);

describe('FeedSession fuzz', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('stays live with sane figures whatever the socket delivers', () => {
    const garbage = fc.oneof(
      fc.uint8Array({ maxLength: 128 }),
      fc.array(lookalike, { minLength: 1, maxLength: 3 }).map((v) => joinFrame(v.map(encodeValue))),
      fc
        .tuple(fc.array(mutation, { minLength: 1, maxLength: 3 }), fc.integer())
        .map(([m, t]) => mutate(encodeMessage(pong(1, t, t)), m)),
    );
    fc.assert(
      fc.property(fc.array(garbage, { minLength: 1, maxLength: 8 }), (frames) => {
        const { session, sockets, lastConnection } = fakeSession();
        session.start();
        const socket = sockets[0]!;
        socket.open();
        socket.receive(hello(Date.now(), 'v1', 2_000));
        const before = session.stats().invalid;
        for (const bytes of frames) expect(() => socket.receiveBytes(bytes)).not.toThrow();
        vi.advanceTimersByTime(20);
        const info = lastConnection()!;
        expect(info.state).toBe('live');
        expect(info.staleStreams).toEqual([]);
        expect(finiteOrNull(info.latencyMs)).toBe(true);
        const stats = session.stats();
        expect(isWorkerStats(stats)).toBe(true);
        expect(stats.invalid).toBeGreaterThanOrEqual(before);
        expect(info.invalidMessages).toBe(stats.invalid);
        session.stop();
      }),
      { numRuns: 150 },
    );
  });
});
