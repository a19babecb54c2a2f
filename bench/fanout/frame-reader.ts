/**
 * Reads one received frame the way a client would (MessagePack through the codec, or JSON text in
 * the baseline's JSON mode), counts its messages and records trade latency.
 */
import { decodeFrame } from '../../protocol/codec';
import { ServerKind } from '../../protocol/messages';
import type { LatencyHistogram } from './latency-histogram';

export interface FrameCount {
  messages: number;
  trades: number;
  /** True when the frame could not be decoded (it then counts no messages). */
  malformed: boolean;
}

/**
 * Decodes a frame and records `receivedAt - time` of each trade into `latency`. A trade's `time`
 * is stamped by the simulator at event time on the gateway host, which is this host. When `kinds`
 * is given, counts messages per `kind` into it.
 */
export function readFrame(
  data: Uint8Array,
  isBinary: boolean,
  receivedAt: number,
  latency: LatencyHistogram,
  kinds?: Map<number, number>,
): FrameCount {
  let values: unknown[];
  try {
    if (isBinary) {
      values = decodeFrame(data);
    } else {
      const parsed: unknown = JSON.parse(new TextDecoder().decode(data));
      values = Array.isArray(parsed) ? parsed : [parsed];
    }
  } catch {
    return { messages: 0, trades: 0, malformed: true };
  }
  let trades = 0;
  for (const value of values) {
    if (kinds) {
      const kind = kindOf(value);
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    }
    const time = tradeTime(value);
    if (time === null) continue;
    trades += 1;
    latency.record(receivedAt - time);
  }
  return { messages: values.length, trades, malformed: false };
}

/** The `time` of a trade message, or null for anything else. */
export function tradeTime(value: unknown): number | null {
  if (typeof value !== 'object' || value === null) return null;
  const record = value as Record<string, unknown>;
  if (record.kind !== ServerKind.trade) return null;
  const time = record.time;
  return typeof time === 'number' && Number.isFinite(time) ? time : null;
}

/** The numeric `kind` of a decoded message, or -1 when it has none. */
export function kindOf(value: unknown): number {
  if (typeof value !== 'object' || value === null) return -1;
  const kind = (value as Record<string, unknown>).kind;
  return typeof kind === 'number' ? kind : -1;
}
