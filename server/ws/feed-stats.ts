/**
 * Plain counters the sessions of one gateway bump on their hot path; the metrics route reads
 * them at scrape time, so sending a frame costs additions, not metric-library calls.
 */

/** Why a client's input or connection was refused (the `reason` label of the metric). */
export const RejectionReason = {
  /**
   * A frame the gateway could not decode: not MessagePack (or not JSON on `?format=json`), or the
   * other feed's frame type. Counted apart from invalid messages: a client sending bytes that do
   * not decode at all is broken or hostile, one sending invalid messages is usually out of date.
   */
  decodeError: 'decode_error',
  /** A decoded message that is invalid or of an unknown kind, or too many messages in one frame. */
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
  RejectionReason.decodeError,
  RejectionReason.badMessage,
  RejectionReason.unknownStream,
  RejectionReason.tooManySubscriptions,
  RejectionReason.rateLimited,
]);

/** Why messages meant for a client were never sent (the `reason` label of the metric). */
export const DropReason = {
  /** A stream message skipped while the client was behind (it gets a fresh snapshot later). */
  conflated: 'conflated',
  /** Messages still queued when the client's session ended (closed, dropped or shed). */
  closed: 'closed',
} as const;

export type DropReason = (typeof DropReason)[keyof typeof DropReason];

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
  /** Clients cut off (no close frame: 1006 at their end) after two pings went unanswered. */
  heartbeatTimeouts = 0;
  /** Client messages refused (undecodable, invalid, unknown stream, over a limit). */
  rejectedMessages = 0;
  /** Messages meant for a client and never sent, by reason. */
  readonly droppedMessages: Record<DropReason, number> = { conflated: 0, closed: 0 };
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
