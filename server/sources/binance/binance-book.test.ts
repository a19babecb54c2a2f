import { afterEach, describe, expect, it } from 'vitest';
import { Side } from '../../../protocol/messages';
import { BASE_SNAPSHOT, depthEvent, depthSnapshot, levels, tradeEvent } from './binance-fixtures';
import { startHarness, type Harness } from './binance-harness';

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

/** BASE_SNAPSHOT (lastUpdateId 100) as integer levels: prices in cents, sizes in 10^-5 BTC. */
const BASE_BOOK = {
  bids: [6_400_000, 100_000, 6_399_999, 200_000, 6_399_950, 50_000],
  asks: [6_400_001, 150_000, 6_400_002, 300_000],
};

async function synced(): Promise<Harness> {
  const harness = await startHarness();
  await harness.send(depthEvent(101, 101, [], []));
  await harness.sync(BASE_SNAPSHOT);
  return harness;
}

describe('Binance book sync', () => {
  it('connects to the combined trade, depth and 24hr ticker streams of each symbol', async () => {
    h = await startHarness();
    expect(h.connection.url.pathname).toBe('/stream');
    expect(h.connection.url.searchParams.get('streams')).toBe(
      'btcusdt@trade/btcusdt@depth@100ms/btcusdt@ticker',
    );
    // Streams named in the URL: no subscribe message counts against the 5 per second limit.
    await h.send(depthEvent(1, 1, [], []));
    expect(h.connection.received).toEqual([]);
  });

  it('drops buffered events up to lastUpdateId and applies the one straddling it', async () => {
    h = await startHarness();
    expect(h.statuses()).toEqual([false]);
    await h.send(
      depthEvent(95, 99, levels(['64000.00', '9.00000']), []),
      depthEvent(100, 100, [], levels(['64000.01', '0.00000'])),
      depthEvent(101, 103, levels(['63999.99', '2.50000']), levels(['64000.03', '1.00000'])),
      depthEvent(104, 104, levels(['63999.50', '0']), []),
    );
    // Buffered, not applied: no book until the snapshot arrives.
    expect(h.sink.books.size).toBe(0);
    await h.sync(depthSnapshot(101, BASE_SNAPSHOT.bids, BASE_SNAPSHOT.asks));
    expect(h.book()).toEqual({
      bids: [6_400_000, 100_000, 6_399_999, 250_000],
      asks: [6_400_001, 150_000, 6_400_002, 300_000, 6_400_003, 100_000],
    });
    expect(h.sink.events[0]).toMatchObject({ type: 'book', snapshot: true });
    expect(h.statuses()).toEqual([false, true]);
    expect(h.source.stats).toMatchObject({ gaps: 0, resyncs: 0, offGrid: 0, malformed: 0 });
  });

  it('fetches the snapshot again when it is older than the first buffered event', async () => {
    h = await startHarness();
    await h.send(depthEvent(201, 205, levels(['64000.00', '4.00000']), []));
    // lastUpdateId 150 < U - 1: the updates 151..200 are in neither; the second snapshot fits.
    h.fake.serveDepth('BTCUSDT', depthSnapshot(150, levels(['1.00', '1.00000']), []));
    await h.sync(depthSnapshot(203, BASE_SNAPSHOT.bids, BASE_SNAPSHOT.asks));
    expect(h.book()).toEqual({
      bids: [6_400_000, 400_000, ...BASE_BOOK.bids.slice(2)],
      asks: BASE_BOOK.asks,
    });
    expect(h.logs.some((line) => line.includes('older than event 201'))).toBe(true);
    expect(h.sink.events.filter((e) => e.type === 'book' && e.snapshot)).toHaveLength(1);
    expect(h.statuses()).toEqual([false, true]);
  });

  it('applies live updates in sequence and ignores ones already in the book', async () => {
    h = await synced();
    await h.send(
      depthEvent(102, 103, levels(['64000.00', '0.00000']), levels(['64000.01', '0.75000'])),
      depthEvent(90, 103, levels(['1.00', '1.00000']), []),
      tradeEvent('64000.01', '0.01000', false, 1_700_000_000_500),
      tradeEvent('63999.99', '0.20000', true, 1_700_000_000_600),
    );
    expect(h.book()).toEqual({
      bids: BASE_BOOK.bids.slice(2),
      asks: [6_400_001, 75_000, 6_400_002, 300_000],
    });
    const trades = h.sink.events.filter((e) => e.type === 'trade');
    expect(trades).toEqual([
      {
        type: 'trade',
        inst: 1,
        price: 6_400_001,
        size: 1_000,
        side: Side.buy,
        time: 1_700_000_000_500,
      },
      {
        type: 'trade',
        inst: 1,
        price: 6_399_999,
        size: 20_000,
        side: Side.sell,
        time: 1_700_000_000_600,
      },
    ]);
    expect(h.source.stats.gaps).toBe(0);
  });

  it('resyncs exactly once after a skipped U..u range, stale until the new snapshot', async () => {
    h = await synced();
    await h.send(depthEvent(102, 103, levels(['63999.99', '7.00000']), []));
    const beforeGap = h.book();
    // 104..109 never arrive.
    await h.send(
      depthEvent(110, 112, levels(['64000.00', '3.00000']), []),
      depthEvent(113, 113, [], levels(['64000.02', '0'])),
      depthEvent(114, 115, [], levels(['64000.05', '1.00000'])),
    );
    expect(h.statuses()).toEqual([false, true, false]);
    expect(h.book()).toEqual(beforeGap);
    expect(h.source.stats).toMatchObject({ gaps: 1, resyncs: 1 });

    await h.sync(
      depthSnapshot(
        111,
        levels(['64000.00', '2.00000'], ['63999.00', '1.00000']),
        levels(['64000.01', '1.00000'], ['64000.02', '1.00000']),
      ),
    );
    expect(h.book()).toEqual({
      bids: [6_400_000, 300_000, 6_399_900, 100_000],
      asks: [6_400_001, 100_000, 6_400_005, 100_000],
    });
    expect(h.statuses()).toEqual([false, true, false, true]);
    expect(h.source.stats).toMatchObject({ gaps: 1, resyncs: 1, reconnects: 0 });
  });

  it('counts off-grid prices and sizes and drops them without touching the rest', async () => {
    h = await synced();
    await h.send(
      depthEvent(
        102,
        102,
        levels(['64000.005', '1.00000'], ['63999.00', '0.000001'], ['63998.00', '1.00000']),
        levels(['64000.01', 'abc']),
      ),
      tradeEvent('64000.001', '0.01000', false, 1_700_000_000_700),
      tradeEvent('64000.01', '1e-3', false, 1_700_000_000_800),
    );
    expect(h.source.stats.offGrid).toBe(5);
    expect(h.book()).toEqual({
      bids: [...BASE_BOOK.bids, 6_399_800, 100_000],
      asks: BASE_BOOK.asks,
    });
    expect(h.sink.trades).toBe(0);
    expect(h.statuses()).toEqual([false, true]);
  });
});
