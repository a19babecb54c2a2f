// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Instrument } from '../../../protocol/instruments';
import { applyBookPatches } from '../../stores/book-store';
import { usePreferencesStore } from '../../stores/preferences-store';
import { OrderBook } from './order-book';
import { BTC_USD } from '../../../protocol/test-fixtures';

const btc: Instrument = { ...BTC_USD, id: 9 };

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
});
