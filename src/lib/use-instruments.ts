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
