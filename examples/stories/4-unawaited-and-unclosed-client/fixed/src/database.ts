import { PGlite } from '@electric-sql/pglite';

/** Creates the task tables on an empty database. */
export async function migrate(db: PGlite): Promise<void> {
  await db.exec(`
    create table if not exists tasks (
      id serial primary key,
      title text not null,
      done boolean not null default false
    );
  `);
}

/** Opens the task database (in memory unless a directory is given), migrated. */
export async function openDatabase(dataDir?: string): Promise<PGlite> {
  const db = await PGlite.create(dataDir);
  await migrate(db);
  return db;
}
