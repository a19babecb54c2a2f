/**
 * When the feed socket counts as dead. Pure decisions from the clock, so they can be tested as a
 * table: the heartbeat's (every beat) and the wake-up's (a page visible again after hiding).
 */

/** A page hidden at least this long may have slept with the machine: its wake checks the socket. */
export const LONG_HIDDEN_MS = 30_000;

export interface BeatFacts {
  now: number;
  /** When anything last arrived on the socket (or when it was opened). */
  lastReceived: number;
  /** When a wake-up ping went out that nothing has answered yet, else null. */
  probeAt: number | null;
  heartbeatMs: number;
}

/** What a heartbeat does: ping as usual, or give the socket up (after a failed probe: at once). */
export function beatAction(facts: BeatFacts): 'ping' | 'dead' | 'probe-failed' {
  const { now, lastReceived, probeAt, heartbeatMs } = facts;
  const probing = probeAt !== null && lastReceived < probeAt;
  // A wake-up ping unanswered for a beat: the socket died in the sleep.
  if (probing && now - probeAt >= heartbeatMs) return 'probe-failed';
  // Nothing at all (not even a pong) for three heartbeats: the socket is dead but not closed.
  if (now - lastReceived > 3 * heartbeatMs) return 'dead';
  return 'ping';
}

export interface WakeFacts {
  now: number;
  hiddenMs: number;
  lastReceived: number;
  heartbeatMs: number;
  /** The socket said hello: connected to the gateway. */
  connected: boolean;
  /** A socket exists (connected, or an attempt in flight). */
  hasSocket: boolean;
}

/**
 * What a wake-up does. The worker serves several pages and another visible one may have kept the
 * socket busy all along, so this rests on the socket's own silence, not on this page's absence:
 * a long-silent socket is replaced now; a briefly silent one, or any after a long absence, is
 * probed with a ping; without a connection, a long absence cuts the backoff short.
 */
export function wakeAction(facts: WakeFacts): 'none' | 'probe' | 'reconnect' | 'retry' {
  const silentMs = facts.now - facts.lastReceived;
  const longHidden = facts.hiddenMs >= LONG_HIDDEN_MS;
  const dead = silentMs > 3 * facts.heartbeatMs;
  if (facts.connected && facts.hasSocket) {
    if (dead) return 'reconnect';
    return longHidden || silentMs > facts.heartbeatMs ? 'probe' : 'none';
  }
  // Not connected: a backoff timer set before the sleep, or an attempt stuck since then.
  return longHidden || (facts.hasSocket && dead) ? 'retry' : 'none';
}
