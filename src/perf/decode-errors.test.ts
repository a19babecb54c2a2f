/**
 * Decode errors travel from the socket to the performance overlay: garbage frames counted by the
 * worker's FrameHandler, malformed page commands counted by the hub, sent in WorkerStats to a page
 * that asked for them, read by its PerfMonitor and written as the overlay's "Decode errors" row.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { encodeValue } from '../../protocol/codec';
import { hello } from '../../protocol/messages';
import { fakeFeedHub } from '../feed/fake-feed-socket';
import { STATS_EVERY_MS, type PortLike } from '../feed/feed-hub';
import type { WorkerEvent } from '../feed/feed-types';
import { isWorkerEvent } from '../feed/worker-command';
import { perfRows } from '../features/perf-overlay/perf-format';
import { PerfMonitor } from './perf-monitor';

function monitor() {
  return new PerfMonitor({
    requestFrame: () => 1,
    cancelFrame: () => undefined,
    now: () => Date.now(),
    timeOrigin: 0,
    heap: () => null,
  });
}

describe('decode errors in the performance overlay', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('counts garbage frames and bad commands and shows them on the page that asked', () => {
    // The hub's default silence rule, as in the worker.
    const { hub, sockets } = fakeFeedHub({});
    const perf = monitor();
    perf.start();
    const page: PortLike & { send(data: unknown): void } = {
      onmessage: null,
      postMessage(message: WorkerEvent) {
        // What the feed client does with an event: guard it, then hand the counters over.
        if (isWorkerEvent(message) && message.type === 'batch' && message.stats) {
          perf.workerStats(message.stats);
        }
      },
      send(data) {
        this.onmessage?.(new MessageEvent('message', { data }));
      },
    };
    hub.connect(page);
    page.send({ type: 'start', url: 'ws://test/ws' });
    page.send({ type: 'perf', on: true });
    const socket = sockets[0]!;
    socket.open();
    socket.receive(hello(Date.now(), 'v1', 2_000));
    const row = () => perfRows(perf.snapshot()).find((r) => r.label === 'Decode errors (worker)');
    vi.advanceTimersByTime(STATS_EVERY_MS + 20);
    expect(row()?.value).toBe('0');

    socket.receiveBytes(new Uint8Array([0xd9, 0x10, 0x41])); // a cut-off string
    socket.receiveBytes(encodeValue({ kind: 21, inst: 'one' }));
    socket.onmessage?.(new MessageEvent('message', { data: 'text frame' }));
    page.send({ type: 'subscribe', spec: 'everything' });
    vi.advanceTimersByTime(STATS_EVERY_MS + 20);
    expect(row()?.value).toBe('4');
    perf.stop();
    hub.stop();
  });
});
