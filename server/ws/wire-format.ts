/**
 * How a session frames what it sends and reads what it receives: MessagePack binary frames (the
 * feed), JSON text frames (`?format=json`, for debugging), or the naive baseline that benchmarks
 * compare against (JSON encoded per client, one frame per message).
 */
import type { RawData } from 'ws';
import { DecodeError, decodeFrame, joinFrame } from '../../protocol/codec';
import { JsonDecodeError, decodeJsonFrame, joinJsonFrame } from '../../protocol/json-codec';
import { errorMessage, type ErrorMessage } from '../../protocol/messages';
import type { Encoded } from '../hub/stream';

export const FEED_FORMATS = ['msgpack', 'json'] as const;
export type FeedFormat = (typeof FEED_FORMATS)[number];

export const FANOUT_MODES = ['shared', 'naive'] as const;
/** `shared`: encode once per stream, batch per tick. `naive`: the benchmark baseline. */
export type FanoutMode = (typeof FANOUT_MODES)[number];

/** One outgoing WebSocket frame. */
export interface Frame {
  data: Uint8Array | string;
  binary: boolean;
  messages: number;
  bytes: number;
}

export type Incoming = { ok: true; values: unknown[] } | { ok: false; error: ErrorMessage };

/** The framing of one session's traffic; it holds the messages queued for the next frame. */
export interface WireFormat {
  /** False when every message must leave at once in a frame of its own. */
  readonly batched: boolean;
  /** Bytes queued and not yet taken (JSON counts UTF-16 code units: close enough for bounds). */
  readonly queuedBytes: number;
  /** Messages queued and not yet taken. */
  readonly queuedMessages: number;
  add(encoded: Encoded): void;
  /** Takes everything queued as the frames to send (none when the queue is empty). */
  take(): Frame[];
  clear(): void;
  decode(data: RawData, isBinary: boolean): Incoming;
}

/** Whether `value` names a feed format. */
export function isFeedFormat(value: unknown): value is FeedFormat {
  return (FEED_FORMATS as readonly unknown[]).includes(value);
}

/** Whether `value` names a fan-out mode. */
export function isFanoutMode(value: unknown): value is FanoutMode {
  return (FANOUT_MODES as readonly unknown[]).includes(value);
}

/** The wire format for a client's format under the gateway's fan-out mode. */
export function createWireFormat(format: FeedFormat, fanout: FanoutMode): WireFormat {
  if (fanout === 'naive') return new NaiveJsonWire();
  return format === 'json' ? new JsonWire() : new MsgpackWire();
}

/** The queue every format keeps for the next frame; subclasses say how an item is sized and joined. */
abstract class QueuedWire<T extends Uint8Array | string> implements WireFormat {
  readonly batched: boolean = true;
  queuedBytes = 0;
  protected queue: T[] = [];

  get queuedMessages(): number {
    return this.queue.length;
  }

  abstract add(encoded: Encoded): void;
  abstract decode(data: RawData, isBinary: boolean): Incoming;
  /** Joins a non-empty queue into one frame's data. */
  protected abstract join(queue: T[]): T;

  protected push(item: T): void {
    this.queue.push(item);
    this.queuedBytes += typeof item === 'string' ? item.length : item.byteLength;
  }

  take(): Frame[] {
    if (this.queue.length === 0) return [];
    const data = this.join(this.queue);
    const binary = typeof data !== 'string';
    const bytes = typeof data === 'string' ? data.length : data.byteLength;
    const frame = { data, binary, messages: this.queue.length, bytes };
    this.clear();
    return [frame];
  }

  clear(): void {
    this.queue = [];
    this.queuedBytes = 0;
  }
}

class MsgpackWire extends QueuedWire<Uint8Array> {
  add(encoded: Encoded): void {
    this.push(encoded.msgpack);
  }

  protected join(queue: Uint8Array[]): Uint8Array {
    return joinFrame(queue);
  }

  decode(data: RawData, isBinary: boolean): Incoming {
    if (!isBinary) {
      return fail(
        'binary_only',
        'frames must be binary MessagePack, not text (or use ?format=json)',
      );
    }
    try {
      return { ok: true, values: decodeFrame(toBytes(data)) };
    } catch (error) {
      return fail('decode_error', error instanceof DecodeError ? error.message : 'undecodable');
    }
  }
}

class JsonWire extends QueuedWire<string> {
  add(encoded: Encoded): void {
    this.push(encoded.json);
  }

  protected join(queue: string[]): string {
    return joinJsonFrame(queue);
  }

  decode(data: RawData, isBinary: boolean): Incoming {
    if (isBinary) return fail('text_only', 'this connection speaks JSON: send text frames');
    try {
      const bytes = toBytes(data);
      const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
      return { ok: true, values: decodeJsonFrame(text) };
    } catch (error) {
      return fail('decode_error', error instanceof JsonDecodeError ? error.message : 'bad JSON');
    }
  }
}

/** The "typical gateway" baseline: every client stringifies every message itself, unbatched. */
class NaiveJsonWire extends JsonWire {
  override readonly batched = false;

  override add(encoded: Encoded): void {
    this.push(JSON.stringify(encoded.message));
  }

  override take(): Frame[] {
    const frames = this.queue.map((data) => ({
      data,
      binary: false,
      messages: 1,
      bytes: data.length,
    }));
    this.clear();
    return frames;
  }
}

function fail(code: string, message: string): Incoming {
  return { ok: false, error: errorMessage(code, message) };
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return data;
}
