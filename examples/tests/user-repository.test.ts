import { describe } from 'vitest';

import { expect, test } from './fixtures';

describe('UserRepository', () => {
  test('creates a user and finds it by email, case-insensitively', async ({ users }) => {
    const created = await users.create('Ada@Example.com', 'Ada Lovelace');

    expect(await users.findByEmail('ada@example.com')).toEqual(created);
  });

  test('finds nothing for an unknown email', async ({ users }) => {
    expect(await users.findByEmail('nobody@example.com')).toBeUndefined();
  });

  test('renames a user', async ({ users }) => {
    const { id } = await users.create('grace@example.com', 'Grace');

    const renamed = await users.rename(id, 'Grace Hopper');

    expect(renamed?.name).toBe('Grace Hopper');
  });
});
