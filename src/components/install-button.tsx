/**
 * "Install" in the header: shown once the browser offers installation (`beforeinstallprompt`),
 * gone after installing or when already running as an installed app.
 */
import { useSyncExternalStore } from 'react';
import './install-button.css';

/** Chromium's event; not in the DOM typings. */
interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<unknown>;
}

function isInstallPrompt(event: Event): event is BeforeInstallPromptEvent {
  return typeof (event as { prompt?: unknown }).prompt === 'function';
}

export interface InstallPromptStore {
  subscribe(onChange: () => void): () => void;
  /** True while an install prompt is available and the app is not installed. */
  canInstall(): boolean;
  /** Shows the browser's install dialog; the saved prompt is spent either way. */
  install(): Promise<void>;
}

/**
 * Listens on `win` for the install lifecycle. Created when the module loads so an early
 * `beforeinstallprompt` (it can fire before React mounts) is not missed.
 */
export function createInstallPromptStore(win: Window): InstallPromptStore {
  let deferred: BeforeInstallPromptEvent | null = null;
  const listeners = new Set<() => void>();
  const standalone = win.matchMedia?.('(display-mode: standalone)');
  const notify = (): void => listeners.forEach((listener) => listener());

  win.addEventListener('beforeinstallprompt', (event) => {
    if (!isInstallPrompt(event)) return;
    // Keep the browser's own mini-infobar away; the header button offers it instead.
    event.preventDefault();
    deferred = event;
    notify();
  });
  win.addEventListener('appinstalled', () => {
    deferred = null;
    notify();
  });
  standalone?.addEventListener?.('change', notify);

  return {
    subscribe(onChange) {
      listeners.add(onChange);
      return () => listeners.delete(onChange);
    },
    canInstall: () => deferred !== null && !standalone?.matches,
    async install() {
      const event = deferred;
      if (!event) return;
      deferred = null;
      notify();
      await event.prompt();
    },
  };
}

const browserStore = typeof window === 'undefined' ? null : createInstallPromptStore(window);
const never = (): (() => void) => () => undefined;

export interface InstallButtonProps {
  /** Tests pass their own; the app uses the one listening on `window`. */
  store?: InstallPromptStore | null;
}

export function InstallButton({ store = browserStore }: InstallButtonProps) {
  const visible = useSyncExternalStore(
    store?.subscribe ?? never,
    () => store?.canInstall() ?? false,
    () => false,
  );
  if (!store || !visible) return null;
  return (
    <button
      type="button"
      className="install-button"
      data-testid="install-button"
      onClick={() => void store.install()}
    >
      Install
    </button>
  );
}
