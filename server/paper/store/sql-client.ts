/**
 * The little that differs between PGlite and pg, behind one interface, so the store's SQL is
 * written once. Parameters are strings, numbers, booleans or null only: money goes in as the
 * decimal text of a bigint, and every numeric column is read back with `::text`, so neither
 * driver's number parsing ever touches a value.
 */
export type SqlParam = string | number | boolean | null;

export interface SqlResult {
  rows: unknown[];
  /** Rows returned by a SELECT or changed by INSERT/UPDATE/DELETE. */
  rowCount: number;
}

/** Something that runs statements: a connection inside or outside a transaction. */
export interface SqlExecutor {
  /** One statement with $1… parameters. */
  query(sql: string, params?: readonly SqlParam[]): Promise<SqlResult>;
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

/** One connection, kept for a while (session advisory locks need the same connection). */
export interface SqlSession extends SqlExecutor {
  /** Runs fn in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
}

export interface SqlClient extends SqlSession {
  readonly backend: 'pglite' | 'postgres';
  /** Runs fn on one dedicated connection. */
  session<T>(fn: (session: SqlSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
