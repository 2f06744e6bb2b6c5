import path from 'node:path';

import { RuleTester } from '@typescript-eslint/rule-tester';
import * as espree from 'espree';
import { afterAll } from 'vitest';

import rule from '../../src/rules/no-module-singleton';
import { makeTree, removeTree } from '../analysis/tree-helpers';

const ruleTester = new RuleTester();

/** Plain JavaScript, parsed by espree like ESLint's default. */
const js = { languageOptions: { parser: espree } };
const cjs = { languageOptions: { parser: espree, sourceType: 'commonjs' as const } };

const typed = {
  languageOptions: {
    parserOptions: {
      projectService: { allowDefaultProject: ['*.ts'] },
      tsconfigRootDir: path.join(__dirname, '../fixtures/typed'),
    },
  },
};

ruleTester.run('no-module-singleton', rule, {
  valid: [
    // factories that return a new resource per call
    {
      filename: 'src/db.ts',
      code: `import { PrismaClient } from '@prisma/client';
export function createPrisma(url: string) { return new PrismaClient({ datasourceUrl: url }); }`,
    },
    {
      filename: 'src/db.ts',
      code: `import { Pool } from 'pg';
export const createPool = (connectionString: string) => new Pool({ connectionString });`,
    },
    {
      filename: 'src/redis.ts',
      code: `import { createClient } from 'redis';
export async function connectRedis(url: string) {
  const client = createClient({ url });
  await client.connect();
  return client;
}`,
    },
    // created per instance or per call, not at import
    {
      filename: 'src/repo.ts',
      code: `import { PrismaClient } from '@prisma/client';
export class UserRepository {
  private readonly db = new PrismaClient();
  async find() { return new PrismaClient(); }
}`,
    },
    // NestJS provider: a class, instantiated by the container
    {
      filename: 'src/prisma.service.ts',
      code: `import { Injectable, OnModuleInit } from '@nestjs/common';
import { PrismaClient } from '@prisma/client';
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleInit {
  async onModuleInit() { await this.$connect(); }
}`,
    },
    // constants and frozen configuration
    {
      filename: 'src/config.ts',
      code: `export const DATABASE_URL = 'postgres://localhost:5432/app';
export const poolConfig = Object.freeze({ max: 10, idleTimeoutMillis: 1000 });`,
    },
    // module-level lookup tables filled at declaration
    {
      filename: 'src/handlers.ts',
      code: `const handlers = new Map([['create', () => 1], ['delete', () => 2]]);
const known = new Set(['a', 'b']);
export const handlerFor = (name: string) => handlers.get(name) ?? known.has(name);`,
    },
    // a lazily filled binding that holds no resource
    {
      filename: 'src/config.ts',
      code: `import { readFileSync } from 'node:fs';
let config: Record<string, string> | undefined;
export function getConfig() {
  if (!config) config = JSON.parse(readFileSync('config.json', 'utf8'));
  return config;
}
export function resetConfig() { config = undefined; }`,
    },
    // an explicit initialiser, not a fill-once accessor
    {
      filename: 'src/db.ts',
      code: `import { Pool } from 'pg';
let pool: Pool;
export function initDb(connectionString: string) { pool = new Pool({ connectionString }); }
export function getPool() { return pool; }`,
    },
    // static fields that are not instances of the class
    {
      filename: 'src/config.ts',
      code: `export class Config {
  static defaults = { retries: 3 };
  static instances = new Map<string, Config>();
  static getDefaults() { return Config.defaults; }
}`,
    },
    // several static instances of itself: an enum, not a singleton
    {
      filename: 'src/color.ts',
      code: `export class Color {
  static readonly RED = new Color('red');
  static readonly BLUE = new Color('blue');
  private constructor(readonly name: string) {}
  static get red() { return Color.RED; }
}`,
    },
    // constructors that keep instances without handing the stored one out, or hand out another
    {
      filename: 'src/registry.ts',
      code: `export class Connection {
  static all: Connection[] = [];
  static last: Connection | undefined;
  static cached: Connection | undefined;
  constructor(readonly url: string) {
    Connection.all.push(this);
    Connection.last = this;
    if (url === '') return Connection.cached!;
  }
}
export class Tenant {
  static byKey = new Map<string, Tenant>();
  constructor(key: string) {
    const hit = Tenant.byKey.get(key);
    if (hit) return hit;
    Tenant.byKey.set(key, this);
  }
}`,
    },
    // a same-file factory that creates on one branch only: called at import, it may create nothing
    {
      filename: 'src/db.ts',
      code: `import { PrismaClient } from '@prisma/client';
declare const fakeDb: PrismaClient;
function createDb() {
  return process.env.OFFLINE ? fakeDb : new PrismaClient();
}
export const db = createDb();`,
    },
    // a value object with a cached constant
    {
      filename: 'src/money.ts',
      code: `export class Money {
  private static zeroValue = new Money(0);
  constructor(readonly cents: number) {}
  static zero() { return Money.zeroValue; }
}`,
    },
    // type-only code
    {
      filename: 'src/types.ts',
      code: `import type { PrismaClient } from '@prisma/client';
declare const prisma: PrismaClient;
export type Db = typeof prisma;`,
    },
    {
      filename: 'src/db.d.ts',
      code: `import { PrismaClient } from '@prisma/client';
export declare const prisma: PrismaClient;
declare global { var prisma: PrismaClient | undefined }`,
    },
    // the server starts only when the module is the program, not when a test imports it
    {
      filename: 'src/server.js',
      code: `const express = require('express');
const app = express();
if (require.main === module) {
  app.listen(3000);
}
module.exports = app;`,
      ...cjs,
    },
    {
      filename: 'src/server.ts',
      code: `import express from 'express';
export const app = express();
if (process.env.NODE_ENV !== 'test') app.listen(3000);`,
    },
    // composition roots named in `allow`
    {
      filename: 'src/main.ts',
      code: `import { PrismaClient } from '@prisma/client';
export const prisma = new PrismaClient();
startServer({ prisma });`,
      options: [{ allow: ['src/main.ts'] }],
    },
    {
      filename: 'src/composition/database.ts',
      code: `import { Pool } from 'pg';
export const pool = new Pool();`,
      options: [{ allow: ['src/main.ts', 'src/composition/**'] }],
    },
    // a module that exports nothing is a program: a seed script, an entry point
    {
      filename: 'prisma/seed.ts',
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
async function main() { await prisma.user.create({ data: { name: 'Alice' } }); }
main().finally(() => prisma.$disconnect());`,
    },
    {
      filename: 'src/index.js',
      code: `const express = require('express');
const { Pool } = require('pg');
const pool = new Pool();
const app = express();
app.listen(3000);`,
      ...cjs,
    },
    // production-only branch of the remix pattern; the development branch is a global cache
    {
      filename: 'app/db.server.ts',
      code: `import { PrismaClient } from '@prisma/client';
let prisma: PrismaClient;
if (process.env.NODE_ENV === 'production') {
  prisma = new PrismaClient();
}
export { prisma };`,
    },
    // drizzle wrapping a client it is given opens nothing of its own
    {
      filename: 'src/db.ts',
      code: `import { drizzle } from 'drizzle-orm/node-postgres';
import { pool } from './pool';
export const db = drizzle(pool);
export const db2 = drizzle({ client: pool });`,
    },
    // the hot-reload cache, accepted
    {
      filename: 'src/lib/prisma.ts',
      code: `import { PrismaClient } from '@prisma/client';
const globalForPrisma = globalThis as unknown as { prisma: PrismaClient };
export const prisma = globalForPrisma.prisma || new PrismaClient();
if (process.env.NODE_ENV !== 'production') globalForPrisma.prisma = prisma;`,
      options: [{ allowGlobalThisCache: true }],
    },
    // the checks that options turn off
    {
      filename: 'src/db.ts',
      code: `import { Pool } from 'pg';
let instance: Pool | undefined;
export function getPool() { return (instance ??= new Pool()); }`,
      options: [{ checkLazySingletons: false }],
    },
    {
      filename: 'src/logger.ts',
      code: `export class Logger {
  private static instance?: Logger;
  static getInstance() { return (Logger.instance ??= new Logger()); }
}`,
      options: [{ checkSingletonClasses: false }],
    },
    // not a catalog package
    {
      filename: 'src/client.ts',
      code: `import { Pool } from './my-pool';
import { createClient } from '@supabase/supabase-js';
export const pool = new Pool();
export const supabase = createClient('url', 'key');`,
    },
    // look-alikes of lazy singletons: a memoised non-resource, a memoiser called per call, a map local to the function
    {
      filename: 'src/config.ts',
      code: `import memoize from 'lodash/memoize';
import { Pool } from 'pg';
export const getConfig = memoize(() => ({ url: process.env.DATABASE_URL }));
export function makePool() { return memoize(() => new Pool())(); }`,
    },
    {
      filename: 'src/pools.ts',
      code: `import { Pool } from 'pg';
export function poolsFor(tenants: string[]) {
  const pools = new Map<string, Pool>();
  for (const tenant of tenants) pools.set(tenant, new Pool({ database: tenant }));
  return pools;
}`,
    },
    {
      filename: 'src/pools.ts',
      code: `import { Pool } from 'pg';
const names = new Set<string>();
export function track(name: string) { const pool = new Pool(); names.add(name); return pool; }`,
    },
    // look-alikes of an object cache: a cache local to the function, a parameter's or an instance's
    // property, a module object given configuration, a `let` object, an unguarded write
    {
      filename: 'src/clients.ts',
      code: `import Redis from 'ioredis';
import { Pool } from 'pg';
const settings: { url?: string } = {};
let swappable: { redis?: Redis } = {};
const state: { pool?: Pool } = {};
export function clientsFor(names: string[]) {
  const cache: Record<string, Redis> = {};
  for (const name of names) cache[name] ??= new Redis();
  return cache;
}
export function attach(ctx: { pool?: Pool }) { ctx.pool ??= new Pool(); return ctx.pool; }
export class Store { pool?: Pool; get() { return (this.pool ??= new Pool()); } }
export function configure(url: string) { settings.url ??= url; }
export function swap() { return (swappable.redis ??= new Redis()); }
export function open() { state.pool = new Pool(); return state.pool; }`,
    },
    // shadowed globalThis is not the global object
    {
      filename: 'src/db.ts',
      code: `import { Pool } from 'pg';
export function make(globalThis: { db?: Pool }) { return (globalThis.db ??= new Pool()); }`,
      options: [{ checkLazySingletons: false }],
    },
    // test files: created in hooks and fixtures
    {
      filename: 'tests/db.test.ts',
      code: `import { afterAll, beforeAll, describe, it } from 'vitest';
import { Pool } from 'pg';
describe('users', () => {
  let pool: Pool;
  beforeAll(() => { pool = new Pool(); });
  afterAll(() => pool.end());
  it('reads', async () => { await pool.query('select 1'); });
});`,
    },
    {
      filename: 'tests/fixtures.ts',
      code: `import { test as base } from 'vitest';
import { PrismaClient } from '@prisma/client';
export const test = base.extend<{ db: PrismaClient }>({
  db: async ({}, use) => { const db = new PrismaClient(); await use(db); await db.$disconnect(); },
});`,
    },
    // test files: created at module scope but closed by the runner
    {
      filename: 'tests/users.test.ts',
      code: `import { afterAll, it } from 'vitest';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
afterAll(async () => { await prisma.$disconnect(); });
it('reads', async () => { await prisma.user.findMany(); });`,
    },
    {
      filename: 'tests/users.spec.js',
      code: `const { Pool } = require('pg');
const pool = new Pool();
after(() => closeAll([pool]));
it('reads', () => pool.query('select 1'));`,
      ...cjs,
    },
    // the generic release methods are the ones require-resource-teardown accepts: `unref()` lets the worker exit
    {
      filename: 'tests/server.test.ts',
      code: `import { it } from 'vitest';
import http from 'node:http';
const server = http.createServer().listen(0);
server.unref();
it('serves', () => {});`,
    },
    {
      filename: 'tests/mongo.test.js',
      code: `import mongoose from 'mongoose';
import { afterAll, test } from '@jest/globals';
await mongoose.connect(process.env.MONGO_URL);
afterAll(() => mongoose.disconnect());
test('x', () => {});`,
      ...js,
    },
    {
      filename: 'tests/mongo.test.js',
      code: `import mongoose from 'mongoose';
import { afterAll, test } from '@jest/globals';
await mongoose.connect(process.env.MONGO_URL);
afterAll(mongoose.disconnect.bind(mongoose));
test('x', () => {});`,
      ...js,
    },
    // test helpers that export the instance: their importers own it
    {
      filename: 'tests/helpers/db.ts',
      code: `import { PrismaClient } from '@prisma/client';
export const prisma = new PrismaClient();`,
    },
    // test files: lazy fills and singleton classes are test infrastructure, not reported
    {
      filename: 'tests/helpers/pool.ts',
      code: `import { Pool } from 'pg';
let pool: Pool | undefined;
export function testPool() { return (pool ??= new Pool()); }`,
    },
    // globalSetup runs once, outside the workers
    {
      filename: 'tests/global-setup.ts',
      code: `import { PostgreSqlContainer } from '@testcontainers/postgresql';
const container = await new PostgreSqlContainer('postgres:16').start();
export async function teardown() { await container.stop(); }`,
    },
    // handed to a wrapper that owns it
    {
      filename: 'tests/kysely.test.ts',
      code: `import { it } from 'vitest';
import { Kysely, PostgresDialect } from './kysely-build';
import { Pool } from 'pg';
const db = new Kysely({ dialect: new PostgresDialect({ pool: new Pool() }) });
afterAll(() => db.destroy());
it('x', () => {});`,
    },
    // a script under a test folder that collects no tests
    {
      filename: 'test/deno/smoke.ts',
      code: `import { Pool } from 'pg';
const pool = new Pool();
await pool.query('select 1');`,
    },
    // a mocked package opens nothing
    {
      filename: 'tests/users.test.js',
      code: `const { Pool } = require('pg');
jest.mock('pg');
const pool = new Pool();
test('x', () => pool.query('select 1'));`,
      ...cjs,
    },
    // `await using` disposes it
    {
      filename: 'tests/db.test.ts',
      code: `import { it } from 'vitest';
import { Pool } from 'pg';
await using pool = new Pool();
it('x', () => pool.query('select 1'));`,
    },
    // JSX and decorators in an ordinary module
    {
      filename: 'src/view.tsx',
      code: `import { createClient } from 'redis';
export function View() { const client = createClient(); return <div data-x={String(client)} />; }`,
      languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
    },
    // typed: a project class that holds no resource
    {
      filename: 'file.ts',
      code: `import { Clock } from './usage-logger';
export const clock = new Clock();`,
      options: [{ typeAware: true }],
      ...typed,
    },
    // a module-level instance of a project class without a reset for tests
    {
      filename: 'src/usage.ts',
      code: `import { UsageLogger } from './usage-logger';
export const logger = new UsageLogger();
export function record(feature: string) { logger.record(feature); }`,
    },
    // the test-only reset clears an unrelated counter map, not the instance
    {
      filename: 'src/usage.ts',
      code: `import { UsageLogger } from './usage-logger';
export const logger = new UsageLogger();
const counts = new Map<string, number>();
export function count(feature: string) { counts.set(feature, (counts.get(feature) ?? 0) + 1); }
export function resetForTesting() { counts.clear(); }`,
    },
    // a factory by name handed to something that does not memoise it
    {
      filename: 'src/server.ts',
      code: `import { WebSocketServer } from 'ws';
import { router } from './router';
function createServer() {
  const server = new WebSocketServer({ noServer: true });
  return server;
}
router.register('ws', createServer);
export { createServer };`,
    },
    // a memoised promise of plain data, not of a client
    {
      filename: 'src/settings.ts',
      code: `import { createClient } from 'redis';
let settingsPromise: Promise<Record<string, string>> | undefined;
export function loadSettings(url: string) {
  if (!settingsPromise) settingsPromise = fetch(url).then((response) => response.json());
  return settingsPromise;
}
export const connect = () => createClient();`,
    },
    // memoised plain data with a test-only reset: fetched keys, a loaded module, a temp path
    {
      filename: 'src/github-keys.ts',
      code: `let cachedKeys: string[] | null = null;
let inFlight: Promise<string[]> | null = null;
export async function getKeys(url: string): Promise<string[]> {
  if (cachedKeys) return cachedKeys;
  inFlight ??= fetch(url).then((response) => response.json() as Promise<string[]>);
  cachedKeys = await inFlight;
  return cachedKeys;
}
export function __resetKeysCacheForTests(): void {
  cachedKeys = null;
  inFlight = null;
}`,
    },
    {
      filename: 'src/permissions.ts',
      code: `let nativeModule: { check(): boolean } | null = null;
function load() {
  if (!nativeModule) nativeModule = require('node-mac-permissions');
  return nativeModule;
}
export const hasPermission = () => load()!.check();
export function __resetPermissionsModuleCache(): void { nativeModule = null; }`,
    },
    // a built-in cache is not a project class
    {
      filename: 'src/cache.ts',
      code: `export const cache = new Map<string, string>();
export function __reset() { cache.clear(); }`,
    },
    // a reset() method on the class, not a module function that tests call
    {
      filename: 'src/usage-logger.ts',
      code: `export class UsageLogger {
  private events: string[] = [];
  record(event: string) { this.events.push(event); }
  reset() { this.events = []; }
}
export const logger = new UsageLogger();`,
    },
    // clearing a cache is a feature, not a test-only reset
    {
      filename: 'src/versions.ts',
      code: `import { LruCache } from './lru-cache';
export const versions = new LruCache(100);
export function clearCache() { versions.clear(); }`,
    },
    // "test" inside a word, and a test-named function that does not reset
    {
      filename: 'src/versions.ts',
      code: `import { VersionCache } from './version-cache';
let cache = new VersionCache();
export function refreshLatest() { cache = new VersionCache(); }
export async function testConnection() { await cache.ping(); }`,
    },
    // the reset only reads the instance, or works on a parameter that shadows it
    {
      filename: 'src/usage.ts',
      code: `import { UsageLogger } from './usage-logger';
export const logger = new UsageLogger();
export function resetForTesting(logger: UsageLogger) { logger.clear(); }
export function clearInstanceCount() { return logger.events.length; }`,
    },
    {
      filename: 'src/usage.js',
      code: `const { UsageLogger } = require('./usage-logger');
const logger = new UsageLogger();
function resetForTesting() { flushEvents(logger); }
module.exports = { logger, resetForTesting };`,
      ...cjs,
    },
    // a replacement that is not for tests
    {
      filename: 'src/mailer.ts',
      code: `import { Mailer, type MailerOptions } from './mailer-impl';
export let mailer = new Mailer();
export function configureMailer(options: MailerOptions) { mailer = new Mailer(options); }`,
    },
    // a project class named like Prisma's, from a module that is not a generated client
    {
      filename: 'src/db.ts',
      code: `import { PrismaClient } from './prisma-client';
export const prisma = new PrismaClient();`,
    },
  ],
  invalid: [
    // ---------------------------------------------------------------- moduleScopeResource
    {
      filename: 'src/db.ts',
      code: `import { PrismaClient } from '@prisma/client';
export const prisma = new PrismaClient();`,
      errors: [{ messageId: 'moduleScopeResource', line: 2, column: 23, data: { what: '`prisma`', resource: 'a PrismaClient', factory: 'createPrisma' } }],
    },
    {
      name: "drizzle from a deeper entry point of the package (drizzle-orm/libsql/http)",
      filename: 'src/db.ts',
      code: `import { drizzle } from 'drizzle-orm/libsql/http';
export const db = drizzle({ connection: { url: process.env.DATABASE_URL! } });`,
      errors: [{ messageId: 'moduleScopeResource', line: 2, column: 19 }],
    },
    {
      name: "Prisma's client generated into the project (`prisma-client` generator), imported by a relative path",
      filename: 'packages/database/src/client.ts',
      code: `import { PrismaClient } from '../generated/prisma/client';
export const prisma = new PrismaClient();`,
      errors: [{ messageId: 'moduleScopeResource', line: 2, column: 23, data: { what: '`prisma`', resource: 'a PrismaClient', factory: 'createPrisma' } }],
    },
    {
      filename: 'src/db.ts',
      code: `import { Pool } from 'pg';
export default new Pool({ max: 5 });`,
      errors: [{ messageId: 'moduleScopeResource', line: 2 }],
    },
    // `allow` names other modules
    {
      filename: 'src/db.ts',
      code: `import { Pool } from 'pg';
export const pool = new Pool();`,
      options: [{ allow: ['src/main.ts', 'src/composition/**'] }],
      errors: [{ messageId: 'moduleScopeResource', line: 2, column: 21 }],
    },
    {
      filename: 'src/db.js',
      code: `const { Pool } = require('pg');
const pool = new Pool();
module.exports = { pool };`,
      ...cjs,
      errors: [{ messageId: 'moduleScopeResource', line: 2 }],
    },
    {
      filename: 'src/db.js',
      code: `const pg = require('pg');
module.exports = new pg.Pool();`,
      ...cjs,
      errors: [{ messageId: 'moduleScopeResource', line: 2 }],
    },
    {
      filename: 'src/data-source.ts',
      code: `import { DataSource } from 'typeorm';
export const AppDataSource = new DataSource({ type: 'postgres', url: process.env.DATABASE_URL });`,
      errors: [{ messageId: 'moduleScopeResource', line: 2 }],
    },
    {
      filename: 'src/mongo.mjs',
      code: `import mongoose from 'mongoose';
await mongoose.connect(process.env.MONGO_URL);
export default mongoose;`,
      ...js,
      errors: [{ messageId: 'moduleScopeResource', line: 2, data: { what: 'This module', resource: 'a mongoose pool', factory: 'createPool' } }],
    },
    {
      filename: 'src/redis.ts',
      code: `import { createClient } from 'redis';
import Redis from 'ioredis';
export const redis = createClient({ url: process.env.REDIS_URL });
export const cache = new Redis();`,
      errors: [
        { messageId: 'moduleScopeResource', line: 3 },
        { messageId: 'moduleScopeResource', line: 4, data: { what: '`cache`', resource: 'an ioredis client', factory: 'createCache' } },
      ],
    },
    {
      filename: 'src/knex.ts',
      code: `import knex from 'knex';
import { Kysely, PostgresDialect } from 'kysely';
import { Pool } from 'pg';
export const db = knex({ client: 'pg', connection: process.env.DATABASE_URL });
export const kysely = new Kysely({ dialect: new PostgresDialect({ pool: new Pool() }) });`,
      errors: [
        { messageId: 'moduleScopeResource', line: 4 },
        { messageId: 'moduleScopeResource', line: 5, column: 23 },
      ],
    },
    {
      filename: 'src/drizzle.ts',
      code: `import { drizzle } from 'drizzle-orm/node-postgres';
import { Sequelize } from 'sequelize';
import { MongoClient } from 'mongodb';
export const db = drizzle(process.env.DATABASE_URL!);
export const sequelize = new Sequelize(process.env.DATABASE_URL!);
export const mongo = new MongoClient(process.env.MONGO_URL!);`,
      errors: [
        { messageId: 'moduleScopeResource', line: 4 },
        { messageId: 'moduleScopeResource', line: 5 },
        { messageId: 'moduleScopeResource', line: 6 },
      ],
    },
    {
      filename: 'src/orm.ts',
      code: `import { MikroORM } from '@mikro-orm/postgresql';
export const orm = await MikroORM.init({ dbName: 'app' });`,
      errors: [{ messageId: 'moduleScopeResource', line: 2 }],
    },
    {
      filename: 'src/queues.ts',
      code: `import { Queue } from 'bullmq';
import { createPool } from 'mysql2/promise';
export const emails = new Queue('emails');
export const mysql = createPool({ uri: process.env.MYSQL_URL });`,
      errors: [
        { messageId: 'moduleScopeResource', line: 3 },
        { messageId: 'moduleScopeResource', line: 4 },
      ],
    },
    // a property of a module-level object, a static field, an IIFE
    {
      filename: 'src/services.ts',
      code: `import { PrismaClient } from '@prisma/client';
import Redis from 'ioredis';
export const services = {
  db: new PrismaClient(),
  cache: new Redis(),
};`,
      errors: [
        { messageId: 'moduleScopeResource', line: 4, data: { what: '`db`', resource: 'a PrismaClient', factory: 'createDb' } },
        { messageId: 'moduleScopeResource', line: 5 },
      ],
    },
    {
      filename: 'src/services.ts',
      code: `import { PrismaClient } from '@prisma/client';
export const services = { 'main-db': new PrismaClient() };`,
      errors: [{ messageId: 'moduleScopeResource', line: 2, data: { what: '`main-db`', resource: 'a PrismaClient', factory: 'createMainDb' } }],
    },
    {
      filename: 'src/db.ts',
      code: `import { PrismaClient } from '@prisma/client';
export class Db {
  static client = new PrismaClient();
}`,
      errors: [{ messageId: 'moduleScopeResource', line: 3, data: { what: '`client`', resource: 'a PrismaClient', factory: 'createClient' } }],
    },
    {
      filename: 'src/db.ts',
      code: `import { Pool } from 'pg';
export const pool = (() => {
  const created = new Pool();
  created.on('error', () => {});
  return created;
})();`,
      errors: [{ messageId: 'moduleScopeResource', line: 3 }],
    },
    // a same-file factory called at import: the Prisma docs' singleton helper
    {
      filename: 'src/db.ts',
      code: `import { PrismaClient } from '@prisma/client';
const prismaClientSingleton = () => new PrismaClient();
const prisma = prismaClientSingleton();
export default prisma;`,
      errors: [{ messageId: 'moduleScopeResource', line: 3, data: { what: '`prisma`', resource: 'a PrismaClient', factory: 'createPrisma' } }],
    },
    // one binding given one of two creations, inline or by a same-file factory: reported once
    {
      filename: 'src/db.ts',
      code: `import { PrismaClient } from '@prisma/client';
export const prisma = process.env.REPLICA_URL
  ? new PrismaClient({ datasourceUrl: process.env.REPLICA_URL })
  : new PrismaClient();
function createReader() {
  return process.env.REPLICA_URL ? new PrismaClient({ datasourceUrl: process.env.REPLICA_URL }) : new PrismaClient();
}
export const reader = createReader();`,
      errors: [
        { messageId: 'moduleScopeResource', line: 3, column: 5, data: { what: '`prisma`', resource: 'a PrismaClient', factory: 'createPrisma' } },
        { messageId: 'moduleScopeResource', line: 8, column: 23, data: { what: '`reader`', resource: 'a PrismaClient', factory: 'createReader' } },
      ],
    },
    // a same-file class that holds a resource
    {
      filename: 'src/usage-logger.ts',
      code: `import { PrismaClient } from '@prisma/client';
class UsageLogger {
  private readonly db = new PrismaClient();
  record(event: string) { return this.db.event.create({ data: { event } }); }
}
export const usageLogger = new UsageLogger();`,
      errors: [
        {
          messageId: 'moduleScopeResource',
          line: 6,
          data: { what: '`usageLogger`', resource: 'a UsageLogger (holds a PrismaClient)', factory: 'createUsageLogger' },
        },
      ],
    },
    // a server that listens when the module is imported
    {
      filename: 'src/app.ts',
      code: `import express from 'express';
const app = express();
export const server = app.listen(3000);`,
      errors: [{ messageId: 'moduleScopeResource', line: 3 }],
    },
    // a test-environment branch still runs under tests
    {
      filename: 'src/db.ts',
      code: `import { Pool } from 'pg';
export const pool = process.env.NODE_ENV === 'test' ? new Pool({ max: 1 }) : new Pool();`,
      errors: [
        { messageId: 'testOnlyReset', line: 2, column: 21 },
        { messageId: 'moduleScopeResource', line: 2, column: 55 },
      ],
    },
    // ---------------------------------------------------------------- globalThisCache
    {
      filename: 'src/lib/prisma.ts',
      code: `import { PrismaClient } from '@prisma/client';
const globalForPrisma = globalThis as unknown as { prisma: PrismaClient };
export const prisma = globalForPrisma.prisma || new PrismaClient();
if (process.env.NODE_ENV !== 'production') globalForPrisma.prisma = prisma;`,
      errors: [
        { messageId: 'globalThisCache', line: 3, column: 49, data: { resource: 'PrismaClient', target: 'globalForPrisma.prisma' } },
      ],
    },
    {
      filename: 'src/lib/db.ts',
      code: `import { PrismaClient } from '@prisma/client';
declare global { var prisma: PrismaClient | undefined }
export const db = (globalThis.prisma ??= new PrismaClient());`,
      errors: [{ messageId: 'globalThisCache', line: 3, data: { resource: 'PrismaClient', target: 'globalThis.prisma' } }],
    },
    {
      filename: 'src/db.js',
      code: `const { Pool } = require('pg');
function getPool() {
  return global.__db || (global.__db = new Pool());
}
module.exports = { getPool };`,
      ...cjs,
      errors: [{ messageId: 'globalThisCache', line: 3, data: { resource: 'pg.Pool', target: 'global.__db' } }],
    },
    {
      filename: 'src/db.ts',
      code: `import { createClient } from 'redis';
if (!globalThis.redis) {
  globalThis.redis = createClient();
}
export const redis = globalThis.redis;`,
      errors: [{ messageId: 'globalThisCache', line: 3 }],
    },
    // ---------------------------------------------------------------- lazySingleton
    {
      filename: 'src/db.ts',
      code: `import { Pool } from 'pg';
let instance: Pool | undefined;
export function getPool() {
  if (!instance) instance = new Pool();
  return instance;
}`,
      errors: [
        { messageId: 'lazySingleton', line: 4, column: 18, data: { fn: '`getPool()`', resource: 'pg.Pool', storage: 'the module-level `instance`' } },
      ],
    },
    {
      filename: 'src/db.ts',
      code: `import { PrismaClient } from '@prisma/client';
let prisma: PrismaClient;
export const getPrisma = () => (prisma ??= new PrismaClient());`,
      errors: [{ messageId: 'lazySingleton', line: 3, data: { fn: '`getPrisma()`', resource: 'PrismaClient', storage: 'the module-level `prisma`' } }],
    },
    {
      filename: 'src/db.js',
      code: `import { createClient } from 'redis';
let client;
export function redis() {
  return client || (client = createClient());
}`,
      ...js,
      errors: [{ messageId: 'lazySingleton', line: 4 }],
    },
    {
      filename: 'src/orm.ts',
      code: `import { MikroORM } from '@mikro-orm/core';
let orm: MikroORM | undefined;
export async function getOrm() {
  if (orm) return orm;
  const created = await MikroORM.init();
  orm = created;
  return orm;
}`,
      errors: [{ messageId: 'lazySingleton', line: 6 }],
    },
    {
      name: 'a memoiser given a same-file factory by name, which returns the server it made',
      filename: 'src/wss.ts',
      code: `import { WebSocketServer } from 'ws';
import { singleton } from './utils/singleton';
function initializeWebSocketServer() {
  const server = new WebSocketServer({ noServer: true });
  return server;
}
export const wss = singleton('wss', initializeWebSocketServer);`,
      errors: [
        {
          messageId: 'lazySingleton',
          line: 4,
          data: { fn: '`initializeWebSocketServer()`', resource: 'ws.WebSocketServer', storage: 'the `singleton()` cache' },
        },
      ],
    },
    {
      name: 'a memoiser that keeps the value itself under a name (remember, singleton)',
      filename: 'src/db.server.ts',
      code: `import { remember } from '@epic-web/remember';
import { PrismaClient } from '@prisma/client';
export const prisma = remember('prisma', () => new PrismaClient());`,
      errors: [
        { messageId: 'lazySingleton', line: 3, data: { fn: 'This `remember()` factory', resource: 'PrismaClient', storage: 'the `remember()` cache' } },
      ],
    },
    {
      name: 'a lazily created client memoised as the promise of its connection',
      filename: 'src/storage.ts',
      code: `import { createClient } from 'redis';
type RedisClient = ReturnType<typeof createClient>;
let clientPromise: Promise<RedisClient> | undefined;
const getClient = (): Promise<RedisClient> => {
  if (!clientPromise) {
    const client = createClient({ url: process.env.REDIS_URL });
    clientPromise = client.connect().then(() => client);
  }
  return clientPromise;
};
export const storage = { get: async (key: string) => (await getClient()).get(key) };`,
      errors: [{ messageId: 'lazySingleton', line: 7, data: { fn: '`getClient()`', resource: 'redis client', storage: 'the module-level `clientPromise`' } }],
    },
    {
      filename: 'src/db.ts',
      code: `import memoize from 'lodash/memoize';
import { Pool } from 'pg';
export const getPool = memoize(() => new Pool());`,
      errors: [{ messageId: 'lazySingleton', line: 3, data: { fn: '`getPool()`', resource: 'pg.Pool', storage: 'a memoised result' } }],
    },
    {
      filename: 'src/redis.ts',
      code: `import Redis from 'ioredis';
import { Pool } from 'pg';
const cache: { redis?: Redis } = {};
export function getRedis() {
  return (cache.redis ??= new Redis(process.env.REDIS_URL!));
}
const pools = {} as Record<string, Pool>;
export function poolFor(url: string) {
  if (!(url in pools)) pools[url] = new Pool({ connectionString: url });
  return pools[url];
}`,
      errors: [
        { messageId: 'lazySingleton', line: 5, data: { fn: '`getRedis()`', resource: 'ioredis client', storage: 'the module-level object `cache`' } },
        { messageId: 'lazyCachePerKey', line: 9, data: { fn: '`poolFor()`', resource: 'pg.Pool', storage: 'the module-level object `pools`' } },
      ],
    },
    {
      // one fixed key is one instance, whether on an object or a map
      filename: 'src/main-pool.ts',
      code: `import { Pool } from 'pg';
const pools: Record<string, Pool> = {};
const byName = new Map<string, Pool>();
export function mainPool() {
  if (!pools['main']) pools['main'] = new Pool();
  return pools['main'];
}
export function replicaPool() {
  if (!byName.has(\`replica\`)) byName.set(\`replica\`, new Pool());
  return byName.get(\`replica\`)!;
}`,
      errors: [
        { messageId: 'lazySingleton', line: 5, data: { fn: '`mainPool()`', resource: 'pg.Pool', storage: 'the module-level object `pools`' } },
        { messageId: 'lazySingleton', line: 9, data: { fn: '`replicaPool()`', resource: 'pg.Pool', storage: 'the module-level map `byName`' } },
      ],
    },
    {
      filename: 'src/pools.ts',
      code: `import { Pool } from 'pg';
const pools = new Map<string, Pool>();
export function poolFor(tenant: string) {
  let pool = pools.get(tenant);
  if (!pool) { pool = new Pool({ database: tenant }); pools.set(tenant, pool); }
  return pool;
}`,
      errors: [{ messageId: 'lazyCachePerKey', line: 5, data: { fn: '`poolFor()`', resource: 'pg.Pool', storage: 'the module-level map `pools`' } }],
    },
    // ---------------------------------------------------------------- singletonClass
    {
      filename: 'src/logger.ts',
      code: `export class UsageLogger {
  private static instance: UsageLogger;
  private constructor() {}
  static getInstance(): UsageLogger {
    if (!UsageLogger.instance) UsageLogger.instance = new UsageLogger();
    return UsageLogger.instance;
  }
}`,
      errors: [{ messageId: 'singletonClass', line: 1, column: 14, data: { name: 'UsageLogger', field: 'instance', accessor: 'getInstance' } }],
    },
    {
      filename: 'src/registry.ts',
      code: `export class Registry {
  static #instance: Registry | undefined;
  static get instance() { return (this.#instance ??= new Registry()); }
}`,
      errors: [{ messageId: 'singletonClass', line: 1, data: { name: 'Registry', field: '#instance', accessor: 'instance' } }],
    },
    {
      filename: 'src/metrics.js',
      code: `class Metrics {
  static shared = new Metrics();
  static current() { return Metrics.shared; }
}
module.exports = Metrics;`,
      ...cjs,
      errors: [{ messageId: 'singletonClass', line: 1, data: { name: 'Metrics', field: 'shared', accessor: 'current' } }],
    },
    {
      filename: 'src/cache.ts',
      code: `export const Cache = class {
  private static readonly singleton = new Cache();
  static getInstance = () => Cache.singleton;
};`,
      errors: [{ messageId: 'singletonClass', line: 1, column: 14 }],
    },
    {
      filename: 'src/database.ts',
      code: `export class Database {
  static instance: Database | undefined;
  constructor() {
    if (Database.instance) return Database.instance;
    Database.instance = this;
  }
}`,
      errors: [{ messageId: 'singletonClass', line: 1, column: 14, data: { name: 'Database', field: 'instance', accessor: 'new Database()' } }],
    },
    {
      filename: 'src/settings.js',
      code: `class Settings {
  static #current;
  constructor() {
    if (Settings.#current) {
      return Settings.#current;
    }
    Settings.#current = this;
  }
  static reset() { Settings.#current = undefined; }
}
module.exports = Settings;`,
      ...cjs,
      errors: [
        { messageId: 'singletonClass', line: 1, data: { name: 'Settings', field: '#current', accessor: 'new Settings()' } },
        { messageId: 'testOnlyReset', line: 9, column: 10, data: { what: '`reset` replaces the `Settings` singleton' } },
      ],
    },
    // ---------------------------------------------------------------- testOnlyReset
    {
      filename: 'src/usage-logger.ts',
      code: `export class UsageLogger {
  private static instance?: UsageLogger;
  static getInstance() { return (UsageLogger.instance ??= new UsageLogger()); }
  static resetForTesting() { UsageLogger.instance = undefined; }
}`,
      errors: [
        { messageId: 'singletonClass', line: 1 },
        { messageId: 'testOnlyReset', line: 4, column: 10, data: { what: '`resetForTesting` replaces the `UsageLogger` singleton' } },
      ],
    },
    {
      filename: 'src/db.ts',
      code: `import { Pool } from 'pg';
let pool: Pool | undefined;
export function getPool() { return (pool ??= new Pool()); }
export function __reset() { pool = undefined; }
export const _resetInstance = () => { pool = undefined; };
export function clearInstance() { pool = undefined; }`,
      errors: [
        { messageId: 'lazySingleton', line: 3 },
        { messageId: 'testOnlyReset', line: 4, data: { what: '`__reset` resets the singleton `pool`' } },
        { messageId: 'testOnlyReset', line: 5 },
        { messageId: 'testOnlyReset', line: 6 },
      ],
    },
    {
      filename: 'src/logger.ts',
      code: `import { Logger } from './logger-impl';
let logger: Logger | undefined;
export function getLogger() {
  if (!logger) logger = new Logger();
  return logger;
}
export function setLoggerForTests(replacement: Logger) { logger = replacement; }`,
      errors: [{ messageId: 'testOnlyReset', line: 7, column: 17 }],
    },
    {
      filename: 'src/db.ts',
      code: `import { Pool } from 'pg';
let pool = new Pool();
export function usePool() {
  if (process.env.NODE_ENV === 'test') {
    pool = new Pool({ max: 1 });
  }
  return pool;
}`,
      errors: [
        { messageId: 'moduleScopeResource', line: 2 },
        { messageId: 'testOnlyReset', line: 4, column: 7, data: { what: 'This test-environment branch replaces the singleton `pool`' } },
      ],
    },
    {
      filename: 'src/clock.ts',
      code: `export class Clock {
  private static instance?: Clock;
  static get() {
    if (!Clock.instance) Clock.instance = new Clock();
    return Clock.instance;
  }
  static useFake() {
    if (process.env.VITEST) Clock.instance = new Clock();
  }
}`,
      errors: [
        { messageId: 'singletonClass', line: 1 },
        { messageId: 'testOnlyReset', line: 8, column: 9 },
      ],
    },
    // a module-level instance of a project class, with a reset for tests
    {
      filename: 'src/usage.ts',
      code: `import { UsageLogger } from './usage-logger';
export const logger = new UsageLogger();
export function resetForTesting() { logger.clear(); }`,
      errors: [{ messageId: 'testOnlyReset', line: 3, column: 17, data: { what: '`resetForTesting` clears the singleton `logger`' } }],
    },
    {
      filename: 'src/usage.ts',
      code: `class UsageLogger {
  events: string[] = [];
  record(event: string) { this.events.push(event); }
}
export const usageLogger = new UsageLogger();
export const __reset = () => { usageLogger.events = []; };`,
      errors: [{ messageId: 'testOnlyReset', line: 6, column: 14, data: { what: '`__reset` clears the singleton `usageLogger`' } }],
    },
    {
      filename: 'src/usage.ts',
      code: `import { UsageLogger } from '../logging/usage-logger';
export let logger = new UsageLogger();
export function _resetInstance() { logger = new UsageLogger(); }`,
      errors: [{ messageId: 'testOnlyReset', line: 3, column: 17, data: { what: '`_resetInstance` resets the singleton `logger`' } }],
    },
    {
      filename: 'src/registry.js',
      code: `const { Registry } = require('./registry-impl');
const registry = new Registry();
function clearInstance() { registry.entries.clear(); }
module.exports = { registry, clearInstance };`,
      ...cjs,
      errors: [{ messageId: 'testOnlyReset', line: 3, column: 10, data: { what: '`clearInstance` clears the singleton `registry`' } }],
    },
    {
      filename: 'src/usage.mjs',
      code: `import * as logging from './logging.mjs';
const logger = new logging.UsageLogger();
export default logger;
export const testing = {
  resetForTests() { delete logger.lastEvent; logger.count = 0; },
};`,
      ...js,
      errors: [{ messageId: 'testOnlyReset', line: 5, column: 3, data: { what: '`resetForTests` clears the singleton `logger`' } }],
    },
    {
      name: 'a lazily built instance of a project class with a test-only reset',
      filename: 'src/usage.ts',
      code: `import { UsageLogger } from './usage-logger';
let logger: UsageLogger | undefined;
export function getLogger() { return (logger ??= new UsageLogger()); }
export function __resetLoggerForTests() { logger = undefined; }`,
      errors: [{ messageId: 'testOnlyReset', line: 4, column: 17, data: { what: '`__resetLoggerForTests` resets the singleton `logger`' } }],
    },
    {
      filename: 'src/usage.ts',
      code: `import { UsageLogger } from './usage-logger';
let logger: UsageLogger | undefined = new UsageLogger();
export function RESET_FOR_TEST() { logger?.events.splice(0); }
export function __resetLogger() { logger = undefined; }`,
      errors: [
        { messageId: 'testOnlyReset', line: 3, column: 17, data: { what: '`RESET_FOR_TEST` clears the singleton `logger`' } },
        { messageId: 'testOnlyReset', line: 4, column: 17, data: { what: '`__resetLogger` resets the singleton `logger`' } },
      ],
    },
    {
      filename: 'src/mailer.ts',
      code: `import { Mailer } from './mailer-impl';
export let mailer = new Mailer();
if (process.env.NODE_ENV === 'test') mailer = new Mailer({ transport: 'memory' });`,
      errors: [{ messageId: 'testOnlyReset', line: 3, column: 5, data: { what: 'This test-environment branch replaces the singleton `mailer`' } }],
    },
    // ---------------------------------------------------------------- collectionTimeResource
    {
      filename: 'tests/users.test.ts',
      code: `import { it } from 'vitest';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
it('reads', async () => { await prisma.user.findMany(); });`,
      errors: [{ messageId: 'collectionTimeResource', line: 3, data: { resource: 'PrismaClient', where: 'at module scope' } }],
    },
    {
      filename: 'src/users.spec.ts',
      code: `import { describe, it } from '@jest/globals';
import { Pool } from 'pg';
describe('users', () => {
  const pool = new Pool();
  it('reads', () => pool.query('select 1'));
});`,
      errors: [{ messageId: 'collectionTimeResource', line: 4, data: { resource: 'pg.Pool', where: 'directly in a `describe` body' } }],
    },
    {
      filename: 'test/cache.test.js',
      code: `const Redis = require('ioredis');
const redis = new Redis();
describe('cache', () => {
  it('sets', async () => { await redis.set('a', '1'); });
});`,
      ...cjs,
      errors: [{ messageId: 'collectionTimeResource', line: 2 }],
    },
    {
      filename: 'e2e/app.spec.ts',
      code: `import { test } from '@playwright/test';
import { MongoClient } from 'mongodb';
test.describe('admin', () => {
  const client = new MongoClient('mongodb://localhost:27017');
  test('lists', async () => { await client.db('app').collection('users').find().toArray(); });
});`,
      errors: [{ messageId: 'collectionTimeResource', line: 4 }],
    },
    {
      filename: 'tests/mongo.test.ts',
      code: `import { describe, it } from 'vitest';
import mongoose from 'mongoose';
describe.each([1, 2])('case %i', () => {
  mongoose.connect(process.env.MONGO_URL!);
  it('runs', () => {});
});`,
      errors: [{ messageId: 'collectionTimeResource', line: 4, data: { resource: 'mongoose pool', where: 'directly in a `describe` body' } }],
    },
    {
      filename: 'tests/orm.test.ts',
      code: `import { test } from 'vitest';
import { MikroORM } from '@mikro-orm/sqlite';
const orm = await MikroORM.init({ dbName: ':memory:' });
test('x', async () => { await orm.em.fork().find('User', {}); });`,
      errors: [{ messageId: 'collectionTimeResource', line: 3 }],
    },
    // ---------------------------------------------------------------- typed
    {
      filename: 'file.ts',
      code: `import { UsageLogger } from './usage-logger';
export const usageLogger = new UsageLogger();`,
      options: [{ typeAware: true }],
      ...typed,
      errors: [
        {
          messageId: 'moduleScopeResource',
          line: 2,
          data: { what: '`usageLogger`', resource: 'a UsageLogger (holds a PrismaClient)', factory: 'createUsageLogger' },
        },
      ],
    },
    {
      filename: 'file.ts',
      code: `import { UsageLogger } from './usage-logger';
let logger: UsageLogger | undefined;
export function getLogger() { return (logger ??= new UsageLogger()); }`,
      options: [{ typeAware: true }],
      ...typed,
      errors: [{ messageId: 'lazySingleton', line: 3 }],
    },
  ],
});

// A module that only a package.json script runs is a program, like one that exports nothing.
const roots: string[] = [];
afterAll(() => roots.forEach(removeTree));

const dataSource = `import { DataSource } from 'typeorm';\nexport const AppDataSource = new DataSource({ type: 'postgres', url: process.env.DATABASE_URL });\n`;
const seed = `import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\n`;

function commandProject(scripts: Record<string, string>, files: Record<string, string>): (file: string) => string {
  const root = makeTree({ 'package.json': JSON.stringify({ name: 'app', private: true, scripts }), ...files });
  roots.push(root);
  return (file) => path.join(root, file);
}

const cliOnly = commandProject(
  { 'migration:run': 'npm run typeorm -- --dataSource=src/database/data-source.ts migration:run', seed: 'ts-node ./src/seed.ts' },
  { 'src/database/data-source.ts': dataSource, 'src/seed.ts': seed, 'src/main.ts': `import { bootstrap } from './app';\nbootstrap();\n` },
);
const imported = commandProject(
  { 'migration:run': 'typeorm --dataSource src/database/data-source.ts migration:run' },
  { 'src/database/data-source.ts': dataSource, 'src/users.ts': `import { AppDataSource } from './database/data-source';\nexport const users = () => AppDataSource.getRepository('User');\n` },
);
const otherScript = commandProject(
  { 'migration:run': 'typeorm --dataSource=src/database/data-source.test-helper.ts migration:run' },
  { 'src/database/data-source.ts': dataSource },
);

ruleTester.run('no-module-singleton (modules run by a command)', rule, {
  valid: [
    { name: "the TypeORM CLI's data source, which no module imports", filename: cliOnly('src/database/data-source.ts'), code: dataSource },
    { name: 'a seed script run with ts-node', filename: cliOnly('src/seed.ts'), code: seed },
  ],
  invalid: [
    {
      name: 'a data source the CLI runs and a module imports too',
      filename: imported('src/database/data-source.ts'),
      code: dataSource,
      errors: [{ messageId: 'moduleScopeResource', line: 2 }],
    },
    {
      name: 'a script that names another file',
      filename: otherScript('src/database/data-source.ts'),
      code: dataSource,
      errors: [{ messageId: 'moduleScopeResource', line: 2 }],
    },
  ],
});
