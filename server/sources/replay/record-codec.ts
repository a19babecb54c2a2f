/**
 * Record payloads: compact arrays, one MessagePack value each. Times inside a history list or an
 * event block are deltas from the previous one (the first from 0), so most cost one or two bytes
 * instead of nine. Kinds this version does not know are skipped on read, so a later version can
 * add records without breaking older readers.
 *
 *   header  [0, { format, source, instruments, startedAt }]
 *   history [1, inst, intervalCode, end, [periods, open, high, low, close, volume, …]] (deltas,
 *           see encodeHistory)
 *   events  [2, event, event, …]   book   [1, dt, inst, snapshot 0|1, bids, asks]
 *                                   trade  [2, dt, inst, price, size, side]
 *                                   status [3, dt, inst, live 0|1]
 *                                   stats  [4, dt, inst, open24, high24, low24, volume24]
 *                                          (exchange 24h figures; open24 0 = not reported)
 *
 * Event code 4 was added later without a format bump: recordings without it read as before.
 */
import { DecodeError, decodeValue, encodeValue } from '../../../protocol/codec';
import type { Instrument } from '../../../protocol/instruments';
import { INTERVALS } from '../../../protocol/intervals';
import type { Candle, FlatLevels, Side } from '../../../protocol/messages';
import { isInstrument, isRecord, isSafeInt } from '../../../protocol/value-guards';
import type { HistoryInterval, VenueDayStats } from '../source';

export const RECORDING_FORMAT = 1;

export interface RecordingHeader {
  format: number;
  /** Name of the recorded source (e.g. "sim", "binance"). */
  source: string;
  instruments: Instrument[];
  /** When recording of this segment started, ms. */
  startedAt: number;
}

export interface RecordedHistory {
  inst: number;
  interval: HistoryInterval;
  /** The `end` the candles were asked for (closed candles before it). */
  end: number;
  candles: Candle[];
}

export type RecordedEvent =
  | {
      type: 'book';
      time: number;
      inst: number;
      bids: FlatLevels;
      asks: FlatLevels;
      snapshot: boolean;
    }
  | { type: 'trade'; time: number; inst: number; price: number; size: number; side: Side }
  | { type: 'status'; time: number; inst: number; live: boolean }
  | { type: 'stats'; time: number; inst: number; stats: VenueDayStats };

export type DecodedRecord =
  | { kind: 'header'; header: RecordingHeader }
  | { kind: 'history'; history: RecordedHistory }
  | { kind: 'events'; events: RecordedEvent[] }
  | { kind: 'unknown' };

const Kind = { header: 0, history: 1, events: 2 } as const;
const EventCode = { book: 1, trade: 2, status: 3, stats: 4 } as const;
const HISTORY_CODES: Record<HistoryInterval, number> = {
  '1m': INTERVALS['1m'].code,
  '1h': INTERVALS['1h'].code,
};

/** Encodes a segment header record payload. */
export function encodeHeader(header: RecordingHeader): Uint8Array {
  return encodeValue([Kind.header, header]);
}

/**
 * Encodes one instrument's candle history for one interval. Candles off the interval's grid are
 * left out (the hub would drop them anyway); the rest become small deltas: periods since the
 * previous candle, open from the previous close, high/low/close from the open.
 */
export function encodeHistory(history: RecordedHistory): Uint8Array {
  const ms = INTERVALS[history.interval].ms;
  const flat: number[] = [];
  let time = 0;
  let close = 0;
  for (const c of history.candles) {
    if (c.time % ms !== 0) continue;
    flat.push((c.time - time) / ms, c.open - close, c.high - c.open, c.low - c.open);
    flat.push(c.close - c.open, c.volume);
    time = c.time;
    close = c.close;
  }
  return encodeValue([
    Kind.history,
    history.inst,
    HISTORY_CODES[history.interval],
    history.end,
    flat,
  ]);
}

/** Encodes a block of events (in emission order). */
export function encodeEvents(events: readonly RecordedEvent[]): Uint8Array {
  const out: unknown[] = [Kind.events];
  let previous = 0;
  for (const e of events) {
    const dt = e.time - previous;
    previous = e.time;
    if (e.type === 'book') {
      out.push([EventCode.book, dt, e.inst, e.snapshot ? 1 : 0, e.bids, e.asks]);
    } else if (e.type === 'trade') {
      out.push([EventCode.trade, dt, e.inst, e.price, e.size, e.side]);
    } else if (e.type === 'status') {
      out.push([EventCode.status, dt, e.inst, e.live ? 1 : 0]);
    } else {
      const { open24, high24, low24, volume24 } = e.stats;
      // Prices are positive, so 0 can stand for an open the exchange did not report.
      out.push([EventCode.stats, dt, e.inst, open24 ?? 0, high24, low24, volume24]);
    }
  }
  return encodeValue(out);
}

/** Decodes a verified payload; null when it is not a well-formed record of a known kind. */
export function decodeRecord(payload: Uint8Array): DecodedRecord | null {
  let value: unknown;
  try {
    value = decodeValue(payload);
  } catch (error) {
    if (error instanceof DecodeError) return null;
    throw error;
  }
  if (!Array.isArray(value) || !isSafeInt(value[0])) return null;
  switch (value[0]) {
    case Kind.header:
      return decodeHeader(value[1]);
    case Kind.history:
      return decodeHistory(value);
    case Kind.events:
      return decodeEvents(value);
    default:
      return { kind: 'unknown' };
  }
}

function decodeHeader(value: unknown): DecodedRecord | null {
  if (!isRecord(value)) return null;
  const { format, source, instruments, startedAt } = value;
  if (!isSafeInt(format) || typeof source !== 'string' || !isSafeInt(startedAt)) return null;
  if (!Array.isArray(instruments) || !instruments.every(isInstrument)) return null;
  return { kind: 'header', header: { format, source, instruments, startedAt } };
}

function decodeHistory(value: unknown[]): DecodedRecord | null {
  const [, inst, code, end, flat] = value;
  const interval = (Object.keys(HISTORY_CODES) as HistoryInterval[]).find(
    (name) => HISTORY_CODES[name] === code,
  );
  if (!isSafeInt(inst) || !interval || !isSafeInt(end) || !isIntList(flat)) return null;
  if (flat.length % 6 !== 0) return null;
  const ms = INTERVALS[interval].ms;
  const candles: Candle[] = [];
  let time = 0;
  let close = 0;
  for (let i = 0; i < flat.length; i += 6) {
    const [periods, open, high, low, closed, volume] = flat.slice(i, i + 6) as number[];
    time += periods! * ms;
    const c = { time, open: close + open!, high: 0, low: 0, close: 0, volume: volume! };
    c.high = c.open + high!;
    c.low = c.open + low!;
    c.close = c.open + closed!;
    close = c.close;
    if (![c.time, c.open, c.high, c.low, c.close].every(isSafeInt)) return null;
    candles.push(c);
  }
  return { kind: 'history', history: { inst, interval, end, candles } };
}

function decodeEvents(value: unknown[]): DecodedRecord | null {
  const events: RecordedEvent[] = [];
  let time = 0;
  for (let i = 1; i < value.length; i += 1) {
    const e = value[i];
    if (!Array.isArray(e) || !isSafeInt(e[1]) || !isSafeInt(e[2])) return null;
    time += e[1];
    // Deltas that add up past 2^53 would make times inexact: treat the record as malformed.
    if (!isSafeInt(time)) return null;
    const inst = e[2];
    if (e[0] === EventCode.book && e.length === 6) {
      const [, , , snapshot, bids, asks] = e;
      if ((snapshot !== 0 && snapshot !== 1) || !isLevels(bids) || !isLevels(asks)) return null;
      events.push({ type: 'book', time, inst, bids, asks, snapshot: snapshot === 1 });
    } else if (e[0] === EventCode.trade && e.length === 6) {
      const [, , , price, size, side] = e;
      if (!isSafeInt(price) || !isSafeInt(size) || (side !== 1 && side !== 2)) return null;
      events.push({ type: 'trade', time, inst, price, size, side });
    } else if (e[0] === EventCode.status && e.length === 4) {
      if (e[3] !== 0 && e[3] !== 1) return null;
      events.push({ type: 'status', time, inst, live: e[3] === 1 });
    } else if (e[0] === EventCode.stats && e.length === 7) {
      const [, , , open24, high24, low24, volume24] = e;
      if (![open24, high24, low24, volume24].every(isSafeInt)) return null;
      const stats = { open24: open24 === 0 ? null : open24, high24, low24, volume24 };
      events.push({ type: 'stats', time, inst, stats });
    } else {
      return null;
    }
  }
  return { kind: 'events', events };
}

function isIntList(value: unknown): value is number[] {
  return Array.isArray(value) && value.every(isSafeInt);
}

function isLevels(value: unknown): value is FlatLevels {
  return isIntList(value) && value.length % 2 === 0;
}
