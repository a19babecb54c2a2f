import { afterEach, describe, expect, it } from 'vitest';
import type { FakeKrakenBook } from './fake-kraken';
import { bookFrame, btcBook, docChecksum, snapshotOf } from './fake-kraken';
import {
  connect,
  expected,
  mirror,
  startKrakenHarness,
  type KrakenHarness,
} from './kraken-harness';

let h: KrakenHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

const BTC = 1;
const ETH = 2;
const btcExpected = (book: FakeKrakenBook) => expected(book, 1, 8);
/** The statuses the sink was told for one instrument, in order. */
const liveOf = (inst: number) => h!.sink.statuses.filter((s) => s.inst === inst).map((s) => s.live);

describe('Kraken book sync', () => {
  it('subscribes to book, trade and ticker, then mirrors the snapshot exactly', async () => {
    h = await startKrakenHarness();
    h.source.start(h.sink);
    const connection = await h.venue.nextConnection();
    expect(await connection.next()).toMatchObject({
      method: 'subscribe',
      params: { channel: 'book', symbol: ['BTC/USD', 'ETH/BTC'], depth: 10, snapshot: true },
    });
    expect(await connection.next()).toMatchObject({
      method: 'subscribe',
      params: { channel: 'trade', symbol: ['BTC/USD', 'ETH/BTC'], snapshot: false },
    });
    expect(await connection.next()).toMatchObject({
      method: 'subscribe',
      params: { channel: 'ticker', symbol: ['BTC/USD', 'ETH/BTC'], snapshot: true },
    });
    const book = btcBook();
    connection.send(snapshotOf(book));
    await expect.poll(() => mirror(h!, BTC)).toEqual(btcExpected(book));
    expect(h.sink.events[0]).toMatchObject({ type: 'book', inst: BTC, snapshot: true });
    expect(h.source.stats).toMatchObject({ resyncs: 0, gaps: 0, malformed: 0, offGrid: 0 });
    // Both pairs were not live from the start; only BTC/USD has had its snapshot.
    expect(h.sink.statuses).toEqual([
      { inst: BTC, live: false },
      { inst: ETH, live: false },
      { inst: BTC, live: true },
    ]);
  });

  it('on a checksum mismatch resyncs exactly once, stale until the fresh snapshot', async () => {
    h = await startKrakenHarness();
    const connection = await connect(h);
    const venueBook = btcBook();
    connection.send(snapshotOf(venueBook));
    await expect.poll(() => mirror(h!, BTC)).toEqual(btcExpected(venueBook));
    const before = mirror(h, BTC);
    // The venue applies two updates but the first never reaches us: the second's checksum
    // (of the venue's book) cannot match ours.
    venueBook.set('bid', '37000.5', '9.00000000');
    venueBook.set('ask', '37001.0', '0.50000000');
    connection.send(
      bookFrame('update', 'BTC/USD', [], [['37001.0', '0.50000000']], venueBook.checksum()),
    );
    await expect.poll(() => liveOf(BTC)).toEqual([false, true, false]);
    expect(await connection.next()).toMatchObject({
      method: 'unsubscribe',
      params: { channel: 'book', symbol: ['BTC/USD'], depth: 10 },
    });
    expect(await connection.next()).toMatchObject({
      method: 'subscribe',
      params: { channel: 'book', symbol: ['BTC/USD'], depth: 10, snapshot: true },
    });
    // The bad update never reached the sink; updates before the snapshot are dropped quietly.
    expect(mirror(h, BTC)).toEqual(before);
    connection.send(bookFrame('update', 'BTC/USD', [['36990.5', '1.00000000']], [], 1));
    connection.send(bookFrame('update', 'BTC/USD', [], [['37001.0', '0']], 2));
    connection.send(snapshotOf(venueBook));
    await expect.poll(() => liveOf(BTC)).toEqual([false, true, false, true]);
    expect(mirror(h, BTC)).toEqual(btcExpected(venueBook));
    expect(h.source.stats).toMatchObject({ resyncs: 1, gaps: 1, malformed: 0 });
    // Live again: the next update applies on top of the fresh snapshot.
    venueBook.set('bid', '36999.5', '0.00000001');
    connection.send(
      bookFrame('update', 'BTC/USD', [['36999.5', '0.00000001']], [], venueBook.checksum()),
    );
    await expect.poll(() => mirror(h!, BTC)).toEqual(btcExpected(venueBook));
    expect(h.source.stats.resyncs).toBe(1);
  });

  it('truncates levels pushed past the subscribed depth (Kraken sends no removal)', async () => {
    h = await startKrakenHarness();
    const connection = await connect(h);
    const venueBook = btcBook();
    connection.send(snapshotOf(venueBook));
    await expect.poll(() => mirror(h!, BTC)).toEqual(btcExpected(venueBook));
    // Two better bids and one better ask: the two worst bids and the worst ask leave the book.
    venueBook.set('bid', '37000.7', '1.00000000').set('bid', '37000.6', '2.00000000');
    venueBook.set('ask', '37000.9', '3.00000000');
    expect(venueBook.sorted('bid')).toHaveLength(10);
    connection.send(
      bookFrame(
        'update',
        'BTC/USD',
        [
          ['37000.7', '1.00000000'],
          ['37000.6', '2.00000000'],
        ],
        [['37000.9', '3.00000000']],
        venueBook.checksum(),
      ),
    );
    await expect.poll(() => mirror(h!, BTC)).toEqual(btcExpected(venueBook));
    const { bids, asks } = mirror(h, BTC);
    expect(bids).toHaveLength(20);
    expect(bids).not.toContain(369915);
    expect(asks).not.toContain(370100);
    expect(h.source.stats).toMatchObject({ resyncs: 0, gaps: 0 });
  });

  it('applies several updates to one level in order: the last wins', async () => {
    h = await startKrakenHarness();
    const connection = await connect(h);
    const venueBook = btcBook();
    connection.send(snapshotOf(venueBook));
    await expect.poll(() => mirror(h!, BTC)).toEqual(btcExpected(venueBook));
    venueBook.set('bid', '37000.5', '7.00000000');
    venueBook.set('bid', '37000.5', '0');
    venueBook.set('bid', '37000.5', '0.12345678');
    connection.send(
      bookFrame(
        'update',
        'BTC/USD',
        [
          ['37000.5', '7.00000000'],
          ['37000.5', '0.00000000'],
          ['37000.5', '0.12345678'],
        ],
        [],
        venueBook.checksum(),
      ),
    );
    await expect.poll(() => mirror(h!, BTC).bids.slice(0, 2)).toEqual([370005, 12_345_678]);
    expect(mirror(h, BTC)).toEqual(btcExpected(venueBook));
    expect(h.source.stats.resyncs).toBe(0);
  });

  it('writes the checksum at the pair precision: 0.05 on the wire is "0.05000"', async () => {
    h = await startKrakenHarness();
    const connection = await connect(h);
    // ETH/BTC has pair_decimals 5. Kraken computes the checksum on the full-precision texts.
    const asks = [['0.05010', '1.50000000'] as const, ['0.05020', '0.00000005'] as const];
    const bids = [['0.05000', '2.00000000'] as const, ['0.04990', '10.00000000'] as const];
    const checksum = docChecksum(asks, bids);
    // Formatting the float-shortened texts instead would give another checksum.
    expect(
      docChecksum(
        [
          ['0.0501', '1.5'],
          ['0.0502', '5e-8'],
        ],
        [
          ['0.05', '2'],
          ['0.0499', '10'],
        ],
      ),
    ).not.toBe(checksum);
    connection.send(
      bookFrame(
        'snapshot',
        'ETH/BTC',
        [
          ['0.05', '2'],
          ['0.04990', '10.0'],
        ],
        [
          ['0.0501', '1.5'],
          ['0.0502', '5e-8'],
        ],
        checksum,
      ),
    );
    await expect
      .poll(() => mirror(h!, ETH))
      .toEqual({
        bids: [5000, 200_000_000, 4990, 1_000_000_000],
        asks: [5010, 150_000_000, 5020, 5],
      });
    expect(h.source.stats).toMatchObject({ resyncs: 0, gaps: 0, offGrid: 0, malformed: 0 });
  });

  it('counts and drops off-grid levels without touching the book', async () => {
    h = await startKrakenHarness();
    const connection = await connect(h);
    const venueBook = btcBook();
    connection.send(snapshotOf(venueBook));
    await expect.poll(() => mirror(h!, BTC)).toEqual(btcExpected(venueBook));
    // 37000.55 is finer than BTC/USD's 0.1 tick and 1.000000001 finer than its 8 lot decimals.
    connection.send(
      bookFrame(
        'update',
        'BTC/USD',
        [
          ['37000.55', '1.00000000'],
          ['36995.5', '1.000000001'],
        ],
        [],
        venueBook.checksum(),
      ),
    );
    await expect.poll(() => h!.source.stats.offGrid).toBe(2);
    expect(mirror(h, BTC)).toEqual(btcExpected(venueBook));
    expect(h.source.stats.resyncs).toBe(0);
  });

  it('paces resubscriptions when fresh snapshots keep failing their checksum', async () => {
    h = await startKrakenHarness({ resyncPaceMs: 60_000 });
    const connection = await connect(h);
    const venueBook = btcBook();
    connection.send(bookFrame('snapshot', 'BTC/USD', venueBook.sorted('bid'), [], 1));
    expect(await connection.next()).toMatchObject({ method: 'unsubscribe' });
    expect(await connection.next()).toMatchObject({ method: 'subscribe' });
    const sent = connection.received.length;
    connection.send(bookFrame('snapshot', 'BTC/USD', venueBook.sorted('bid'), [], 2));
    await expect.poll(() => h!.source.stats.resyncs).toBe(2);
    // The second recovery waits for the pace window instead of resubscribing at once.
    connection.send('{"channel":"heartbeat"}');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(connection.received.length).toBe(sent);
    // Never a good snapshot: never live.
    expect(liveOf(BTC)).toEqual([false]);
    expect(h.sink.books.has(BTC)).toBe(false);
  });
});
