import type {
  AccountState,
  Balance,
  Fill,
  Order,
  OrderStatus,
  Position,
  Transition,
} from '../types';

/** Orders not in a final state: what `status: 'open'` selects. */
export const OPEN_ORDER_STATUSES = ['pending', 'open', 'partially_filled'] as const;
/** Final order states: what `status: 'closed'` selects. */
export const CLOSED_ORDER_STATUSES = ['filled', 'cancelled', 'rejected'] as const;

/** The most rows one list call returns. */
export const MAX_LIST_LIMIT = 1000;

export interface ListOrdersQuery {
  /** A set of statuses, or `open` / `closed`; all orders when absent. */
  status?: readonly OrderStatus[] | 'open' | 'closed';
  /** 1…MAX_LIST_LIMIT rows, newest first. */
  limit: number;
  /** An order id: only orders placed before that one (the id of the last row of a page). */
  before?: string;
}

export interface ListFillsQuery {
  /** 1…MAX_LIST_LIMIT rows, newest first (by fill time). */
  limit: number;
  /** A fill id: only fills older than that one. */
  before?: string;
}

/**
 * Durable paper-trading state. Every method that writes does so in one database transaction;
 * a rejected write (PaperStoreError) has changed nothing.
 */
export interface PaperStore {
  readonly backend: 'pglite' | 'postgres';
  /** What the engine needs at start: balance, orders not final, positions; null if unknown. */
  load(accountId: string): Promise<AccountState | null>;
  /**
   * Writes one transition atomically. `balance.seq` must be the stored seq + 1 (1 for a new
   * account), otherwise `seq_conflict` and nothing is written, so two writers cannot interleave.
   */
  commit(transition: Transition): Promise<void>;
  findOrderByClientId(accountId: string, clientOrderId: string): Promise<Order | null>;
  getOrder(accountId: string, orderId: string): Promise<Order | null>;
  listOrders(accountId: string, query: ListOrdersQuery): Promise<Order[]>;
  listFills(accountId: string, query: ListFillsQuery): Promise<Fill[]>;
  listPositions(accountId: string): Promise<Position[]>;
  getBalance(accountId: string): Promise<Balance | null>;
  /**
   * Deletes the account's orders, fills and positions and restores its cash, in one
   * transaction; seq and the id counters continue (ids are never reused). Returns the balance.
   */
  resetAccount(accountId: string, startingCash: bigint, now: number): Promise<Balance>;
  close(): Promise<void>;
}
