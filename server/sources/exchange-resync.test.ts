/**
 * Coinbase and Kraken through a real gateway on loopback, as a feed client sees them: a book is
 * not live before the exchange's first snapshot, goes stale for exactly the span of a resync
 * (a sequence_num gap, a checksum mismatch), and is live again with the fresh snapshot's book.
 * (Binance has the same test in create-source.test.ts.)
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ServerKind, subscribe } from '../../protocol/messages';
import type { BookResponse, InstrumentsResponse } from '../../protocol/rest';
import { parseFlags } from '../cli';
import { startGateway, type RunningGateway } from '../main';
import { kind, TestClient } from '../ws/test-client';
import { bid, candlesRoute, CoinbaseScript, offer, productsRoute } from './coinbase/fake-coinbase';
import { startFakeVenue, type FakeVenue } from './exchange/fake-venue';
import { ASSET_PAIRS_BODY, bookFrame, btcBook, ohlcRoute, snapshotOf } from './kraken/fake-kraken';

let venue: FakeVenue | null = null;
let gateway: RunningGateway | null = null;
let client: TestClient | null = null;

afterEach(async () => {
  await client?.close();
  await gateway?.close();
  await venue?.close();
  client = gateway = venue = null;
}, 30_000);

/** A gateway on `--source <exchange>` against the fake venue (memory:// caches in tmpdir). */
async function startOn(exchange: string, symbol: string, fake: FakeVenue): Promise<void> {
  const flags = parseFlags([
    ...['--port', '0', '--no-static', '--data-dir', 'memory://'],
    ...['--source', exchange, '--symbols', symbol],
    ...['--rest-url', fake.httpUrl, '--ws-url', fake.wsUrl],
  ]);
  gateway = await startGateway(flags, { announce: false, handleSignals: false });
}

async function get<T>(path: string): Promise<T> {
  const response = await fetch(`${gateway!.url}${path}`);
  return (await response.json()) as T;
}

/** A feed client subscribed to the book of the gateway's only instrument. */
async function bookClient(): Promise<{ symbol: string; client: TestClient }> {
  const { instruments } = await get<InstrumentsResponse>('/api/instruments');
  expect(instruments).toHaveLength(1);
  const symbol = instruments[0]!.symbol;
  client = await TestClient.connect(gateway!.url);
  client.send(subscribe(1, 'book', symbol, { depth: 20 }));
  await client.waitFor(kind(ServerKind.bookSnapshot));
  return { symbol, client };
}

/** The book stream's live flags the client was told, in order. */
function bookStatuses(c: TestClient): boolean[] {
  return c.messages.flatMap((m) =>
    m.kind === ServerKind.streamStatus && m.channel === 'book' ? [m.live] : [],
  );
}

describe('--source coinbase', () => {
  it('is stale before the first snapshot and during a sequence_num resync, live after', async () => {
    venue = await startFakeVenue({
      '/api/v3/brokerage/market/products': productsRoute,
      '/api/v3/brokerage/market/products/BTC-USD/candles': candlesRoute({
        ONE_MINUTE: 60_000,
        ONE_HOUR: 3_600_000,
      }),
    });
    await startOn('coinbase', 'BTC-USD', venue);
    const script = new CoinbaseScript(await venue.nextConnection());
    await script.readMessages(4); // heartbeats, level2, market_trades, ticker
    const { symbol, client: c } = await bookClient();
    // Subscribed, the exchange has sent nothing yet: the hub must not present it as live.
    await expect.poll(() => bookStatuses(c)).toEqual([false]);

    script.snapshot('BTC-USD', [bid('100.00', '1.5'), offer('100.50', '0.25')]);
    await expect.poll(() => bookStatuses(c)).toEqual([false, true]);
    await expect
      .poll(async () => (await get<BookResponse>(`/api/book/${symbol}`)).bids)
      .toEqual([[10_000, 150_000_000]]);

    // Two frames lost: stale, and one level2 resubscription for a fresh snapshot.
    script.update('BTC-USD', [bid('100.00', '9')], 2);
    await expect.poll(() => bookStatuses(c)).toEqual([false, true, false]);
    expect(await script.readMessages(2)).toEqual([
      { type: 'unsubscribe', product_ids: ['BTC-USD'], channel: 'level2' },
      { type: 'subscribe', product_ids: ['BTC-USD'], channel: 'level2' },
    ]);
    script.snapshot('BTC-USD', [bid('100.25', '1'), offer('100.75', '2')]);
    await expect.poll(() => bookStatuses(c)).toEqual([false, true, false, true]);
    const book = await get<BookResponse>(`/api/book/${symbol}`);
    expect(book.bids).toEqual([[10_025, 100_000_000]]);
    expect(book.asks).toEqual([[10_075, 200_000_000]]);
  }, 60_000);
});

describe('--source kraken', () => {
  it('is stale before the first snapshot and during a checksum resync, live after', async () => {
    venue = await startFakeVenue({
      '/0/public/AssetPairs': () => ({ body: ASSET_PAIRS_BODY }),
      '/0/public/OHLC': ohlcRoute({}),
    });
    await startOn('kraken', 'BTC/USD', venue);
    const connection = await venue.nextConnection();
    for (const channel of ['book', 'trade', 'ticker']) {
      expect(await connection.next()).toMatchObject({ params: { channel } });
    }
    const { symbol, client: c } = await bookClient();
    await expect.poll(() => bookStatuses(c)).toEqual([false]);

    const venueBook = btcBook();
    connection.send(snapshotOf(venueBook));
    await expect.poll(() => bookStatuses(c)).toEqual([false, true]);
    await expect
      .poll(async () => (await get<BookResponse>(`/api/book/${symbol}`)).bids[0])
      .toEqual([370_005, 125_000_000]);

    // The venue applied an update we never saw: the next checksum cannot match ours.
    venueBook.set('bid', '37000.5', '9.00000000');
    venueBook.set('ask', '37001.0', '0.50000000');
    connection.send(
      bookFrame('update', 'BTC/USD', [], [['37001.0', '0.50000000']], venueBook.checksum()),
    );
    await expect.poll(() => bookStatuses(c)).toEqual([false, true, false]);
    expect(await connection.next()).toMatchObject({ method: 'unsubscribe' });
    expect(await connection.next()).toMatchObject({ method: 'subscribe' });
    connection.send(snapshotOf(venueBook));
    await expect.poll(() => bookStatuses(c)).toEqual([false, true, false, true]);
    const book = await get<BookResponse>(`/api/book/${symbol}`);
    expect(book.bids[0]).toEqual([370_005, 900_000_000]);
    expect(book.asks[0]).toEqual([370_010, 50_000_000]);
  }, 60_000);
});
