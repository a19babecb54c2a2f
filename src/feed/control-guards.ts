/**
 * Field checks for the gateway's control messages. checkServerMessage only checks what every
 * consumer needs (kind, inst, seq); these messages steer the worker itself (its clock, latency,
 * error text and stale-stream set), so a bogus field would poison state for the whole session:
 * a NaN clock offset, "NaN ms" latency, or a stream key that keeps the connection degraded forever.
 */
import { isSafeInt } from '../../protocol/value-guards';
import { CHANNELS, ServerKind, type ServerMessage } from '../../protocol/messages';

const isTime = (value: unknown): boolean =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0;

/** Why a control message cannot be used, or null when it can (other kinds are not checked here). */
export function controlProblem(message: ServerMessage): string | null {
  // Read as plain fields: the types say what they should be, which is what is being checked.
  const m = message as unknown as Record<string, unknown>;
  switch (message.kind) {
    case ServerKind.hello:
      return isTime(m.serverTime) && isTime(m.heartbeatMs) ? null : 'malformed hello';
    case ServerKind.pong:
      return isTime(m.clientTime) && isTime(m.serverTime) ? null : 'malformed pong';
    case ServerKind.error:
      return typeof m.code === 'string' &&
        typeof m.message === 'string' &&
        (m.ref === null || m.ref === undefined || isSafeInt(m.ref))
        ? null
        : 'malformed error message';
    case ServerKind.streamStatus:
      return (CHANNELS as readonly unknown[]).includes(m.channel) && typeof m.live === 'boolean'
        ? null
        : 'malformed stream status';
    default:
      return null;
  }
}
