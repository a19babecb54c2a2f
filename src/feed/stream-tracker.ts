/**
 * Per-stream sequence tracking. Sequenced streams (book, trades) must continue exactly from their
 * snapshot; full-state streams (tickers, candles) only need to move forward. The verdict tells the
 * worker whether to apply a message, drop it as old, or resubscribe for a fresh snapshot.
 */

export const Verdict = { apply: 'apply', drop: 'drop', resync: 'resync' } as const;
export type Verdict = (typeof Verdict)[keyof typeof Verdict];

interface StreamState {
  /** Last applied sequence, or null while waiting for a snapshot. */
  seq: number | null;
  /** When a resubscribe was last asked for, to avoid a storm while old messages drain. */
  resyncAt: number;
}

export class StreamTracker {
  private streams = new Map<string, StreamState>();

  constructor(private readonly resyncCooldownMs = 1_000) {}

  /** Records a snapshot: the stream continues from `seq`. */
  snapshot(key: string, seq: number): void {
    const state = this.streams.get(key);
    this.streams.set(key, { seq, resyncAt: state?.resyncAt ?? -Infinity });
  }

  /** Verdict for a message of a sequenced stream whose seq must be exactly last + 1. */
  next(key: string, seq: number, now: number): Verdict {
    const state = this.streams.get(key) ?? { seq: null, resyncAt: -Infinity };
    this.streams.set(key, state);
    if (state.seq === null) {
      // Deltas before the snapshot: either old ones still draining after a resubscribe (drop)
      // or a stream that never sent its snapshot (ask again, but not on every message).
      if (now - state.resyncAt < this.resyncCooldownMs) return Verdict.drop;
      state.resyncAt = now;
      return Verdict.resync;
    }
    if (seq <= state.seq) return Verdict.drop;
    if (seq === state.seq + 1) {
      state.seq = seq;
      return Verdict.apply;
    }
    state.seq = null;
    state.resyncAt = now;
    return Verdict.resync;
  }

  /** Verdict for a full-state message: anything newer than the last applied one is applied. */
  latest(key: string, seq: number): Verdict {
    const state = this.streams.get(key);
    if (state?.seq != null && seq <= state.seq) return Verdict.drop;
    this.streams.set(key, { seq, resyncAt: state?.resyncAt ?? -Infinity });
    return Verdict.apply;
  }

  /** True when the stream is in place (its snapshot arrived and no gap since). */
  has(key: string): boolean {
    return this.streams.get(key)?.seq != null;
  }

  /** Forgets one stream (after unsubscribing). */
  forget(key: string): void {
    this.streams.delete(key);
  }

  /** Forgets everything (a new connection starts every stream from a snapshot). */
  clear(): void {
    this.streams.clear();
  }
}
