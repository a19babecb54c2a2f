// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { usePreferencesStore } from './preferences-store';

const KEY = 'quotedeck:preferences';

describe('preferences store', () => {
  beforeEach(() => localStorage.clear());

  it('persists the selected symbol, interval and grouping', () => {
    usePreferencesStore.getState().setSymbol('ETH-USD');
    usePreferencesStore.getState().setInterval('1h');
    usePreferencesStore.getState().setGrouping(10);
    const saved = JSON.parse(localStorage.getItem(KEY) ?? '{}') as { state: unknown };
    expect(saved.state).toEqual({ symbol: 'ETH-USD', interval: '1h', grouping: 10 });
  });

  it('ignores invalid stored values and keeps the defaults', async () => {
    usePreferencesStore.setState({ symbol: null, interval: '1m', grouping: 1 });
    localStorage.setItem(
      KEY,
      JSON.stringify({ state: { symbol: 42, interval: '7m', grouping: 3 }, version: 1 }),
    );
    await usePreferencesStore.persist.rehydrate();
    const { symbol, interval, grouping } = usePreferencesStore.getState();
    expect({ symbol, interval, grouping }).toEqual({ symbol: null, interval: '1m', grouping: 1 });
  });

  it('survives stored text that is not JSON', async () => {
    localStorage.setItem(KEY, '{not json');
    await expect(usePreferencesStore.persist.rehydrate()).resolves.toBeUndefined();
    expect(usePreferencesStore.getState().interval).toMatch(/^(1m|5m|15m|1h|4h|1d)$/);
  });
});
