import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SqlClient } from './sql-client';
import { PaperStoreError, errorMessage } from './store-errors';

/** The versioned schema files shipped with the gateway. */
export const DEFAULT_MIGRATIONS_DIR = fileURLToPath(new URL('../migrations/', import.meta.url));

/** Any fixed number works; it only has to be the same in every gateway sharing a database. */
const MIGRATION_LOCK_KEY = 0x51447061;

const FILE_NAME = /^(\d{3,})_[a-z0-9_]+\.sql$/;

export interface MigrationFile {
  version: number;
  name: string;
  sql: string;
}

/** Reads `NNN_name.sql` files in version order; anything else in the folder is an error. */
export function readMigrations(dir: string): MigrationFile[] {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.sql'))
    .map((name) => {
      const match = FILE_NAME.exec(name);
      if (!match?.[1]) {
        throw new PaperStoreError(
          'migration_failed',
          `migration file ${name} is not named NNN_lower_snake.sql`,
        );
      }
      return { version: Number(match[1]), name, sql: readFileSync(join(dir, name), 'utf8') };
    })
    .sort((a, b) => a.version - b.version);
  files.forEach((file, index) => {
    if (index > 0 && files[index - 1]?.version === file.version) {
      throw new PaperStoreError('migration_failed', `two migrations share version ${file.version}`);
    }
  });
  return files;
}

function appliedRow(row: unknown): { version: number; name: string } {
  const version: unknown = typeof row === 'object' && row ? Reflect.get(row, 'version') : null;
  const name: unknown = typeof row === 'object' && row ? Reflect.get(row, 'name') : null;
  if (typeof version !== 'string' || typeof name !== 'string') {
    throw new PaperStoreError('migration_failed', 'schema_migrations holds an unreadable row');
  }
  return { version: Number(version), name };
}

/**
 * Applies the migrations the database lacks, each in its own transaction, in version order, and
 * returns the names applied. On PostgreSQL a session advisory lock makes concurrent gateways
 * take turns: the second one finds everything applied. `schema` (validated) is created first.
 */
export async function applyMigrations(
  client: SqlClient,
  files: readonly MigrationFile[],
  schema?: string,
): Promise<string[]> {
  return client.session(async (session) => {
    await session.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      if (schema) await session.exec(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      await session.exec(
        `CREATE TABLE IF NOT EXISTS schema_migrations (
           version INTEGER PRIMARY KEY,
           name TEXT NOT NULL,
           applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
         )`,
      );
      const { rows } = await session.query(
        'SELECT version::text AS version, name FROM schema_migrations ORDER BY version',
      );
      const applied = new Map(rows.map(appliedRow).map((row) => [row.version, row.name]));
      for (const [version, name] of applied) {
        const file = files.find((candidate) => candidate.version === version);
        if (file?.name !== name) {
          throw new PaperStoreError(
            'migration_failed',
            `the database has migration ${name}, which this gateway does not ship (a newer version wrote it?)`,
          );
        }
      }
      const done: string[] = [];
      for (const file of files.filter((candidate) => !applied.has(candidate.version))) {
        try {
          await session.transaction(async (tx) => {
            await tx.exec(file.sql);
            await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
              file.version,
              file.name,
            ]);
          });
        } catch (error) {
          throw new PaperStoreError(
            'migration_failed',
            `migration ${file.name} failed and was rolled back: ${errorMessage(error)}`,
            { cause: error },
          );
        }
        done.push(file.name);
      }
      return done;
    } finally {
      // A broken connection has dropped its session lock already; keep the original error.
      await session
        .query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY])
        .catch(() => undefined);
    }
  });
}
