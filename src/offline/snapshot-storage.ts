/** Where the market snapshot is kept: IndexedDB through idb-keyval, or a map in tests. */
import { get, set } from 'idb-keyval';

export interface SnapshotStorage {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
}

/** The IndexedDB key of the live market snapshot. */
export const MARKET_SNAPSHOT_KEY = 'quotedeck:market';

/** idb-keyval's default store (the same database the query persister uses). */
export const idbSnapshotStorage: SnapshotStorage = {
  get: (key) => get<unknown>(key),
  set: (key, value) => set(key, value),
};

/** An in-memory storage for tests and for browsers without IndexedDB. */
export function createMemorySnapshotStorage(
  initial: Iterable<[string, unknown]> = [],
): SnapshotStorage & { data: Map<string, unknown> } {
  const data = new Map(initial);
  return {
    data,
    get: (key) => Promise.resolve(data.get(key)),
    set: (key, value) => {
      data.set(key, value);
      return Promise.resolve();
    },
  };
}
