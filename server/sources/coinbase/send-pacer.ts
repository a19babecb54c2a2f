/**
 * Keeps outgoing WebSocket messages under Coinbase's limit for unauthenticated messages (8 per
 * second per IP): at most `perSecond` messages in any rolling second; the rest wait in order.
 */

export class SendPacer {
  private readonly sentAt: number[] = [];
  private readonly queue: unknown[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly send: (value: unknown) => boolean,
    private readonly perSecond: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Sends `value` now if the window allows, else after the messages queued before it. */
  push(value: unknown): void {
    this.queue.push(value);
    this.drain();
  }

  /** Forgets queued messages (the connection they were meant for is gone). */
  clear(): void {
    this.queue.length = 0;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Messages still waiting for room in the window. */
  get pending(): number {
    return this.queue.length;
  }

  private drain(): void {
    if (this.timer) return;
    while (this.queue.length > 0) {
      const now = this.now();
      while (this.sentAt.length > 0 && now - (this.sentAt[0] ?? 0) >= 1_000) this.sentAt.shift();
      if (this.sentAt.length >= this.perSecond) {
        const wait = 1_000 - (now - (this.sentAt[0] ?? now));
        this.timer = setTimeout(() => {
          this.timer = null;
          this.drain();
        }, wait);
        this.timer.unref();
        return;
      }
      const value = this.queue.shift();
      this.sentAt.push(now);
      // A message that cannot be sent is dropped: onOpen subscribes everything again.
      this.send(value);
    }
  }
}
