// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Instrument } from '../../../protocol/instruments';
import { useConnectionStore } from '../../stores/connection-store';
import { BTC_USD } from '../../../protocol/test-fixtures';

const attempts = vi.hoisted(() => ({ count: 0, fail: true }));

// The chart chunk: the first download fails (network gone), later ones succeed.
vi.mock('./candle-chart', () => {
  attempts.count += 1;
  if (attempts.fail) throw new TypeError('Failed to fetch dynamically imported module: /c.js');
  return { CandleChart: () => <div data-testid="chart">chart</div> };
});

const instrument: Instrument = BTC_USD;

describe('ChartSection', () => {
  afterEach(cleanup);

  it('keeps a failed chart download inside its panel and retries when the gateway is back', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    useConnectionStore.setState({ state: 'offline' });
    const { ChartSection } = await import('./chart-section');
    render(
      <>
        <ChartSection instrument={instrument} />
        <p>rest of the dashboard</p>
      </>,
    );
    expect(await screen.findByText(/chart could not be downloaded/)).toBeTruthy();
    expect(screen.getByText('rest of the dashboard')).toBeTruthy();

    attempts.fail = false;
    act(() => useConnectionStore.setState({ state: 'live' }));
    expect(await screen.findByTestId('chart')).toBeTruthy();
  });
});
