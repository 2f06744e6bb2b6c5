import type { Session } from './database';
import type { MetadataStore } from './metadata-store';

/** Keeps the list of recurring jobs and records each change in the job history. */
export class Scheduler {
  constructor(
    private readonly session: Session,
    private readonly metadata: MetadataStore,
  ) {}

  async schedule(name: string, cron: string): Promise<void> {
    await this.session.query('insert into jobs (name, cron) values ($1, $2)', [name, cron]);
    await this.metadata.record(name, 'scheduled');
  }

  async jobs(): Promise<string[]> {
    const result = await this.session.query<{ name: string }>('select name from jobs order by name');
    return result.rows.map((row) => row.name);
  }
}
