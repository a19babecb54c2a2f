import { afterAll, beforeAll, describe } from 'vitest';
import { openPaperStore } from './open-paper-store';
import type { PaperStore } from './paper-store';
import { storeContract } from './store-contract';
import { storeErrorContract } from './store-contract-errors';

describe('PaperStore on PGlite (memory://)', () => {
  let store: PaperStore | undefined;
  beforeAll(async () => {
    store = await openPaperStore({ dataDir: 'memory://' });
  }, 120_000);
  afterAll(() => store?.close());
  const current = (): PaperStore => {
    if (!store) throw new Error('store not opened');
    return store;
  };
  storeContract(current);
  storeErrorContract(current);
});
