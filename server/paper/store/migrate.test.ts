import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MIGRATIONS_DIR, applyMigrations, readMigrations } from './migrate';
import { openPaperStore } from './open-paper-store';
import { openPgClient } from './pg-client';
import { openPgliteClient } from './pglite-client';
import type { SqlClient } from './sql-client';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A migrations folder holding the shipped 001 plus `extra` files. */
function migrationsWith(extra: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'paper-migrations-'));
  dirs.push(dir);
  copyFileSync(join(DEFAULT_MIGRATIONS_DIR, '001_initial.sql'), join(dir, '001_initial.sql'));
  for (const [name, sql] of Object.entries(extra)) writeFileSync(join(dir, name), sql);
  return dir;
}

const column = async (client: SqlClient, sql: string): Promise<unknown[]> =>
  (await client.query(sql)).rows.map((row) => Object.values(row as object)[0]);

let schemaCount = 0;
const nextSchema = () => `mig_${process.pid}_${Date.now().toString(36)}_${schemaCount++}`;

describe('migration files', () => {
  it('ships 001_initial.sql first', () => {
    expect(readMigrations(DEFAULT_MIGRATIONS_DIR)[0]).toMatchObject({
      version: 1,
      name: '001_initial.sql',
    });
  });

  it('refuses a badly named file and two files with one version', () => {
    expect(() => readMigrations(migrationsWith({ 'add-things.sql': '' }))).toThrow(
      /add-things\.sql is not named NNN_lower_snake\.sql/,
    );
    expect(() => readMigrations(migrationsWith({ '002_a.sql': '', '002_b.sql': '' }))).toThrow(
      /two migrations share version 2/,
    );
  });
});

/** The cases, given a client whose tables live in a fresh schema. */
function migrationCases(inSchema: (schema: string) => Promise<SqlClient>) {
  it('applies each file once, in order, and nothing on re-open', async () => {
    const schema = nextSchema();
    const client = await inSchema(schema);
    const files = readMigrations(migrationsWith({ '002_more.sql': 'CREATE TABLE more (x INT);' }));
    expect(await applyMigrations(client, files, schema)).toEqual([
      '001_initial.sql',
      '002_more.sql',
    ]);
    expect(await applyMigrations(client, files, schema)).toEqual([]);
    expect(await column(client, 'SELECT name FROM schema_migrations ORDER BY version')).toEqual([
      '001_initial.sql',
      '002_more.sql',
    ]);
  });

  it('rolls a failing migration back entirely and names its file', async () => {
    const schema = nextSchema();
    const client = await inSchema(schema);
    const broken = readMigrations(
      migrationsWith({
        '002_broken.sql':
          'CREATE TABLE should_vanish (x INT);\nSELECT missing_column FROM should_vanish;',
      }),
    );
    await expect(applyMigrations(client, broken, schema)).rejects.toThrow(
      /migration 002_broken\.sql failed and was rolled back: column "missing_column" does not exist/,
    );
    expect(await column(client, 'SELECT version::text FROM schema_migrations')).toEqual(['1']);
    expect(await column(client, "SELECT to_regclass('should_vanish')::text")).toEqual([null]);
    const fixed = readMigrations(
      migrationsWith({ '002_broken.sql': 'CREATE TABLE should_vanish (x INT);' }),
    );
    expect(await applyMigrations(client, fixed, schema)).toEqual(['002_broken.sql']);
  });

  it('refuses a database that has a migration this build does not ship', async () => {
    const schema = nextSchema();
    const client = await inSchema(schema);
    const files = readMigrations(DEFAULT_MIGRATIONS_DIR);
    await applyMigrations(client, files, schema);
    await client.query(
      "INSERT INTO schema_migrations (version, name) VALUES (99, '099_future.sql')",
    );
    await expect(applyMigrations(client, files, schema)).rejects.toThrow(
      /the database has migration 099_future\.sql, which this gateway does not ship/,
    );
  });
}

describe('migrations on PGlite', () => {
  let shared: SqlClient | undefined;
  beforeAll(async () => {
    shared = await openPgliteClient('memory://');
  }, 120_000);
  afterAll(() => shared?.close());
  migrationCases(async (schema) => {
    if (!shared) throw new Error('PGlite not opened');
    await shared.exec(`CREATE SCHEMA ${schema}; SET search_path TO ${schema}`);
    return shared;
  });
});

const databaseUrl = process.env.DATABASE_URL ?? '';
if (!databaseUrl) {
  console.warn(
    'Migration tests on PostgreSQL SKIPPED: DATABASE_URL is not set. Enable them with ' +
      'DATABASE_URL=postgres://user@127.0.0.1:5432/db npm run test:unit (.ci/run starts a cluster).',
  );
}
describe.skipIf(!databaseUrl)('migrations on PostgreSQL (DATABASE_URL)', () => {
  const clients: SqlClient[] = [];
  const schemas: string[] = [];
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    const admin = openPgClient(databaseUrl);
    for (const schema of schemas) await admin.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.close();
  });
  migrationCases(async (schema) => {
    schemas.push(schema);
    const client = openPgClient(databaseUrl, schema);
    clients.push(client);
    return client;
  });

  it('lets two gateways opening at once apply the schema exactly once', async () => {
    const schema = nextSchema();
    schemas.push(schema);
    const stores = await Promise.all([0, 1, 2].map(() => openPaperStore({ databaseUrl, schema })));
    await Promise.all(stores.map((store) => store.close()));
    const client = openPgClient(databaseUrl, schema);
    clients.push(client);
    expect(await column(client, 'SELECT name FROM schema_migrations')).toEqual(['001_initial.sql']);
  });
});
