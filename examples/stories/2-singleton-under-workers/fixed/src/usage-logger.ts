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
  private constructor(private readonly db: PGlite) {}

  /** Opens a logger on the given database, creating its table if needed. */
  static async open(db: PGlite): Promise<UsageLogger> {
    await db.exec(schema);
    return new UsageLogger(db);
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
}
