import type { PGlite, Transaction } from '@electric-sql/pglite';
import { afterAll, beforeAll, test as base } from 'vitest';

import { openDatabase, setDefaultDatabase } from '../src/database';
import { MetadataStore } from '../src/metadata-store';
import { Scheduler } from '../src/scheduler';

let db: PGlite;

// One database per test file; code that is not handed a session uses it as the app's default, as in production.
beforeAll(async () => {
  db = await openDatabase();
  setDefaultDatabase(db);
});

afterAll(async () => {
  await db.close();
});

export const test = base.extend<{ tx: Transaction; scheduler: Scheduler }>({
  // Each test runs inside a transaction that is rolled back afterwards, so no test sees another's rows.
  tx: async ({}, use) => {
    await db.transaction(async (tx) => {
      await use(tx);
      await tx.rollback();
    });
  },
  scheduler: async ({ tx }, use) => {
    await use(new Scheduler(tx, new MetadataStore()));
  },
});
