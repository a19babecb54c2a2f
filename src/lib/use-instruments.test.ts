// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { usePreferencesStore } from '../stores/preferences-store';
import { adoptSymbolFromUrl, symbolFromSearch } from './use-instruments';

describe('?symbol= (app shortcuts)', () => {
  beforeEach(() => {
    usePreferencesStore.setState({ symbol: 'BTC-USD' });
    window.history.replaceState(null, '', '/');
  });

  it('reads a symbol and rejects malformed ones', () => {
    expect(symbolFromSearch('?symbol=ETH-USD')).toBe('ETH-USD');
    expect(symbolFromSearch('?symbol=BRK.B&x=1')).toBe('BRK.B');
    expect(symbolFromSearch('')).toBeNull();
    expect(symbolFromSearch('?symbol=')).toBeNull();
    expect(symbolFromSearch('?symbol=%3Cscript%3E')).toBeNull();
    expect(symbolFromSearch(`?symbol=${'A'.repeat(40)}`)).toBeNull();
  });

  it('selects the instrument and removes the parameter from the address', () => {
    window.history.replaceState(null, '', '/?symbol=EUR-USD&view=1#x');
    adoptSymbolFromUrl(window.location, window.history);
    expect(usePreferencesStore.getState().symbol).toBe('EUR-USD');
    expect(`${window.location.pathname}${window.location.search}${window.location.hash}`).toBe(
      '/?view=1#x',
    );
  });

  it('leaves the preference alone without the parameter', () => {
    adoptSymbolFromUrl(window.location, window.history);
    expect(usePreferencesStore.getState().symbol).toBe('BTC-USD');
  });
});
