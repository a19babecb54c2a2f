// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppErrorBoundary } from './app-error-boundary';
import { createChunkReloadGuard } from './chunk-reload';

function Broken({ error }: { error: Error }): never {
  throw error;
}

function memoryStorage() {
  const data = new Map<string, string>();
  return {
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, value),
  };
}

const up = async (): Promise<boolean> => true;
const down = async (): Promise<boolean> => false;

const chunkError = () =>
  new TypeError('Failed to fetch dynamically imported module: /assets/candle-chart-x.js');

describe('AppErrorBoundary', () => {
  afterEach(() => {
    cleanup();
    vi.restoreAllMocks();
  });

  it('reloads once for a chunk that failed to load, then shows an error state', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const storage = memoryStorage();
    const reload = vi.fn();
    render(
      <AppErrorBoundary guard={createChunkReloadGuard(storage, 'b1', reload, up)}>
        <Broken error={chunkError()} />
      </AppErrorBoundary>,
    );
    await waitFor(() => expect(reload).toHaveBeenCalledTimes(1));
    await screen.findByText(/Loading the new version/);
    cleanup();

    // The reloaded page fails the same way: no second reload, a readable error instead.
    render(
      <AppErrorBoundary guard={createChunkReloadGuard(storage, 'b1', reload, up)}>
        <Broken error={chunkError()} />
      </AppErrorBoundary>,
    );
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(reload).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('alert').textContent).toContain('could not be downloaded');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });

  it('does not reload during an outage: the trader sees why and can retry', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const reload = vi.fn();
    render(
      <AppErrorBoundary guard={createChunkReloadGuard(memoryStorage(), 'b1', reload, down)}>
        <Broken error={chunkError()} />
      </AppErrorBoundary>,
    );
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(reload).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toContain('could not be downloaded');
  });

  it('shows other errors without reloading', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const reload = vi.fn();
    render(
      <AppErrorBoundary guard={createChunkReloadGuard(memoryStorage(), 'b1', reload, up)}>
        <Broken error={new Error('bad state')} />
      </AppErrorBoundary>,
    );
    expect(reload).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toContain('bad state');
  });

  it('renders its children when nothing fails', () => {
    render(
      <AppErrorBoundary guard={createChunkReloadGuard(memoryStorage(), 'b1', vi.fn(), up)}>
        <p>dashboard</p>
      </AppErrorBoundary>,
    );
    expect(screen.getByText('dashboard')).toBeTruthy();
  });
});
