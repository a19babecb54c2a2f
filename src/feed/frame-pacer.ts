/**
 * Paces how often feed batches are applied on the main thread. While applying (and rendering) a
 * batch fits a frame's budget, every frame gets one; when it does not — a slow phone, a burst —
 * batches keep folding in the worker-side builder and are applied less often, so the page never
 * turns a firehose into back-to-back long tasks. Nothing is dropped: conflation keeps the latest
 * state and every trade.
 */

/** Cost of one apply that still allows an apply every frame, ms. */
export const FRAME_BUDGET_MS = 6;
/** The longest the pacer makes the UI wait between applies, ms. */
export const MAX_APPLY_DELAY_MS = 250;

export class FramePacer {
  private nextAt = 0;

  constructor(
    private readonly budgetMs = FRAME_BUDGET_MS,
    private readonly maxDelayMs = MAX_APPLY_DELAY_MS,
  ) {}

  /** True when a batch may be applied at time `now`. */
  due(now: number): boolean {
    return now >= this.nextAt;
  }

  /**
   * Records that the apply which ended at `now` cost `costMs`. An over-budget apply is followed by
   * a pause of three times its cost, so the main thread spends at most a quarter of its time on
   * the feed and stays free for input.
   */
  applied(now: number, costMs: number): void {
    const delay = costMs <= this.budgetMs ? 0 : Math.min(this.maxDelayMs, costMs * 3);
    this.nextAt = now + delay;
  }
}
