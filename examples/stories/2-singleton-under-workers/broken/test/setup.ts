import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, beforeEach } from 'vitest';

import { UsageLogger } from '../src/usage-logger';

let db: PGlite;

// Tests record usage into a test database instead of the real one.
beforeAll(async () => {
  db = new PGlite('./.data/usage-test');
  await UsageLogger.instance.open(db);
});

beforeEach(async () => {
  await UsageLogger.instance.resetForTesting();
});

afterAll(async () => {
  await db.close();
});
