/**
 * Test support: a scripted Binance spot on loopback (startFakeVenue): exchangeInfo for the
 * fixture symbols (400 / -1121 for others, as Binance answers), depth snapshots served from a
 * per-symbol queue the test fills when it wants the snapshot to arrive (503 until then, which the
 * adapter retries), and generated klines with Binance's paging semantics.
 */
import { INTERVALS, isInterval } from '../../../protocol/intervals';
import { startFakeVenue, type FakeConnection, type FakeVenue } from '../exchange/fake-venue';
import { BINANCE_SYMBOLS } from './binance-fixtures';
import type { DepthSnapshot } from './binance-messages';

export interface FakeBinance {
  venue: FakeVenue;
  /** Makes the next depth request for `symbol` answer `body` (queued in order; any JSON). */
  serveDepth(symbol: string, body: DepthSnapshot | Record<string, unknown>, status?: number): void;
  /** Depth requests seen so far for `symbol`. */
  depthRequests(symbol: string): number;
  close(): Promise<void>;
}

export interface FakeBinanceOptions {
  /** Open time of the first kline that exists, ms (earlier pages are empty). */
  listedAt?: number;
  /** Current time of the fake, ms: the kline containing it is still forming. */
  now: number;
}

function klineRow(openTime: number, ms: number) {
  const index = openTime / 60_000;
  const base = 60_000 + (index % 500);
  const price = (cents: number) => `${base}.${String(cents).padStart(2, '0')}000000`;
  return [
    openTime,
    price(10),
    price(90),
    price(5),
    price(50),
    '1.25000000',
    openTime + ms - 1,
    '80000.00000000',
    42,
    '0.60000000',
    '38000.00000000',
    '0',
  ];
}

/** Starts the fake; close it with `close()`. */
export async function startFakeBinance(options: FakeBinanceOptions): Promise<FakeBinance> {
  const depth = new Map<string, { status: number; body: unknown }[]>();
  const depthSeen = new Map<string, number>();
  const listed: Record<string, unknown> = BINANCE_SYMBOLS;
  const venue = await startFakeVenue({
    '/api/v3/exchangeInfo': (url) => {
      const text = url.searchParams.get('symbols') ?? url.searchParams.get('symbol');
      let wanted: unknown;
      try {
        wanted = text?.startsWith('[') ? JSON.parse(text) : [text];
      } catch {
        wanted = null;
      }
      if (!Array.isArray(wanted) || !wanted.every((symbol) => typeof symbol === 'string')) {
        return {
          status: 400,
          body: { code: -1100, msg: 'Illegal characters found in parameter.' },
        };
      }
      if (!wanted.every((symbol) => Object.hasOwn(listed, symbol))) {
        return { status: 400, body: { code: -1121, msg: 'Invalid symbol.' } };
      }
      return {
        body: {
          timezone: 'UTC',
          serverTime: options.now,
          rateLimits: [],
          exchangeFilters: [],
          symbols: wanted.map((symbol) => listed[symbol]),
        },
      };
    },
    '/api/v3/depth': (url) => {
      const symbol = url.searchParams.get('symbol') ?? '';
      depthSeen.set(symbol, (depthSeen.get(symbol) ?? 0) + 1);
      const next = depth.get(symbol)?.shift();
      return next ?? { status: 503, body: { code: -1008, msg: 'Server is busy.' } };
    },
    '/api/v3/klines': (url) => {
      const interval = url.searchParams.get('interval');
      const limit = Number(url.searchParams.get('limit') ?? 500);
      const endTime = Number(url.searchParams.get('endTime') ?? options.now);
      if (!isInterval(interval) || !(limit >= 1 && limit <= 1000)) {
        return { status: 400, body: { code: -1120, msg: 'Invalid interval.' } };
      }
      const ms = INTERVALS[interval].ms;
      const rows = [];
      // Binance returns the newest `limit` klines whose open time is <= endTime.
      let open = Math.floor(Math.min(endTime, options.now) / ms) * ms;
      while (rows.length < limit && open >= (options.listedAt ?? 0)) {
        rows.unshift(klineRow(open, ms));
        open -= ms;
      }
      return { body: rows };
    },
  });
  return {
    venue,
    serveDepth(symbol, body, status = 200) {
      const queue = depth.get(symbol) ?? [];
      queue.push({ status, body });
      depth.set(symbol, queue);
    },
    depthRequests: (symbol) => depthSeen.get(symbol) ?? 0,
    close: () => venue.close(),
  };
}

/**
 * Resolves once the client has handled every frame sent before: a ping goes after them, and the
 * client's pong can only come back after its message handlers ran.
 */
export function barrier(connection: FakeConnection, payload = 'barrier'): Promise<string> {
  return new Promise((resolve) => {
    const onPong = (data: Buffer) => {
      connection.socket.off('pong', onPong);
      resolve(data.toString());
    };
    connection.socket.on('pong', onPong);
    connection.socket.ping(payload);
  });
}
