import { PGlite, type Transaction } from '@electric-sql/pglite';

/** Where SQL runs: the database itself, or a transaction opened on it. */
export type Session = Pick<Transaction, 'query' | 'exec'>;

const schema = `
  create table if not exists jobs (
    name text primary key,
    cron text not null
  );
  create table if not exists job_events (
    id serial primary key,
    job text not null,
    kind text not null,
    at timestamptz not null default now()
  );
`;

/** Opens the scheduler's database (in memory unless a directory is given) with its tables created. */
export async function openDatabase(dataDir?: string): Promise<PGlite> {
  const db = await PGlite.create(dataDir);
  await db.exec(schema);
  return db;
}

let defaultDatabase: PGlite | undefined;

/** Sets the database used by code that is not handed a session; the server calls it once at start-up. */
export function setDefaultDatabase(db: PGlite): void {
  defaultDatabase = db;
}

export function getDefaultDatabase(): PGlite {
  if (!defaultDatabase) throw new Error('No default database: call setDefaultDatabase() at start-up.');
  return defaultDatabase;
}
