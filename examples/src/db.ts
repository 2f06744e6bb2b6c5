import { PrismaClient } from '@prisma/client';
import { Pool } from 'pg';

// Factories: the server creates one of each at start-up, and every test worker creates its own, so
// no two workers ever share a pool.

/** A pg pool for the repositories that run plain SQL. */
export function createPool(connectionString = process.env.DATABASE_URL): Pool {
  return new Pool({ connectionString, max: 10, idleTimeoutMillis: 10_000 });
}

/** A Prisma client for the audit log. */
export function createPrismaClient(url = process.env.DATABASE_URL): PrismaClient {
  return new PrismaClient({ datasources: { db: { url } } });
}

/**
 * The app's pool, for stores that are not handed a connection.
 * Bug: it is created when this module is imported, so every test worker that imports the module
 * (tests/fixtures.ts does, for `createPool`) gets one on DATABASE_URL instead of its own database,
 * and nothing closes it.
 */
export const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
