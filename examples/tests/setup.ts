// Runs in every worker before each test file (`setupFiles` in vitest.config.ts): the older tests,
// which do not roll back a transaction, start from empty tables.
import { Pool } from 'pg';
import { beforeAll } from 'vitest';

beforeAll(async () => {
  // Bug: one fixed database for every worker. While this empties the tables, test files running in
  // the other workers are halfway through their tests on the same tables.
  const pool = new Pool({ connectionString: 'postgres://localhost:5432/users_test' });
  try {
    await pool.query('TRUNCATE users, teams, audit_events RESTART IDENTITY CASCADE');
  } finally {
    await pool.end();
  }
});
