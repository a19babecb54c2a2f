/** Turns a client's subscribe/unsubscribe into the hub stream it names. */
import {
  DEFAULT_BOOK_DEPTH,
  errorMessage,
  type ErrorMessage,
  type Subscribe,
  type Unsubscribe,
} from '../../protocol/messages';
import { bookTier } from '../hub/book-stream';
import type { Hub, StreamKey } from '../hub/hub';

export type ResolvedKey = { ok: true; key: StreamKey } | { ok: false; error: ErrorMessage };

/**
 * The stream a request names (book depth rounded up to its tier), or the error to answer.
 * `account` exists only when the gateway runs a paper account.
 */
export function resolveStreamKey(
  hub: Hub,
  message: Subscribe | Unsubscribe,
  hasAccount = false,
): ResolvedKey {
  if (message.channel === 'tickers') return { ok: true, key: { channel: 'tickers' } };
  if (message.channel === 'account') {
    if (hasAccount) return { ok: true, key: { channel: 'account' } };
    const text = 'this gateway runs no paper account';
    return { ok: false, error: errorMessage('unavailable', text, message.ref) };
  }
  const instrument = message.symbol === null ? undefined : hub.findSymbol(message.symbol);
  if (!instrument) {
    const text = `unknown symbol ${JSON.stringify(message.symbol)}`;
    return { ok: false, error: errorMessage('unknown_symbol', text, message.ref) };
  }
  const inst = instrument.id;
  switch (message.channel) {
    case 'book':
      return {
        ok: true,
        key: { channel: 'book', inst, depth: bookTier(message.depth ?? DEFAULT_BOOK_DEPTH) },
      };
    case 'trades':
      return { ok: true, key: { channel: 'trades', inst } };
    case 'candles':
      // The guard only lets candles through with an interval.
      return { ok: true, key: { channel: 'candles', inst, interval: message.interval ?? '1m' } };
  }
}

/** A string naming the stream, so one client holds each stream once. */
export function streamKeyId(key: StreamKey): string {
  switch (key.channel) {
    case 'tickers':
      return 'tickers';
    case 'account':
      return 'account';
    case 'book':
      return `book:${key.inst}:${key.depth}`;
    case 'trades':
      return `trades:${key.inst}`;
    case 'candles':
      return `candles:${key.inst}:${key.interval}`;
  }
}
