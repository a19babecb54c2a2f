// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InstallButton, createInstallPromptStore } from './install-button';

afterEach(cleanup);

function installPrompt(): Event & { prompt: ReturnType<typeof vi.fn> } {
  const event = new Event('beforeinstallprompt', { cancelable: true });
  return Object.assign(event, { prompt: vi.fn(() => Promise.resolve()) });
}

function setup(standalone = false) {
  const target = new EventTarget();
  const win = Object.assign(target, {
    matchMedia: () => ({ matches: standalone, addEventListener: () => undefined }),
  }) as unknown as Window;
  const store = createInstallPromptStore(win);
  render(<InstallButton store={store} />);
  return { win };
}

describe('InstallButton', () => {
  it('stays hidden until the browser offers installation', () => {
    setup();
    expect(screen.queryByTestId('install-button')).toBeNull();
  });

  it('appears after beforeinstallprompt, which it keeps from showing the mini-infobar', () => {
    const { win } = setup();
    const event = installPrompt();
    act(() => void win.dispatchEvent(event));
    expect(event.defaultPrevented).toBe(true);
    expect(screen.getByTestId('install-button').textContent).toBe('Install');
  });

  it('shows the saved prompt on click, then hides', async () => {
    const { win } = setup();
    const event = installPrompt();
    act(() => void win.dispatchEvent(event));
    await act(async () => void fireEvent.click(screen.getByRole('button', { name: 'Install' })));
    expect(event.prompt).toHaveBeenCalledTimes(1);
    expect(screen.queryByTestId('install-button')).toBeNull();
  });

  it('hides after appinstalled', () => {
    const { win } = setup();
    act(() => void win.dispatchEvent(installPrompt()));
    expect(screen.getByTestId('install-button')).toBeTruthy();
    act(() => void win.dispatchEvent(new Event('appinstalled')));
    expect(screen.queryByTestId('install-button')).toBeNull();
  });

  it('never shows when running as an installed app', () => {
    const { win } = setup(true);
    act(() => void win.dispatchEvent(installPrompt()));
    expect(screen.queryByTestId('install-button')).toBeNull();
  });

  it('ignores a malformed event without prompt()', () => {
    const { win } = setup();
    act(() => void win.dispatchEvent(new Event('beforeinstallprompt')));
    expect(screen.queryByTestId('install-button')).toBeNull();
  });
});
