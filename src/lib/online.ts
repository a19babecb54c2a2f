/**
 * TanStack Query's idea of "online": the browser has a network AND the gateway is reachable (the
 * feed reports live or degraded). The library default trusts navigator.onLine alone, which stays
 * true on a captive Wi-Fi or when only the gateway is down.
 */
import { onlineManager } from '@tanstack/react-query';
import { useConnectionStore } from '../stores/connection-store';

const REACHABLE_STATES: ReadonlySet<string> = new Set(['live', 'degraded']);

/** Whether queries may use the network, given the browser's flag and the feed's connection state. */
export function isReachable(navigatorOnline: boolean, connectionState: string): boolean {
  return navigatorOnline && REACHABLE_STATES.has(connectionState);
}

/** What the online wiring listens to; injected so tests need no browser or store. */
export interface OnlineSources {
  navigatorOnline(): boolean;
  connectionState(): string;
  /** Calls `listener` on every connection-state change; returns an unsubscribe. */
  subscribeConnection(listener: () => void): () => void;
  addEventListener(type: 'online' | 'offline', listener: () => void): void;
  removeEventListener(type: 'online' | 'offline', listener: () => void): void;
}

interface OnlineManagerLike {
  setEventListener(setup: (setOnline: (online: boolean) => void) => () => void): void;
}

/** Points `manager` (default: TanStack's onlineManager) at real connectivity. */
export function wireOnlineManager(
  sources: OnlineSources,
  manager: OnlineManagerLike = onlineManager,
): void {
  manager.setEventListener((setOnline) => {
    const update = (): void =>
      setOnline(isReachable(sources.navigatorOnline(), sources.connectionState()));
    // The browser's offline event is trusted at once; its online event only means "try again",
    // so it re-evaluates with the gateway state.
    const goOffline = (): void => setOnline(false);
    const unsubscribe = sources.subscribeConnection(update);
    sources.addEventListener('offline', goOffline);
    sources.addEventListener('online', update);
    update();
    return () => {
      unsubscribe();
      sources.removeEventListener('offline', goOffline);
      sources.removeEventListener('online', update);
    };
  });
}

/** The browser's sources: window events, navigator.onLine and the connection store. */
export function browserOnlineSources(): OnlineSources {
  return {
    navigatorOnline: () => navigator.onLine,
    connectionState: () => useConnectionStore.getState().state,
    subscribeConnection: (listener) =>
      useConnectionStore.subscribe((next, prev) => {
        if (next.state !== prev.state) listener();
      }),
    addEventListener: (type, listener) => window.addEventListener(type, listener),
    removeEventListener: (type, listener) => window.removeEventListener(type, listener),
  };
}
