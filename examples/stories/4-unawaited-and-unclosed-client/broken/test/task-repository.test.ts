import { describe, expect } from 'vitest';

import { test } from './fixtures';

describe('TaskRepository', () => {
  test('lists the open tasks in the order they were added', async ({ tasks }) => {
    await tasks.add('Write the release notes');
    await tasks.add('Tag the release');
    expect((await tasks.open()).map((task) => task.title)).toEqual(['Write the release notes', 'Tag the release']);
  });

  test('leaves completed tasks out of the open list', async ({ tasks }) => {
    const task = await tasks.add('Renew the certificate');
    await tasks.complete(task.id);
    expect(await tasks.open()).toEqual([]);
  });
});
