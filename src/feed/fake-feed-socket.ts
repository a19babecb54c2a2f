/** A scripted stand-in for the gateway's WebSocket, for FeedSession tests (no network, no timers). */
import { decodeFrame, encodeMessage, joinFrame } from '../../protocol/codec';
import type { GatewayMessage } from '../../protocol/messages';
import { FeedHub, type HubOptions } from './feed-hub';
import { FeedSession, type SocketLike } from './feed-session';
import type { FeedBatch } from './feed-types';

export class FakeFeedSocket implements SocketLike {
  binaryType: BinaryType = 'blob';
  readyState = 0;
  onopen: ((event: Event) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  sent: Array<Record<string, unknown>> = [];
  closed = false;
  send(data: Uint8Array) {
    this.sent.push(decodeFrame(data)[0] as Record<string, unknown>);
  }
  close() {
    this.closed = true;
  }
  open() {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }
  /** Delivers messages as one frame. */
  receive(...messages: GatewayMessage[]) {
    this.receiveBytes(joinFrame(messages.map(encodeMessage)));
  }
  receiveBytes(bytes: Uint8Array) {
    this.onmessage?.(new MessageEvent('message', { data: bytes.slice().buffer }));
  }
  /** The gateway closes; without a code it is a plain dropped connection as some browsers report. */
  serverClose(code?: number, reason = '') {
    this.readyState = 3;
    const event = code === undefined ? new Event('close') : { type: 'close', code, reason };
    this.onclose?.(event as CloseEvent);
  }
}

/** A session on fake sockets, with every batch it posted and its newest connection report. */
export function fakeSession(options: { heartbeatMs?: number } = {}) {
  const sockets: FakeFeedSocket[] = [];
  const batches: FeedBatch[] = [];
  const session = new FeedSession({
    url: 'ws://test/ws',
    createSocket: () => {
      const socket = new FakeFeedSocket();
      sockets.push(socket);
      return socket;
    },
    post: (batch) => batches.push(batch),
    now: () => Date.now(),
    ...options,
  });
  const lastConnection = () => [...batches].reverse().find((b) => b.connection)?.connection;
  return { session, sockets, batches, lastConnection };
}

/**
 * A feed hub whose one session runs on fake sockets and flushes only when the hub ticks; by
 * default it never drops a silent page.
 */
export function fakeFeedHub(options: Pick<HubOptions, 'silentAfterMs'> = { silentAfterMs: null }) {
  const sockets: FakeFeedSocket[] = [];
  const hub = new FeedHub({
    createSession: (url, post) =>
      new FeedSession({
        url,
        post,
        flushMs: null,
        createSocket: () => {
          const socket = new FakeFeedSocket();
          sockets.push(socket);
          return socket;
        },
      }),
    ...options,
  });
  return { hub, sockets };
}
