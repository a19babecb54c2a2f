/** A small `ws` client for integration tests: collects decoded server messages and waits for them. */
import WebSocket from 'ws';
import { decodeFrame, encodeMessage } from '../../protocol/codec';
import { checkServerMessage } from '../../protocol/guards';
import type { ClientMessage, ServerMessage } from '../../protocol/messages';

export class TestClient {
  readonly messages: ServerMessage[] = [];
  readonly frames: Uint8Array[] = [];
  private waiters: Array<() => void> = [];

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      const bytes = new Uint8Array(data);
      this.frames.push(bytes);
      for (const value of decodeFrame(bytes)) {
        const checked = checkServerMessage(value);
        if (!checked.ok) throw new Error(`server sent an invalid message: ${checked.error}`);
        this.messages.push(checked.value);
      }
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  /** Connects to ws://host:port/ws and resolves once open. */
  static async connect(baseUrl: string): Promise<TestClient> {
    const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/ws`);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new TestClient(socket);
  }

  send(message: ClientMessage): void {
    this.socket.send(encodeMessage(message));
  }

  sendRaw(data: Uint8Array | string): void {
    this.socket.send(data);
  }

  /** Resolves with the first message (from index `after` on) that matches. */
  async waitFor<T extends ServerMessage>(
    match: (m: ServerMessage) => m is T,
    after?: number,
    timeoutMs?: number,
  ): Promise<T>;
  async waitFor(
    match: (m: ServerMessage) => boolean,
    after?: number,
    timeoutMs?: number,
  ): Promise<ServerMessage>;
  async waitFor(
    match: (m: ServerMessage) => boolean,
    after = 0,
    timeoutMs = 5000,
  ): Promise<ServerMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.slice(after).find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error('timed out waiting for a message');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 50);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.close();
    });
  }
}

/** Type-narrowing matcher for a message kind. */
export function kind<K extends ServerMessage['kind']>(
  k: K,
): (m: ServerMessage) => m is Extract<ServerMessage, { kind: K }> {
  return (m): m is Extract<ServerMessage, { kind: K }> => m.kind === k;
}
