/** Per-panel freshness for the stale marking: `{ stale, asOf }` with hysteresis (freshness-rules). */
import { useState } from 'react';
import type { Channel } from '../../protocol/messages';
import { staleStreamKey } from '../feed/feed-types';
import { useConnectionStore } from './connection-store';
import { nextFreshness, NOT_STALE, type FreshnessMemory } from './freshness-rules';
import { useFreshnessStore, type FreshnessState } from './freshness-store';

export interface PanelFreshness {
  stale: boolean;
  /** The time of the data shown (ms since epoch) while stale, else null. */
  asOf: number | null;
  /** Whether the slice has had data at all (live or restored); false while it is still loading. */
  hasData: boolean;
}

export interface FreshnessSource {
  /** The freshness slice the panel shows (see sliceKey), or undefined when it shows nothing yet. */
  slice: string | undefined;
  /** The gateway stream behind it; `inst` undefined means any instrument of the channel. */
  channel: Channel;
  inst?: number;
}

function displayAsOf(
  state: FreshnessState,
  slice: string | undefined,
  streamStale: boolean,
): number | null {
  const entry = slice === undefined ? undefined : state.slices[slice];
  if (!entry) return state.lastLiveAt ?? state.restoredAt;
  // Live data was current until the feed went quiet; restored or stopped streams are as old as they say.
  if (entry.restored || streamStale) return entry.asOf;
  return Math.max(entry.asOf, state.lastLiveAt ?? 0);
}

/** Whether the panel's data is not live, and the time of the data it shows. */
export function usePanelFreshness({ slice, channel, inst }: FreshnessSource): PanelFreshness {
  const connection = useConnectionStore((s) => s.state);
  const streamStale = useConnectionStore((s) =>
    s.staleStreams.some((key) =>
      inst === undefined ? key.startsWith(`${channel}|`) : key === staleStreamKey(channel, inst),
    ),
  );
  const hasData = useFreshnessStore((s) => slice !== undefined && s.slices[slice] !== undefined);
  const restored = useFreshnessStore(
    (s) => slice !== undefined && s.slices[slice]?.restored === true,
  );
  const [memory, setMemory] = useState<FreshnessMemory>(NOT_STALE);
  const watching =
    memory.stale || restored || streamStale || (connection !== 'live' && connection !== 'degraded');
  // Only read the slice's time when it can matter, so live updates do not re-render the panel.
  const sliceAsOf = useFreshnessStore((s) =>
    watching && slice !== undefined ? (s.slices[slice]?.asOf ?? null) : null,
  );
  const next = nextFreshness(memory, { connection, streamStale, hasData, restored, sliceAsOf });
  // Derived state from the previous render (React's documented pattern), not an effect.
  if (next !== memory) setMemory(next);
  const asOf = useFreshnessStore((s) => (next.stale ? displayAsOf(s, slice, streamStale) : null));
  return { stale: next.stale, asOf, hasData };
}
