import { describe, expect, it } from 'vitest';
import type { Balance, Position } from '../types';
import { bookFill, emptyPosition } from './ledger';
import { notionalOf } from './money';
import { AAPL, usd } from './test-support';

function balance(): Balance {
  return {
    accountId: 'a',
    currency: 'USD',
    cash: usd('1000'),
    startingCash: usd('1000'),
    feesPaid: 0n,
    realizedPnl: 0n,
    nextOrderNumber: 1,
    nextFillNumber: 1,
    seq: 0,
    updatedAt: 0,
  };
}

/** Books a fill of whole AAPL shares at a price in dollars (integer). */
function fill(
  position: Position,
  account: Balance,
  side: 'buy' | 'sell',
  shares: number,
  dollars: number,
  fee = 0n,
): bigint {
  const price = dollars * 100;
  const notional = notionalOf(AAPL, price, shares);
  return bookFill(AAPL, position, account, { side, price, quantity: shares, notional, fee }, 1);
}

describe('bookFill', () => {
  it('opens and adds to a long, then realizes pro rata on partial and full close', () => {
    const account = balance();
    const position = emptyPosition('a', AAPL.id, 0);
    fill(position, account, 'buy', 1, 100);
    fill(position, account, 'buy', 1, 110);
    expect(position).toMatchObject({ quantity: 2, entryNotional: usd('210'), realizedPnl: 0n });

    expect(fill(position, account, 'sell', 1, 120)).toBe(usd('15'));
    expect(position.entryNotional).toBe(usd('105'));
    expect(fill(position, account, 'sell', 1, 90)).toBe(usd('-15'));
    expect(position).toMatchObject({ quantity: 0, entryNotional: 0n, realizedPnl: 0n });
    expect(account.cash).toBe(usd('1000'));
  });

  it('realizes on shorts: selling high and buying back low is a gain', () => {
    const account = balance();
    const position = emptyPosition('a', AAPL.id, 0);
    fill(position, account, 'sell', 2, 100);
    expect(position).toMatchObject({ quantity: -2, entryNotional: usd('-200') });
    expect(account.cash).toBe(usd('1200'));
    expect(fill(position, account, 'buy', 1, 80)).toBe(usd('20'));
    expect(position).toMatchObject({ quantity: -1, entryNotional: usd('-100') });
  });

  it('flips: closes the short and opens a long with the rest at the fill price', () => {
    const account = balance();
    const position = emptyPosition('a', AAPL.id, 0);
    fill(position, account, 'sell', 2, 100);
    fill(position, account, 'buy', 1, 80);
    expect(fill(position, account, 'buy', 3, 90)).toBe(usd('10'));
    expect(position).toMatchObject({
      quantity: 2,
      entryNotional: usd('180'),
      realizedPnl: usd('30'),
    });
    expect(account.cash).toBe(usd('850'));
    // equity at a mark of 90 = cash + 2 × 90 = starting cash + realized
    expect(account.cash + usd('180')).toBe(account.startingCash + account.realizedPnl);
  });

  it('flips a long into a short', () => {
    const account = balance();
    const position = emptyPosition('a', AAPL.id, 0);
    fill(position, account, 'buy', 1, 100);
    expect(fill(position, account, 'sell', 3, 105)).toBe(usd('5'));
    expect(position).toMatchObject({ quantity: -2, entryNotional: usd('-210') });
  });

  it('charges fees to cash and feesPaid, never to realized P&L', () => {
    const account = balance();
    const position = emptyPosition('a', AAPL.id, 0);
    fill(position, account, 'buy', 1, 100, usd('0.05'));
    fill(position, account, 'sell', 1, 101, usd('0.0505'));
    expect(account.feesPaid).toBe(usd('0.1005'));
    expect(account.realizedPnl).toBe(usd('1'));
    expect(account.cash).toBe(usd('1000.8995'));
    expect(account.cash).toBe(account.startingCash + account.realizedPnl - account.feesPaid);
  });

  it('keeps the truncation of a pro-rata entry cost with the open quantity', () => {
    const account = balance();
    const position: Position = {
      ...emptyPosition('a', AAPL.id, 0),
      quantity: 3,
      entryNotional: 10n,
    };
    const price = 1;
    const one = notionalOf(AAPL, price, 1);
    bookFill(
      AAPL,
      position,
      account,
      { side: 'sell', price, quantity: 1, notional: one, fee: 0n },
      1,
    );
    expect(position.entryNotional).toBe(7n);
    bookFill(
      AAPL,
      position,
      account,
      { side: 'sell', price, quantity: 2, notional: 2n * one, fee: 0n },
      1,
    );
    expect(position.entryNotional).toBe(0n);
    expect(position.realizedPnl).toBe(3n * one - 10n);
  });
});
