/** Instrument lookups shared by the features (data from the instruments query). */
import { useQuery } from '@tanstack/react-query';
import type { Instrument } from '../../protocol/instruments';
import { instrumentsQuery } from './api/instruments';
import { usePreferencesStore } from '../stores/preferences-store';

export const DEFAULT_SYMBOL = 'BTC-USD';

/** All instruments (empty while loading). */
export function useInstruments(): readonly Instrument[] {
  const { data } = useQuery(instrumentsQuery);
  return data?.instruments ?? EMPTY;
}

const EMPTY: readonly Instrument[] = [];

/** Picks the preferred instrument, else BTC-USD, else the first one. */
export function pickInstrument(
  instruments: readonly Instrument[],
  preferred: string | null,
): Instrument | undefined {
  return (
    instruments.find((i) => i.symbol === preferred) ??
    instruments.find((i) => i.symbol === DEFAULT_SYMBOL) ??
    instruments[0]
  );
}

/** The instrument the user is looking at, or undefined while the list loads. */
export function useSelectedInstrument(): Instrument | undefined {
  const instruments = useInstruments();
  const preferred = usePreferencesStore((s) => s.symbol);
  return pickInstrument(instruments, preferred);
}

/** The `symbol` query parameter (app shortcuts open `/?symbol=ETH-USD`), or null. */
export function symbolFromSearch(search: string): string | null {
  const symbol = new URLSearchParams(search).get('symbol')?.trim();
  return symbol && /^[A-Za-z0-9.\-/]{1,32}$/.test(symbol) ? symbol : null;
}

/**
 * Makes a `?symbol=` in the address the selected instrument, then drops it from the address so a
 * later reload keeps whatever the trader picked since. Unknown symbols fall back like any other
 * preference (pickInstrument).
 */
export function adoptSymbolFromUrl(location: Location, history: History): void {
  const symbol = symbolFromSearch(location.search);
  if (symbol === null) return;
  usePreferencesStore.getState().setSymbol(symbol);
  const url = new URL(location.href);
  url.searchParams.delete('symbol');
  history.replaceState(history.state, '', `${url.pathname}${url.search}${url.hash}`);
}
