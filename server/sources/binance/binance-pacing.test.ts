import { afterEach, describe, expect, it } from 'vitest';
import { BASE_SNAPSHOT, depthEvent, levels } from './binance-fixtures';
import { startHarness, type Harness } from './binance-harness';

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 150));

describe('Binance limits', () => {
  it('keeps each symbol apart: a gap in one leaves the other live', async () => {
    h = await startHarness({ symbols: ['BTCUSDT', 'ETHUSDT'] });
    expect(h.connection.url.searchParams.get('streams')).toBe(
      'btcusdt@trade/btcusdt@depth@100ms/btcusdt@ticker/' +
        'ethusdt@trade/ethusdt@depth@100ms/ethusdt@ticker',
    );
    await h.send(depthEvent(101, 101, [], []), depthEvent(101, 101, [], [], 'ETHUSDT'));
    await h.sync(BASE_SNAPSHOT, 1);
    await h.sync(BASE_SNAPSHOT, 2);
    await h.send(depthEvent(150, 150, levels(['1.00', '1.00000']), []));
    expect(h.statuses(1)).toEqual([false, true, false]);
    expect(h.statuses(2)).toEqual([false, true]);
    await h.send(depthEvent(102, 102, [], levels(['64000.01', '0']), 'ETHUSDT'));
    // ETHUSDT sizes are in 10^-4 ETH.
    expect(h.book(2).asks).toEqual([6_400_002, 30_000]);
  });

  it('paces depth snapshots: no more than the burst until the bucket refills', async () => {
    h = await startHarness({
      symbols: ['BTCUSDT', 'ETHUSDT'],
      snapshotPacing: { burst: 1, intervalMs: 60_000 },
    });
    // Ready before the first request, so the only token is not spent on a "busy" answer.
    h.fake.serveDepth('BTCUSDT', BASE_SNAPSHOT);
    h.fake.serveDepth('ETHUSDT', BASE_SNAPSHOT);
    await h.send(depthEvent(101, 101, [], []), depthEvent(101, 101, [], [], 'ETHUSDT'));
    await expect.poll(() => h!.statuses(1)).toEqual([false, true]);
    await settle();
    expect(h.fake.depthRequests('BTCUSDT')).toBe(1);
    expect(h.fake.depthRequests('ETHUSDT')).toBe(0);
    expect(h.statuses(2)).toEqual([false]);
  });

  it('stops asking for snapshots after a 429 instead of retrying in a loop', async () => {
    h = await startHarness();
    h.fake.serveDepth('BTCUSDT', { code: -1003, msg: 'Too many requests.' }, 429);
    await h.send(depthEvent(101, 101, [], []));
    await expect.poll(() => h!.fake.depthRequests('BTCUSDT')).toBe(1);
    await settle();
    expect(h.fake.depthRequests('BTCUSDT')).toBe(1);
    expect(h.logs.some((line) => line.includes('429'))).toBe(true);
  });
});
