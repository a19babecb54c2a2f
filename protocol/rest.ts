/**
 * Shapes of the REST API under /api. Prices and sizes are integer units, as on the socket;
 * format them with the instrument's scales (see instruments.ts).
 */
import type { Candle, Trade } from './messages';
import type { Instrument } from './instruments';
import type { Interval } from './intervals';

/** GET /api/instruments */
export interface InstrumentsResponse {
  /** Changes whenever the list changes; the socket's hello carries the same value. */
  version: string;
  instruments: Instrument[];
}

/** GET /api/candles?symbol=&interval=&from=&to=&limit= — oldest first; the last may be forming. */
export interface CandlesResponse {
  symbol: string;
  interval: Interval;
  candles: Candle[];
}

/** GET /api/book/:symbol?depth= */
export interface BookResponse {
  symbol: string;
  /** Sequence of the book stream this view corresponds to. */
  seq: number;
  time: number;
  /** Best first: bids descending, asks ascending. Each level is [price, size]. */
  bids: Array<[number, number]>;
  asks: Array<[number, number]>;
}

/** GET /api/trades/:symbol?limit= — oldest first. */
export interface TradesResponse {
  symbol: string;
  trades: Trade[];
}

/** Body of every 4xx/5xx answer. */
export interface ErrorResponse {
  error: { code: string; message: string };
}

/** GET /healthz */
/**
 * GET /readyz — 200 when the gateway can serve a trader (some market is live, the paper account
 * is open or not configured), else 503 with the same body saying what is missing.
 */
export interface ReadyResponse {
  status: 'ready' | 'not_ready';
  /** Instruments whose streams are live at the source, of `instruments`. */
  liveInstruments: number;
  instruments: number;
  paper: 'ready' | 'starting' | 'failed' | 'off';
  /** Why it is not ready, for an operator. */
  reasons: string[];
}

export interface HealthResponse {
  status: 'ok';
  uptimeSeconds: number;
  source: string;
  clients: number;
}
