/** A `ws` client for account-channel tests: keeps account messages, checked by their guard. */
import WebSocket from 'ws';
import type { AccountMessage } from '../../protocol/account-messages';
import { decodeFrame, encodeMessage } from '../../protocol/codec';
import { checkAccountMessage, isAccountKind } from '../../protocol/guards';
import { subscribe } from '../../protocol/messages';
import { isRecord } from '../../protocol/value-guards';

export class AccountClient {
  readonly messages: AccountMessage[] = [];
  /** Other messages by kind (hello, errors…). */
  readonly others: unknown[] = [];

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      for (const value of decodeFrame(new Uint8Array(data))) {
        if (!isRecord(value) || !isAccountKind(value.kind)) {
          this.others.push(value);
          continue;
        }
        const checked = checkAccountMessage(value);
        if (!checked.ok) throw new Error(`invalid account message: ${checked.error}`);
        this.messages.push(checked.value);
      }
    });
  }

  /** Connects to the gateway's /ws and subscribes to the account channel. */
  static async connect(baseUrl: string): Promise<AccountClient> {
    const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/ws`);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    const client = new AccountClient(socket);
    socket.send(encodeMessage(subscribe(1, 'account', null)));
    return client;
  }

  /** Resolves with the first message that matches (polling; tests only). */
  async waitFor(match: (m: AccountMessage) => boolean, timeoutMs = 5000): Promise<AccountMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error('timed out waiting for an account message');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  close(): void {
    this.socket.close();
  }
}
