import { describe, expect, it, vi } from 'vitest';
import {
  CHUNK_RELOAD_KEY,
  createChunkReloadGuard,
  handlePreloadErrors,
  isChunkLoadError,
} from './chunk-reload';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, value),
    data,
  };
}

describe('createChunkReloadGuard', () => {
  it('reloads at most once per build and session, even across page loads', () => {
    const storage = memoryStorage();
    const reload = vi.fn();
    expect(createChunkReloadGuard(storage, 'b1', reload).reloadOnce()).toBe(true);
    expect(storage.data.get(CHUNK_RELOAD_KEY)).toBe('b1');
    // The reloaded page (same build, chunk still missing) must not reload again.
    const afterReload = createChunkReloadGuard(storage, 'b1', reload);
    expect(afterReload.reloadOnce()).toBe(false);
    expect(afterReload.isReloading()).toBe(false);
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('allows one reload again on a later deploy (another build)', () => {
    const storage = memoryStorage({ [CHUNK_RELOAD_KEY]: 'b1' });
    const reload = vi.fn();
    expect(createChunkReloadGuard(storage, 'b2', reload).reloadOnce()).toBe(true);
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('does not reload twice for several failures on one page', () => {
    const reload = vi.fn();
    const guard = createChunkReloadGuard(memoryStorage(), 'b1', reload);
    expect(guard.reloadOnce()).toBe(true);
    expect(guard.reloadOnce()).toBe(true);
    expect(guard.isReloading()).toBe(true);
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('never reloads when session storage is unavailable (no loop guard)', () => {
    const reload = vi.fn();
    const broken = {
      getItem: (): string | null => {
        throw new DOMException('denied', 'SecurityError');
      },
      setItem: (): void => {
        throw new DOMException('denied', 'SecurityError');
      },
    };
    expect(createChunkReloadGuard(broken, 'b1', reload).reloadOnce()).toBe(false);
    expect(reload).not.toHaveBeenCalled();
  });
});

describe('handlePreloadErrors', () => {
  it('reloads once on vite:preloadError and swallows only the event it handled', () => {
    const target = new EventTarget();
    const reload = vi.fn();
    const storage = memoryStorage();
    handlePreloadErrors(target, createChunkReloadGuard(storage, 'b1', reload));
    const first = new Event('vite:preloadError', { cancelable: true });
    target.dispatchEvent(first);
    expect(first.defaultPrevented).toBe(true);
    expect(reload).toHaveBeenCalledTimes(1);

    // Next page load on the same build: the error must reach the app's error state.
    const target2 = new EventTarget();
    handlePreloadErrors(target2, createChunkReloadGuard(storage, 'b1', reload));
    const second = new Event('vite:preloadError', { cancelable: true });
    target2.dispatchEvent(second);
    expect(second.defaultPrevented).toBe(false);
    expect(reload).toHaveBeenCalledTimes(1);
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
