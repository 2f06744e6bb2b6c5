// Older tests, written before tests/fixtures.ts: one pool for the whole file, set up in hooks.
import { Pool } from 'pg';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';

import { UserRepository } from '../src/user-repository';

const pool = new Pool({ connectionString: process.env.TEST_DATABASE_URL });
const users = new UserRepository(pool);

beforeEach(async () => {
  await pool.query('TRUNCATE users RESTART IDENTITY CASCADE');
  await users.create('ada@example.com', 'Ada Lovelace');
  await users.create('grace@example.com', 'Grace Hopper');
});

afterAll(() => {
  // Bug: the hook returns before the pool has closed its connections, so the worker exits
  // with sockets still open ("A worker process has failed to exit gracefully").
  pool.end();
});

describe('UserRepository.search', () => {
  it('matches names case-insensitively', async () => {
    const found = await users.search('ada');

    expect(found.map((user) => user.email)).toEqual(['ada@example.com']);
  });

  it('matches email addresses', async () => {
    const found = await users.search('@example.com');

    expect(found.map((user) => user.name)).toEqual(['Ada Lovelace', 'Grace Hopper']);
  });

  it('honours the limit', async () => {
    expect(await users.search('example', 1)).toHaveLength(1);
  });
});
