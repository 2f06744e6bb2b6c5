import { type Session, getDefaultDatabase } from './database';

export interface JobEvent {
  job: string;
  kind: string;
}

/** The history of each job: when it was scheduled, started and finished. */
export class MetadataStore {
  constructor(private readonly session: Session = getDefaultDatabase()) {}

  async record(job: string, kind: string): Promise<void> {
    await this.session.query('insert into job_events (job, kind) values ($1, $2)', [job, kind]);
  }

  async history(job: string): Promise<JobEvent[]> {
    const result = await this.session.query<JobEvent>(
      'select job, kind from job_events where job = $1 order by id',
      [job],
    );
    return result.rows;
  }
}
