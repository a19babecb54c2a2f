import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPaperStore } from './open-paper-store';
import type { PaperStore } from './paper-store';
import { storeContract } from './store-contract';
import { storeErrorContract } from './store-contract-errors';

const databaseUrl = process.env.DATABASE_URL ?? '';
if (!databaseUrl) {
  console.warn(
    'PaperStore PostgreSQL tests SKIPPED: DATABASE_URL is not set. Enable them with ' +
      'DATABASE_URL=postgres://user@127.0.0.1:5432/db npm run test:unit (.ci/run starts a cluster).',
  );
}

/** A schema of its own per run, dropped at the end, so runs never see each other's rows. */
const schema = `paper_test_${process.pid}_${Date.now().toString(36)}`;

describe.skipIf(!databaseUrl)('PaperStore on PostgreSQL (DATABASE_URL)', () => {
  let store: PaperStore | undefined;
  beforeAll(async () => {
    store = await openPaperStore({ databaseUrl, schema });
  }, 60_000);
  afterAll(async () => {
    await store?.close();
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  });
  const current = (): PaperStore => {
    if (!store) throw new Error('store not opened');
    return store;
  };

  it('is the PostgreSQL backend', () => {
    expect(current().backend).toBe('postgres');
  });
  storeContract(current);
  storeErrorContract(current);
});
