// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PerfSnapshot } from '../../perf/perf-monitor';
import { PerfOverlay } from './perf-overlay';
import { PerfToggle } from './perf-toggle';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const snapshot: PerfSnapshot = {
  messagesPerSec: 20_123.4,
  batchesPerSec: 60,
  decodeUsPerMessage: 1.26,
  frameP95Ms: 16.8,
  latencyP50Ms: 21.2,
  latencyP99Ms: 38.9,
  heapBytes: 24 * 2 ** 20,
  invalid: 0,
  clockOffsetMs: 0,
};

function fakeMonitor(snap: PerfSnapshot) {
  const release = vi.fn();
  const acquire = vi.fn(() => ({ monitor: { snapshot: () => snap }, release }));
  return { acquire, release };
}

const figure = (label: string) =>
  within(screen.getByTestId('perf-overlay')).getByText(label).nextElementSibling?.textContent;

describe('PerfOverlay', () => {
  it('shows n/a until measured, then the figures twice a second', () => {
    vi.useFakeTimers();
    const { acquire } = fakeMonitor(snapshot);
    render(<PerfOverlay acquire={acquire} />);
    expect(figure('Frame time p95')).toBe('n/a');
    act(() => vi.advanceTimersByTime(500));
    expect(figure('Messages in (socket, all tabs)')).toBe('20123 /s');
    expect(figure('Batches applied (this tab)')).toBe('60 /s');
    expect(figure('Decode per message (worker)')).toBe('1.3 µs');
    expect(figure('Frame time p95')).toBe('16.8 ms');
    expect(figure('Tick-to-screen p50 / p99')).toBe('21 / 39 ms');
    expect(figure('JS heap')).toBe('24.0 MB');
    expect(figure('Decode errors (worker)')).toBe('0');
  });

  it('says n/a where the browser cannot measure (no heap figure outside Chromium)', () => {
    vi.useFakeTimers();
    const { acquire } = fakeMonitor({ ...snapshot, heapBytes: null, latencyP99Ms: null });
    render(<PerfOverlay acquire={acquire} />);
    act(() => vi.advanceTimersByTime(500));
    expect(figure('JS heap')).toBe('n/a');
    expect(figure('Tick-to-screen p50 / p99')).toBe('n/a');
  });

  it('releases the monitor (stops measuring) when hidden', () => {
    const { acquire, release } = fakeMonitor(snapshot);
    const { unmount } = render(<PerfOverlay acquire={acquire} />);
    expect(acquire).toHaveBeenCalledTimes(1);
    unmount();
    expect(release).toHaveBeenCalledTimes(1);
  });
});

describe('PerfToggle', () => {
  it('is a labelled toggle button that shows and hides the overlay', async () => {
    render(<PerfToggle search="" />);
    const button = screen.getByRole('button', { name: 'Performance' });
    expect(button).toHaveProperty('type', 'button');
    expect(button.getAttribute('aria-pressed')).toBe('false');
    expect(screen.queryByTestId('perf-overlay')).toBeNull();
    fireEvent.click(button);
    expect(button.getAttribute('aria-pressed')).toBe('true');
    expect(await screen.findByTestId('perf-overlay')).toBeTruthy();
    fireEvent.click(button);
    expect(screen.queryByTestId('perf-overlay')).toBeNull();
  });

  it('starts pressed with ?perf=1', async () => {
    render(<PerfToggle search="?perf=1" />);
    expect(screen.getByRole('button', { name: 'Performance' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    expect(await screen.findByTestId('perf-overlay')).toBeTruthy();
  });
});
