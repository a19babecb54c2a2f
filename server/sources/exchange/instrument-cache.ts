/**
 * Exchange metadata (instruments, candle history) cached on disk, so a gateway restarted without
 * network still knows tick and lot sizes and can serve the last-known history.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** A JSON file in the cache directory, written atomically (temp file + rename). */
export class DiskCache {
  constructor(private readonly dir: string) {}

  /** The cached value under `key` if it exists and passes `guard`, else null. */
  async read<T>(key: string, guard: (value: unknown) => value is T): Promise<T | null> {
    const path = this.path(key);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch {
      return null;
    }
    try {
      const value: unknown = JSON.parse(text);
      return guard(value) ? value : null;
    } catch {
      return null;
    }
  }

  /** Stores `value` under `key`; failures are reported, not thrown (the cache is a convenience). */
  async write(key: string, value: unknown): Promise<boolean> {
    const path = this.path(key);
    const temp = `${path}.${process.pid}.tmp`;
    try {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(temp, JSON.stringify(value));
      await rename(temp, path);
      return true;
    } catch {
      return false;
    }
  }

  private path(key: string): string {
    if (!/^[\w.-]+(\/[\w.-]+)*$/.test(key) || key.includes('..')) {
      throw new Error(`bad cache key ${JSON.stringify(key)}`);
    }
    return join(this.dir, `${key}.json`);
  }
}

/**
 * Fresh from the network when possible (and cached), else the cached copy; throws the network
 * error, with a note that nothing was cached, when there is neither.
 */
export async function fetchWithCache<T>(
  cache: DiskCache,
  key: string,
  guard: (value: unknown) => value is T,
  fetchFresh: () => Promise<T>,
): Promise<{ value: T; fromCache: boolean }> {
  try {
    const value = await fetchFresh();
    await cache.write(key, value);
    return { value, fromCache: false };
  } catch (error) {
    const cached = await cache.read(key, guard);
    if (cached !== null) return { value: cached, fromCache: true };
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`${reason} (and no cached copy of ${key})`);
  }
}
