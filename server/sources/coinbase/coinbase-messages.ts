/**
 * Guards for Coinbase Advanced Trade WebSocket frames. Every frame is an envelope
 * `{ channel, client_id, timestamp, sequence_num, events: [...] }`; the events differ per channel
 * (l2_data, market_trades, ticker, heartbeats, subscriptions). Exchange JSON enters as `unknown` and
 * leaves as the narrow shapes below, or as null when it cannot be understood.
 */

export interface CoinbaseEnvelope {
  channel: string;
  /** Per-connection counter over every channel; null on frames that carry none (errors). */
  sequenceNum: number | null;
  /** Envelope time in ms, or null when absent or unreadable. */
  time: number | null;
  events: unknown[];
}

export interface CoinbaseError {
  message: string;
}

export interface L2Event {
  type: 'snapshot' | 'update';
  productId: string;
  /** Raw level objects; each is checked on its own so one bad level does not drop the rest. */
  updates: unknown[];
}

export interface L2Level {
  side: 'bid' | 'offer';
  price: string;
  quantity: string;
}

export interface TradesEvent {
  type: 'snapshot' | 'update';
  trades: unknown[];
}

export interface RawTrade {
  productId: string;
  price: string;
  size: string;
  /** As published: the maker order's side. */
  side: 'BUY' | 'SELL';
  time: number | null;
}

export interface TickerEvent {
  type: 'snapshot' | 'update';
  /** Raw ticker objects; each is checked on its own. */
  tickers: unknown[];
}

/**
 * One product's ticker, reduced to its 24h figures. Coinbase reports no 24h open, only
 * `price_percent_chg_24_h`, from which the open cannot be recovered exactly.
 */
export interface RawTicker {
  productId: string;
  high: string;
  low: string;
  volume: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses one text frame: an envelope, an error notice, or null when it is not understood. */
export function parseFrame(text: string): CoinbaseEnvelope | CoinbaseError | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(value)) return null;
  if (value['type'] === 'error') {
    const message = value['message'];
    return { message: typeof message === 'string' ? message : 'unspecified error' };
  }
  const channel = value['channel'];
  const events = value['events'];
  const sequence = value['sequence_num'];
  if (typeof channel !== 'string' || !Array.isArray(events)) return null;
  if (!(typeof sequence === 'number' && Number.isSafeInteger(sequence) && sequence >= 0)) {
    return null;
  }
  return { channel, sequenceNum: sequence, time: isoTimeMs(value['timestamp']), events };
}

/** True when `frame` is an error notice rather than a data envelope. */
export function isCoinbaseError(frame: CoinbaseEnvelope | CoinbaseError): frame is CoinbaseError {
  return !('channel' in frame);
}

/** One level2 event, or null when its shape is wrong. */
export function parseL2Event(value: unknown): L2Event | null {
  if (!isRecord(value)) return null;
  const type = value['type'];
  const productId = value['product_id'];
  const updates = value['updates'];
  if (type !== 'snapshot' && type !== 'update') return null;
  if (typeof productId !== 'string' || !Array.isArray(updates)) return null;
  return { type, productId, updates };
}

/** One level of a level2 event, or null when its shape is wrong. */
export function parseL2Level(value: unknown): L2Level | null {
  if (!isRecord(value)) return null;
  const side = value['side'];
  const price = value['price_level'];
  const quantity = value['new_quantity'];
  if (side !== 'bid' && side !== 'offer') return null;
  if (typeof price !== 'string' || typeof quantity !== 'string') return null;
  return { side, price, quantity };
}

/** One market_trades event, or null when its shape is wrong. */
export function parseTradesEvent(value: unknown): TradesEvent | null {
  if (!isRecord(value)) return null;
  const type = value['type'];
  const trades = value['trades'];
  if (type !== 'snapshot' && type !== 'update') return null;
  if (!Array.isArray(trades)) return null;
  return { type, trades };
}

/** One trade of a market_trades event, or null when its shape is wrong. */
export function parseTrade(value: unknown): RawTrade | null {
  if (!isRecord(value)) return null;
  const productId = value['product_id'];
  const price = value['price'];
  const size = value['size'];
  const side = value['side'];
  if (typeof productId !== 'string' || typeof price !== 'string' || typeof size !== 'string') {
    return null;
  }
  if (side !== 'BUY' && side !== 'SELL') return null;
  return { productId, price, size, side, time: isoTimeMs(value['time']) };
}

/** One ticker event, or null when its shape is wrong. */
export function parseTickerEvent(value: unknown): TickerEvent | null {
  if (!isRecord(value)) return null;
  const type = value['type'];
  const tickers = value['tickers'];
  if (type !== 'snapshot' && type !== 'update') return null;
  if (!Array.isArray(tickers)) return null;
  return { type, tickers };
}

/** One ticker of a ticker event, or null when a field we read is missing or not a string. */
export function parseTicker(value: unknown): RawTicker | null {
  if (!isRecord(value)) return null;
  const productId = value['product_id'];
  const high = value['high_24_h'];
  const low = value['low_24_h'];
  const volume = value['volume_24_h'];
  if (typeof productId !== 'string' || typeof high !== 'string') return null;
  if (typeof low !== 'string' || typeof volume !== 'string') return null;
  return { productId, high, low, volume };
}

const ISO_PATTERN = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/;

/**
 * An RFC 3339 time with any number of fractional digits (Coinbase sends nanoseconds) as ms,
 * or null. The fraction is truncated to ms by hand because Date.parse is not specified for more
 * than three digits.
 */
export function isoTimeMs(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const match = ISO_PATTERN.exec(value);
  if (!match) return null;
  const [, whole = '', fraction = '', zone = 'Z'] = match;
  const seconds = Date.parse(`${whole}${zone}`);
  if (!Number.isFinite(seconds)) return null;
  return seconds + Number(fraction.slice(0, 3).padEnd(3, '0'));
}
