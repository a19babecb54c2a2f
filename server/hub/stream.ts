/**
 * A stream is one channel instance (e.g. the BTC-USD book at depth 20) with its subscribers.
 * Every message is encoded once and the same bytes go to every subscriber.
 */
import { encodeMessage } from '../../protocol/codec';
import type { ServerMessage } from '../../protocol/messages';

/** Anything that takes encoded messages, in order (a WebSocket session, a test probe). */
export interface Subscriber {
  push(bytes: Uint8Array): void;
}

export class Stream {
  readonly subscribers = new Set<Subscriber>();

  get active(): boolean {
    return this.subscribers.size > 0;
  }

  /** Encodes `message` once and hands the bytes to every subscriber. */
  publish(message: ServerMessage): Uint8Array {
    const bytes = encodeMessage(message);
    for (const subscriber of this.subscribers) subscriber.push(bytes);
    return bytes;
  }
}
