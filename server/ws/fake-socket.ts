/** An in-memory stand-in for a `ws` socket, for session unit tests. */
import { EventEmitter } from 'node:events';
import { decodeFrame, encodeMessage } from '../../protocol/codec';
import { decodeJsonFrame } from '../../protocol/json-codec';
import type { ServerMessage } from '../../protocol/messages';
import type { FeedSocket } from './session-options';

export class FakeSocket extends EventEmitter implements FeedSocket {
  readyState = 1;
  bufferedAmount = 0;
  sent: Array<Uint8Array | string> = [];
  pings = 0;
  closedWith: [number | undefined, string | undefined] | null = null;
  terminated = false;
  /** The `binary` flag each frame was sent with. */
  binary: boolean[] = [];
  send(data: Uint8Array | string, options: { binary: boolean }): void {
    this.sent.push(data);
    this.binary.push(options.binary);
  }
  ping(): void {
    this.pings++;
  }
  close(code?: number, reason?: string): void {
    this.closedWith = [code, reason];
  }
  terminate(): void {
    this.terminated = true;
  }
  /** Every message sent so far, decoded from binary or JSON frames. */
  messages(): ServerMessage[] {
    return this.sent.flatMap(
      (f) => (typeof f === 'string' ? decodeJsonFrame(f) : decodeFrame(f)) as ServerMessage[],
    );
  }
  /** Delivers a client message as a binary MessagePack frame. */
  receive(message: Parameters<typeof encodeMessage>[0]): void {
    this.emit('message', Buffer.from(encodeMessage(message)), true);
  }
  /** Delivers a text frame, as a browser sends a string. */
  receiveText(text: string): void {
    this.emit('message', Buffer.from(text, 'utf8'), false);
  }
}
