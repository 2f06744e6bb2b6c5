import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, beforeEach } from 'vitest';

import { UsageLogger } from '../src/usage-logger';
import { allWorkersReach } from './side-by-side';

let db: PGlite;

// Tests record usage into a test database instead of the real one.
beforeAll(async () => {
  await allWorkersReach('start');
  db = new PGlite('./.data/usage-test');
  await allWorkersReach('open', db.waitReady);
  await UsageLogger.instance.open(db);
});

beforeEach(async () => {
  await UsageLogger.instance.resetForTesting();
});

afterAll(async () => {
  await db.close();
});
