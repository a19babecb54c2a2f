import type { Balance, Transition } from '../types';
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

/** Validates a transition and writes all of it in one transaction, or nothing (PaperStoreError). */
export async function commitTransition(client: SqlClient, transition: Transition): Promise<void> {
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
}
