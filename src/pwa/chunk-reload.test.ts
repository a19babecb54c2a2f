import { describe, expect, it, vi } from 'vitest';
import { CHUNK_RELOAD_KEY, createChunkReloadGuard, isChunkLoadError } from './chunk-reload';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, value),
    data,
  };
}

const up = async (): Promise<boolean> => true;
const down = async (): Promise<boolean> => false;

describe('createChunkReloadGuard', () => {
  it('reloads at most once per build and session, even across page loads', async () => {
    const storage = memoryStorage();
    const reload = vi.fn();
    expect(await createChunkReloadGuard(storage, 'b1', reload, up).reloadIfDeployed()).toBe(true);
    expect(storage.data.get(CHUNK_RELOAD_KEY)).toBe('b1');
    // The reloaded page (same build, chunk still missing) must not reload again.
    const afterReload = createChunkReloadGuard(storage, 'b1', reload, up);
    expect(await afterReload.reloadIfDeployed()).toBe(false);
    expect(afterReload.isReloading()).toBe(false);
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('stays on the page during an outage, and can still reload for a deploy later', async () => {
    const storage = memoryStorage();
    const reload = vi.fn();
    const guard = createChunkReloadGuard(storage, 'b1', reload, down);
    expect(await guard.reloadIfDeployed()).toBe(false);
    expect(reload).not.toHaveBeenCalled();
    expect(storage.data.has(CHUNK_RELOAD_KEY)).toBe(false);
    expect(await createChunkReloadGuard(storage, 'b1', reload, up).reloadIfDeployed()).toBe(true);
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('allows one reload again on a later deploy (another build)', async () => {
    const storage = memoryStorage({ [CHUNK_RELOAD_KEY]: 'b1' });
    const reload = vi.fn();
    expect(await createChunkReloadGuard(storage, 'b2', reload, up).reloadIfDeployed()).toBe(true);
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('does not reload twice for several failures on one page', async () => {
    const reload = vi.fn();
    const guard = createChunkReloadGuard(memoryStorage(), 'b1', reload, up);
    const both = await Promise.all([guard.reloadIfDeployed(), guard.reloadIfDeployed()]);
    expect(both).toEqual([true, true]);
    expect(guard.isReloading()).toBe(true);
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('never reloads when session storage is unavailable (no loop guard)', async () => {
    const reload = vi.fn();
    const broken = {
      getItem: (): string | null => {
        throw new DOMException('denied', 'SecurityError');
      },
      setItem: (): void => {
        throw new DOMException('denied', 'SecurityError');
      },
    };
    expect(await createChunkReloadGuard(broken, 'b1', reload, up).reloadIfDeployed()).toBe(false);
    expect(reload).not.toHaveBeenCalled();
  });
});

describe('isChunkLoadError', () => {
  it('recognises the chunk errors of Chromium, Firefox, Safari and Vite', () => {
    for (const message of [
      'Failed to fetch dynamically imported module: https://x/assets/candle-chart-abc.js',
      'error loading dynamically imported module: https://x/assets/a.js',
      'Importing a module script failed.',
      'Unable to preload CSS for /assets/a.css',
    ]) {
      expect(isChunkLoadError(new TypeError(message))).toBe(true);
    }
  });

  it('rejects other errors and non-errors', () => {
    expect(
      isChunkLoadError(new TypeError("Cannot read properties of undefined (reading 'x')")),
    ).toBe(false);
    for (const value of [
      null,
      undefined,
      42,
      {},
      { message: 'Importing a module script failed.' },
    ]) {
      expect(isChunkLoadError(value)).toBe(false);
    }
  });
});
