// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Instrument } from '../../../protocol/instruments';
import type { Ticker } from '../../../protocol/messages';
import { applyTickers, useQuotesStore } from '../../stores/quotes-store';
import { WatchRow } from './watch-row';
import { testTicker } from '../../../protocol/test-fixtures';

const instrument = (id: number, symbol: string): Instrument => ({
  id,
  symbol,
  name: symbol,
  assetClass: 'crypto',
  base: symbol.split('-')[0]!,
  quote: 'USD',
  priceScale: 2,
  tick: 1,
  sizeScale: 4,
  lot: 1,
});

const ticker = (inst: number, last: number, seq = 1): Ticker =>
  testTicker({ inst, last, seq, open24: 10_000, high24: 20_000, low24: 5_000 });

const btc = instrument(1, 'BTC-USD');
const eth = instrument(2, 'ETH-USD');

function renderRows(onSelect = vi.fn()) {
  const renders: Record<string, number> = {};
  const onRender = (symbol: string) => (renders[symbol] = (renders[symbol] ?? 0) + 1);
  render(
    <table>
      <tbody>
        <WatchRow instrument={btc} selected={false} onSelect={onSelect} onRender={onRender} />
        <WatchRow instrument={eth} selected onSelect={onSelect} onRender={onRender} />
      </tbody>
    </table>,
  );
  return renders;
}

describe('WatchRow', () => {
  afterEach(() => {
    cleanup();
    useQuotesStore.setState({ tickers: {} });
  });

  it('re-renders only the row whose instrument got a quote', () => {
    const renders = renderRows();
    expect(renders).toEqual({ 'BTC-USD': 1, 'ETH-USD': 1 });
    act(() => applyTickers([ticker(1, 12_345)]));
    expect(renders).toEqual({ 'BTC-USD': 2, 'ETH-USD': 1 });
    act(() => applyTickers([ticker(1, 12_346, 2)]));
    expect(renders['ETH-USD']).toBe(1);
  });

  it('shows prices exactly with the instrument precision and the change in percent', () => {
    renderRows();
    act(() => applyTickers([ticker(1, 10_250)]));
    const row = screen.getAllByTestId('watch-row')[0]!;
    expect(row.getAttribute('data-symbol')).toBe('BTC-USD');
    expect(row.querySelector('[data-testid="last"]')?.textContent).toBe('102.50');
    expect(row.textContent).toContain('+2.50%');
  });

  it('flashes the last price green when it goes up and red when it goes down', () => {
    vi.useFakeTimers();
    renderRows();
    act(() => applyTickers([ticker(1, 10_000)]));
    const last = screen.getAllByTestId('last')[0]!;
    act(() => applyTickers([ticker(1, 10_100, 2)]));
    expect(last.classList.contains('flash-up')).toBe(true);
    act(() => vi.advanceTimersByTime(400));
    expect(last.classList.contains('flash-up')).toBe(false);
    act(() => applyTickers([ticker(1, 9_000, 3)]));
    expect(last.classList.contains('flash-down')).toBe(true);
    vi.useRealTimers();
  });

  it('selects with click, Enter and Space and exposes aria-selected', () => {
    const onSelect = vi.fn();
    renderRows(onSelect);
    const [btcRow, ethRow] = screen.getAllByTestId('watch-row');
    expect(btcRow!.getAttribute('aria-selected')).toBe('false');
    expect(ethRow!.getAttribute('aria-selected')).toBe('true');
    fireEvent.click(btcRow!);
    fireEvent.keyDown(btcRow!, { key: 'Enter' });
    fireEvent.keyDown(btcRow!, { key: ' ' });
    fireEvent.keyDown(btcRow!, { key: 'a' });
    expect(onSelect.mock.calls).toEqual([['BTC-USD'], ['BTC-USD'], ['BTC-USD']]);
  });
});
