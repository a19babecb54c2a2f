/** Consistent transitions for store tests and the crash child: one buy per transition. */
import type { Balance, Fill, Order, Position, Transition } from '../types';

/** 1 unit of the account currency in money units (MONEY_SCALE 16). */
export const ONE = 10n ** 16n;
export const INST = 7;

/** An account as the engine would have it before its first transition (seq 0, nothing stored). */
export interface Chain {
  balance: Balance;
  position: Position;
}

/** The state before the first transition of an account. */
export function startChain(accountId: string, startingCash = 100_000n * ONE): Chain {
  return {
    balance: {
      accountId,
      currency: 'USD',
      cash: startingCash,
      startingCash,
      feesPaid: 0n,
      realizedPnl: 0n,
      nextOrderNumber: 1,
      nextFillNumber: 1,
      seq: 0,
      updatedAt: 0,
    },
    position: {
      accountId,
      inst: INST,
      quantity: 0,
      entryNotional: 0n,
      realizedPnl: 0n,
      updatedAt: 0,
    },
  };
}

/** A resting limit order as the engine would write it. */
export function makeOrder(accountId: string, n: number, overrides: Partial<Order> = {}): Order {
  return {
    id: `o_${n}`,
    accountId,
    clientOrderId: `c_${n}`,
    inst: INST,
    side: 'buy',
    type: 'limit',
    quantity: 10,
    limitPrice: 1000 + n,
    stopPrice: null,
    timeInForce: 'gtc',
    postOnly: false,
    status: 'open',
    filledQuantity: 0,
    filledNotional: 0n,
    rejectCode: null,
    rejectMessage: null,
    createdAt: 1_700_000_000_000 + n,
    updatedAt: 1_700_000_000_000 + n,
    ...overrides,
  };
}

/** The next buy of the chain: a market order filled at once, its fill, position and balance. */
export function nextBuy(
  chain: Chain,
  time = 1_700_000_000_000 + chain.balance.seq,
): {
  transition: Transition;
  chain: Chain;
} {
  const { balance, position } = chain;
  const n = balance.nextOrderNumber;
  const quantity = (n % 5) + 1;
  const price = 100 + (n % 17);
  const notional = BigInt(price * quantity) * 10n ** 12n;
  const fee = notional / 1000n;
  const order = makeOrder(balance.accountId, n, {
    type: 'market',
    limitPrice: null,
    timeInForce: 'ioc',
    quantity,
    status: 'filled',
    filledQuantity: quantity,
    filledNotional: notional,
    createdAt: time,
    updatedAt: time,
  });
  const fill: Fill = {
    id: `f_${balance.nextFillNumber}`,
    accountId: balance.accountId,
    orderId: order.id,
    inst: INST,
    side: 'buy',
    price,
    quantity,
    notional,
    fee,
    liquidity: 'taker',
    time,
  };
  const next: Chain = {
    balance: {
      ...balance,
      cash: balance.cash - notional - fee,
      feesPaid: balance.feesPaid + fee,
      nextOrderNumber: n + 1,
      nextFillNumber: balance.nextFillNumber + 1,
      seq: balance.seq + 1,
      updatedAt: time,
    },
    position: {
      ...position,
      quantity: position.quantity + quantity,
      entryNotional: position.entryNotional + notional,
      updatedAt: time,
    },
  };
  return {
    transition: {
      accountId: balance.accountId,
      balance: next.balance,
      orders: [order],
      fills: [fill],
      positions: [next.position],
    },
    chain: next,
  };
}

/** A unique account id per test, so tests can share one database. */
export function accountId(label: string): string {
  return `${label}_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
}
