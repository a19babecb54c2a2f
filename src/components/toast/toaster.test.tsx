// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_TOASTS, pushToast, TOAST_MS, useToastStore } from './toast-store';
import { Toaster } from './toaster';

describe('Toaster', () => {
  beforeEach(() => useToastStore.setState({ toasts: [] }));
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it('announces fills politely and rejections at once, in live regions', () => {
    render(<Toaster />);
    act(() => {
      pushToast('success', 'Order filled', 'Bought 0.5000 BTC-USD at 100.00');
      pushToast('error', 'Buy 0.5000 BTC-USD rejected', 'insufficient buying power');
    });
    expect(screen.getByRole('status').textContent).toContain('Bought 0.5000 BTC-USD at 100.00');
    expect(screen.getByRole('status').getAttribute('aria-live')).toBe('polite');
    expect(screen.getByRole('alert').textContent).toContain('insufficient buying power');
  });

  it('goes away after a while or when dismissed, and keeps only the latest few', () => {
    vi.useFakeTimers();
    render(<Toaster />);
    act(() => {
      for (let i = 0; i < MAX_TOASTS + 2; i += 1) pushToast('info', `toast ${i}`);
    });
    expect(screen.getAllByTestId('toast')).toHaveLength(MAX_TOASTS);
    expect(screen.queryByText('toast 0')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: `Dismiss: toast ${MAX_TOASTS + 1}` }));
    expect(screen.getAllByTestId('toast')).toHaveLength(MAX_TOASTS - 1);
    act(() => vi.advanceTimersByTime(TOAST_MS + 1));
    expect(screen.queryAllByTestId('toast')).toHaveLength(0);
  });
});
