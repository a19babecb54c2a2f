// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Instrument } from '../../../protocol/instruments';
import { BTC_USD } from '../../../protocol/test-fixtures';
import { useToastStore } from '../../components/toast/toast-store';
import { paperKeys } from '../../lib/api/paper';
import { applyBookPatches } from '../../stores/book-store';
import { useConnectionStore } from '../../stores/connection-store';
import { useTicketStore } from '../../stores/ticket-store';
import { OrderTicket } from './order-ticket';

const btc: Instrument = { ...BTC_USD, id: 31 };

const account = {
  currency: 'USD',
  startingCash: '100000',
  cash: '100000',
  equity: '100000',
  realizedPnl: '0',
  unrealizedPnl: '0',
  feesPaid: '0',
  marginUsed: '0',
  buyingPower: '100000',
  makerFeeBps: 2,
  takerFeeBps: 5,
  seq: 1,
  updatedAt: 1,
};

function orderFrom(body: Record<string, unknown>, status: string) {
  return {
    id: 'o_0000000001',
    inst: btc.id,
    stopPrice: null,
    filledQuantity: 0,
    averagePrice: null,
    rejectCode: null,
    rejectMessage: null,
    createdAt: 1,
    updatedAt: 1,
    ...body,
    status,
  };
}

function setup(online = () => true, accountView: typeof account = account) {
  const client = new QueryClient({
    defaultOptions: { queries: { retry: false, enabled: false } },
  });
  client.setQueryData(paperKeys.account(), { account: accountView });
  client.setQueryData(paperKeys.positions(), { positions: [] });
  client.setQueryData(paperKeys.orders('open'), { orders: [] });
  render(
    <QueryClientProvider client={client}>
      <OrderTicket instrument={btc} navigatorOnline={online} />
    </QueryClientProvider>,
  );
  act(() =>
    applyBookPatches([
      { inst: btc.id, reset: true, seq: 1, time: 0, bids: [9_990, 50_000], asks: [10_010, 50_000] },
    ]),
  );
}

const submit = () => screen.getByTestId('ticket-submit') as HTMLButtonElement;
const sentBodies = (fetchMock: ReturnType<typeof vi.fn>) =>
  fetchMock.mock.calls
    .filter(([, init]) => (init as RequestInit | undefined)?.method === 'POST')
    .map(([, init]) => JSON.parse(String((init as RequestInit).body)) as Record<string, unknown>);

describe('OrderTicket', () => {
  beforeEach(() => {
    useConnectionStore.setState({ state: 'live', staleStreams: [] });
    useTicketStore.setState({ skipConfirm: false, picked: null });
    useToastStore.setState({ toasts: [] });
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('is disabled with the reason while the gateway is unreachable or the browser offline', () => {
    useConnectionStore.setState({ state: 'offline' });
    setup();
    expect(submit().disabled).toBe(true);
    expect(screen.getByTestId('ticket-status').textContent).toMatch(/gateway is unreachable/);
    cleanup();
    useConnectionStore.setState({ state: 'live' });
    setup(() => false);
    expect(submit().disabled).toBe(true);
    expect(screen.getByTestId('ticket-status').textContent).toMatch(/^You are offline/);
  });

  it('prefills the best ask for a buy and takes a price picked on the book', () => {
    setup();
    expect((screen.getByTestId('ticket-price') as HTMLInputElement).value).toBe('100.10');
    fireEvent.click(screen.getByTestId('ticket-sell'));
    expect((screen.getByTestId('ticket-price') as HTMLInputElement).value).toBe('99.90');
    act(() => useTicketStore.getState().pickPrice('BTC-USD', 10_000));
    expect((screen.getByTestId('ticket-price') as HTMLInputElement).value).toBe('100.00');
  });

  it('asks for confirmation on Enter, sends on the second Enter, and retries with the same id', async () => {
    const fetchMock = vi
      .fn()
      .mockRejectedValueOnce(new TypeError('Failed to fetch'))
      .mockImplementation(async (_path: string, init?: RequestInit) => {
        const body = JSON.parse(String(init?.body)) as Record<string, unknown>;
        return new Response(JSON.stringify({ order: orderFrom(body, 'open'), duplicate: false }), {
          status: 201,
        });
      });
    vi.stubGlobal('fetch', fetchMock);
    setup();
    const size = screen.getByTestId('ticket-size');
    fireEvent.change(size, { target: { value: '0.5' } });
    fireEvent.submit(size.closest('form')!);
    expect(screen.getByTestId('ticket-status').textContent).toMatch(/press Enter to send/);
    expect(sentBodies(fetchMock)).toHaveLength(0);

    fireEvent.submit(size.closest('form')!);
    await waitFor(() => expect(submit().textContent).toBe('Retry same order'));
    expect(screen.getByTestId('ticket-status').textContent).toMatch(/may have been placed/);

    fireEvent.submit(size.closest('form')!);
    await waitFor(() => expect(submit().textContent).toBe('Buy BTC'));
    const bodies = sentBodies(fetchMock);
    expect(bodies).toHaveLength(2);
    expect(bodies[1]).toEqual(bodies[0]);
    expect(bodies[0]).toMatchObject({
      symbol: 'BTC-USD',
      side: 'buy',
      type: 'limit',
      quantity: 5_000,
      limitPrice: 10_010,
    });
  });

  it('shows the rejection inline and as an error toast', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_path: string, init?: RequestInit) => {
        const body = JSON.parse(String(init?.body)) as Record<string, unknown>;
        return new Response(
          JSON.stringify({
            error: { code: 'stale_market', message: 'the BTC-USD book is 9 s old' },
            order: orderFrom(body, 'rejected'),
          }),
          { status: 422 },
        );
      }),
    );
    useTicketStore.setState({ skipConfirm: true });
    setup();
    const size = screen.getByTestId('ticket-size');
    fireEvent.change(size, { target: { value: '0.5' } });
    fireEvent.submit(size.closest('form')!);
    await waitFor(() =>
      expect(screen.getByTestId('ticket-status').textContent).toBe(
        'Rejected: the BTC-USD book is 9 s old',
      ),
    );
    expect(useToastStore.getState().toasts).toEqual([
      expect.objectContaining({ tone: 'error', body: 'the BTC-USD book is 9 s old' }),
    ]);
  });

  it("previews the fee at the account's own rates, not the defaults", () => {
    setup(undefined, { ...account, makerFeeBps: 1, takerFeeBps: 10 });
    fireEvent.change(screen.getByTestId('ticket-size'), { target: { value: '0.5' } });
    // The prefilled price is the best ask, so the order takes: 0.5 × 100.10 = 50.05 at 10 bps.
    const fee = screen.getByTestId('preview-fee');
    expect(fee.previousElementSibling?.textContent).toBe('Fee (taker 10 bps)');
    expect(fee.textContent).toBe('0.05');
    expect(screen.getByTestId('preview-total').textContent).toBe('50.10 USD');
  });

  it('shows validation messages instead of sending', () => {
    const fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
    setup();
    fireEvent.change(screen.getByTestId('ticket-price'), { target: { value: '100.001' } });
    fireEvent.change(screen.getByTestId('ticket-size'), { target: { value: '0.00001' } });
    fireEvent.submit(screen.getByTestId('ticket-size').closest('form')!);
    fireEvent.submit(screen.getByTestId('ticket-size').closest('form')!);
    expect(screen.getByText('The price allows at most 2 decimals.')).toBeTruthy();
    expect(screen.getByText('The quantity allows at most 4 decimals.')).toBeTruthy();
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
