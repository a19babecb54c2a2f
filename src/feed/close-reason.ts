/**
 * Why the gateway closed the socket, in words for the connection indicator. The close code says
 * what kind of ending it was; the gateway's reason text (at most 123 bytes, and not to be trusted
 * for markup) adds detail where it has any.
 */

/** WebSocket close codes the gateway uses or a browser reports. */
export const CloseCode = {
  normal: 1000,
  goingAway: 1001,
  abnormal: 1006,
  policy: 1008,
  tooBig: 1009,
  internalError: 1011,
  serviceRestart: 1012,
  tryAgainLater: 1013,
} as const;

const MAX_REASON_LENGTH = 80;

/** The reason text cleaned for display: printable, single line, bounded. */
function cleanReason(reason: unknown): string {
  if (typeof reason !== 'string') return '';
  // eslint-disable-next-line no-control-regex
  const printable = reason.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return printable.length > MAX_REASON_LENGTH
    ? `${printable.slice(0, MAX_REASON_LENGTH - 1)}…`
    : printable;
}

/**
 * Words for a close event, or null when it says nothing new (a dropped connection, 1006, or an
 * event without a code): the previous explanation, if any, then still holds.
 */
export function describeClose(code: unknown, reason: unknown): string | null {
  if (typeof code !== 'number' || !Number.isInteger(code)) return null;
  const text = cleanReason(reason);
  switch (code) {
    case CloseCode.abnormal:
      return null;
    case CloseCode.goingAway:
      return text || 'gateway shutting down';
    case CloseCode.serviceRestart:
      return text || 'gateway restarting';
    case CloseCode.tryAgainLater:
      return `gateway asked to retry later${text ? ` (${text})` : ''}`;
    case CloseCode.policy:
      return `refused by the gateway${text ? ` (${text})` : ''}`;
    case CloseCode.tooBig:
      return `message too big for the gateway${text ? ` (${text})` : ''}`;
    case CloseCode.internalError:
      return `gateway error${text ? ` (${text})` : ''}`;
    default:
      return text || `closed by the gateway (code ${code})`;
  }
}
