import type { Balance, Fill, Order, OrderStatus, Position } from '../types';
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
import type { SqlClient, SqlParam } from './sql-client';
import { PaperStoreError } from './store-errors';
import { commitTransition } from './commit-transition';

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

    commit: (transition) => commitTransition(client, transition),

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
