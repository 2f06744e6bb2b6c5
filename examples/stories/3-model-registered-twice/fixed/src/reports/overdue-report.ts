import { TaskModel } from '../models/task';
import { isOverdue } from '../services/tasks';

/** One line per overdue task, from tasks exported as plain JSON rows. */
export function overdueReport(rows: object[], now: Date): string[] {
  return rows
    .map((row) => TaskModel.hydrate(row))
    .filter((task) => isOverdue(task, now))
    .map((task) => `${task.title} (due ${task.dueAt?.toISOString().slice(0, 10)})`);
}
