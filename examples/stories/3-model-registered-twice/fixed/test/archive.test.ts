import { describe, expect, it } from 'vitest';

import { archive } from '../src/services/archive';
import { createTask } from '../src/services/tasks';

describe('archive', () => {
  it('copies a finished task with the archive date', async () => {
    const task = await createTask('Ship 2.0');
    task.done = true;
    const archived = await archive(task, new Date('2024-05-01'));
    expect(archived.title).toBe('Ship 2.0');
    expect(archived.archivedAt).toEqual(new Date('2024-05-01'));
  });

  it('refuses a task that is not done', async () => {
    const task = await createTask('Plan the offsite');
    await expect(archive(task, new Date())).rejects.toThrow('is not done yet');
  });
});
