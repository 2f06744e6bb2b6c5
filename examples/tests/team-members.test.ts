// Older tests, written before tests/fixtures.ts had a transaction: their own pool and transaction.
import { Pool, type PoolClient } from 'pg';
import { describe, expect, test as base } from 'vitest';

import { TeamStore } from '../src/team-store';

const test = base.extend<{ pool: Pool; tx: PoolClient; teams: TeamStore }>({
  pool: [
    async ({}, use) => {
      const pool = new Pool({ connectionString: process.env.TEST_DATABASE_URL });
      await use(pool);
      await pool.end();
    },
    { scope: 'worker' },
  ],

  tx: async ({ pool }, use) => {
    const client = await pool.connect();
    await client.query('BEGIN');
    try {
      await use(client);
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  },

  teams: async ({ tx }, use) => {
    await tx.query("INSERT INTO users (id, email, name) VALUES (1, 'ada@example.com', 'Ada Lovelace')");
    // Bug: the store is not handed `tx`, so it falls back to the app's pool: it cannot see the user
    // inserted above, and the teams it creates are committed and outlive the test.
    await use(new TeamStore());
  },
});

describe('TeamStore.memberIds', () => {
  test('lists the owner as the only member of a new team', async ({ teams }) => {
    const teamId = await teams.create('Analytical Engine', 1);

    expect(await teams.memberIds(teamId)).toEqual([1]);
  });
});
