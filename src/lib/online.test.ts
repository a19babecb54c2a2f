import { describe, expect, it } from 'vitest';
import { isReachable, wireOnlineManager, type OnlineSources } from './online';

function fakeSources(navigatorOnline: boolean, state: string) {
  const connectionListeners = new Set<() => void>();
  const windowListeners = new Map<string, Set<() => void>>();
  const world = { navigatorOnline, state };
  const sources: OnlineSources = {
    navigatorOnline: () => world.navigatorOnline,
    connectionState: () => world.state,
    subscribeConnection(listener) {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
    addEventListener(type, listener) {
      const set = windowListeners.get(type) ?? new Set();
      set.add(listener);
      windowListeners.set(type, set);
    },
    removeEventListener(type, listener) {
      windowListeners.get(type)?.delete(listener);
    },
  };
  return {
    sources,
    world,
    setState(next: string) {
      world.state = next;
      for (const l of connectionListeners) l();
    },
    fire(type: 'online' | 'offline') {
      for (const l of windowListeners.get(type) ?? []) l();
    },
    listenerCount: () =>
      connectionListeners.size +
      [...windowListeners.values()].reduce((sum, set) => sum + set.size, 0),
  };
}

function fakeManager() {
  const manager = {
    online: true,
    teardown: null as null | (() => void),
    setEventListener(setup: (setOnline: (online: boolean) => void) => () => void) {
      manager.teardown?.();
      manager.teardown = setup((online) => (manager.online = online));
    },
  };
  return manager;
}

describe('isReachable', () => {
  it('is online only with a network and a live or degraded gateway', () => {
    expect(isReachable(true, 'live')).toBe(true);
    expect(isReachable(true, 'degraded')).toBe(true);
    expect(isReachable(false, 'live')).toBe(false);
    for (const state of ['connecting', 'offline', '', 'LIVE', 'unknown']) {
      expect(isReachable(true, state)).toBe(false);
    }
  });
});

describe('wireOnlineManager', () => {
  it('starts offline while the feed is still connecting (not the library default)', () => {
    const { sources } = fakeSources(true, 'connecting');
    const manager = fakeManager();
    wireOnlineManager(sources, manager);
    expect(manager.online).toBe(false);
  });

  it('follows the gateway connection, including a lost gateway with the network still up', () => {
    const fake = fakeSources(true, 'connecting');
    const manager = fakeManager();
    wireOnlineManager(fake.sources, manager);
    fake.setState('live');
    expect(manager.online).toBe(true);
    fake.setState('degraded');
    expect(manager.online).toBe(true);
    fake.setState('offline');
    expect(manager.online).toBe(false);
  });

  it("goes offline at once on the browser's offline event and back only with the gateway", () => {
    const fake = fakeSources(true, 'live');
    const manager = fakeManager();
    wireOnlineManager(fake.sources, manager);
    expect(manager.online).toBe(true);
    fake.fire('offline');
    expect(manager.online).toBe(false);
    fake.world.navigatorOnline = true;
    fake.world.state = 'offline';
    fake.fire('online');
    expect(manager.online).toBe(false);
    fake.setState('live');
    expect(manager.online).toBe(true);
  });

  it('removes its listeners when the manager replaces it', () => {
    const fake = fakeSources(true, 'live');
    const manager = fakeManager();
    wireOnlineManager(fake.sources, manager);
    expect(fake.listenerCount()).toBe(3);
    manager.setEventListener(() => () => {});
    expect(fake.listenerCount()).toBe(0);
  });
});
