/**
 * A stream is one channel instance (e.g. the BTC-USD book at depth 20) with its subscribers.
 * Every message is encoded at most once per wire format and the same encoding goes to every
 * subscriber.
 */
import { encodeMessage } from '../../protocol/codec';
import { encodeJsonMessage } from '../../protocol/json-codec';
import type { GatewayMessage } from '../../protocol/messages';
import type { Interval } from '../../protocol/intervals';

export type StreamKey =
  | { channel: 'tickers' }
  | { channel: 'book'; inst: number; depth: number }
  | { channel: 'trades'; inst: number }
  | { channel: 'candles'; inst: number; interval: Interval }
  | { channel: 'account' };

/**
 * One published message and its encodings. Each encoding is made on first use and then shared,
 * so a stream with only binary clients never builds JSON and vice versa. The message must not be
 * changed after it is wrapped.
 */
export class Encoded {
  private bytes: Uint8Array | null = null;
  private text: string | null = null;

  constructor(readonly message: GatewayMessage) {}

  /** The MessagePack bytes (the binary feed). */
  get msgpack(): Uint8Array {
    this.bytes ??= encodeMessage(this.message);
    return this.bytes;
  }

  /** The JSON text (the `?format=json` feed). */
  get json(): string {
    this.text ??= encodeJsonMessage(this.message);
    return this.text;
  }
}

/** Anything that takes stream messages, in order (a WebSocket session, a test probe). */
export interface Subscriber {
  /** `key` names the stream the message belongs to (tiered depth for books). */
  push(encoded: Encoded, key: StreamKey): void;
}

export class Stream {
  readonly subscribers = new Set<Subscriber>();

  constructor(readonly key: StreamKey) {}

  get active(): boolean {
    return this.subscribers.size > 0;
  }

  /** Wraps `message` once and hands it to every subscriber. */
  publish(message: GatewayMessage): Encoded {
    const encoded = new Encoded(message);
    for (const subscriber of this.subscribers) subscriber.push(encoded, this.key);
    return encoded;
  }
}
