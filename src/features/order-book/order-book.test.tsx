// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render as renderDom, screen } from '@testing-library/react';
import type { ReactElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Instrument } from '../../../protocol/instruments';
import { applyBookPatches } from '../../stores/book-store';
import { usePreferencesStore } from '../../stores/preferences-store';
import { paperKeys } from '../../lib/api/paper';
import { useTicketStore } from '../../stores/ticket-store';
import { OrderBook, ownLevels } from './order-book';
import { BTC_USD } from '../../../protocol/test-fixtures';

const btc: Instrument = { ...BTC_USD, id: 9 };

function clientWith(data?: unknown): QueryClient {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, enabled: false } } });
  if (data) client.setQueryData(paperKeys.orders('open'), data);
  return client;
}

function render(element: ReactElement, client = clientWith()) {
  return renderDom(<QueryClientProvider client={client}>{element}</QueryClientProvider>);
}

const prices = (testId: string) =>
  screen.getAllByTestId(testId).map((row) => Number(row.getAttribute('data-price')));

describe('OrderBook', () => {
  afterEach(cleanup);

  it('shows asks highest first above the spread and bids descending below', () => {
    usePreferencesStore.setState({ grouping: 1 });
    render(<OrderBook instrument={btc} />);
    act(() =>
      applyBookPatches([
        {
          inst: 9,
          reset: true,
          seq: 1,
          time: 0,
          bids: [10_000, 5_000, 9_999, 10_000, 9_990, 1],
          asks: [10_002, 7_000, 10_001, 2_500, 10_010, 1],
        },
      ]),
    );
    expect(prices('book-ask')).toEqual([10_010, 10_002, 10_001]);
    expect(prices('book-bid')).toEqual([10_000, 9_999, 9_990]);
    expect(screen.getByTestId('spread').textContent).toContain('0.01');
    const bestAsk = screen.getAllByTestId('book-ask').at(-1)!;
    expect(bestAsk.textContent).toContain('100.01');
    expect(bestAsk.textContent).toContain('0.2500');
    // The best ask sits right above the spread row.
    expect(bestAsk.nextElementSibling).toBe(screen.getByTestId('spread'));
  });

  it('groups prices by a multiple of the tick', () => {
    usePreferencesStore.setState({ grouping: 10 });
    render(<OrderBook instrument={btc} />);
    act(() =>
      applyBookPatches([
        {
          inst: 9,
          reset: true,
          seq: 1,
          time: 0,
          bids: [10_009, 1, 10_001, 2, 9_995, 4],
          asks: [10_011, 1, 10_019, 2],
        },
      ]),
    );
    expect(prices('book-bid')).toEqual([10_000, 9_990]);
    expect(prices('book-ask')).toEqual([10_020]);
    expect(screen.getByLabelText('Group')).toHaveProperty('value', '10');
  });

  it('marks the levels of open orders of the trader and lets a click set the ticket price', () => {
    usePreferencesStore.setState({ grouping: 1 });
    const order = (side: 'buy' | 'sell', limitPrice: number) => ({
      symbol: 'BTC-USD',
      side,
      limitPrice,
      status: 'open',
    });
    render(
      <OrderBook instrument={btc} />,
      clientWith({ orders: [order('buy', 9_999), order('sell', 10_002)] }),
    );
    act(() =>
      applyBookPatches([
        {
          inst: 9,
          reset: true,
          seq: 2,
          time: 0,
          bids: [10_000, 5, 9_999, 5],
          asks: [10_001, 5, 10_002, 5],
        },
      ]),
    );
    const marked = [...document.querySelectorAll('[data-own="true"]')].map((row) =>
      Number(row.getAttribute('data-price')),
    );
    expect(marked.sort((a, b) => a - b)).toEqual([9_999, 10_002]);

    fireEvent.click(document.querySelector('[data-price="10001"]')!);
    expect(useTicketStore.getState().picked).toMatchObject({ symbol: 'BTC-USD', price: 10_001 });
  });
});

describe('ownLevels', () => {
  it('buckets own orders like the grouped book (bids down, asks up) and skips other symbols', () => {
    const levels = ownLevels(
      [
        { symbol: 'BTC-USD', side: 'buy', limitPrice: 10_009, status: 'open' },
        { symbol: 'BTC-USD', side: 'sell', limitPrice: 10_011, status: 'partially_filled' },
        { symbol: 'ETH-USD', side: 'buy', limitPrice: 5_000, status: 'open' },
        { symbol: 'BTC-USD', side: 'buy', limitPrice: null, status: 'open' },
      ],
      'BTC-USD',
      10,
    );
    expect([...levels.bids]).toEqual([10_000]);
    expect([...levels.asks]).toEqual([10_020]);
  });
});
