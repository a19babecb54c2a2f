/**
 * Paces live chart updates. Every update repaints the whole canvas, which on a phone (or any
 * machine drawing canvases without a GPU) costs tens of milliseconds; the forming candle changes
 * up to ten times a second. The pacer keeps only the latest value and applies it at most once per
 * gap, where the gap grows with the measured paint cost so that drawing the chart takes at most
 * `costShare` of the main thread. A fast machine gets the floor rate; a slow one slows the chart
 * down instead of freezing the page.
 */

export interface PacerTimers {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface RedrawPacerOptions {
  /** Shortest time between two applied updates, ms. */
  minGapMs: number;
  /** Longest time between two applied updates, however slow painting is, ms. */
  maxGapMs: number;
  /** Share of the main thread the chart's painting may take (0-1). */
  costShare: number;
  timers: PacerTimers;
}

export const DEFAULT_PACER_OPTIONS: Omit<RedrawPacerOptions, 'timers'> = {
  minGapMs: 200,
  maxGapMs: 2_000,
  costShare: 0.1,
};

/** Weight of the newest paint cost in the running estimate. */
const COST_WEIGHT = 0.3;

export class RedrawPacer<T> {
  private pending: { value: T } | null = null;
  private timer: unknown = null;
  private lastApplied = Number.NEGATIVE_INFINITY;
  private cost = 0;
  private disposed = false;

  constructor(
    private readonly apply: (value: T) => void,
    private readonly options: RedrawPacerOptions,
  ) {}

  /** Time between updates the current cost estimate allows, ms. */
  get gapMs(): number {
    const { minGapMs, maxGapMs, costShare } = this.options;
    return Math.min(maxGapMs, Math.max(minGapMs, this.cost / costShare));
  }

  /** Queues `value`, replacing any value not applied yet. */
  push(value: T): void {
    if (this.disposed) return;
    this.pending = { value };
    if (this.timer !== null) return;
    const wait = Math.max(0, this.lastApplied + this.gapMs - this.options.timers.now());
    this.timer = this.options.timers.setTimeout(() => this.flush(), wait);
  }

  /** Reports how long painting one update took, ms. */
  reportCost(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) return;
    this.cost = this.cost === 0 ? ms : this.cost + COST_WEIGHT * (ms - this.cost);
  }

  /** Drops anything queued; later pushes are ignored. */
  dispose(): void {
    this.disposed = true;
    this.pending = null;
    if (this.timer !== null) this.options.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  private flush(): void {
    this.timer = null;
    const pending = this.pending;
    if (!pending || this.disposed) return;
    this.pending = null;
    this.lastApplied = this.options.timers.now();
    this.apply(pending.value);
  }
}

/**
 * Measures the paint that `change` causes: lightweight-charts paints in the animation frame after
 * a change, so a frame callback queued before the change and one queued after it bracket it.
 */
export function measurePaint(
  change: () => void,
  report: (ms: number) => void,
  frame: (callback: () => void) => void = (callback) => requestAnimationFrame(callback),
  now: () => number = () => performance.now(),
): void {
  let start = 0;
  frame(() => {
    start = now();
  });
  change();
  frame(() => report(now() - start));
}
