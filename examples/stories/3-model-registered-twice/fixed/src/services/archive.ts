import { ArchivedTaskModel } from '../models/archived-task';
import type { TaskModel } from '../models/task';

/** The archived copy of a finished task. */
export async function archive(task: InstanceType<typeof TaskModel>, archivedAt: Date) {
  if (!task.done) throw new Error(`Task "${task.title}" is not done yet.`);
  const archived = new ArchivedTaskModel({ title: task.title, done: true, dueAt: task.dueAt, archivedAt });
  await archived.validate();
  return archived;
}
