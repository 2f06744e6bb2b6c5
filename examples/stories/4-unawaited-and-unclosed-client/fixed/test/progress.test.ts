import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { migrate } from '../src/database';
import { TaskRepository } from '../src/task-repository';

let db: PGlite;
let tasks: TaskRepository;

beforeAll(async () => {
  db = await PGlite.create();
  await migrate(db);
  tasks = new TaskRepository(db);
});

afterAll(async () => {
  await db.close();
});

describe('progress', () => {
  it('counts done tasks against all tasks', async () => {
    const first = await tasks.add('Draft the agenda');
    await tasks.add('Book the room');
    await tasks.complete(first.id);
    expect(await tasks.progress()).toEqual({ done: 1, total: 2 });
  });
});
