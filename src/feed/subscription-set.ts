/**
 * The streams the page wants, as the worker remembers them across reconnects. Each has the `ref`
 * of its current subscribe request so that an unsubscribe can name it.
 */
import { subscribe, unsubscribe, type Channel, type ClientMessage } from '../../protocol/messages';
import { streamKey, type StreamSpec } from './feed-types';

export class SubscriptionSet {
  private specs = new Map<string, { spec: StreamSpec; ref: number }>();
  private nextRef = 1;

  /** Adds a stream; returns the subscribe message to send, or null when already wanted. */
  add(spec: StreamSpec): ClientMessage | null {
    const key = streamKey(spec);
    if (this.specs.has(key)) return null;
    const ref = this.nextRef++;
    this.specs.set(key, { spec, ref });
    return this.subscribeMessage(spec, ref);
  }

  /** Removes a stream; returns the unsubscribe message to send, or null when it was not wanted. */
  remove(spec: StreamSpec): ClientMessage | null {
    const key = streamKey(spec);
    const entry = this.specs.get(key);
    if (!entry) return null;
    this.specs.delete(key);
    return unsubscribe(this.subscribeMessage(entry.spec, entry.ref));
  }

  /** Subscribe messages for every wanted stream, with fresh refs (after a reconnect). */
  resubscribeAll(): ClientMessage[] {
    return [...this.specs.values()].map((entry) => {
      entry.ref = this.nextRef++;
      return this.subscribeMessage(entry.spec, entry.ref);
    });
  }

  /** Unsubscribe + subscribe pairs that make the server send fresh snapshots of a channel. */
  resync(channel: Channel, symbol: string | null): ClientMessage[] {
    const messages: ClientMessage[] = [];
    for (const entry of this.specs.values()) {
      if (entry.spec.channel !== channel || entry.spec.symbol !== symbol) continue;
      messages.push(unsubscribe(this.subscribeMessage(entry.spec, entry.ref)));
      entry.ref = this.nextRef++;
      messages.push(this.subscribeMessage(entry.spec, entry.ref));
    }
    return messages;
  }

  /** The stream a request ref belongs to, for reporting server errors. */
  specForRef(ref: number): StreamSpec | undefined {
    for (const entry of this.specs.values()) if (entry.ref === ref) return entry.spec;
    return undefined;
  }

  get size(): number {
    return this.specs.size;
  }

  private subscribeMessage(spec: StreamSpec, ref: number) {
    return subscribe(ref, spec.channel, spec.symbol, {
      ...(spec.depth !== null ? { depth: spec.depth } : {}),
      ...(spec.interval !== null ? { interval: spec.interval } : {}),
    });
  }
}
