import type { Balance, Fill, Order, OrderStatus, Position, Transition } from '../types';
import {
  CLOSED_ORDER_STATUSES,
  MAX_LIST_LIMIT,
  OPEN_ORDER_STATUSES,
  type ListFillsQuery,
  type ListOrdersQuery,
  type PaperStore,
} from './paper-store';
import {
  BALANCE_COLUMNS,
  FILL_COLUMNS,
  ORDER_COLUMNS,
  POSITION_COLUMNS,
  balanceFromRow,
  fillFromRow,
  orderFromRow,
  positionFromRow,
} from './rows';
import type { SqlClient, SqlExecutor, SqlParam } from './sql-client';
import { PaperStoreError, databaseErrorInfo } from './store-errors';
import { assertTransition } from './validate-transition';

const BALANCE_VALUES = (b: Balance): SqlParam[] => [
  b.accountId,
  b.currency,
  b.cash.toString(),
  b.startingCash.toString(),
  b.feesPaid.toString(),
  b.realizedPnl.toString(),
  b.nextOrderNumber,
  b.nextFillNumber,
  b.seq,
  b.updatedAt,
];

const INSERT_ACCOUNT = `INSERT INTO paper_accounts (account_id, currency, cash, starting_cash,
  fees_paid, realized_pnl, next_order_number, next_fill_number, seq, updated_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (account_id) DO NOTHING`;

// Only the row whose seq is the one before ours matches: the optimistic check and the row lock.
const UPDATE_ACCOUNT = `UPDATE paper_accounts SET currency = $2, cash = $3, starting_cash = $4,
  fees_paid = $5, realized_pnl = $6, next_order_number = $7, next_fill_number = $8, seq = $9,
  updated_at = $10 WHERE account_id = $1 AND seq = $9 - 1`;

const UPSERT_ORDER = `INSERT INTO paper_orders (account_id, id, client_order_id, inst, side, type,
  quantity, limit_price, stop_price, time_in_force, post_only, status, filled_quantity,
  filled_notional, reject_code, reject_message, created_at, updated_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
  ON CONFLICT (account_id, id) DO UPDATE SET type = EXCLUDED.type, quantity = EXCLUDED.quantity,
  limit_price = EXCLUDED.limit_price, stop_price = EXCLUDED.stop_price,
  time_in_force = EXCLUDED.time_in_force, post_only = EXCLUDED.post_only,
  status = EXCLUDED.status, filled_quantity = EXCLUDED.filled_quantity,
  filled_notional = EXCLUDED.filled_notional, reject_code = EXCLUDED.reject_code,
  reject_message = EXCLUDED.reject_message, updated_at = EXCLUDED.updated_at
  WHERE paper_orders.client_order_id = EXCLUDED.client_order_id
  AND paper_orders.inst = EXCLUDED.inst AND paper_orders.side = EXCLUDED.side`;

const INSERT_FILL = `INSERT INTO paper_fills (account_id, id, order_id, inst, side, price, quantity,
  notional, fee, liquidity, time) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`;

const UPSERT_POSITION = `INSERT INTO paper_positions (account_id, inst, quantity, entry_notional,
  realized_pnl, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
  ON CONFLICT (account_id, inst) DO UPDATE SET quantity = EXCLUDED.quantity,
  entry_notional = EXCLUDED.entry_notional, realized_pnl = EXCLUDED.realized_pnl,
  updated_at = EXCLUDED.updated_at`;

function checkLimit(limit: number): void {
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_LIST_LIMIT) {
    throw new PaperStoreError('invalid_query', `limit must be 1…${MAX_LIST_LIMIT}, got ${limit}`);
  }
}

function statusesOf(status: ListOrdersQuery['status']): readonly OrderStatus[] | null {
  if (status === undefined) return null;
  if (status === 'open') return OPEN_ORDER_STATUSES;
  if (status === 'closed') return CLOSED_ORDER_STATUSES;
  return status;
}

/** Turns a constraint violation into the store error that says what the engine did wrong. */
function explain(error: unknown, t: Transition): unknown {
  const info = databaseErrorInfo(error);
  if (info?.code !== '23505') return error;
  if (info.constraint === 'paper_fills_pkey') {
    return new PaperStoreError(
      'duplicate_fill',
      `account ${t.accountId}: a fill id of this transition is already stored (${t.fills.map((f) => f.id).join(', ')}); nothing written`,
      { cause: error },
    );
  }
  if (info.constraint === 'paper_orders_client_order_id_key') {
    return new PaperStoreError(
      'duplicate_client_order_id',
      `account ${t.accountId}: another order already has client order id ${t.orders.map((o) => o.clientOrderId).join(' or ')}; nothing written`,
      { cause: error },
    );
  }
  return error;
}

async function writeAccount(tx: SqlExecutor, balance: Balance): Promise<void> {
  const values = BALANCE_VALUES(balance);
  const written = await tx.query(balance.seq === 1 ? INSERT_ACCOUNT : UPDATE_ACCOUNT, values);
  if (written.rowCount === 1) return;
  const stored = await tx.query(
    'SELECT seq::text AS seq FROM paper_accounts WHERE account_id = $1',
    [balance.accountId],
  );
  const storedSeq: unknown = Reflect.get(Object(stored.rows[0]), 'seq');
  throw new PaperStoreError(
    'seq_conflict',
    `account ${balance.accountId}: transition seq ${balance.seq} does not follow the stored seq ${typeof storedSeq === 'string' ? storedSeq : 'none (new account must start at 1)'}; another writer got there first; nothing written`,
  );
}

/** The PaperStore over either backend; the SQL is the same. */
export function createSqlPaperStore(client: SqlClient): PaperStore {
  const getBalance = async (accountId: string): Promise<Balance | null> => {
    const { rows } = await client.query(
      `SELECT ${BALANCE_COLUMNS} FROM paper_accounts WHERE account_id = $1`,
      [accountId],
    );
    return rows[0] === undefined ? null : balanceFromRow(rows[0]);
  };

  const openOrders = async (accountId: string): Promise<Order[]> => {
    const { rows } = await client.query(
      `SELECT ${ORDER_COLUMNS} FROM paper_orders WHERE account_id = $1
       AND status IN ('pending', 'open', 'partially_filled') ORDER BY row_no`,
      [accountId],
    );
    return rows.map(orderFromRow);
  };

  const listPositions = async (accountId: string): Promise<Position[]> => {
    const { rows } = await client.query(
      `SELECT ${POSITION_COLUMNS} FROM paper_positions WHERE account_id = $1 ORDER BY inst`,
      [accountId],
    );
    return rows.map(positionFromRow);
  };

  const oneOrder = async (accountId: string, column: 'id' | 'client_order_id', value: string) => {
    const { rows } = await client.query(
      `SELECT ${ORDER_COLUMNS} FROM paper_orders WHERE account_id = $1 AND ${column} = $2`,
      [accountId, value],
    );
    return rows[0] === undefined ? null : orderFromRow(rows[0]);
  };

  return {
    backend: client.backend,
    getBalance,
    listPositions,

    async load(accountId) {
      const balance = await getBalance(accountId);
      if (balance === null) return null;
      return {
        balance,
        openOrders: await openOrders(accountId),
        positions: await listPositions(accountId),
      };
    },

    async commit(transition) {
      assertTransition(transition);
      try {
        await client.transaction(async (tx) => {
          await writeAccount(tx, transition.balance);
          for (const o of transition.orders) {
            const written = await tx.query(UPSERT_ORDER, [
              o.accountId,
              o.id,
              o.clientOrderId,
              o.inst,
              o.side,
              o.type,
              o.quantity,
              o.limitPrice,
              o.stopPrice,
              o.timeInForce,
              o.postOnly,
              o.status,
              o.filledQuantity,
              o.filledNotional.toString(),
              o.rejectCode,
              o.rejectMessage,
              o.createdAt,
              o.updatedAt,
            ]);
            if (written.rowCount !== 1) {
              throw new PaperStoreError(
                'duplicate_order',
                `account ${o.accountId}: order ${o.id} is stored with another client order id, instrument or side; nothing written`,
              );
            }
          }
          for (const f of transition.fills) {
            await tx.query(INSERT_FILL, [
              f.accountId,
              f.id,
              f.orderId,
              f.inst,
              f.side,
              f.price,
              f.quantity,
              f.notional.toString(),
              f.fee.toString(),
              f.liquidity,
              f.time,
            ]);
          }
          for (const p of transition.positions) {
            await tx.query(UPSERT_POSITION, [
              p.accountId,
              p.inst,
              p.quantity,
              p.entryNotional.toString(),
              p.realizedPnl.toString(),
              p.updatedAt,
            ]);
          }
        });
      } catch (error) {
        throw explain(error, transition);
      }
    },

    findOrderByClientId: (accountId, clientOrderId) =>
      oneOrder(accountId, 'client_order_id', clientOrderId),
    getOrder: (accountId, orderId) => oneOrder(accountId, 'id', orderId),

    async listOrders(accountId, query) {
      checkLimit(query.limit);
      const params: SqlParam[] = [accountId];
      let where = 'account_id = $1';
      const statuses = statusesOf(query.status);
      if (statuses !== null) {
        if (statuses.length === 0) return [];
        const marks = statuses.map((status) => `$${params.push(status)}`);
        where += ` AND status IN (${marks.join(', ')})`;
      }
      if (query.before !== undefined) {
        if ((await oneOrder(accountId, 'id', query.before)) === null) {
          throw new PaperStoreError('invalid_query', `before: no order ${query.before}`);
        }
        where += ` AND row_no < (SELECT row_no FROM paper_orders
          WHERE account_id = $1 AND id = $${params.push(query.before)})`;
      }
      const { rows } = await client.query(
        `SELECT ${ORDER_COLUMNS} FROM paper_orders WHERE ${where}
         ORDER BY row_no DESC LIMIT $${params.push(query.limit)}`,
        params,
      );
      return rows.map(orderFromRow);
    },

    async listFills(accountId, query: ListFillsQuery): Promise<Fill[]> {
      checkLimit(query.limit);
      const params: SqlParam[] = [accountId];
      let where = 'account_id = $1';
      if (query.before !== undefined) {
        const { rowCount } = await client.query(
          'SELECT 1 FROM paper_fills WHERE account_id = $1 AND id = $2',
          [accountId, query.before],
        );
        if (rowCount === 0)
          throw new PaperStoreError('invalid_query', `before: no fill ${query.before}`);
        where += ` AND (time, row_no) < (SELECT time, row_no FROM paper_fills
          WHERE account_id = $1 AND id = $${params.push(query.before)})`;
      }
      const { rows } = await client.query(
        `SELECT ${FILL_COLUMNS} FROM paper_fills WHERE ${where}
         ORDER BY time DESC, row_no DESC LIMIT $${params.push(query.limit)}`,
        params,
      );
      return rows.map(fillFromRow);
    },

    async resetAccount(accountId, startingCash, now) {
      if (typeof startingCash !== 'bigint' || !Number.isSafeInteger(now)) {
        throw new PaperStoreError(
          'invalid_query',
          'resetAccount needs a bigint cash and an integer time',
        );
      }
      return client.transaction(async (tx) => {
        const locked = await tx.query(
          'SELECT 1 FROM paper_accounts WHERE account_id = $1 FOR UPDATE',
          [accountId],
        );
        if (locked.rowCount === 0) {
          throw new PaperStoreError('unknown_account', `no paper account ${accountId} to reset`);
        }
        await tx.query('DELETE FROM paper_fills WHERE account_id = $1', [accountId]);
        await tx.query('DELETE FROM paper_orders WHERE account_id = $1', [accountId]);
        await tx.query('DELETE FROM paper_positions WHERE account_id = $1', [accountId]);
        const { rows } = await tx.query(
          `UPDATE paper_accounts SET cash = $2, starting_cash = $2, fees_paid = 0, realized_pnl = 0,
           seq = seq + 1, updated_at = $3 WHERE account_id = $1 RETURNING ${BALANCE_COLUMNS}`,
          [accountId, startingCash.toString(), now],
        );
        return balanceFromRow(rows[0]);
      });
    },

    close: () => client.close(),
  };
}
