/** UI preferences, persisted to localStorage. */
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { isInterval, type Interval } from '../../protocol/intervals';

export const GROUPINGS = [1, 10, 100] as const;
export type Grouping = (typeof GROUPINGS)[number];

export interface PreferencesState {
  /** Selected instrument symbol, or null for the default. */
  symbol: string | null;
  interval: Interval;
  grouping: Grouping;
  setSymbol(symbol: string): void;
  setInterval(interval: Interval): void;
  setGrouping(grouping: Grouping): void;
}

function isGrouping(value: unknown): value is Grouping {
  return (GROUPINGS as readonly unknown[]).includes(value);
}

export const usePreferencesStore = create<PreferencesState>()(
  persist(
    (set) => ({
      symbol: null,
      interval: '1m',
      grouping: 1,
      setSymbol: (symbol) => set({ symbol }),
      setInterval: (interval) => set({ interval }),
      setGrouping: (grouping) => set({ grouping }),
    }),
    {
      name: 'quotedeck:preferences',
      version: 1,
      storage: createJSONStorage(() => localStorage),
      partialize: ({ symbol, interval, grouping }) => ({ symbol, interval, grouping }),
      // Stored data is input like any other: keep only the fields that are still valid.
      merge: (persisted, current) => {
        const saved = (
          typeof persisted === 'object' && persisted !== null ? persisted : {}
        ) as Record<string, unknown>;
        return {
          ...current,
          ...(typeof saved.symbol === 'string' ? { symbol: saved.symbol } : {}),
          ...(isInterval(saved.interval) ? { interval: saved.interval } : {}),
          ...(isGrouping(saved.grouping) ? { grouping: saved.grouping } : {}),
        };
      },
    },
  ),
);
