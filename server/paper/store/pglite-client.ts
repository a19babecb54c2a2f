import { mkdirSync } from 'node:fs';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { lockDataDir } from './data-dir-lock';
import type { SqlClient, SqlExecutor, SqlParam, SqlResult, SqlSession } from './sql-client';

interface PgliteLike {
  query(sql: string, params?: unknown[]): Promise<{ rows: unknown[]; affectedRows?: number }>;
  exec(sql: string): Promise<unknown>;
}

function executor(target: PgliteLike): SqlExecutor {
  return {
    async query(sql: string, params: readonly SqlParam[] = []): Promise<SqlResult> {
      const result = await target.query(sql, [...params]);
      return { rows: result.rows, rowCount: result.affectedRows || result.rows.length };
    },
    async exec(sql: string): Promise<void> {
      await target.exec(sql);
    },
  };
}

/** Opens PGlite (embedded PostgreSQL in WebAssembly) in a data directory, or `memory://`. */
export async function openPgliteClient(dataDir: string): Promise<SqlClient> {
  let unlock = (): void => undefined;
  if (!dataDir.includes('://')) {
    mkdirSync(dataDir, { recursive: true });
    unlock = lockDataDir(dataDir);
  }
  let db: PGlite;
  try {
    db = await PGlite.create(dataDir);
  } catch (error) {
    unlock();
    throw error;
  }
  const base = executor(db);
  const session: SqlSession = {
    ...base,
    transaction: <T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> =>
      db.transaction((tx: Transaction) => fn(executor(tx))),
  };
  return {
    ...session,
    backend: 'pglite',
    // One embedded connection: the session is the database itself.
    session: <T>(fn: (s: SqlSession) => Promise<T>): Promise<T> => fn(session),
    close: async () => {
      try {
        await db.close();
      } finally {
        unlock();
      }
    },
  };
}
