import { describe, expect, it } from 'vitest';

import { createTask, isOverdue } from '../src/services/tasks';

describe('createTask', () => {
  it('trims the title', async () => {
    const task = await createTask('  Write the release notes ');
    expect(task.title).toBe('Write the release notes');
    expect(task.done).toBe(false);
  });

  it('rejects a task without a title', async () => {
    await expect(createTask('')).rejects.toThrow('Path `title` is required.');
  });

  it('knows when a task is overdue', async () => {
    const task = await createTask('Renew the certificate', new Date('2024-03-01'));
    expect(isOverdue(task, new Date('2024-03-02'))).toBe(true);
    expect(isOverdue(task, new Date('2024-02-28'))).toBe(false);
  });
});
