/** Recent trades per instrument id, newest first, bounded to the tape length. */
import { create } from 'zustand';
import type { Trade } from '../../protocol/messages';
import { TAPE_LENGTH, type TradesPatch } from '../feed/feed-types';
import { useLiveStore } from '../lib/in-view';

export interface TradesState {
  tapes: Readonly<Record<number, readonly Trade[]>>;
}

export const useTradesStore = create<TradesState>()(() => ({ tapes: {} }));

/** Prepends new trades (given oldest first) to a tape, keeping at most `limit`. */
export function prependTrades(
  tape: readonly Trade[],
  oldestFirst: readonly Trade[],
  limit = TAPE_LENGTH,
): readonly Trade[] {
  const fresh = oldestFirst.slice(-limit).reverse();
  const room = Math.max(0, limit - fresh.length);
  return room === 0 ? fresh : fresh.concat(tape.slice(0, room));
}

/** Applies trade patches with a single store update. */
export function applyTradesPatches(patches: readonly TradesPatch[]): void {
  if (patches.length === 0) return;
  useTradesStore.setState((state) => {
    const next = { ...state.tapes };
    for (const patch of patches) {
      next[patch.inst] = prependTrades(patch.reset ? [] : (next[patch.inst] ?? []), patch.trades);
    }
    return { tapes: next };
  });
}

const EMPTY: readonly Trade[] = [];

/** The tape of one instrument, newest first; live while its panel is in view. */
export function useTrades(inst: number | undefined): readonly Trade[] {
  return useLiveStore(useTradesStore, (state) =>
    inst === undefined ? EMPTY : (state.tapes[inst] ?? EMPTY),
  );
}
