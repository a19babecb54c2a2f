import pg from 'pg';
import type { SqlClient, SqlExecutor, SqlParam, SqlResult, SqlSession } from './sql-client';

interface Queryable {
  query(sql: string, params?: unknown[]): Promise<{ rows: unknown[]; rowCount: number | null }>;
}

function executor(target: Queryable): SqlExecutor {
  return {
    async query(sql: string, params: readonly SqlParam[] = []): Promise<SqlResult> {
      const result = await target.query(sql, [...params]);
      return { rows: result.rows, rowCount: result.rowCount ?? 0 };
    },
    async exec(sql: string): Promise<void> {
      // Without parameters pg uses the simple protocol, which accepts several statements.
      await target.query(sql);
    },
  };
}

async function inTransaction<T>(client: pg.PoolClient, fn: (tx: SqlExecutor) => Promise<T>) {
  await client.query('BEGIN');
  try {
    const result = await fn(executor(client));
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

async function withClient<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>) {
  const client = await pool.connect();
  let broken: Error | undefined;
  const onError = (error: Error) => (broken = error);
  client.on('error', onError);
  try {
    return await fn(client);
  } finally {
    client.off('error', onError);
    // A connection that failed mid-way is destroyed rather than reused.
    client.release(broken);
  }
}

/** Connects a pool to PostgreSQL; `schema` (already validated) becomes the search_path. */
export function openPgClient(databaseUrl: string, schema?: string): SqlClient {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: 4,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle connection dropped by the server must not crash the gateway; the next query reconnects.
  pool.on('error', (error) =>
    console.error(`paper store: PostgreSQL connection lost: ${error.message}`),
  );
  const transaction = <T>(fn: (tx: SqlExecutor) => Promise<T>) =>
    withClient(pool, (client) => inTransaction(client, fn));
  return {
    ...executor(pool),
    transaction,
    backend: 'postgres',
    session: <T>(fn: (s: SqlSession) => Promise<T>) =>
      withClient(pool, (client) =>
        fn({ ...executor(client), transaction: (inner) => inTransaction(client, inner) }),
      ),
    close: () => pool.end(),
  };
}
