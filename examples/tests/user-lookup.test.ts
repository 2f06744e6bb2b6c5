// Older tests: every test gets a fresh pool, so nothing a test leaves behind survives into the next.
import { Pool } from 'pg';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';

import { UserRepository } from '../src/user-repository';

let pool: Pool;
let users: UserRepository;

beforeEach(async () => {
  // Bug: a new pool before every test, but afterAll ends only the last one; the others keep their
  // connections open until the worker exits, and a long file runs out of connections.
  pool = new Pool({ connectionString: process.env.TEST_DATABASE_URL });
  users = new UserRepository(pool);
  await pool.query('TRUNCATE users RESTART IDENTITY CASCADE');
});

afterAll(async () => {
  await pool.end();
});

describe('UserRepository.findByEmail', () => {
  it('finds a user by email, case-insensitively', async () => {
    const created = await users.create('ada@example.com', 'Ada Lovelace');

    expect(await users.findByEmail('ADA@example.com')).toEqual(created);
  });

  it('finds nothing for an unknown email', async () => {
    expect(await users.findByEmail('nobody@example.com')).toBeUndefined();
  });
});
