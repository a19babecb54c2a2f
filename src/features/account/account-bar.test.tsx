// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BTC_USD, TEST_ACCOUNT } from '../../../protocol/test-fixtures';
import { useToastStore } from '../../components/toast/toast-store';
import { paperKeys } from '../../lib/api/paper';
import { useConnectionStore } from '../../stores/connection-store';
import { AccountBar } from './account-bar';
import type { Notifier } from './fill-alerts';

const notifier: Notifier = {
  permission: () => 'default',
  request: () => Promise.resolve('granted'),
  show: () => undefined,
};

const freshAccount = {
  ...TEST_ACCOUNT,
  cash: '100000.00000000',
  equity: '100000.00000000',
  feesPaid: '0.00000000',
  marginUsed: '0.00000000',
  unrealizedPnl: '0.00000000',
  buyingPower: '100000.00000000',
  seq: 8,
};

function setup() {
  const client = new QueryClient({
    defaultOptions: { queries: { retry: false, enabled: false } },
  });
  client.setQueryData(paperKeys.account(), { account: TEST_ACCOUNT });
  client.setQueryData(paperKeys.positions(), { positions: [] });
  client.setQueryData(paperKeys.fills(), { fills: [] });
  client.setQueryData(['instruments'], { version: 'v1', instruments: [BTC_USD] });
  render(
    <QueryClientProvider client={client}>
      <AccountBar notifier={notifier} />
    </QueryClientProvider>,
  );
}

const resetButton = () =>
  screen.getByRole<HTMLButtonElement>('button', { name: /^(confirm )?reset$/i });
const posts = (fetchMock: ReturnType<typeof vi.fn>) =>
  fetchMock.mock.calls
    .filter(([, init]) => (init as RequestInit | undefined)?.method === 'POST')
    .map(([path, init]) => ({ path: String(path), body: String((init as RequestInit).body) }));

describe('AccountBar reset', () => {
  beforeEach(() => {
    useConnectionStore.setState({ state: 'live', staleStreams: [] });
    useToastStore.setState({ toasts: [] });
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('asks for confirmation first, then resets with {"confirm": true}', async () => {
    const fetchMock = vi.fn(
      async () => new Response(JSON.stringify({ account: freshAccount }), { status: 200 }),
    );
    vi.stubGlobal('fetch', fetchMock);
    setup();
    expect(screen.getByTestId('account-buying-power').textContent).toBe('93,489.87');

    fireEvent.click(resetButton());
    expect(resetButton().textContent).toBe('Confirm reset');
    expect(posts(fetchMock)).toEqual([]);

    fireEvent.click(resetButton());
    await waitFor(() =>
      expect(screen.getByTestId('account-buying-power').textContent).toBe('100,000.00'),
    );
    expect(posts(fetchMock)).toEqual([{ path: '/api/account/reset', body: '{"confirm":true}' }]);
    expect(resetButton().textContent).toBe('Reset');
    expect(screen.getByText('Paper account reset')).toBeTruthy();
  });

  it('forgets the first click when focus leaves the button', () => {
    const fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
    setup();
    fireEvent.click(resetButton());
    fireEvent.blur(resetButton());
    expect(resetButton().textContent).toBe('Reset');
    fireEvent.click(resetButton());
    expect(resetButton().textContent).toBe('Confirm reset');
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('shows the gateway refusing a reset as an error toast', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response(
            JSON.stringify({ error: { code: 'unavailable', message: 'the store is down' } }),
            { status: 503 },
          ),
      ),
    );
    setup();
    fireEvent.click(resetButton());
    fireEvent.click(resetButton());
    await waitFor(() =>
      expect(useToastStore.getState().toasts).toEqual([
        expect.objectContaining({ tone: 'error', title: 'Reset failed' }),
      ]),
    );
    expect(screen.getByTestId('account-buying-power').textContent).toBe('93,489.87');
  });

  it('cannot be reset while the gateway is unreachable', () => {
    useConnectionStore.setState({ state: 'offline' });
    setup();
    expect(resetButton().disabled).toBe(true);
    // The cached figures stay on screen, marked as the last known ones.
    expect(screen.getByTestId('account-stale').textContent).toBe('as of last visit');
    expect(screen.getByTestId('account-buying-power').textContent).toBe('93,489.87');
  });
});
