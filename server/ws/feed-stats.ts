/**
 * Plain counters the sessions of one gateway bump on their hot path; the metrics route reads
 * them at scrape time, so sending a frame costs additions, not metric-library calls.
 */

/** Why a client's input or connection was refused (the `reason` label of the metric). */
export const RejectionReason = {
  /** Undecodable frame, invalid message, wrong frame type, too many messages in one frame. */
  badMessage: 'bad_message',
  /** A subscribe/unsubscribe naming a symbol or channel this gateway does not serve. */
  unknownStream: 'unknown_stream',
  /** A subscribe past the per-connection subscription limit. */
  tooManySubscriptions: 'too_many_subscriptions',
  /** A frame past the per-connection message rate. */
  rateLimited: 'rate_limited',
  /** A connection closed 1008 for staying over the message rate. */
  floodClose: 'flood_close',
  /** A frame larger than the gateway's maximum payload (closed 1009 by ws). */
  frameTooLarge: 'frame_too_large',
  /** Any other WebSocket protocol violation (bad opcode, invalid UTF-8…; closed by ws). */
  protocolError: 'protocol_error',
  /** An upgrade past the per-address connection limit (closed 1013 right after the upgrade). */
  tooManyConnections: 'too_many_connections',
} as const;

export type RejectionReason = (typeof RejectionReason)[keyof typeof RejectionReason];

export const REJECTION_REASONS: readonly RejectionReason[] = Object.values(RejectionReason);

/** Reasons that refuse one client message (they also count in `rejectedMessages`). */
const MESSAGE_REASONS: ReadonlySet<RejectionReason> = new Set([
  RejectionReason.badMessage,
  RejectionReason.unknownStream,
  RejectionReason.tooManySubscriptions,
  RejectionReason.rateLimited,
]);

export class FeedStats {
  messagesSent = 0;
  bytesSent = 0;
  framesSent = 0;
  /** Times a client entered conflated mode (for its own backlog or the global budget). */
  conflations = 0;
  /** Clients closed with 1013 "too slow" (their own bound or lag limit). */
  slowCloses = 0;
  /** Times a client was conflated because the gateway's total unsent bytes passed its budget. */
  budgetConflations = 0;
  /** Clients closed with 1013 because the gateway's total unsent bytes passed its budget. */
  budgetCloses = 0;
  /** Client messages refused (undecodable, invalid, unknown stream, over a limit). */
  rejectedMessages = 0;
  /** Every refusal of input or of a connection, by reason. */
  readonly rejections: Record<RejectionReason, number> = Object.fromEntries(
    REJECTION_REASONS.map((reason) => [reason, 0]),
  ) as Record<RejectionReason, number>;

  /** Counts one refusal. */
  reject(reason: RejectionReason): void {
    this.rejections[reason]++;
    if (MESSAGE_REASONS.has(reason)) this.rejectedMessages++;
  }
}
