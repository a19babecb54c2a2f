// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Instrument } from '../../protocol/instruments';
import { applyBatch } from '../feed/apply-batch';
import type { ConnectionInfo } from '../feed/feed-types';
import { OrderBook } from '../features/order-book/order-book';
import { formatClock } from '../lib/format';
import { restoreMarket } from '../offline/restore-market';
import { SNAPSHOT_VERSION } from '../offline/market-snapshot';
import { resetLiveStores } from '../offline/test-stores';
import { Panel } from './panel';
import { BTC_USD } from '../../protocol/test-fixtures';

const btc: Instrument = { ...BTC_USD, id: 9 };

const connection = (state: ConnectionInfo['state'], staleStreams: string[] = []) => ({
  connection: {
    state,
    latencyMs: null,
    lastMessageTime: null,
    invalidMessages: 0,
    lastError: null,
    staleStreams,
  },
});

const bookSection = () => screen.getByRole('region', { name: 'Order book' });
const AS_OF = new Date(2026, 0, 5, 14, 3, 7).getTime();

describe('Panel stale marking', () => {
  afterEach(cleanup);

  it('shows the badge with the data time and marks the section while stale', () => {
    render(
      <Panel title="Trades" freshness={{ stale: true, asOf: AS_OF }}>
        <p>rows</p>
      </Panel>,
    );
    expect(screen.getByRole('region', { name: 'Trades' }).getAttribute('data-stale')).toBe('true');
    const badge = screen.getByTestId('stale-badge');
    expect(badge.textContent).toBe('offline — as of 14:03:07');
    expect(badge.getAttribute('role')).toBe('status');
  });

  it('has no badge and data-stale="false" while live', () => {
    render(
      <Panel title="Trades" freshness={{ stale: false, asOf: null }}>
        <p>rows</p>
      </Panel>,
    );
    expect(screen.getByRole('region', { name: 'Trades' }).getAttribute('data-stale')).toBe('false');
    expect(screen.queryByTestId('stale-badge')).toBeNull();
  });
});

describe('order book freshness end to end (stores → panel)', () => {
  beforeEach(resetLiveStores);
  afterEach(cleanup);

  it('marks restored data, clears it with live data, and marks a lost connection until new data', () => {
    render(
      // The book reads the trader's open orders (own-order marks) from the query cache.
      <QueryClientProvider
        client={new QueryClient({ defaultOptions: { queries: { enabled: false } } })}
      >
        <OrderBook instrument={btc} />
      </QueryClientProvider>,
    );
    act(() =>
      restoreMarket({
        version: SNAPSHOT_VERSION,
        savedAt: AS_OF,
        tickers: null,
        instruments: [
          {
            inst: 9,
            book: { asOf: AS_OF, seq: 1, time: AS_OF, bids: [10_000, 1], asks: [10_001, 1] },
            trades: null,
            candles: [],
          },
        ],
      }),
    );
    expect(screen.getAllByTestId('book-bid')).toHaveLength(1);
    expect(bookSection().getAttribute('data-stale')).toBe('true');
    expect(screen.getByTestId('stale-badge').textContent).toBe(
      `offline — as of ${formatClock(AS_OF)}`,
    );

    const now = AS_OF + 60_000;
    act(() => applyBatch(connection('live'), now));
    // Connected, but what is shown is still the restored book.
    expect(bookSection().getAttribute('data-stale')).toBe('true');
    act(() =>
      applyBatch(
        {
          books: [{ inst: 9, reset: true, seq: 5, time: now, bids: [9_990, 2], asks: [9_995, 1] }],
        },
        now,
      ),
    );
    expect(bookSection().getAttribute('data-stale')).toBe('false');
    expect(screen.queryByTestId('stale-badge')).toBeNull();

    // Heartbeat lost: the book freezes on its last state, marked with that time.
    act(() => applyBatch(connection('offline'), now + 5_000));
    expect(screen.getAllByTestId('book-bid').map((r) => r.getAttribute('data-price'))).toEqual([
      '9990',
    ]);
    expect(screen.getByTestId('stale-badge').textContent).toBe(
      `offline — as of ${formatClock(now)}`,
    );
    act(() => applyBatch(connection('live'), now + 9_000));
    expect(bookSection().getAttribute('data-stale')).toBe('true');
    act(() =>
      applyBatch(
        {
          books: [{ inst: 9, reset: true, seq: 1, time: now, bids: [9_980, 2], asks: [9_985, 1] }],
        },
        now + 9_100,
      ),
    );
    expect(bookSection().getAttribute('data-stale')).toBe('false');
  });

  it('marks the book when the gateway says its stream is not live', () => {
    render(
      // The book reads the trader's open orders (own-order marks) from the query cache.
      <QueryClientProvider
        client={new QueryClient({ defaultOptions: { queries: { enabled: false } } })}
      >
        <OrderBook instrument={btc} />
      </QueryClientProvider>,
    );
    act(() => {
      applyBatch(connection('live'), 1_000);
      applyBatch(
        { books: [{ inst: 9, reset: true, seq: 1, time: 1, bids: [1, 1], asks: [2, 1] }] },
        1_000,
      );
    });
    expect(bookSection().getAttribute('data-stale')).toBe('false');
    act(() => applyBatch(connection('degraded', ['book|9']), 2_000));
    expect(bookSection().getAttribute('data-stale')).toBe('true');
    expect(screen.getByTestId('stale-badge').textContent).toBe(
      `offline — as of ${formatClock(1_000)}`,
    );
    act(() => applyBatch(connection('degraded', ['book|3']), 3_000));
    expect(bookSection().getAttribute('data-stale')).toBe('true');
    act(() =>
      applyBatch(
        { books: [{ inst: 9, reset: true, seq: 2, time: 1, bids: [1, 2], asks: [2, 1] }] },
        3_100,
      ),
    );
    expect(bookSection().getAttribute('data-stale')).toBe('false');
  });
});
