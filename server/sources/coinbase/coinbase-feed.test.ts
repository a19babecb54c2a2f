import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Side } from '../../../protocol/messages';
import { startFakeVenue, type FakeVenue } from '../exchange/fake-venue';
import type { ExchangeSource } from '../exchange/exchange-source';
import { mirrorFlat, RecordingSink } from '../recording-sink';
import { createCoinbaseSource, type CoinbaseTuning } from './coinbase-source';
import { bid, CoinbaseScript, offer, productsRoute } from './fake-coinbase';

let venue: FakeVenue | null = null;
let source: ExchangeSource | null = null;
let dir: string | null = null;

afterEach(async () => {
  await source?.stop();
  await venue?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  source = venue = dir = null;
});

const SUBSCRIBES = ['heartbeats', 'level2', 'market_trades', 'ticker'].map((channel) => ({
  type: 'subscribe',
  product_ids: ['BTC-USD'],
  channel,
}));

async function setup(tuning: CoinbaseTuning = {}) {
  venue = await startFakeVenue({ '/api/v3/brokerage/market/products': productsRoute });
  dir = await mkdtemp(join(tmpdir(), 'coinbase-feed-'));
  const logs: string[] = [];
  source = await createCoinbaseSource(
    {
      symbols: ['BTC-USD'],
      restUrl: venue.httpUrl,
      wsUrl: venue.wsUrl,
      cacheDir: dir,
      historyBars: 0,
      backoff: { baseMs: 5, maxMs: 20 },
      log: (line) => logs.push(line),
    },
    { restSpacingMs: 0, minResyncIntervalMs: 0, snapshotTimeoutMs: 5_000, ...tuning },
  );
  const sink = new RecordingSink(true);
  source.start(sink);
  const script = new CoinbaseScript(await venue.nextConnection());
  return { sink, script, logs, stats: source.stats, venue };
}

/** The mirrored book of instrument 1, best first, in integer units. */
function book(sink: RecordingSink) {
  const mirror = sink.books.get(1);
  return mirror
    ? { bids: mirrorFlat(mirror.bids, true), asks: mirrorFlat(mirror.asks, false) }
    : null;
}

// BTC-USD: prices at scale 2, sizes at scale 8.
const SNAPSHOT = [
  bid('100.00', '1.5'),
  bid('99.50', '2'),
  offer('100.50', '0.25'),
  offer('101.00', '3'),
];

describe('Coinbase feed', () => {
  it('subscribes on open, then builds the book from the snapshot and its updates', async () => {
    const { sink, script } = await setup();
    expect(await script.readMessages(SUBSCRIBES.length)).toEqual(SUBSCRIBES);
    // Not live before the first snapshot (the hub would otherwise assume it is).
    expect(sink.statuses).toEqual([{ inst: 1, live: false }]);
    script.frame('subscriptions', [{ subscriptions: { level2: ['BTC-USD'] } }]);
    script.snapshot('BTC-USD', SNAPSHOT);
    script.update('BTC-USD', [bid('100.00', '0'), bid('99.75', '0.1'), offer('100.50', '0.5')]);
    script.heartbeat();
    script.update('BTC-USD', [offer('101.00', '0')]);
    await expect
      .poll(() => book(sink))
      .toEqual({
        bids: [9975, 10_000_000, 9950, 200_000_000],
        asks: [10050, 50_000_000],
      });
    expect(sink.events[0]).toMatchObject({ type: 'book', inst: 1, snapshot: true });
    expect(sink.events[0]?.time).toBe(Date.UTC(2024, 4, 1, 12, 0, 0, 123));
    expect(sink.statuses).toEqual([
      { inst: 1, live: false },
      { inst: 1, live: true },
    ]);
  });

  it('on a sequence_num jump marks the book stale, resyncs exactly once, and is correct after', async () => {
    const { sink, script, stats } = await setup();
    await script.readMessages(SUBSCRIBES.length);
    script.snapshot('BTC-USD', SNAPSHOT);
    script.update('BTC-USD', [bid('100.00', '1.75')]);
    // Two messages lost, then another loss while the resync is under way.
    script.update('BTC-USD', [bid('100.00', '9')], 2);
    script.heartbeat(1);
    script.update('BTC-USD', [offer('100.50', '9')]);
    expect(await script.readMessages(2)).toEqual([
      { type: 'unsubscribe', product_ids: ['BTC-USD'], channel: 'level2' },
      { type: 'subscribe', product_ids: ['BTC-USD'], channel: 'level2' },
    ]);
    await expect.poll(() => sink.statuses.map((s) => s.live)).toEqual([false, true, false]);
    // Updates during the resync are not applied: the book still shows the pre-gap state.
    expect(book(sink)).toEqual({
      bids: [10000, 175_000_000, 9950, 200_000_000],
      asks: [10050, 25_000_000, 10100, 300_000_000],
    });
    script.snapshot('BTC-USD', [bid('100.25', '1'), offer('100.75', '2')]);
    script.update('BTC-USD', [bid('100.00', '4')]);
    await expect
      .poll(() => book(sink))
      .toEqual({
        bids: [10025, 100_000_000, 10000, 400_000_000],
        asks: [10075, 200_000_000],
      });
    expect(sink.statuses.map((s) => s.live)).toEqual([false, true, false, true]);
    expect(stats.gaps).toBe(2);
    expect(stats.resyncs).toBe(1);
  });

  it('reconnects and subscribes again when the server closes for a missed subscribe deadline', async () => {
    const { sink, script, stats, venue } = await setup();
    await script.readMessages(SUBSCRIBES.length);
    // As if our subscribe had not arrived within 5 s: the server closes the connection.
    script.connection.socket.close(1008, 'subscribe deadline exceeded');
    const second = new CoinbaseScript(await venue.nextConnection());
    expect(await second.readMessages(SUBSCRIBES.length)).toEqual(SUBSCRIBES);
    second.snapshot('BTC-USD', SNAPSHOT);
    await expect
      .poll(() => sink.statuses)
      .toEqual([
        { inst: 1, live: false },
        { inst: 1, live: true },
      ]);
    expect(book(sink)?.bids).toEqual([10000, 150_000_000, 9950, 200_000_000]);
    expect(stats.reconnects).toBe(1);
  });

  it('restarts the connection when no snapshot follows the subscription', async () => {
    // Room for both connections' subscriptions within one rolling second: otherwise the pacer
    // would hold the second connection's last ones past the 300 ms deadline.
    const { sink, script, venue, logs } = await setup({
      snapshotTimeoutMs: 300,
      messagesPerSecond: 2 * SUBSCRIBES.length,
    });
    await script.readMessages(SUBSCRIBES.length);
    script.heartbeat();
    const second = new CoinbaseScript(await venue.nextConnection());
    expect(await second.readMessages(SUBSCRIBES.length)).toEqual(SUBSCRIBES);
    second.snapshot('BTC-USD', SNAPSHOT);
    await expect.poll(() => book(sink)?.asks).toEqual([10050, 25_000_000, 10100, 300_000_000]);
    expect(logs.some((line) => line.includes('no level2 snapshot in time'))).toBe(true);
  });

  it('normalizes trades with the aggressor side (Coinbase reports the maker side)', async () => {
    const { sink, script } = await setup();
    await script.readMessages(SUBSCRIBES.length);
    script.snapshot('BTC-USD', SNAPSHOT);
    script.trades('snapshot', [
      {
        productId: 'BTC-USD',
        price: '99.00',
        size: '1',
        side: 'BUY',
        time: '2024-05-01T11:59:00Z',
      },
    ]);
    script.trades('update', [
      {
        productId: 'BTC-USD',
        price: '100.50',
        size: '0.01',
        side: 'SELL',
        time: '2024-05-01T12:00:01.5Z',
      },
      {
        productId: 'BTC-USD',
        price: '100.00',
        size: '0.2',
        side: 'BUY',
        time: '2024-05-01T12:00:01.25Z',
      },
      {
        productId: 'BTC-USD',
        price: '100.001',
        size: '0.2',
        side: 'BUY',
        time: '2024-05-01T12:00:01.3Z',
      },
    ]);
    await expect.poll(() => sink.trades).toBe(2);
    const trades = sink.events.filter((e) => e.type === 'trade');
    expect(trades).toEqual([
      {
        type: 'trade',
        inst: 1,
        price: 10000,
        size: 20_000_000,
        side: Side.sell,
        time: Date.UTC(2024, 4, 1, 12, 0, 1, 250),
      },
      {
        type: 'trade',
        inst: 1,
        price: 10050,
        size: 1_000_000,
        side: Side.buy,
        time: Date.UTC(2024, 4, 1, 12, 0, 1, 500),
      },
    ]);
    expect(source?.stats.offGrid).toBe(1);
  });

  it('counts malformed frames, logs a sample, and leaves the book intact', async () => {
    const { sink, script, stats, logs } = await setup();
    await script.readMessages(SUBSCRIBES.length);
    script.snapshot('BTC-USD', SNAPSHOT);
    // Frames that are not Coinbase envelopes carry no sequence number of their own.
    script.connection.send('{not json');
    script.connection.send('[1,2,3]');
    script.connection.send({ channel: 'l2_data', events: 'nope', sequence_num: 1 });
    script.connection.send({ channel: 'l2_data', events: [], sequence_num: -4 });
    script.connection.socket.send(Buffer.from([0xc1]));
    script.update('BTC-USD', [
      { side: 'bid', price: '99.00', qty: '1' },
      { side: 'middle' as 'bid', price: '98.00', qty: '1' },
    ]);
    script.frame('l2_data', [
      {
        type: 'update',
        product_id: 'BTC-USD',
        updates: [{ side: 'bid', price_level: 99, new_quantity: '1' }],
      },
    ]);
    script.frame('l2_data', [{ type: 'update', product_id: 'XRP-USD', updates: [] }]);
    script.frame('market_trades', [
      { type: 'update', trades: [{ product_id: 'BTC-USD', price: '1', side: 'BUY' }] },
    ]);
    script.update('BTC-USD', [offer('101.00', '0')]);
    await expect.poll(() => book(sink)?.asks).toEqual([10050, 25_000_000]);
    expect(book(sink)?.bids).toEqual([10000, 150_000_000, 9950, 200_000_000, 9900, 100_000_000]);
    expect(stats.malformed).toBe(9);
    expect(stats.resyncs).toBe(0);
    expect(sink.statuses.map((s) => s.live)).toEqual([false, true]);
    // The first drop is logged with its reason; the rest only counted (one line per 100).
    expect(logs.filter((line) => line.includes('malformed'))).toEqual([
      'coinbase: dropped malformed message #1 (unreadable frame: {not json)',
    ]);
  });

  it('resyncs a product whose level2 event is unreadable (an update was lost)', async () => {
    const { sink, script, stats } = await setup();
    await script.readMessages(SUBSCRIBES.length);
    script.snapshot('BTC-USD', SNAPSHOT);
    script.frame('l2_data', [{ type: 'update', product_id: 'BTC-USD', updates: null }]);
    expect(await script.readMessages(2)).toHaveLength(2);
    script.snapshot('BTC-USD', [bid('50.00', '1')]);
    await expect.poll(() => book(sink)).toEqual({ bids: [5000, 100_000_000], asks: [] });
    expect(stats).toMatchObject({ malformed: 1, resyncs: 1, gaps: 0 });
    expect(sink.statuses.map((s) => s.live)).toEqual([false, true, false, true]);
  });

  it('drops off-grid levels and counts them, applying the rest of the message', async () => {
    const { sink, script, stats } = await setup();
    await script.readMessages(SUBSCRIBES.length);
    script.snapshot('BTC-USD', [...SNAPSHOT, bid('98.123', '1')]);
    script.update('BTC-USD', [bid('99.50', '0.000000001'), bid('99.00', '0.5'), offer('-1', '1')]);
    await expect
      .poll(() => book(sink)?.bids)
      .toEqual([10000, 150_000_000, 9950, 200_000_000, 9900, 50_000_000]);
    expect(stats.offGrid).toBe(3);
  });
});
