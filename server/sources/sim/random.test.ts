import { describe, expect, it } from 'vitest';
import { mixSeed, Random } from './random';

describe('Random', () => {
  it('replays the same sequence from the same seed and a different one from another', () => {
    const a = new Random(42);
    const b = new Random(42);
    const c = new Random(43);
    const seqA = Array.from({ length: 20 }, () => a.next());
    const seqB = Array.from({ length: 20 }, () => b.next());
    const seqC = Array.from({ length: 20 }, () => c.next());
    expect(seqA).toEqual(seqB);
    expect(seqA).not.toEqual(seqC);
  });

  it('draws uniforms in [0, 1) and integers in range', () => {
    const rng = new Random(1);
    for (let i = 0; i < 10_000; i++) {
      const u = rng.next();
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
      const n = rng.int(7);
      expect(Number.isInteger(n) && n >= 0 && n < 7).toBe(true);
    }
  });

  it('draws standard normals with mean about 0 and deviation about 1', () => {
    const rng = new Random(5);
    const n = 50_000;
    let sum = 0;
    let squares = 0;
    for (let i = 0; i < n; i++) {
      const x = rng.normal();
      sum += x;
      squares += x * x;
    }
    const mean = sum / n;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.sqrt(squares / n - mean * mean)).toBeCloseTo(1, 1);
  });

  it('draws exponentials with the requested mean', () => {
    const rng = new Random(9);
    let sum = 0;
    for (let i = 0; i < 50_000; i++) sum += rng.exponential(3);
    expect(sum / 50_000).toBeCloseTo(3, 0);
  });

  it('mixes seeds into distinct 32-bit values, including seeds beyond 2^32', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) seen.add(mixSeed(i, 1));
    expect(seen.size).toBe(1000);
    expect(mixSeed(2 ** 40, 0)).not.toBe(mixSeed(0, 0));
    expect(mixSeed(7, 3)).toBe(mixSeed(7, 3));
  });
});
