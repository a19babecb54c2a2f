/**
 * What a session makes of one client frame before acting on it: the rate limit (checked before
 * decoding, so a flood costs little), decoding, and the per-frame message cap. A refused frame
 * is refused whole, so nothing in it takes effect.
 */
import type { RawData } from 'ws';
import { errorMessage, type ErrorMessage } from '../../protocol/messages';
import { RejectionReason } from './feed-stats';
import type { MessageRate } from './message-rate';
import { MAX_MESSAGES_PER_FRAME } from './session-options';
import type { WireFormat } from './wire-format';

export type Inbound =
  | { ok: true; values: unknown[] }
  /** `error` is null when the refusal is counted but not answered (rate limit, once a second). */
  | { ok: false; reason: RejectionReason; error: ErrorMessage | null; flooding: boolean };

/** Reads one client frame under the connection's message rate. */
export function readInbound(
  wire: WireFormat,
  rate: MessageRate,
  data: RawData,
  isBinary: boolean,
  now: number,
): Inbound {
  if (!rate.hasRoom(now)) return limited(rate, rate.take(1, now), now);
  const incoming = wire.decode(data, isBinary);
  if (!incoming.ok) {
    // A bad frame costs the client as much as a good one.
    rate.take(1, now);
    return {
      ok: false,
      reason: RejectionReason.decodeError,
      error: incoming.error,
      flooding: false,
    };
  }
  const { values } = incoming;
  if (values.length > MAX_MESSAGES_PER_FRAME) {
    rate.take(1, now);
    const text = `a frame may carry at most ${MAX_MESSAGES_PER_FRAME} messages, got ${values.length}`;
    return {
      ok: false,
      reason: RejectionReason.badMessage,
      error: errorMessage('bad_message', text),
      flooding: false,
    };
  }
  const verdict = rate.take(Math.max(1, values.length), now);
  if (verdict !== 'ok') return limited(rate, verdict, now);
  return { ok: true, values };
}

function limited(rate: MessageRate, verdict: 'ok' | 'limited' | 'flooding', now: number): Inbound {
  const error = rate.shouldAnswer(now)
    ? errorMessage('rate_limited', 'too many messages: slow down')
    : null;
  return {
    ok: false,
    reason: RejectionReason.rateLimited,
    error,
    flooding: verdict === 'flooding',
  };
}

/** The `ref` of a client message, when it carries a usable one. */
export function refOf(value: unknown): number | null {
  if (typeof value !== 'object' || value === null) return null;
  const ref = (value as Record<string, unknown>).ref;
  return Number.isSafeInteger(ref) ? (ref as number) : null;
}

/** The refusal a `ws` socket error stands for, or null for a plain network error. */
export function socketErrorReason(error: Error): RejectionReason | null {
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string' || !code.startsWith('WS_ERR_')) return null;
  return code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH'
    ? RejectionReason.frameTooLarge
    : RejectionReason.protocolError;
}
