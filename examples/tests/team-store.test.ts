import { describe } from 'vitest';

import { expect, test } from './fixtures';

describe('TeamStore', () => {
  test('makes the owner the first member of a new team', async ({ users, teams }) => {
    const owner = await users.create('ada@example.com', 'Ada Lovelace');

    const teamId = await teams.create('Analytical Engine', owner.id);

    expect(await teams.memberIds(teamId)).toEqual([owner.id]);
  });
});
