/**
 * The TanStack Query cache persisted to IndexedDB (idb-keyval), so a cold start without network
 * still shows the instruments and candle history. What comes back from IndexedDB is `unknown`:
 * the envelope and every query's data pass a guard, and anything else is discarded.
 */
import { createAsyncStoragePersister } from '@tanstack/query-async-storage-persister';
import type { PersistedClient, Persister } from '@tanstack/react-query-persist-client';
import type { PersistQueryClientOptions } from '@tanstack/react-query-persist-client';
import { del, get, set } from 'idb-keyval';
import { isRecord } from '../../protocol/value-guards';
import {
  isBookResponse,
  isCandlesResponse,
  isInstrumentsResponse,
  isTradesResponse,
} from './api/rest-guards';
import {
  isAccountResponse,
  isFillsResponse,
  isOrdersResponse,
  isPositionsResponse,
} from './api/paper-guards';

/** idb-keyval key of the persisted query cache (the market snapshot lives at quotedeck:market). */
export const QUERY_PERSIST_KEY = 'quotedeck:queries';
/** Persisted queries older than this are dropped; queries keep gcTime ≥ this to be persisted. */
export const QUERY_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;
/** At most one IndexedDB write per this interval while data streams in. */
export const QUERY_PERSIST_THROTTLE_MS = 1000;

/** The key-value store the persister writes to; idb-keyval in the browser, a fake in tests. */
export interface KeyValueStore {
  get(key: string): Promise<unknown>;
  set(key: string, value: string): Promise<void>;
  del(key: string): Promise<void>;
}

/** idb-keyval's default store. */
export const idbKeyValueStore: KeyValueStore = { get, set, del };

type DataGuard = (value: unknown) => boolean;

// Only queries whose data we can validate on the way back are persisted, keyed by queryKey[0].
const PERSISTED_QUERY_GUARDS: Readonly<Record<string, DataGuard>> = {
  instruments: isInstrumentsResponse,
  candles: isCandlesResponse,
  book: isBookResponse,
  trades: isTradesResponse,
  // The paper account, so positions, orders and fills stay viewable offline (marked stale).
  'paper-account': isAccountResponse,
  'paper-orders': isOrdersResponse,
  'paper-fills': isFillsResponse,
  'paper-positions': isPositionsResponse,
};

function guardFor(queryKey: unknown): DataGuard | undefined {
  if (!Array.isArray(queryKey) || typeof queryKey[0] !== 'string') return undefined;
  return Object.hasOwn(PERSISTED_QUERY_GUARDS, queryKey[0])
    ? PERSISTED_QUERY_GUARDS[queryKey[0]]
    : undefined;
}

// Structural, because the persist-client package brings its own copy of query-core's types.
interface PersistableQuery {
  queryKey: readonly unknown[];
  state: { status: string };
}

/** Which queries are written to IndexedDB: successful ones of a kind we can validate on restore. */
export function shouldPersistQuery(query: PersistableQuery): boolean {
  return query.state.status === 'success' && guardFor(query.queryKey) !== undefined;
}

function isRestorableQuery(value: unknown): boolean {
  if (!isRecord(value) || typeof value.queryHash !== 'string') return false;
  const guard = guardFor(value.queryKey);
  const state = value.state;
  return (
    guard !== undefined &&
    isRecord(state) &&
    state.status === 'success' &&
    typeof state.dataUpdatedAt === 'number' &&
    guard(state.data)
  );
}

/**
 * Parses a stored cache: throws on a broken envelope (the persister then deletes it) and drops
 * single queries whose data no longer passes its guard. Mutations are never restored: orders are
 * never queued offline.
 */
export function deserializePersistedClient(text: string): PersistedClient {
  const value: unknown = JSON.parse(text);
  if (
    !isRecord(value) ||
    typeof value.timestamp !== 'number' ||
    typeof value.buster !== 'string' ||
    !isRecord(value.clientState) ||
    !Array.isArray(value.clientState.queries)
  ) {
    throw new Error(`${QUERY_PERSIST_KEY}: the stored query cache has an unexpected shape`);
  }
  const queries = value.clientState.queries.filter(isRestorableQuery);
  return {
    timestamp: value.timestamp,
    buster: value.buster,
    clientState: {
      mutations: [],
      queries: queries as PersistedClient['clientState']['queries'],
    },
  };
}

/** A persister for `store` under QUERY_PERSIST_KEY; a non-string value there is deleted. */
export function createQueryPersister(store: KeyValueStore = idbKeyValueStore): Persister {
  return createAsyncStoragePersister({
    key: QUERY_PERSIST_KEY,
    throttleTime: QUERY_PERSIST_THROTTLE_MS,
    deserialize: deserializePersistedClient,
    storage: {
      getItem: async (key) => {
        const stored = await store.get(key);
        if (stored === undefined || typeof stored === 'string') return stored ?? null;
        await store.del(key);
        return null;
      },
      setItem: (key, value) => store.set(key, value),
      removeItem: (key) => store.del(key),
    },
  });
}

/** persistOptions for PersistQueryClientProvider: a new build (buster) discards the old cache. */
export function queryPersistOptions(
  persister: Persister,
  buildId: string,
): Omit<PersistQueryClientOptions, 'queryClient'> {
  return {
    persister,
    maxAge: QUERY_MAX_AGE_MS,
    buster: buildId,
    dehydrateOptions: {
      shouldDehydrateQuery: shouldPersistQuery,
      shouldDehydrateMutation: () => false,
    },
  };
}
