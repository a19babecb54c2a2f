/**
 * Type guards for decoded messages. Everything that arrives off a socket is `unknown` until one of
 * these says otherwise; a rejection carries a reason a client developer can act on.
 */
import { isAccountKind } from './account-guards';
import { isInterval, type Interval } from './intervals';
import { isRecord, isSafeInt } from './value-guards';
import {
  CHANNELS,
  ClientKind,
  MAX_BOOK_DEPTH,
  ServerKind,
  type Channel,
  type ClientMessage,
  type ServerMessage,
} from './messages';

export {
  checkAccountMessage,
  isAccountKind,
  isAccountView,
  isFillView,
  isMoneyText,
  isOrderView,
  isPositionView,
} from './account-guards';

export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

const MAX_SYMBOL_LENGTH = 32;
const SYMBOL_PATTERN = /^[A-Za-z0-9._:/-]+$/;

/** Validates a decoded client → server message. */
export function checkClientMessage(value: unknown): Checked<ClientMessage> {
  if (!isRecord(value)) return fail('message must be a map');
  switch (value.kind) {
    case ClientKind.subscribe:
    case ClientKind.unsubscribe:
      return checkSubscription(value);
    case ClientKind.ping:
      if (!isSafeInt(value.id)) return fail('ping.id must be an integer');
      if (!isFiniteNumber(value.clientTime)) return fail('ping.clientTime must be a number');
      return { ok: true, value: value as unknown as ClientMessage };
    default:
      return fail(`unknown message kind ${describe(value.kind)}`);
  }
}

function checkSubscription(value: Record<string, unknown>): Checked<ClientMessage> {
  const { ref, channel, symbol, depth, interval } = value;
  if (!isSafeInt(ref)) return fail('ref must be an integer');
  if (!isChannel(channel)) return fail(`channel must be one of ${CHANNELS.join(', ')}`);
  if (channel === 'tickers' || channel === 'account') {
    if (symbol !== null && symbol !== undefined) return fail(`${channel} takes no symbol`);
  } else if (!isSymbol(symbol)) {
    return fail(`${channel} needs a symbol (1-${MAX_SYMBOL_LENGTH} letters, digits or ._:/-)`);
  }
  if (channel === 'book') {
    if (depth !== null && depth !== undefined && !isDepth(depth)) {
      return fail(`depth must be an integer from 1 to ${MAX_BOOK_DEPTH}`);
    }
  } else if (depth !== null && depth !== undefined) {
    return fail('depth applies only to the book channel');
  }
  if (channel === 'candles') {
    if (!isInterval(interval)) return fail('candles need an interval: 1m, 5m, 15m, 1h, 4h or 1d');
  } else if (interval !== null && interval !== undefined) {
    return fail('interval applies only to the candles channel');
  }
  return {
    ok: true,
    value: {
      kind: value.kind as typeof ClientKind.subscribe,
      ref,
      channel,
      symbol: (symbol as string | null | undefined) ?? null,
      depth: (depth as number | null | undefined) ?? null,
      interval: channel === 'candles' ? (interval as Interval) : null,
    },
  };
}

const SERVER_KINDS = new Set<unknown>(Object.values(ServerKind));

/**
 * Cheap structural check of a decoded market-data message (account-channel messages are refused
 * here: check those with checkAccountMessage): the kind is known and the fields
 * every consumer relies on have the right types. Detailed checks belong to whoever applies them.
 */
export function checkServerMessage(value: unknown): Checked<ServerMessage> {
  if (!isRecord(value)) return fail('message must be a map');
  if (!SERVER_KINDS.has(value.kind)) return fail(`unknown message kind ${describe(value.kind)}`);
  if (isAccountKind(value.kind)) {
    return fail('account messages are checked with checkAccountMessage');
  }
  const kind = value.kind as ServerMessage['kind'];
  const needsStream =
    kind !== ServerKind.hello &&
    kind !== ServerKind.error &&
    kind !== ServerKind.pong &&
    kind !== ServerKind.tickerSnapshot;
  if (needsStream && !isSafeInt(value.inst)) return fail('inst must be an integer');
  if (needsStream && kind !== ServerKind.streamStatus && !isSafeInt(value.seq)) {
    return fail('seq must be an integer');
  }
  if (
    (kind === ServerKind.bookSnapshot || kind === ServerKind.bookDelta) &&
    !(isIntArray(value.bids) && isIntArray(value.asks))
  ) {
    return fail('book levels must be integer arrays of even length');
  }
  if (kind === ServerKind.tickerSnapshot && !Array.isArray(value.tickers)) {
    return fail('tickers must be a list');
  }
  if (kind === ServerKind.tradesSnapshot && !Array.isArray(value.trades)) {
    return fail('trades must be a list');
  }
  return { ok: true, value: value as unknown as ServerMessage };
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && (CHANNELS as readonly string[]).includes(value);
}

function isSymbol(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length > 0 &&
    value.length <= MAX_SYMBOL_LENGTH &&
    SYMBOL_PATTERN.test(value)
  );
}

function isDepth(value: unknown): value is number {
  return isSafeInt(value) && value >= 1 && value <= MAX_BOOK_DEPTH;
}

function isIntArray(value: unknown): value is number[] {
  return Array.isArray(value) && value.length % 2 === 0 && value.every(isSafeInt);
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : String(value);
}

function fail(error: string): { ok: false; error: string } {
  return { ok: false, error };
}
