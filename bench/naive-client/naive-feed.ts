/**
 * BENCHMARK BASELINE ONLY: a deliberately naive feed client, as typical trading UIs build it. The
 * socket lives on the main thread in JSON mode (`/ws?format=json`); every message is parsed there
 * and applied to the stores at once, one store update per message. It implements the app's
 * FeedClient so the very same dashboard components render on top of it.
 */
import { checkServerMessage } from '../../protocol/guards';
import {
  ping,
  ServerKind,
  subscribe,
  unsubscribe,
  type ClientMessage,
} from '../../protocol/messages';
import { applyBatch } from '../../src/feed/apply-batch';
import { ClockOffset } from '../../src/feed/clock-offset';
import type { FeedClient } from '../../src/feed/feed-client';
import { perfTapSlot } from '../../src/feed/perf-tap';
import { applyConnection } from '../../src/stores/connection-store';
import { messageBatch } from './naive-message';

/** Opens the naive feed against the page's own gateway. */
export function createNaiveFeedClient(): FeedClient {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  const socket = new WebSocket(`${scheme}://${window.location.host}/ws?format=json`);
  const outbox: ClientMessage[] = [];
  const clock = new ClockOffset();
  const counters = { messages: 0, frames: 0, handleMs: 0, invalid: 0 };
  let ref = 0;
  let pingId = 0;

  const send = (message: ClientMessage) => {
    if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
    else outbox.push(message);
  };
  socket.onopen = () => {
    for (const message of outbox.splice(0)) socket.send(JSON.stringify(message));
  };
  socket.onmessage = (event: MessageEvent<unknown>) => {
    const started = performance.now();
    counters.frames++;
    const parsed: unknown = typeof event.data === 'string' ? JSON.parse(event.data) : null;
    const values: unknown[] = Array.isArray(parsed) ? parsed : [parsed];
    for (const value of values) {
      counters.messages++;
      const checked = checkServerMessage(value);
      if (!checked.ok) {
        counters.invalid++;
        continue;
      }
      const message = checked.value;
      if (message.kind === ServerKind.hello) {
        clock.hello(message.serverTime, Date.now());
        applyConnection({
          state: 'live',
          latencyMs: null,
          lastMessageTime: Date.now(),
          invalidMessages: counters.invalid,
          lastError: null,
          staleStreams: [],
        });
      } else if (message.kind === ServerKind.pong) {
        clock.pong(message.clientTime, message.serverTime, Date.now());
      }
      const batch = messageBatch(message, Date.now());
      if (!batch) continue;
      applyBatch(batch);
      perfTapSlot.current?.applied(batch);
    }
    counters.handleMs += performance.now() - started;
  };
  const timers = [
    setInterval(() => send(ping(++pingId, Date.now())), 1_000),
    setInterval(() => {
      perfTapSlot.current?.workerStats({
        at: Date.now(),
        ...counters,
        clockOffsetMs: clock.offsetMs,
        rttMs: clock.rttMs,
      });
    }, 250),
  ];

  return {
    subscribe(channel, symbol, options = {}) {
      const request = subscribe(++ref, channel, channel === 'tickers' ? null : symbol, options);
      send(request);
      return () => send(unsubscribe(request));
    },
    setInstruments: () => undefined,
    setNetwork: () => undefined,
    leave: () => undefined,
    resume: () => undefined,
    dispose() {
      for (const timer of timers) clearInterval(timer);
      socket.close();
    },
  };
}
