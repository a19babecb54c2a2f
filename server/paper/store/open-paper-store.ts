import { applyMigrations, DEFAULT_MIGRATIONS_DIR, readMigrations } from './migrate';
import type { PaperStore } from './paper-store';
import { openPgClient } from './pg-client';
import { openPgliteClient } from './pglite-client';
import type { SqlClient } from './sql-client';
import { createSqlPaperStore } from './sql-paper-store';
import { PaperStoreError } from './store-errors';

/** Where PGlite keeps its files when neither a data directory nor a database URL is given. */
export const DEFAULT_PAPER_DATA_DIR = './data/paper';

export interface OpenPaperStoreOptions {
  /** PGlite data directory (created if missing), or `memory://` for a throwaway database. */
  dataDir?: string;
  /** A PostgreSQL URL; when set (non-empty) it wins over dataDir and pg is used. */
  databaseUrl?: string;
  /** Tables go into this schema (created if missing), e.g. one per test run; default public. */
  schema?: string;
  /** Folder of NNN_name.sql files; the shipped server/paper/migrations by default (tests). */
  migrationsDir?: string;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Opens the paper store: PostgreSQL when `databaseUrl` is set, otherwise PGlite in `dataDir`
 * (default ./data/paper); applies pending migrations before returning. The caller decides
 * where the URL comes from (the gateway passes process.env.DATABASE_URL).
 */
export async function openPaperStore(options: OpenPaperStoreOptions = {}): Promise<PaperStore> {
  const { schema, databaseUrl } = options;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new PaperStoreError('invalid_query', `schema must match ${SCHEMA_NAME}, got ${schema}`);
  }
  const migrations = readMigrations(options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR);
  let client: SqlClient;
  if (databaseUrl) {
    client = openPgClient(databaseUrl, schema);
  } else {
    client = await openPgliteClient(options.dataDir ?? DEFAULT_PAPER_DATA_DIR);
    if (schema !== undefined) {
      await client.exec(`CREATE SCHEMA IF NOT EXISTS ${schema}; SET search_path TO ${schema}`);
    }
  }
  try {
    await applyMigrations(client, migrations, schema);
  } catch (error) {
    await client.close().catch(() => undefined);
    throw error;
  }
  return createSqlPaperStore(client);
}
