import { afterEach, describe, expect, it } from 'vitest';
import {
  BASE_SNAPSHOT,
  depthEvent,
  depthSnapshot,
  levels,
  SERVER_SHUTDOWN,
} from './binance-fixtures';
import { startHarness, type Harness } from './binance-harness';
import { barrier } from './fake-binance';

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

async function synced(overrides: Parameters<typeof startHarness>[0] = {}): Promise<Harness> {
  const harness = await startHarness(overrides);
  await harness.send(depthEvent(101, 101, [], []));
  await harness.sync(BASE_SNAPSHOT);
  return harness;
}

/** Waits for the adapter's next connection and takes the book live again on it. */
async function resyncOnNewConnection(harness: Harness): Promise<void> {
  harness.connection = await harness.fake.venue.nextConnection();
  await harness.send(depthEvent(501, 502, levels(['64100.00', '1.00000']), []));
  await harness.sync(
    depthSnapshot(500, levels(['64050.00', '2.00000']), levels(['64200.00', '1.00000'])),
  );
}

const AFTER_RESYNC = {
  bids: [6_410_000, 100_000, 6_405_000, 200_000],
  asks: [6_420_000, 100_000],
};

describe('Binance connection', () => {
  it('answers ping frames with their payload', async () => {
    h = await startHarness();
    expect(await barrier(h.connection, 'are you there')).toBe('are you there');
    expect(h.fake.venue.connections).toHaveLength(1);
  });

  it('reconnects on a serverShutdown notice, stale until a fresh snapshot', async () => {
    h = await synced();
    h.connection.send(SERVER_SHUTDOWN);
    await expect.poll(() => h!.statuses()).toEqual([false, true, false]);
    await resyncOnNewConnection(h);
    expect(h.book()).toEqual(AFTER_RESYNC);
    expect(h.statuses()).toEqual([false, true, false, true]);
    expect(h.source.stats).toMatchObject({ reconnects: 1, resyncs: 1, gaps: 0 });
    expect(h.logs.some((line) => line.includes('serverShutdown'))).toBe(true);
  });

  it('reconnects and resyncs after the server drops the connection', async () => {
    h = await synced();
    h.connection.socket.terminate();
    await resyncOnNewConnection(h);
    expect(h.book()).toEqual(AFTER_RESYNC);
    expect(h.statuses()).toEqual([false, true, false, true]);
    expect(h.source.stats).toMatchObject({ reconnects: 1, resyncs: 1 });
  });

  it('renews the connection before the connection age limit', async () => {
    h = await synced({ maxConnectionMs: 300 });
    const renewed = await h.fake.venue.nextConnection();
    expect(renewed.url.searchParams.get('streams')).toBe(
      h.connection.url.searchParams.get('streams'),
    );
    await expect.poll(() => h!.statuses().slice(0, 3)).toEqual([false, true, false]);
    await expect.poll(() => h!.source.stats.reconnects).toBeGreaterThanOrEqual(1);
    expect(h.logs.some((line) => line.includes('before the 24 h connection limit'))).toBe(true);
  });

  it('counts malformed frames and keeps the book and the stream intact', async () => {
    h = await synced();
    const before = h.book();
    await h.send(
      'not json {',
      '[1,2,3]',
      { stream: 'btcusdt@depth@100ms', data: { e: 'depthUpdate', U: '102', u: 103, b: [], a: [] } },
      {
        stream: 'btcusdt@depth@100ms',
        data: { e: 'depthUpdate', E: 1, s: 'BTCUSDT', U: 104, u: 102, b: [], a: [] },
      },
      {
        stream: 'btcusdt@depth@100ms',
        data: { e: 'depthUpdate', E: 1, s: 'BTCUSDT', U: 102, u: 102, b: [['1.00']], a: [] },
      },
      depthEvent(102, 102, levels(['1.00', '1.00000']), [], 'XRPUSDT'),
      { stream: 'btcusdt@trade', data: { e: 'trade', s: 'BTCUSDT', p: 1, q: '1' } },
      { data: { e: 'trade' } },
    );
    h.connection.socket.send(Buffer.from([0xc1, 0x00]));
    await barrier(h.connection);
    expect(h.source.stats.malformed).toBe(9);
    expect(h.book()).toEqual(before);
    expect(h.statuses()).toEqual([false, true]);
    // A sample is logged (the first, then one per 100), with what was wrong.
    expect(h.logs.filter((line) => line.includes('malformed'))).toEqual([
      expect.stringMatching(/^binance: dropped malformed message #1 \(.+\)$/),
    ]);
    // The sequence is unharmed: the next real update applies.
    await h.send(depthEvent(102, 102, levels(['63000.00', '1.00000']), []));
    expect(h.book().bids.slice(-2)).toEqual([6_300_000, 100_000]);
    expect(h.source.stats).toMatchObject({ gaps: 0, resyncs: 0 });
  });

  it('retries a failed or malformed snapshot with backoff instead of giving up', async () => {
    h = await startHarness();
    await h.send(depthEvent(101, 101, [], []));
    h.fake.serveDepth('BTCUSDT', { lastUpdateId: 'soon', bids: [], asks: [] });
    await h.sync(BASE_SNAPSHOT);
    expect(h.fake.depthRequests('BTCUSDT')).toBeGreaterThanOrEqual(2);
    expect(h.source.stats.malformed).toBe(1);
    expect(h.logs.some((line) => line.includes('unexpected depth snapshot shape'))).toBe(true);
  });

  it('stops cleanly: no events after stop()', async () => {
    h = await synced();
    await h.source.stop();
    const count = h.sink.events.length;
    h.connection.send(depthEvent(102, 102, levels(['1.00', '1.00000']), []));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(h.sink.events.length).toBe(count);
  });
});
