import type { PrismaClient } from '@prisma/client';
import type { Pool, PoolClient } from 'pg';
import { test as base } from 'vitest';

import { AuditLog } from '../src/audit-log';
import { createPool, createPrismaClient } from '../src/db';
import { TeamStore } from '../src/team-store';
import { UserRepository } from '../src/user-repository';

interface Fixtures {
  pool: Pool;
  prisma: PrismaClient;
  tx: PoolClient;
  users: UserRepository;
  teams: TeamStore;
  auditLog: AuditLog;
}

/**
 * One database per vitest worker (`VITEST_POOL_ID` is 1…N), each created from a migrated template
 * before the run, so workers running in parallel never share tables.
 */
function workerDatabaseUrl(): string {
  const url = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://localhost:5432/users_test');
  url.pathname += `_${process.env.VITEST_POOL_ID ?? '1'}`;
  return url.toString();
}

/**
 * The test API for database tests. Clients are opened once per worker and closed when the worker
 * is done; every test gets its own transaction, rolled back afterwards, so tests never see each
 * other's rows.
 */
export const test = base.extend<Fixtures>({
  pool: [
    async ({}, use) => {
      const pool = createPool(workerDatabaseUrl());
      await use(pool);
      await pool.end();
    },
    { scope: 'worker' },
  ],

  prisma: [
    async ({}, use) => {
      const prisma = createPrismaClient(workerDatabaseUrl());
      await prisma.$connect();
      await use(prisma);
      await prisma.$disconnect();
    },
    { scope: 'worker' },
  ],

  tx: async ({ pool }, use) => {
    const client = await pool.connect();
    await client.query('BEGIN');
    try {
      await use(client);
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  },

  // Repositories and stores get the test's transaction, not a connection of their own.
  users: async ({ tx }, use) => {
    await use(new UserRepository(tx));
  },

  teams: async ({ tx }, use) => {
    await use(new TeamStore(tx));
  },

  auditLog: async ({ prisma }, use) => {
    await use(new AuditLog(prisma));
    await prisma.auditEvent.deleteMany();
  },
});

export { expect } from 'vitest';
