/**
 * The per-connection limit on client messages: a token bucket refilled at `perSecond` holding at
 * most `burst` tokens (a reconnecting client resubscribes everything at once), and a record of
 * how long the client has kept going over it, so a flood can be cut off instead of answered
 * forever.
 */

export interface MessageRateOptions {
  /** Messages per second allowed on average. */
  perSecond: number;
  /** Messages allowed at once after a quiet spell. */
  burst: number;
  /** A client refused at least once a second for this long is flooding. */
  floodMs: number;
}

/** What a frame of `cost` messages gets: through, refused, or refused and the client is flooding. */
export type RateVerdict = 'ok' | 'limited' | 'flooding';

/** Refusals further apart than this end a streak of excess. */
const STREAK_GAP_MS = 1000;

export class MessageRate {
  private tokens: number;
  private refilledAt: number;
  private streakStart = 0;
  private lastRefusal = Number.NEGATIVE_INFINITY;
  private answeredAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly options: MessageRateOptions,
    now: number,
  ) {
    this.tokens = options.burst;
    this.refilledAt = now;
  }

  /** Whether there is room for at least one more message (checked before decoding a frame). */
  hasRoom(now: number): boolean {
    this.refill(now);
    return this.tokens >= 1;
  }

  /** Takes `cost` messages, or refuses them all (none are taken then). */
  take(cost: number, now: number): RateVerdict {
    this.refill(now);
    if (this.tokens >= cost) {
      this.tokens -= cost;
      return 'ok';
    }
    if (now - this.lastRefusal > STREAK_GAP_MS) this.streakStart = now;
    this.lastRefusal = now;
    return now - this.streakStart >= this.options.floodMs ? 'flooding' : 'limited';
  }

  /**
   * Whether a refusal now should be answered: at most one error a second, so a flood of requests
   * does not turn into a flood of answers.
   */
  shouldAnswer(now: number): boolean {
    if (now - this.answeredAt < STREAK_GAP_MS) return false;
    this.answeredAt = now;
    return true;
  }

  private refill(now: number): void {
    const elapsed = Math.max(0, now - this.refilledAt);
    this.refilledAt = now;
    this.tokens = Math.min(
      this.options.burst,
      this.tokens + (elapsed * this.options.perSecond) / 1000,
    );
  }
}
