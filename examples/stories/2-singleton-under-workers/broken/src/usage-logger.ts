import type { PGlite } from '@electric-sql/pglite';

const schema = `
  create table if not exists usage_events (
    id serial primary key,
    feature text not null,
    user_id text not null,
    at timestamptz not null default now()
  );
`;

/** Counts how often each feature is used, for the usage-based invoice. */
export class UsageLogger {
  static readonly #instance = new UsageLogger();

  /** The process-wide logger, created when this module is imported: every feature records through it. */
  static get instance(): UsageLogger {
    return UsageLogger.#instance;
  }

  #db: PGlite | undefined;

  /** Opens the logger on its database; the server calls this once at start-up. */
  async open(db: PGlite): Promise<void> {
    await db.exec(schema);
    this.#db = db;
  }

  async record(feature: string, userId: string): Promise<void> {
    await this.db.query('insert into usage_events (feature, user_id) values ($1, $2)', [feature, userId]);
  }

  async count(feature: string): Promise<number> {
    const result = await this.db.query<{ n: number }>(
      'select count(*)::int as n from usage_events where feature = $1',
      [feature],
    );
    return result.rows[0]?.n ?? 0;
  }

  /** Tests only: forgets everything recorded so far, so each test counts from zero. */
  async resetForTesting(): Promise<void> {
    await this.db.exec('truncate usage_events');
  }

  private get db(): PGlite {
    if (!this.#db) throw new Error('The usage logger is not open.');
    return this.#db;
  }
}
