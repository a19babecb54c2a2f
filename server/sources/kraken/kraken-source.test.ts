import { afterEach, describe, expect, it } from 'vitest';
import { Side } from '../../../protocol/messages';
import { ohlcRoute, btcBook, bookFrame, snapshotOf, tradeFrame } from './fake-kraken';
import {
  connect,
  expected,
  mirror,
  NOW,
  startKrakenHarness,
  type KrakenHarness,
} from './kraken-harness';
import { createKrakenSource } from './kraken-source';

let h: KrakenHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

const NOW_S = NOW / 1000;
const row = (t: number, open = '37000.0') => [
  t,
  open,
  '37010.5',
  '36990.0',
  '37005.0',
  '37001.2',
  '1.50000000',
  12,
];
const MINUTES = [-360, -300, -240, -180, -120, -60, 0].map((d) => row(NOW_S + d));
MINUTES[4] = row(NOW_S - 120, '37000.05'); // off the 0.1 tick: dropped and counted
const HOUR0 = 1_699_999_200; // the forming hour at NOW
const HOURS = [-3, -2, -1, 0].map((k) => row(HOUR0 + k * 3600));
const ohlc = { '/0/public/OHLC': ohlcRoute({ 1: MINUTES, 60: HOURS }) };

describe('Kraken instruments', () => {
  it('maps AssetPairs to instruments with exact scales, display and venue symbols', async () => {
    h = await startKrakenHarness({ symbols: ['XBTUSD', 'eth/xbt'], firstId: 7 });
    expect(h.source.instruments()).toEqual([
      expect.objectContaining({
        id: 7,
        symbol: 'BTC-USD',
        base: 'BTC',
        quote: 'USD',
        priceScale: 1,
        tick: 1,
        sizeScale: 8,
        lot: 1,
        venue: 'kraken',
        venueSymbol: 'BTC/USD',
      }),
      expect.objectContaining({
        id: 8,
        symbol: 'ETH-BTC',
        priceScale: 5,
        tick: 1,
        sizeScale: 8,
        lot: 1,
        venueSymbol: 'ETH/BTC',
      }),
    ]);
  });

  it('rejects an unknown pair by name', async () => {
    await expect(startKrakenHarness({ symbols: ['BTC/USD', 'FOO/BAR'] })).rejects.toThrow(
      'kraken: unknown pair "FOO/BAR" (not in AssetPairs)',
    );
  });

  it('fails clearly with neither network nor cache', async () => {
    await expect(
      createKrakenSource({
        symbols: ['BTC/USD'],
        restUrl: 'http://127.0.0.1:1',
        cacheDir: '/nonexistent/qd',
      }),
    ).rejects.toThrow(
      /^kraken: cannot load instruments: GET .*AssetPairs failed: .*\(and no cached copy of instruments\)$/,
    );
  });
});

describe('Kraken history', () => {
  it('preloads closed candles, pages forward from since, drops off-grid rows', async () => {
    h = await startKrakenHarness({}, ohlc);
    const minutes = h.source.history(1, '1m', NOW);
    expect(minutes.map((c) => c.time / 1000 - NOW_S)).toEqual([-300, -240, -180, -60]);
    expect(minutes[0]).toEqual({
      time: (NOW_S - 300) * 1000,
      open: 370000,
      high: 370105,
      low: 369900,
      close: 370050,
      volume: 150_000_000,
    });
    expect(h.source.history(1, '1m', NOW - 60_000)).toHaveLength(3);
    expect(h.source.history(1, '1h', NOW).map((c) => c.time / 1000)).toEqual([
      HOUR0 - 10800,
      HOUR0 - 7200,
      HOUR0 - 3600,
    ]);
    expect(h.venue.requests).toContain(
      `/0/public/OHLC?pair=XXBTZUSD&interval=1&since=${NOW_S - 301}`,
    );
    expect(h.venue.requests).toContain(`/0/public/OHLC?pair=XXBTZUSD&interval=1&since=${NOW_S}`);
    expect(h.source.stats.offGrid).toBeGreaterThanOrEqual(1);
  });

  it('serves instruments and history from the disk cache when Kraken is unreachable', async () => {
    h = await startKrakenHarness({}, ohlc);
    const online = h.source.history(1, '1m', NOW);
    await h.venue.close();
    const logs: string[] = [];
    const offline = await createKrakenSource({
      symbols: ['BTC-USD'],
      restUrl: h.venue.httpUrl,
      cacheDir: h.cacheDir,
      historyBars: 5,
      now: () => NOW,
      log: (l) => logs.push(l),
    });
    expect(offline.instruments()[0]).toMatchObject({ symbol: 'BTC-USD', priceScale: 1 });
    expect(offline.history(1, '1m', NOW)).toEqual(online);
    expect(logs.join('\n')).toMatch(
      /cached instruments[\s\S]*history\/XXBTZUSD-1m served from the disk cache/,
    );
    await offline.stop();
  });

  it('starts with empty history (and a log line) when OHLC fails and nothing is cached', async () => {
    h = await startKrakenHarness({}, { '/0/public/OHLC': () => ({ status: 500, body: 'oops' }) });
    expect(h.source.history(1, '1h', NOW)).toEqual([]);
    expect(h.logs.some((l) => l.includes('no history for history/XXBTZUSD-1h'))).toBe(true);
  });
});

describe('Kraken stream', () => {
  it('emits trades with the aggressor side and time; off-grid trades are counted', async () => {
    h = await startKrakenHarness();
    const connection = await connect(h);
    connection.send(
      tradeFrame('BTC/USD', 'sell', '37000.5', '0.00100000', '2023-09-25T07:49:37.708706Z'),
    );
    connection.send(
      tradeFrame('BTC/USD', 'buy', '37000.55', '0.00100000', '2023-09-25T07:49:37.708706Z'),
    );
    connection.send(tradeFrame('BTC/USD', 'buy', '37000.0', '2', '2023-09-25T07:49:38Z'));
    await expect.poll(() => h!.sink.trades).toBe(2);
    expect(h.sink.events).toEqual([
      {
        type: 'trade',
        inst: 1,
        price: 370005,
        size: 100_000,
        side: Side.sell,
        time: Date.UTC(2023, 8, 25, 7, 49, 37, 708),
      },
      {
        type: 'trade',
        inst: 1,
        price: 370000,
        size: 200_000_000,
        side: Side.buy,
        time: Date.UTC(2023, 8, 25, 7, 49, 38),
      },
    ]);
    expect(h.source.stats.offGrid).toBe(1);
  });

  it('counts malformed frames and keeps the book intact', async () => {
    h = await startKrakenHarness();
    const connection = await connect(h);
    const venueBook = btcBook();
    connection.send(snapshotOf(venueBook));
    await expect.poll(() => mirror(h!, 1)).toEqual(expected(venueBook, 1, 8));
    connection.send('garbage{');
    connection.send('{"channel":"book","type":"update","data":[{"symbol":"BTC/USD"}]}');
    connection.send(bookFrame('update', 'DOGE/USD', [['1.0', '1']], [], 0));
    connection.send(
      '{"channel":"trade","type":"update","data":[{"symbol":"BTC/USD","side":"buy","price":"37000.0","qty":1}]}',
    );
    connection.send(
      '{"channel":"book","type":"update","data":[{"symbol":"BTC/USD","bids":[{"price":01,"qty":1}],"checksum":1}]}',
    );
    connection.socket.send(Buffer.from([0xc1]));
    connection.send(
      '{"method":"subscribe","success":false,"error":"Currency pair not supported DOGE/USD"}',
    );
    venueBook.set('ask', '37001.0', '4.00000000');
    connection.send(
      bookFrame('update', 'BTC/USD', [], [['37001.0', '4.00000000']], venueBook.checksum()),
    );
    await expect.poll(() => mirror(h!, 1)).toEqual(expected(venueBook, 1, 8));
    expect(h.source.stats).toMatchObject({ malformed: 6, resyncs: 0, gaps: 0 });
    expect(h.logs.filter((line) => line.includes('malformed'))).toEqual([
      'kraken: dropped malformed message #1 (garbage{)',
    ]);
    expect(h.sink.trades).toBe(0);
    expect(h.logs.some((l) => l.includes('subscribe failed: Currency pair not supported'))).toBe(
      true,
    );
  });

  it('pings on an interval and takes pongs and heartbeats as normal traffic', async () => {
    h = await startKrakenHarness({ pingIntervalMs: 20 });
    const connection = await connect(h);
    const ping = await connection.next();
    expect(ping).toMatchObject({ method: 'ping', req_id: expect.any(Number) });
    connection.send(
      `{"method":"pong","req_id":${(ping as { req_id: number }).req_id},"time_in":"2023-09-24T14:10:23.799685Z","time_out":"2023-09-24T14:10:23.799703Z"}`,
    );
    connection.send('{"channel":"heartbeat"}');
    connection.send(
      '{"channel":"status","type":"update","data":[{"api_version":"v2","connection_id":1,"system":"online","version":"2.0.0"}]}',
    );
    expect(await connection.next()).toMatchObject({ method: 'ping' });
    expect(h.source.stats).toMatchObject({ malformed: 0, reconnects: 0 });
  });

  it('after the server drops the connection: stale, resubscribe, fresh snapshot, live', async () => {
    h = await startKrakenHarness();
    const first = await connect(h);
    const venueBook = btcBook();
    first.send(snapshotOf(venueBook));
    await expect.poll(() => mirror(h!, 1)).toEqual(expected(venueBook, 1, 8));
    first.socket.close(1001, 'going away');
    const second = await h.venue.nextConnection();
    expect(await second.next()).toMatchObject({ method: 'subscribe', params: { channel: 'book' } });
    expect(await second.next()).toMatchObject({
      method: 'subscribe',
      params: { channel: 'trade' },
    });
    expect(await second.next()).toMatchObject({
      method: 'subscribe',
      params: { channel: 'ticker' },
    });
    // Both pairs start not live; BTC/USD went live with its snapshot and stale with the drop.
    expect(h.sink.statuses).toEqual([
      { inst: 1, live: false },
      { inst: 2, live: false },
      { inst: 1, live: true },
      { inst: 1, live: false },
    ]);
    venueBook.set('bid', '37000.5', '0.50000000');
    second.send(snapshotOf(venueBook));
    await expect.poll(() => h!.sink.statuses.length).toBe(5);
    expect(h.sink.statuses[4]).toEqual({ inst: 1, live: true });
    expect(mirror(h, 1)).toEqual(expected(venueBook, 1, 8));
    expect(h.source.stats).toMatchObject({ reconnects: 1, gaps: 0 });
  });
});
