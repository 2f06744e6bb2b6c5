import { PGlite } from '@electric-sql/pglite';
import { test as base } from 'vitest';

import { UsageLogger } from '../src/usage-logger';
import { allWorkersReach } from './side-by-side';

export const test = base.extend<{ db: PGlite; usage: UsageLogger }>({
  // One test database per worker: parallel workers never open the same files.
  db: [
    async ({}, use) => {
      await allWorkersReach('start');
      const db = new PGlite(`./.data/usage-test-${process.env.VITEST_POOL_ID}`);
      await allWorkersReach('open', db.waitReady);
      await use(db);
      await db.close();
    },
    { scope: 'worker' },
  ],
  // Each test gets a logger on an empty table.
  usage: async ({ db }, use) => {
    const usage = await UsageLogger.open(db);
    await db.exec('truncate usage_events');
    await use(usage);
  },
});
