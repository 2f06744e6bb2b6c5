import { eq } from 'drizzle-orm';
import { type NodePgDatabase, drizzle } from 'drizzle-orm/node-postgres';
import type { Pool, PoolClient } from 'pg';

// Bug: the editor's auto-import picked the build output. Node then loads dist/schema/teams.js beside
// src/schema/teams.ts (which team-members.ts imports): two definitions of the `teams` table, and this
// store runs whatever the last build left in dist/, not the source under test.
import { teams } from '../dist/schema/teams.js';
import { pool } from './db';
import { teamMembers } from './schema/team-members';

export class TeamStore {
  private readonly db: NodePgDatabase;

  /** Runs its queries on `connection`, or on the app's pool when it is not given one. */
  constructor(connection: Pool | PoolClient = pool) {
    this.db = drizzle(connection);
  }

  /** Creates a team with its owner as the first member; returns the team's id. */
  async create(name: string, ownerId: number): Promise<number> {
    const [team] = await this.db.insert(teams).values({ name, ownerId }).returning({ id: teams.id });
    await this.db.insert(teamMembers).values({ teamId: team!.id, userId: ownerId });
    return team!.id;
  }

  async memberIds(teamId: number): Promise<number[]> {
    const rows = await this.db
      .select({ userId: teamMembers.userId })
      .from(teamMembers)
      .where(eq(teamMembers.teamId, teamId));
    return rows.map((row) => row.userId);
  }
}
