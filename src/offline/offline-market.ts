/** Offline market data: restore the last snapshot at startup, then keep writing new ones. */
import { parseMarketSnapshot } from './market-snapshot';
import { restoreMarket } from './restore-market';
import { startSnapshotWriter } from './snapshot-writer';
import { idbSnapshotStorage, MARKET_SNAPSHOT_KEY, type SnapshotStorage } from './snapshot-storage';

/** Restores the stored snapshot (ignoring a missing, corrupt or old one); true when restored. */
export async function restoreStoredMarket(storage: SnapshotStorage): Promise<boolean> {
  let stored: unknown;
  try {
    stored = await storage.get(MARKET_SNAPSHOT_KEY);
  } catch {
    return false;
  }
  const snapshot = parseMarketSnapshot(stored);
  if (!snapshot) return false;
  restoreMarket(snapshot);
  return true;
}

/** Starts offline market support in the page; returns the function that stops the writer. */
export function startOfflineMarket(storage: SnapshotStorage = idbSnapshotStorage): () => void {
  let stop: (() => void) | undefined;
  let stopped = false;
  // The writer starts after the restore so that it never replaces a good snapshot with a
  // thinner one made from the first few live messages.
  void restoreStoredMarket(storage).finally(() => {
    if (stopped) return;
    stop = startSnapshotWriter({ storage, events: { document, window } });
  });
  return () => {
    stopped = true;
    stop?.();
  };
}
