import type { PGlite } from '@electric-sql/pglite';
import { test as base } from 'vitest';

import { openDatabase } from '../src/database';
import { TaskRepository } from '../src/task-repository';

export const test = base.extend<{ db: PGlite; tasks: TaskRepository }>({
  // One database per test file, closed after its last test.
  db: [
    async ({}, use) => {
      const db = await openDatabase();
      await use(db);
      await db.close();
    },
    { scope: 'file' },
  ],
  tasks: async ({ db }, use) => {
    await db.exec('truncate tasks restart identity');
    await use(new TaskRepository(db));
  },
});
