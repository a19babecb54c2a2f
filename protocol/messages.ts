/**
 * The wire contract: every message between the gateway and a client.
 *
 * Each message is a flat object whose first field `kind` discriminates the union. Key order matters:
 * the codec sends each shape as a shared msgpackr record (a one-byte id instead of the key names), so
 * messages are built only through the constructors below, which keep the order of `SHAPES`.
 */
import type { AccountMessage } from './account-messages';
import type { Interval } from './intervals';

export const PROTOCOL_VERSION = 1;

/** Server → client message kinds (their numeric codes are what travels). */
export const ServerKind = {
  hello: 1,
  error: 2,
  pong: 3,
  tickerSnapshot: 10,
  ticker: 11,
  bookSnapshot: 20,
  bookDelta: 21,
  tradesSnapshot: 30,
  trade: 31,
  candle: 40,
  streamStatus: 50,
  /** The paper account (`account` channel); see account-messages.ts. */
  accountSnapshot: 60,
  accountUpdate: 61,
  accountMark: 62,
} as const;

/** Client → server message kinds. */
export const ClientKind = {
  subscribe: 100,
  unsubscribe: 101,
  ping: 102,
} as const;

export const CHANNELS = ['tickers', 'book', 'trades', 'candles', 'account'] as const;
export type Channel = (typeof CHANNELS)[number];

export const Side = { buy: 1, sell: 2 } as const;
export type Side = (typeof Side)[keyof typeof Side];

export const DEFAULT_BOOK_DEPTH = 20;
export const MAX_BOOK_DEPTH = 100;

// ---- server → client -------------------------------------------------------------------------

export interface Hello {
  kind: typeof ServerKind.hello;
  protocol: number;
  serverTime: number;
  instrumentsVersion: string;
  heartbeatMs: number;
}

export interface ErrorMessage {
  kind: typeof ServerKind.error;
  code: string;
  message: string;
  /** The `ref` of the client message that caused it, or null. */
  ref: number | null;
}

export interface Pong {
  kind: typeof ServerKind.pong;
  id: number;
  clientTime: number;
  serverTime: number;
}

/** State of one instrument's ticker; also the element of a ticker snapshot. */
export interface Ticker {
  inst: number;
  seq: number;
  time: number;
  last: number;
  bid: number;
  ask: number;
  open24: number;
  high24: number;
  low24: number;
  volume24: number;
}

export interface TickerSnapshot {
  kind: typeof ServerKind.tickerSnapshot;
  tickers: Ticker[];
}

export interface TickerMessage extends Ticker {
  kind: typeof ServerKind.ticker;
}

/** Levels as a flat list [price, size, price, size, …]; size 0 in a delta removes the level. */
export type FlatLevels = number[];

export interface BookSnapshot {
  kind: typeof ServerKind.bookSnapshot;
  inst: number;
  seq: number;
  depth: number;
  bids: FlatLevels;
  asks: FlatLevels;
}

export interface BookDelta {
  kind: typeof ServerKind.bookDelta;
  inst: number;
  seq: number;
  bids: FlatLevels;
  asks: FlatLevels;
}

/** One print on the tape; `id` is the instrument's trade number, which is also the trades stream's sequence. */
export interface Trade {
  id: number;
  price: number;
  size: number;
  /** The aggressor's side. */
  side: Side;
  time: number;
}

export interface TradesSnapshot {
  kind: typeof ServerKind.tradesSnapshot;
  inst: number;
  /** Id of the newest trade included (0 when none). */
  seq: number;
  /** Oldest first. */
  trades: Trade[];
}

export interface TradeMessage {
  kind: typeof ServerKind.trade;
  inst: number;
  seq: number;
  price: number;
  size: number;
  side: Side;
  time: number;
}

export interface Candle {
  /** Open time, ms since epoch, aligned to the interval. */
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/** The forming candle of one (instrument, interval); each message is the full candle. */
export interface CandleMessage extends Candle {
  kind: typeof ServerKind.candle;
  inst: number;
  /** Interval code from INTERVALS. */
  interval: number;
  seq: number;
}

/** A stream that stopped (or resumed) being live, e.g. while its source resynchronizes. */
export interface StreamStatus {
  kind: typeof ServerKind.streamStatus;
  channel: Channel;
  inst: number;
  live: boolean;
}

export type ServerMessage =
  | Hello
  | ErrorMessage
  | Pong
  | TickerSnapshot
  | TickerMessage
  | BookSnapshot
  | BookDelta
  | TradesSnapshot
  | TradeMessage
  | CandleMessage
  | StreamStatus;

/**
 * Everything the gateway sends: market data (ServerMessage) and the paper account's messages,
 * which only reach clients subscribed to the `account` channel.
 */
export type GatewayMessage = ServerMessage | AccountMessage;

// ---- client → server -------------------------------------------------------------------------

export interface Subscribe {
  kind: typeof ClientKind.subscribe;
  /** Client-chosen number echoed in errors about this request. */
  ref: number;
  channel: Channel;
  /** Instrument symbol; null for `tickers` (all instruments). */
  symbol: string | null;
  /** Book depth (book channel), else null. */
  depth: number | null;
  /** Candle interval (candles channel), else null. */
  interval: Interval | null;
}

export interface Unsubscribe {
  kind: typeof ClientKind.unsubscribe;
  ref: number;
  channel: Channel;
  symbol: string | null;
  depth: number | null;
  interval: Interval | null;
}

export interface Ping {
  kind: typeof ClientKind.ping;
  id: number;
  clientTime: number;
}

export type ClientMessage = Subscribe | Unsubscribe | Ping;

// ---- shapes and constructors -----------------------------------------------------------------

/**
 * Key order of every record shape, in shared-structure order. Append only: the position of a shape
 * is its record id on the wire, so reordering is a protocol version change.
 */
export const SHAPES = [
  ['kind', 'protocol', 'serverTime', 'instrumentsVersion', 'heartbeatMs'],
  ['kind', 'code', 'message', 'ref'],
  ['kind', 'id', 'clientTime', 'serverTime'],
  ['kind', 'tickers'],
  ['inst', 'seq', 'time', 'last', 'bid', 'ask', 'open24', 'high24', 'low24', 'volume24'],
  ['kind', 'inst', 'seq', 'time', 'last', 'bid', 'ask', 'open24', 'high24', 'low24', 'volume24'],
  ['kind', 'inst', 'seq', 'depth', 'bids', 'asks'],
  ['kind', 'inst', 'seq', 'bids', 'asks'],
  ['kind', 'inst', 'seq', 'trades'],
  ['id', 'price', 'size', 'side', 'time'],
  ['kind', 'inst', 'seq', 'price', 'size', 'side', 'time'],
  ['kind', 'inst', 'interval', 'seq', 'time', 'open', 'high', 'low', 'close', 'volume'],
  ['kind', 'channel', 'inst', 'live'],
  ['kind', 'ref', 'channel', 'symbol', 'depth', 'interval'],
  ['kind', 'id', 'clientTime'],
  // The account channel (account-messages.ts): its three messages, then the views they nest.
  ['kind', 'seq', 'account', 'orders', 'positions', 'fills'],
  ['kind', 'seq', 'account', 'orders', 'fills', 'positions'],
  ['kind', 'account', 'positions'],
  [
    'id',
    'clientOrderId',
    'inst',
    'symbol',
    'side',
    'type',
    'quantity',
    'limitPrice',
    'stopPrice',
    'timeInForce',
    'postOnly',
    'status',
    'filledQuantity',
    'averagePrice',
    'rejectCode',
    'rejectMessage',
    'createdAt',
    'updatedAt',
  ],
  ['id', 'orderId', 'inst', 'symbol', 'side', 'price', 'quantity', 'fee', 'liquidity', 'time'],
  [
    'inst',
    'symbol',
    'quantity',
    'averageEntryPrice',
    'markPrice',
    'marketValue',
    'unrealizedPnl',
    'realizedPnl',
  ],
  [
    'currency',
    'startingCash',
    'cash',
    'equity',
    'realizedPnl',
    'unrealizedPnl',
    'feesPaid',
    'marginUsed',
    'buyingPower',
    'seq',
    'updatedAt',
  ],
  // The account view with its fee rates. A new shape rather than an edited one: the shape above
  // keeps its record id (append only), and no message uses it any more.
  [
    'currency',
    'startingCash',
    'cash',
    'equity',
    'realizedPnl',
    'unrealizedPnl',
    'feesPaid',
    'marginUsed',
    'buyingPower',
    'makerFeeBps',
    'takerFeeBps',
    'seq',
    'updatedAt',
  ],
] as const;

/** Builds a hello. */
export function hello(serverTime: number, instrumentsVersion: string, heartbeatMs: number): Hello {
  return {
    kind: ServerKind.hello,
    protocol: PROTOCOL_VERSION,
    serverTime,
    instrumentsVersion,
    heartbeatMs,
  };
}

/** Builds an error answer. */
export function errorMessage(
  code: string,
  message: string,
  ref: number | null = null,
): ErrorMessage {
  return { kind: ServerKind.error, code, message, ref };
}

/** Builds a pong answering a ping. */
export function pong(id: number, clientTime: number, serverTime: number): Pong {
  return { kind: ServerKind.pong, id, clientTime, serverTime };
}

/** Copies a ticker in wire key order. */
export function ticker(t: Ticker): Ticker {
  return {
    inst: t.inst,
    seq: t.seq,
    time: t.time,
    last: t.last,
    bid: t.bid,
    ask: t.ask,
    open24: t.open24,
    high24: t.high24,
    low24: t.low24,
    volume24: t.volume24,
  };
}

/** Builds a snapshot of many tickers. */
export function tickerSnapshot(tickers: readonly Ticker[]): TickerSnapshot {
  return { kind: ServerKind.tickerSnapshot, tickers: tickers.map(ticker) };
}

/** Builds a single ticker update. */
export function tickerMessage(t: Ticker): TickerMessage {
  return {
    kind: ServerKind.ticker,
    inst: t.inst,
    seq: t.seq,
    time: t.time,
    last: t.last,
    bid: t.bid,
    ask: t.ask,
    open24: t.open24,
    high24: t.high24,
    low24: t.low24,
    volume24: t.volume24,
  };
}

/** Builds a book snapshot. */
export function bookSnapshot(
  inst: number,
  seq: number,
  depth: number,
  bids: FlatLevels,
  asks: FlatLevels,
): BookSnapshot {
  return { kind: ServerKind.bookSnapshot, inst, seq, depth, bids, asks };
}

/** Builds a book delta. */
export function bookDelta(
  inst: number,
  seq: number,
  bids: FlatLevels,
  asks: FlatLevels,
): BookDelta {
  return { kind: ServerKind.bookDelta, inst, seq, bids, asks };
}

/** Copies a trade in wire key order. */
export function trade(t: Trade): Trade {
  return { id: t.id, price: t.price, size: t.size, side: t.side, time: t.time };
}

/** Builds a trades snapshot (oldest first). */
export function tradesSnapshot(
  inst: number,
  seq: number,
  trades: readonly Trade[],
): TradesSnapshot {
  return { kind: ServerKind.tradesSnapshot, inst, seq, trades: trades.map(trade) };
}

/** Builds a single trade message; its sequence is the trade id. */
export function tradeMessage(inst: number, t: Trade): TradeMessage {
  return {
    kind: ServerKind.trade,
    inst,
    seq: t.id,
    price: t.price,
    size: t.size,
    side: t.side,
    time: t.time,
  };
}

/** Builds a forming-candle message. */
export function candleMessage(
  inst: number,
  interval: number,
  seq: number,
  c: Candle,
): CandleMessage {
  return {
    kind: ServerKind.candle,
    inst,
    interval,
    seq,
    time: c.time,
    open: c.open,
    high: c.high,
    low: c.low,
    close: c.close,
    volume: c.volume,
  };
}

/** Builds a stream status change. */
export function streamStatus(channel: Channel, inst: number, live: boolean): StreamStatus {
  return { kind: ServerKind.streamStatus, channel, inst, live };
}

/** Builds a subscribe request. */
export function subscribe(
  ref: number,
  channel: Channel,
  symbol: string | null,
  options: { depth?: number; interval?: Interval } = {},
): Subscribe {
  return {
    kind: ClientKind.subscribe,
    ref,
    channel,
    symbol,
    depth: options.depth ?? null,
    interval: options.interval ?? null,
  };
}

/** Builds an unsubscribe request matching an earlier subscribe. */
export function unsubscribe(sub: Omit<Subscribe, 'kind'>): Unsubscribe {
  return {
    kind: ClientKind.unsubscribe,
    ref: sub.ref,
    channel: sub.channel,
    symbol: sub.symbol,
    depth: sub.depth,
    interval: sub.interval,
  };
}

/** Builds an application-level ping (answered by a pong, used for round-trip latency). */
export function ping(id: number, clientTime: number): Ping {
  return { kind: ClientKind.ping, id, clientTime };
}
