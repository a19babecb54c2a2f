/**
 * A small seeded PRNG (mulberry32) so every simulated market is reproducible from one integer.
 * Math.random is never used in the simulator: tests replay whole sessions from a seed.
 */

/** Mixes two integers into a well-spread 32-bit seed (splitmix-style finalizer). */
export function mixSeed(a: number, b: number): number {
  // Fold the high bits of large safe integers in, so seeds above 2^32 still differ.
  let h = (Math.imul(a | 0, 0x9e3779b1) ^ Math.floor(a / 0x1_0000_0000)) >>> 0;
  h = (h ^ Math.imul(b | 0, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x21f0aaad);
  h = Math.imul(h ^ (h >>> 15), 0x735a2d97);
  return (h ^ (h >>> 15)) >>> 0;
}

export class Random {
  private state: number;
  // Box-Muller yields normals in pairs; keeping the second halves the cost.
  private spare = Number.NaN;

  constructor(seed: number) {
    this.state = mixSeed(seed, 0x5eed);
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Standard normal variate. */
  normal(): number {
    if (!Number.isNaN(this.spare)) {
      const value = this.spare;
      this.spare = Number.NaN;
      return value;
    }
    const u = 1 - this.next();
    const v = this.next();
    const radius = Math.sqrt(-2 * Math.log(u));
    this.spare = radius * Math.sin(2 * Math.PI * v);
    return radius * Math.cos(2 * Math.PI * v);
  }

  /** Exponential variate with the given mean. */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }

  /** Log-normal multiplier with median 1 and log-space deviation `sigma`. */
  logNormal(sigma: number): number {
    return Math.exp(sigma * this.normal());
  }
}
