import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DiskCache, fetchWithCache } from './instrument-cache';

const isNumbers = (value: unknown): value is number[] =>
  Array.isArray(value) && value.every((v) => typeof v === 'number');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qd-cache-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('fetchWithCache', () => {
  it('caches a fresh answer and serves it when the network is gone', async () => {
    const cache = new DiskCache(dir);
    const fresh = await fetchWithCache(cache, 'binance/instruments', isNumbers, async () => [1, 2]);
    expect(fresh).toEqual({ value: [1, 2], fromCache: false });
    const offline = await fetchWithCache(cache, 'binance/instruments', isNumbers, async () => {
      throw new Error('getaddrinfo ENOTFOUND');
    });
    expect(offline).toEqual({ value: [1, 2], fromCache: true });
  });

  it('fails with the network error when nothing was cached', async () => {
    const cache = new DiskCache(dir);
    await expect(
      fetchWithCache(cache, 'kraken/instruments', isNumbers, async () => {
        throw new Error('GET https://api.kraken.com failed');
      }),
    ).rejects.toThrow(/failed \(and no cached copy of kraken\/instruments\)/);
  });

  it('ignores a corrupt or foreign cache file', async () => {
    const cache = new DiskCache(dir);
    await cache.write('x', [1]);
    await writeFile(join(dir, 'x.json'), '{"truncated":');
    expect(await cache.read('x', isNumbers)).toBeNull();
    await writeFile(join(dir, 'x.json'), '{"not":"numbers"}');
    expect(await cache.read('x', isNumbers)).toBeNull();
    expect(await readFile(join(dir, 'x.json'), 'utf8')).toContain('not');
  });

  it('refuses keys that would escape the cache directory', async () => {
    const cache = new DiskCache(dir);
    await expect(cache.read('../etc/passwd', isNumbers)).rejects.toThrow(/bad cache key/);
  });
});
