/**
 * Values with the time they were taken, keeping only those of the last `windowMs` (and at most
 * `capacity`, so a burst cannot grow it without bound). Backed by two typed-array rings: pushing
 * allocates nothing.
 */
export class TimeWindow {
  private readonly times: Float64Array;
  private readonly values: Float64Array;
  private start = 0;
  private size = 0;

  constructor(
    private readonly windowMs: number,
    capacity = 4_096,
  ) {
    this.times = new Float64Array(capacity);
    this.values = new Float64Array(capacity);
  }

  /** Adds a value taken at time `at` (ms, non-decreasing). */
  push(at: number, value: number): void {
    const capacity = this.times.length;
    if (this.size === capacity) {
      this.start = (this.start + 1) % capacity;
      this.size--;
    }
    const index = (this.start + this.size) % capacity;
    this.times[index] = at;
    this.values[index] = value;
    this.size++;
  }

  /** The values taken within `windowMs` before `now`, oldest first. */
  valuesAt(now: number): Float64Array {
    this.prune(now);
    const out = new Float64Array(this.size);
    for (let i = 0; i < this.size; i++) out[i] = this.values[(this.start + i) % this.times.length]!;
    return out;
  }

  /** How many values were taken within `windowMs` before `now`. */
  countAt(now: number): number {
    this.prune(now);
    return this.size;
  }

  /** Forgets everything. */
  clear(): void {
    this.start = 0;
    this.size = 0;
  }

  private prune(now: number): void {
    const capacity = this.times.length;
    while (this.size > 0 && this.times[this.start]! < now - this.windowMs) {
      this.start = (this.start + 1) % capacity;
      this.size--;
    }
  }
}
