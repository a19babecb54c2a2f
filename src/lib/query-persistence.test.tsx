// @vitest-environment jsdom
import { useQuery } from '@tanstack/react-query';
import { PersistQueryClientProvider } from '@tanstack/react-query-persist-client';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { InstrumentsResponse } from '../../protocol/rest';
import { instrumentsQuery } from './api/instruments';
import {
  QUERY_PERSIST_KEY,
  createQueryPersister,
  deserializePersistedClient,
  queryPersistOptions,
  type KeyValueStore,
} from './query-persistence';
import { createAppQueryClient } from './query-persistence-client';
import { BTC_USD } from '../../protocol/test-fixtures';

const INSTRUMENTS: InstrumentsResponse = {
  version: 'v1',
  instruments: [BTC_USD],
};

function memoryStore(initial?: unknown) {
  const data = new Map<string, unknown>();
  if (initial !== undefined) data.set(QUERY_PERSIST_KEY, initial);
  const store: KeyValueStore = {
    get: vi.fn(async (key: string) => data.get(key)),
    set: vi.fn(async (key: string, value: string) => void data.set(key, value)),
    del: vi.fn(async (key: string) => void data.delete(key)),
  };
  return { store, data };
}

function persisted(buster: string, queries: unknown[], timestamp = Date.now()): string {
  return JSON.stringify({ buster, timestamp, clientState: { mutations: [], queries } });
}

function instrumentsEntry(data: unknown = INSTRUMENTS) {
  return {
    queryKey: ['instruments'],
    queryHash: '["instruments"]',
    state: { data, status: 'success', dataUpdatedAt: Date.now() - 60_000, error: null },
  };
}

/** The old value was deleted; whatever was saved since is this build's, without the old data. */
function expectDiscarded(store: KeyValueStore, current: unknown) {
  expect(store.del).toHaveBeenCalledWith(QUERY_PERSIST_KEY);
  if (current === undefined) return;
  const saved = deserializePersistedClient(String(current));
  expect(saved.buster).toBe('b1');
  expect(saved.clientState.queries).toEqual([]);
}

/** Renders the instrument list as the app does, with a queryFn that can't reach the network. */
function renderApp(store: KeyValueStore, buildId = 'b1') {
  const client = createAppQueryClient();
  const offline = vi.fn(async (): Promise<InstrumentsResponse> => {
    throw new TypeError('Failed to fetch');
  });
  function Symbols() {
    const { data } = useQuery({ ...instrumentsQuery, queryFn: offline, retry: false });
    return <p data-testid="symbols">{data?.instruments.map((i) => i.symbol).join(',') ?? '…'}</p>;
  }
  render(
    <PersistQueryClientProvider
      client={client}
      persistOptions={queryPersistOptions(createQueryPersister(store), buildId)}
    >
      <Symbols />
    </PersistQueryClientProvider>,
  );
  return { client, offline };
}

describe('query persistence', () => {
  afterEach(cleanup);

  it('cold start without network shows the persisted instruments', async () => {
    const { store } = memoryStore(persisted('b1', [instrumentsEntry()]));
    renderApp(store);
    await vi.waitFor(() => expect(screen.getByTestId('symbols').textContent).toBe('BTC-USD'));
    expect(store.get).toHaveBeenCalledWith(QUERY_PERSIST_KEY);
  });

  it('a new build (different buster) discards the old cache', async () => {
    const { store, data } = memoryStore(persisted('old-build', [instrumentsEntry()]));
    const { offline } = renderApp(store);
    await vi.waitFor(() => expect(offline).toHaveBeenCalled());
    expect(screen.getByTestId('symbols').textContent).toBe('…');
    expectDiscarded(store, data.get(QUERY_PERSIST_KEY));
  });

  it('writes fetched queries under quotedeck:queries with the build id as buster', async () => {
    const { store, data } = memoryStore();
    const { client, offline } = renderApp(store, 'build-42');
    // Saving starts once the (empty) restore is done, which is when the query first runs.
    await vi.waitFor(() => expect(offline).toHaveBeenCalled());
    client.setQueryData(instrumentsQuery.queryKey, INSTRUMENTS);
    client.setQueryData(['not-persisted'], { secret: 1 });
    const saved = () => deserializePersistedClient(String(data.get(QUERY_PERSIST_KEY)));
    await vi.waitFor(() => expect(saved().clientState.queries).toHaveLength(1), { timeout: 3000 });
    expect(saved().buster).toBe('build-42');
    expect(saved().clientState.queries.map((q) => q.queryKey)).toEqual([['instruments']]);
    expect(saved().clientState.queries[0]?.state.data).toEqual(INSTRUMENTS);
  });

  it.each([
    ['a string that is not JSON', 'garbage{'],
    ['JSON of the wrong shape', '{"clientState":42}'],
    ['a non-string value', { not: 'a string' }],
    ['a number', 7],
  ])('discards %s instead of failing the start', async (_name, garbage) => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { store, data } = memoryStore(garbage);
    const { offline } = renderApp(store);
    await vi.waitFor(() => expect(offline).toHaveBeenCalled());
    expect(screen.getByTestId('symbols').textContent).toBe('…');
    expectDiscarded(store, data.get(QUERY_PERSIST_KEY));
    vi.restoreAllMocks();
  });
});

describe('deserializePersistedClient', () => {
  it('drops queries whose data fails its guard or whose kind is unknown, and all mutations', () => {
    const text = JSON.stringify({
      buster: 'b1',
      timestamp: 1,
      clientState: {
        mutations: [{ mutationKey: ['order'], state: { status: 'pending' } }],
        queries: [
          instrumentsEntry(),
          instrumentsEntry({ version: 'v1', instruments: [{ symbol: 'X' }] }),
          { ...instrumentsEntry(), queryKey: ['secret'], queryHash: '["secret"]' },
          { ...instrumentsEntry(), state: { status: 'error', dataUpdatedAt: 0 } },
          null,
          'junk',
        ],
      },
    });
    const client = deserializePersistedClient(text);
    expect(client.clientState.queries).toHaveLength(1);
    expect(client.clientState.queries[0]?.state.data).toEqual(INSTRUMENTS);
    expect(client.clientState.mutations).toEqual([]);
  });

  it('throws on a broken envelope so the persister deletes it', () => {
    expect(() => deserializePersistedClient('null')).toThrow('unexpected shape');
    expect(() => deserializePersistedClient('{"buster":"b","timestamp":"1"}')).toThrow();
    expect(() => deserializePersistedClient('')).toThrow();
  });
});
