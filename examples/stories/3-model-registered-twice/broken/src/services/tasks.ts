import { TaskModel } from '../models/task';

/** A new task, validated against the schema (a title is required and trimmed). */
export async function createTask(title: string, dueAt?: Date) {
  const task = new TaskModel({ title, dueAt });
  await task.validate();
  return task;
}

export function isOverdue(task: { done: boolean; dueAt?: Date | null }, now: Date): boolean {
  return !task.done && task.dueAt != null && task.dueAt < now;
}
