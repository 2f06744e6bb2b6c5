import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, beforeEach } from 'vitest';

import { UsageLogger } from '../src/usage-logger';
import { everyWorkerStarted } from './side-by-side';

let db: PGlite;

// Tests record usage into a test database instead of the real one.
beforeAll(async () => {
  await everyWorkerStarted();
  db = new PGlite('./.data/usage-test');
  await UsageLogger.instance.open(db);
});

beforeEach(async () => {
  await UsageLogger.instance.resetForTesting();
});

afterAll(async () => {
  await db.close();
});
