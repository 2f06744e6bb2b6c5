import type { PGlite } from '@electric-sql/pglite';

export interface Task {
  id: number;
  title: string;
  done: boolean;
}

export class TaskRepository {
  constructor(private readonly db: PGlite) {}

  async add(title: string): Promise<Task> {
    const result = await this.db.query<Task>('insert into tasks (title) values ($1) returning id, title, done', [title]);
    return result.rows[0]!;
  }

  async complete(id: number): Promise<void> {
    await this.db.query('update tasks set done = true where id = $1', [id]);
  }

  async open(): Promise<Task[]> {
    const result = await this.db.query<Task>('select id, title, done from tasks where not done order by id');
    return result.rows;
  }

  /** How many tasks are done, and how many there are. */
  async progress(): Promise<{ done: number; total: number }> {
    const result = await this.db.query<{ done: number; total: number }>(
      'select count(*) filter (where done)::int as done, count(*)::int as total from tasks',
    );
    return result.rows[0]!;
  }
}
