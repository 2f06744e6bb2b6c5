import { integer, pgTable, timestamp } from 'drizzle-orm/pg-core';

import { teams } from './teams';

// Bug: copied from teams.ts without renaming the table. This defines `teams` a second time: members
// are written into the teams table, and migrations generated from the schema conflict.
export const teamMembers = pgTable('teams', {
  teamId: integer('team_id')
    .notNull()
    .references(() => teams.id, { onDelete: 'cascade' }),
  userId: integer('user_id').notNull(),
  joinedAt: timestamp('joined_at').notNull().defaultNow(),
});
