// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PositionView } from '../../../protocol/paper';
import { BTC_USD, TEST_ACCOUNT, TEST_ORDER, TEST_POSITION } from '../../../protocol/test-fixtures';
import { useToastStore } from '../../components/toast/toast-store';
import { paperKeys } from '../../lib/api/paper';
import { useConnectionStore } from '../../stores/connection-store';
import { PositionsPanel } from './positions-panel';

const short: PositionView = {
  ...TEST_POSITION,
  quantity: -2_500,
  marketValue: '-16250.00000000',
  unrealizedPnl: '2.50000000',
};

function setup(positions: PositionView[]) {
  const client = new QueryClient({
    defaultOptions: { queries: { retry: false, enabled: false } },
  });
  client.setQueryData(paperKeys.account(), { account: TEST_ACCOUNT });
  client.setQueryData(paperKeys.positions(), { positions });
  client.setQueryData(paperKeys.orders('open'), { orders: [] });
  client.setQueryData(['instruments'], { version: 'v1', instruments: [BTC_USD] });
  render(
    <QueryClientProvider client={client}>
      <PositionsPanel />
    </QueryClientProvider>,
  );
}

const closeButton = () => screen.getByTestId<HTMLButtonElement>('close-position');
const postedBodies = (fetchMock: ReturnType<typeof vi.fn>) =>
  fetchMock.mock.calls
    .filter(([, init]) => (init as RequestInit | undefined)?.method === 'POST')
    .map(([path, init]) => ({
      path: String(path),
      body: JSON.parse(String((init as RequestInit).body)) as Record<string, unknown>,
    }));

function answerWith(status: number, answer: (body: Record<string, unknown>) => unknown) {
  return vi.fn(async (_path: string, init?: RequestInit) => {
    const body = JSON.parse(String(init?.body)) as Record<string, unknown>;
    return new Response(JSON.stringify(answer(body)), { status });
  });
}

const filled = (body: Record<string, unknown>) => ({
  order: {
    ...TEST_ORDER,
    id: 'o_close',
    ...body,
    status: 'filled',
    filledQuantity: body.quantity,
    averagePrice: '65000.00',
    updatedAt: 2,
  },
  duplicate: false,
});

describe('PositionsPanel close', () => {
  beforeEach(() => {
    useConnectionStore.setState({ state: 'live', staleStreams: [] });
    useToastStore.setState({ toasts: [] });
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('shows the position and closes a long with a confirmed market sell of its size', async () => {
    const fetchMock = answerWith(201, filled);
    vi.stubGlobal('fetch', fetchMock);
    setup([TEST_POSITION]);
    const row = screen.getByTestId('position-row');
    expect(row.dataset.symbol).toBe('BTC-USD');
    expect(within(row).getByTestId('position-qty').textContent).toBe('0.5000');

    fireEvent.click(closeButton());
    expect(closeButton().textContent).toBe('Confirm close');
    expect(fetchMock).not.toHaveBeenCalled();

    fireEvent.click(closeButton());
    await waitFor(() => expect(postedBodies(fetchMock)).toHaveLength(1));
    const [sent] = postedBodies(fetchMock);
    expect(sent!.path).toBe('/api/orders');
    expect(sent!.body).toEqual({
      clientOrderId: expect.stringMatching(/^[A-Za-z0-9_-]{1,64}$/),
      symbol: 'BTC-USD',
      side: 'sell',
      type: 'market',
      quantity: 5_000,
      limitPrice: null,
      stopPrice: null,
      timeInForce: 'gtc',
      postOnly: false,
    });
    expect(closeButton().textContent).toBe('Close');
  });

  it('closes a short with a market buy of its absolute size', async () => {
    const fetchMock = answerWith(201, filled);
    vi.stubGlobal('fetch', fetchMock);
    setup([short]);
    expect(screen.getByTestId('position-qty').textContent).toBe('-0.2500');
    fireEvent.click(closeButton());
    fireEvent.click(closeButton());
    await waitFor(() => expect(postedBodies(fetchMock)).toHaveLength(1));
    expect(postedBodies(fetchMock)[0]!.body).toMatchObject({ side: 'buy', quantity: 2_500 });
  });

  it('does not send when focus leaves between the two clicks', () => {
    const fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
    setup([TEST_POSITION]);
    fireEvent.click(closeButton());
    fireEvent.blur(closeButton());
    expect(closeButton().textContent).toBe('Close');
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('reports a rejected close as an error toast, without retrying', async () => {
    const fetchMock = answerWith(422, (body) => ({
      error: { code: 'stale_market', message: 'the BTC-USD book is 9 s old' },
      order: {
        ...filled(body).order,
        status: 'rejected',
        filledQuantity: 0,
        averagePrice: null,
        rejectCode: 'stale_market',
        rejectMessage: 'the BTC-USD book is 9 s old',
      },
    }));
    vi.stubGlobal('fetch', fetchMock);
    setup([TEST_POSITION]);
    fireEvent.click(closeButton());
    fireEvent.click(closeButton());
    await waitFor(() =>
      expect(useToastStore.getState().toasts).toEqual([
        expect.objectContaining({
          tone: 'error',
          title: 'Close BTC-USD rejected',
          body: 'the BTC-USD book is 9 s old',
        }),
      ]),
    );
    expect(postedBodies(fetchMock)).toHaveLength(1);
  });

  it('cannot close while the gateway is unreachable', () => {
    useConnectionStore.setState({ state: 'offline' });
    setup([TEST_POSITION]);
    expect(closeButton().disabled).toBe(true);
    // Still visible from the cache.
    expect(screen.getByTestId('position-qty').textContent).toBe('0.5000');
  });

  it('lists flat positions as nothing open', () => {
    setup([{ ...TEST_POSITION, quantity: 0, averageEntryPrice: null }]);
    expect(screen.queryByTestId('position-row')).toBeNull();
    expect(screen.getByText('No open positions.')).toBeTruthy();
  });
});
