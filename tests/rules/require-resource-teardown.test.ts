import { RuleTester } from '@typescript-eslint/rule-tester';
import { type ESLint, Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import rule from '../../src/rules/require-resource-teardown';

const ruleTester = new RuleTester();

ruleTester.run('require-resource-teardown', rule, {
  valid: [
    {
      name: 'vitest: knex without a connection only builds queries (knex-mock-client, a dialect alone)',
      filename: 'test/query-builder.test.ts',
      code: `
import knex from 'knex';
import { MockClient } from 'knex-mock-client';
import { beforeAll, beforeEach, expect, test } from 'vitest';
class Client_PG extends MockClient {}
const shared = knex({ client: Client_PG });
let mocked: ReturnType<typeof knex>;
let builder: ReturnType<typeof knex>;
beforeAll(() => { mocked = knex({ client: MockClient }); });
beforeEach(() => { builder = knex({ client: 'pg' }); });
test('builds sql', () => { expect(builder('items').select('id').toSQL().sql).toContain('select'); });
`,
    },
    {
      name: 'vitest: a client of a package the file mocks opens nothing',
      filename: 'test/redis.test.ts',
      code: `
import { Redis } from 'ioredis';
import { beforeEach, expect, test, vi } from 'vitest';
vi.mock('ioredis');
let redis: Redis;
beforeEach(() => { redis = new Redis(); });
test('is the auto-mock', () => { expect(redis).toBeDefined(); });
`,
    },
    {
      name: 'jest: require() inside the hook, and the pool ended in afterAll',
      filename: 'pool.test.js',
      code: `
let pool;
beforeAll(() => {
  const { Pool } = require('pg');
  pool = new Pool();
});
afterAll(() => pool.end());
`,
    },
    {
      name: 'jest: a require() of a package outside the catalog inside a hook',
      filename: 'clock.test.js',
      code: `
let clock;
beforeAll(() => {
  const { Clock } = require('./clock');
  clock = new Clock();
});
`,
    },
    // ---------------------------------------------------------------- vitest
    {
      name: 'vitest: opened in beforeAll, closed in afterAll',
      filename: 'db.test.ts',
      code: `
import { afterAll, beforeAll, test } from 'vitest';
import { Pool } from 'pg';
let pool: Pool;
beforeAll(() => { pool = new Pool(); });
afterAll(async () => { await pool.end(); });
test('query', async () => { await pool.query('select 1'); });
`,
    },
    {
      name: 'vitest: cleanup function returned from beforeAll',
      filename: 'server.test.ts',
      code: `
import { beforeAll } from 'vitest';
import express from 'express';
const app = express();
beforeAll(() => {
  const server = app.listen(0);
  return () => server.close();
});
`,
    },
    {
      name: 'vitest: cleanup function returned from beforeEach closes per test',
      filename: 'redis.test.ts',
      code: `
import { beforeEach } from 'vitest';
import Redis from 'ioredis';
let redis: Redis;
beforeEach(() => {
  redis = new Redis();
  return async () => { await redis.quit(); };
});
`,
    },
    {
      name: 'vitest: fixture closes after use',
      filename: 'fixtures.ts',
      code: `
import { test as base } from 'vitest';
import { Pool } from 'pg';
export const test = base.extend<{ db: Pool }>({
  db: async ({}, use) => {
    const db = new Pool();
    await use(db);
    await db.end();
  },
});
`,
    },
    {
      name: 'vitest: fixtures named by functions of the module close after use, through a helper too',
      filename: 'fixtures.ts',
      code: `
import { test as base } from 'vitest';
import { PrismaClient } from '@prisma/client';
import { Pool } from 'pg';
declare function logCleanup(label: string, done: Promise<unknown>): Promise<void>;
const prisma = async ({}, use: (client: PrismaClient) => Promise<void>) => {
  const client = new PrismaClient();
  try {
    await use(client);
  } finally {
    await logCleanup('prisma', client.$disconnect());
  }
};
export const test = base.extend({ prisma, db: [bootPool, { scope: 'worker' }] });
async function bootPool({}, use: (pool: Pool) => Promise<void>) {
  const pool = new Pool();
  await use(pool);
  await pool.end();
}
`,
    },
    {
      name: 'vitest: fixture closes in finally',
      filename: 'fixtures.ts',
      code: `
import { test as base } from 'vitest';
import { PrismaClient } from '@prisma/client';
export const test = base.extend<{ prisma: PrismaClient }>({
  prisma: async ({}, use) => {
    const prisma = new PrismaClient();
    try {
      await use(prisma);
    } finally {
      await prisma.$disconnect();
    }
  },
});
`,
    },
    {
      name: 'vitest: await using in a fixture disposes after use',
      filename: 'fixtures.ts',
      code: `
import { test as base } from 'vitest';
import { Pool } from 'pg';
export const test = base.extend<{ db: Pool }>({
  db: async ({}, use) => {
    await using db = new Pool();
    await use(db);
  },
});
`,
    },
    {
      name: 'vitest: builder fixture releases in onCleanup',
      filename: 'fixtures.ts',
      code: `
import { test as base } from 'vitest';
import { Pool } from 'pg';
export const test = base.extend('db', async ({}, { onCleanup }) => {
  const db = new Pool();
  onCleanup(() => db.end());
  return db;
});
`,
    },
    {
      name: 'vitest: released with onTestFinished in beforeEach',
      filename: 'db.test.ts',
      code: `
import { beforeEach, onTestFinished } from 'vitest';
import { Pool } from 'pg';
let db: Pool;
beforeEach(() => {
  db = new Pool();
  onTestFinished(() => db.end());
});
`,
    },
    {
      name: 'vitest: context property set in beforeEach, destructured in afterEach',
      filename: 'db.test.ts',
      code: `
import { afterEach, beforeEach } from 'vitest';
import { Pool } from 'pg';
beforeEach(async (ctx) => { ctx.db = new Pool(); });
afterEach(async ({ db }) => { await db.end(); });
`,
    },
    {
      name: 'vitest: context property set in beforeEach, destructured with a quoted key in afterEach',
      filename: 'db.test.ts',
      code: `
import { afterEach, beforeEach } from 'vitest';
import { Pool } from 'pg';
beforeEach(async (ctx) => { ctx['db'] = new Pool(); });
afterEach(async ({ 'db': pool }) => { await pool.end(); });
`,
    },
    {
      name: 'vitest: released by calling its Symbol.asyncDispose method',
      filename: 'db.test.ts',
      code: `
import { afterAll, beforeAll } from 'vitest';
import { Pool } from 'pg';
let pool: Pool & AsyncDisposable;
beforeAll(() => { pool = new Pool() as Pool & AsyncDisposable; });
afterAll(async () => { await pool[Symbol.asyncDispose](); });
`,
    },
    {
      name: 'vitest: conditional open in beforeEach runs once',
      filename: 'db.test.ts',
      code: `
import { afterAll, beforeEach } from 'vitest';
import { Pool } from 'pg';
let db: Pool | undefined;
beforeEach(() => { db ??= new Pool(); });
afterAll(() => db?.end());
`,
    },
    {
      name: 'vitest: opened per test into a collection that afterAll drains',
      filename: 'clients.test.ts',
      code: `
import { afterAll, beforeEach } from 'vitest';
import { Pool } from 'pg';
const clients: Pool[] = [];
beforeEach(() => { clients.push(new Pool()); });
afterAll(async () => { await Promise.all(clients.map((client) => client.end())); });
`,
    },
    {
      name: 'vitest: collection iterated with for-of in a teardown',
      filename: 'clients.test.ts',
      code: `
import { afterAll, beforeAll } from 'vitest';
import Redis from 'ioredis';
const clients: Redis[] = [];
beforeAll(() => {
  const redis = new Redis();
  clients.push(redis);
});
afterAll(async () => {
  for (const client of clients) await client.quit();
});
`,
    },
    {
      name: 'vitest: handed to a helper in afterAll',
      filename: 'db.test.ts',
      code: `
import { afterAll, beforeAll } from 'vitest';
import { Pool } from 'pg';
import Redis from 'ioredis';
import { closeAll } from './helpers';
let pool: Pool;
let redis: Redis;
beforeAll(() => {
  pool = new Pool();
  redis = new Redis();
});
afterAll(() => closeAll(pool, redis));
`,
    },
    {
      name: 'vitest: ownerFunctions helper takes ownership',
      filename: 'db.test.ts',
      options: [{ ownerFunctions: ['registerForCleanup'] }],
      code: `
import { beforeAll } from 'vitest';
import { Pool } from 'pg';
import { registerForCleanup } from './cleanup';
beforeAll(() => {
  const pool = new Pool();
  registerForCleanup(pool);
});
`,
    },
    {
      name: 'vitest: wrapped by drizzle and closed through $client',
      filename: 'db.test.ts',
      code: `
import { afterAll, beforeAll } from 'vitest';
import { Pool } from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
let db: ReturnType<typeof drizzle>;
beforeAll(() => { db = drizzle(new Pool()); });
afterAll(async () => { await db.$client.end(); });
`,
    },
    {
      name: 'vitest: Promise.all destructuring, both containers stopped',
      filename: 'containers.test.ts',
      code: `
import { afterAll, beforeAll } from 'vitest';
import { PostgreSqlContainer, type StartedPostgreSqlContainer } from '@testcontainers/postgresql';
import { RedisContainer, type StartedRedisContainer } from '@testcontainers/redis';
let pg: StartedPostgreSqlContainer;
let redis: StartedRedisContainer;
beforeAll(async () => {
  [pg, redis] = await Promise.all([new PostgreSqlContainer('postgres:16').start(), new RedisContainer('redis:7').start()]);
  process.env.DATABASE_URL = pg.getConnectionUri();
});
afterAll(async () => { await Promise.all([pg.stop(), redis.stop()]); });
`,
    },
    {
      name: 'vitest: nested describe, inner beforeAll closed by an afterAll in the enclosing suite',
      filename: 'nested.test.ts',
      code: `
import { afterAll, beforeAll, describe, it } from 'vitest';
import { Pool } from 'pg';
describe('outer', () => {
  let pool: Pool;
  describe('inner', () => {
    beforeAll(() => { pool = new Pool(); });
    it('works', () => {});
  });
  afterAll(() => pool.end());
});
`,
    },
    {
      name: 'vitest: sibling suites reuse one variable, each closing at its own level',
      filename: 'nested.test.ts',
      code: `
import { afterAll, afterEach, beforeAll, beforeEach, describe } from 'vitest';
import { Pool } from 'pg';
let pool: Pool;
describe('per test', () => {
  beforeEach(() => { pool = new Pool(); });
  afterEach(() => pool.end());
});
describe('per suite', () => {
  beforeAll(() => { pool = new Pool(); });
  afterAll(() => pool.end());
});
`,
    },
    {
      name: 'vitest: reopened per test after a per-file create',
      filename: 'mongo.test.ts',
      code: `
import { afterEach, beforeEach } from 'vitest';
import { MongoClient } from 'mongodb';
const client = new MongoClient('mongodb://localhost');
beforeEach(() => client.connect());
afterEach(() => client.close());
`,
    },
    {
      name: 'vitest: opened and closed in the same hook',
      filename: 'migrate.test.ts',
      code: `
import { beforeAll } from 'vitest';
import { Client } from 'pg';
beforeAll(async () => {
  const admin = new Client();
  await admin.connect();
  try {
    await admin.query('create database test');
  } finally {
    await admin.end();
  }
});
`,
    },
    {
      name: 'vitest: resource opened after use() belongs to the teardown',
      filename: 'fixtures.ts',
      code: `
import { test as base } from 'vitest';
export const test = base.extend<{ name: string }>({
  name: async ({}, use) => {
    await use('db_test');
    const { Client } = await import('pg');
    const admin = new Client();
    await admin.end();
  },
});
`,
    },
    {
      name: 'vitest: stored in a global for a global teardown (cannot be followed)',
      filename: 'global-setup.ts',
      code: `
import { beforeAll } from 'vitest';
import { MongoMemoryServer } from 'mongodb-memory-server';
beforeAll(async () => {
  (globalThis as any).__MONGOD__ = await MongoMemoryServer.create();
});
`,
    },
    {
      name: 'vitest: Object.assign into a context object closed in afterAll',
      filename: 'db.test.ts',
      code: `
import { afterAll, beforeAll } from 'vitest';
import { Pool } from 'pg';
const ctx = {} as { db: Pool };
beforeAll(() => { Object.assign(ctx, { db: new Pool() }); });
afterAll(() => ctx.db.end());
`,
    },
    {
      name: 'vitest: wrapper closed by its own close()',
      filename: 'repo.test.ts',
      code: `
import { afterAll, beforeAll } from 'vitest';
import { Pool } from 'pg';
import { UserRepository } from '../src/users';
let repo: UserRepository;
beforeAll(() => { repo = new UserRepository(new Pool()); });
afterAll(() => repo.close());
`,
    },
    {
      name: 'vitest: releaseMethods option adds a project release name',
      filename: 'db.test.ts',
      options: [{ releaseMethods: ['drain'] }],
      code: `
import { afterAll, beforeAll } from 'vitest';
import { Pool } from 'pg';
let pool: Pool;
beforeAll(() => { pool = new Pool(); });
afterAll(() => pool.drain());
`,
    },
    {
      name: 'vitest: acquireFunctions result closed',
      filename: 'app.test.ts',
      options: [{ acquireFunctions: ['createTestApp'] }],
      code: `
import { afterAll, beforeAll } from 'vitest';
import { createTestApp } from './helpers';
let app: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => { app = await createTestApp(); });
afterAll(() => app.close());
`,
    },
    {
      name: 'vitest: DisposableStack owns the resource',
      filename: 'db.test.ts',
      code: `
import { afterAll, beforeAll } from 'vitest';
import { Pool } from 'pg';
const stack = new AsyncDisposableStack();
beforeAll(() => { stack.use(new Pool()); });
afterAll(() => stack.disposeAsync());
`,
    },
    // ---------------------------------------------------------------- jest
    {
      name: 'jest: server closed with a done callback',
      filename: 'server.test.js',
      code: `
const express = require('express');
const app = express();
let server;
beforeAll((done) => { server = app.listen(0, done); });
afterAll((done) => { server.close(done); });
`,
    },
    {
      name: 'jest: release method passed as a bound function',
      filename: 'server.test.ts',
      code: `
import http from 'node:http';
import { promisify } from 'node:util';
let server: http.Server;
beforeAll(() => { server = http.createServer().listen(0); });
afterAll(promisify(server.close.bind(server)));
`,
    },
    {
      name: 'jest: release inside a promise executor',
      filename: 'server.test.ts',
      code: `
import http from 'node:http';
let server: http.Server;
beforeAll(() => { server = http.createServer().listen(0); });
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
`,
    },
    {
      name: 'jest: NestJS module closed through the application in afterAll',
      filename: 'test/app.e2e-spec.ts',
      code: `
import { Test } from '@nestjs/testing';
import type { INestApplication } from '@nestjs/common';
import { AppModule } from '../src/app.module';
let app: INestApplication;
beforeAll(async () => {
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  app = moduleRef.createNestApplication();
  await app.init();
});
afterAll(async () => { await app.close(); });
`,
    },
    {
      name: 'jest: PrismaClient given to a NestJS module whose app is closed',
      filename: 'test/users.e2e-spec.ts',
      code: `
import { Test } from '@nestjs/testing';
import { PrismaClient } from '@prisma/client';
import { PrismaService } from '../src/prisma.service';
const prisma = new PrismaClient();
let app;
beforeAll(async () => {
  const moduleRef = await Test.createTestingModule({
    providers: [{ provide: PrismaService, useValue: prisma }],
  }).compile();
  app = moduleRef.createNestApplication();
});
afterAll(() => app.close());
`,
    },
    {
      name: 'jest: mongoose connected and closed through mongoose.connection',
      filename: 'user.test.ts',
      code: `
import mongoose from 'mongoose';
beforeAll(async () => { await mongoose.connect(process.env.MONGO_URL!); });
afterAll(async () => { await mongoose.connection.close(); });
`,
    },
    {
      name: 'jest: mongoose disconnected by a bound method handed to afterAll',
      filename: 'user.test.ts',
      code: `
import mongoose from 'mongoose';
beforeAll(async () => { await mongoose.connect(process.env.MONGO_URL!); });
afterAll(mongoose.disconnect.bind(mongoose));
`,
    },
    {
      name: 'jest: mongoose disconnected by a method reference handed to afterAll',
      filename: 'user.test.ts',
      code: `
import mongoose from 'mongoose';
beforeAll(() => mongoose.connect(process.env.MONGO_URL!));
afterAll(mongoose.disconnect);
`,
    },
    {
      name: 'jest: mongoose disconnected by a named import handed to afterEach',
      filename: 'user.test.ts',
      code: `
import { connect, disconnect } from 'mongoose';
beforeEach(() => connect(process.env.MONGO_URL!));
afterEach(disconnect);
`,
    },
    {
      name: 'jest: mongoose connected and disconnected per test with a named import',
      filename: 'user.test.ts',
      code: `
import { connect, disconnect } from 'mongoose';
beforeEach(async () => { await connect(process.env.MONGO_URL!); });
afterEach(async () => { await disconnect(); });
`,
    },
    {
      name: 'jest: exported from a shared test helper (closed elsewhere)',
      filename: 'test/helpers/db.ts',
      code: `
import { Pool } from 'pg';
export const pool = new Pool();
`,
    },
    {
      name: 'jest: module-level resource in a source file is not test code',
      filename: 'src/db.ts',
      code: `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export function users() { return prisma.user.findMany(); }
`,
    },
    {
      name: 'jest: synchronous better-sqlite3 close',
      filename: 'sqlite.test.ts',
      code: `
import Database from 'better-sqlite3';
let db: Database.Database;
beforeEach(() => { db = new Database(':memory:'); });
afterEach(() => db.close());
`,
    },
    {
      name: 'jest: an in-process SQLite database holds nothing that keeps the worker alive',
      filename: 'sqlite.test.ts',
      code: `
import Database from 'better-sqlite3';
const db = new Database(':memory:');
test('reads', () => { db.prepare('select 1').get(); });
`,
    },
    {
      name: 'jest: a helper module under test/ with no tests, hooks or fixtures',
      filename: 'test/fixtures/datasource.ts',
      code: `
import { DataSource } from 'typeorm';
const dataSource = new DataSource({ type: 'postgres' });
console.log(dataSource.options);
`,
    },
    {
      name: 'mocha: server from createServer() handed to socket.io, closed through io.close()',
      filename: 'test/socket.ts',
      code: `
import { createServer } from 'node:http';
import { Server } from 'socket.io';
let io: Server;
beforeEach((done) => {
  const srv = createServer();
  io = new Server(srv);
  srv.listen(() => done());
});
afterEach(() => { io.close(); });
`,
    },
    {
      name: 'mocha: server closed through the variable that called listen()',
      filename: 'test/server.ts',
      code: `
import { createServer } from 'node:http';
let cleanup: () => void;
beforeEach(() => {
  const httpServer = createServer();
  httpServer.listen(3000);
  cleanup = () => { httpServer.close(); };
});
afterEach(() => cleanup());
`,
    },
    {
      name: 'jest: a NestJS unit-test module that is compiled but never initialised holds nothing',
      filename: 'src/app.controller.spec.ts',
      code: `
import { Test, type TestingModule } from '@nestjs/testing';
import { AppController } from './app.controller';
import { AppService } from './app.service';
let controller: AppController;
beforeEach(async () => {
  const app: TestingModule = await Test.createTestingModule({ controllers: [AppController], providers: [AppService] }).compile();
  controller = app.get(AppController);
});
`,
    },
    {
      name: 'vitest: a node-redis client that is never connected holds no socket',
      filename: 'cache.test.ts',
      code: `
import { beforeAll, expect, test } from 'vitest';
import { createClient } from 'redis';
let client: ReturnType<typeof createClient>;
beforeAll(() => { client = createClient({ url: 'redis://localhost:6380' }); });
test('reads its options', () => { expect(client.options?.url).toContain('6380'); });
`,
    },
    {
      name: 'jest: a mongoose connection created without a URI opens nothing',
      filename: 'tests/toJSON.plugin.test.js',
      code: `
const mongoose = require('mongoose');
let connection;
beforeEach(() => {
  connection = mongoose.createConnection();
});
it('builds a model', () => { connection.model('Model', new mongoose.Schema()); });
`,
    },
    // ---------------------------------------------------------------- mocha
    {
      name: 'mocha: this.db set in before, destroyed in after',
      filename: 'test/db.spec.ts',
      code: `
import knex from 'knex';
before(function () { this.db = knex({ client: 'pg', connection: process.env.DATABASE_URL }); });
after(function () { return this.db.destroy(); });
`,
    },
    {
      name: 'mocha TDD: suiteSetup and suiteTeardown',
      filename: 'test/queue.spec.ts',
      code: `
import { Queue } from 'bullmq';
let queue: Queue;
suiteSetup(() => { queue = new Queue('jobs'); });
suiteTeardown(() => queue.close());
`,
    },
    {
      name: 'mocha: root hook plugin closes in afterAll',
      filename: 'test/hooks.ts',
      code: `
import { Pool } from 'pg';
let pool: Pool;
export const mochaHooks = {
  beforeAll() { pool = new Pool(); },
  async afterAll() { await pool.end(); },
};
`,
    },
    // ---------------------------------------------------------------- node:test
    {
      name: 'node:test: before and after',
      filename: 'db.test.ts',
      code: `
import { after, before, describe, it } from 'node:test';
import { Pool } from 'pg';
describe('db', () => {
  let pool: Pool;
  before(() => { pool = new Pool(); });
  after(() => pool.end());
  it('works', () => {});
});
`,
    },
    {
      name: 'node:test: opened in beforeEach, closed with t.after in the test',
      filename: 'db.test.ts',
      code: `
import { beforeEach, it } from 'node:test';
import { Pool } from 'pg';
let pool: Pool;
beforeEach(() => { pool = new Pool(); });
it('works', (t) => {
  t.after(() => pool.end());
});
`,
    },
    {
      name: 'node:test: beforeEach and afterEach in a describe',
      filename: 'queue.test.ts',
      code: `
import { afterEach, beforeEach, describe, it } from 'node:test';
import Redis from 'ioredis';
describe('queue', () => {
  let redis: Redis;
  beforeEach(() => { redis = new Redis(); });
  afterEach(async () => { await redis.quit(); });
  it('pushes', async () => { await redis.lpush('q', '1'); });
});
`,
    },
    {
      name: 'node:test: a resource used only inside its hook, disposed there with await using',
      filename: 'migrate.test.ts',
      code: `
import { before, test } from 'node:test';
import { Client } from 'pg';
before(async () => {
  await using admin = new Client();
  await admin.connect();
  await admin.query('create schema if not exists test');
});
test('works', () => {});
`,
    },
    {
      name: 'node:test: t.after in the test that needs the per-test server',
      filename: 'api.test.ts',
      code: `
import { beforeEach, test } from 'node:test';
import Fastify from 'fastify';
let app: ReturnType<typeof Fastify>;
beforeEach(async () => {
  app = Fastify();
  await app.ready();
});
test('health', async (t) => {
  t.after(() => app.close());
  await app.inject('/health');
});
`,
    },
    {
      name: 'mocha: root hooks open and close per test',
      filename: 'test/hooks.ts',
      code: `
import { MongoClient } from 'mongodb';
let client: MongoClient;
export const mochaHooks = {
  async beforeEach() { client = await MongoClient.connect('mongodb://localhost'); },
  async afterEach() { await client.close(); },
};
`,
    },
    {
      name: 'mocha: this.server closed with done in after',
      filename: 'test/server.spec.js',
      code: `
const http = require('http');
before(function (done) {
  this.server = http.createServer().listen(0, done);
});
after(function (done) {
  this.server.close(done);
});
`,
    },
    // ---------------------------------------------------------------- playwright
    {
      name: 'playwright: the runner owns page and browser fixtures',
      filename: 'e2e/home.spec.ts',
      code: `
import { test, expect } from '@playwright/test';
test.beforeEach(async ({ page }) => { await page.goto('/'); });
test('home', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await expect(page).toHaveTitle('Home');
});
`,
    },
    {
      name: 'playwright: worker fixture launches and closes a browser',
      filename: 'e2e/fixtures.ts',
      code: `
import { test as base, chromium, type Browser } from '@playwright/test';
export const test = base.extend<{}, { slowBrowser: Browser }>({
  slowBrowser: [async ({}, use) => {
    const browser = await chromium.launch({ slowMo: 100 });
    await use(browser);
    await browser.close();
  }, { scope: 'worker' }],
});
`,
    },
    {
      name: 'playwright: beforeAll and afterAll with titles',
      filename: 'e2e/api.spec.ts',
      code: `
import { test } from '@playwright/test';
import { chromium, type Browser } from 'playwright';
let browser: Browser;
test.beforeAll('launch', async () => { browser = await chromium.launch(); });
test.afterAll('close', async () => { await browser.close(); });
`,
    },
    // ---------------------------------------------------------------- unusual syntax stays quiet
    {
      name: 'declaration file',
      filename: 'types.test.d.ts',
      code: `
import { Pool } from 'pg';
declare const pool: Pool;
export { pool };
`,
    },
    {
      name: 'decorators, computed members and JSX in a test file',
      filename: 'component.test.tsx',
      code: `
import { beforeAll, afterAll } from 'vitest';
import { Pool } from 'pg';
function Inject(): PropertyDecorator { return () => {}; }
class Holder { @Inject() db!: Pool; }
const key = 'db';
const state: Record<string, Pool> = {};
beforeAll(() => { state[key] = new Pool(); });
const view = <div>{String(new Holder())}</div>;
afterAll(() => {});
`,
      languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
    },
  ],
  invalid: [
    // ---------------------------------------------------------------- vitest
    {
      name: 'vitest: opened in beforeAll, never closed (suggests an afterAll)',
      filename: 'db.test.ts',
      code: `
import { afterAll, beforeAll, test } from 'vitest';
import { Pool } from 'pg';
let pool: Pool;
beforeAll(() => {
  pool = new Pool();
});
afterAll(() => {});
test('query', async () => { await pool.query('select 1'); });
`,
      errors: [
        {
          messageId: 'missingTeardown',
          line: 6,
          data: {
            symptom: 'vitest\'s "close timed out after 10000ms"',
            name: 'pool',
            resource: 'pg.Pool',
            site: 'the `beforeAll` hook',
            advice: 'Close it with `await pool.end()` in an `afterAll` hook, or hand it to something that does.',
          },
          suggestions: [
            {
              messageId: 'suggestTeardownHook',
              output: `
import { afterAll, beforeAll, test } from 'vitest';
import { Pool } from 'pg';
let pool: Pool;
beforeAll(() => {
  pool = new Pool();
});
afterAll(async () => {
  await pool.end();
});
afterAll(() => {});
test('query', async () => { await pool.query('select 1'); });
`,
            },
          ],
        },
      ],
    },
    {
      name: 'vitest: no suggestion when afterAll is not imported',
      filename: 'db.test.ts',
      code: `
import { beforeAll } from 'vitest';
import { PrismaClient } from '@prisma/client';
let prisma: PrismaClient;
beforeAll(async () => {
  prisma = new PrismaClient();
  await prisma.$connect();
});
`,
      errors: [{ messageId: 'missingTeardown', line: 6, suggestions: [] }],
    },
    {
      name: 'vitest: opened per test, closed once in afterAll',
      filename: 'db.test.ts',
      code: `
import { afterAll, beforeEach } from 'vitest';
import { PrismaClient } from '@prisma/client';
let prisma: PrismaClient;
beforeEach(() => { prisma = new PrismaClient(); });
afterAll(async () => { await prisma.$disconnect(); });
`,
      errors: [
        {
          messageId: 'teardownScopeMismatch',
          line: 5,
          data: {
            name: 'prisma',
            resource: 'PrismaClient',
            opened: 'in the `beforeEach` hook before every test',
            closed: 'only once in the `afterAll` hook',
            consequence: 'every test but the last leaks one.',
          },
        },
      ],
    },
    {
      name: 'vitest: opened once, closed after every test by a cleanup returned from beforeEach',
      filename: 'db.test.ts',
      code: `
import { beforeAll, beforeEach } from 'vitest';
import { Pool } from 'pg';
let pool: Pool;
beforeAll(() => { pool = new Pool(); });
beforeEach(() => () => pool.end());
`,
      errors: [{ messageId: 'teardownScopeMismatch', line: 5 }],
    },
    {
      name: 'vitest: opened once, closed by onTestFinished after the first test',
      filename: 'db.test.ts',
      code: `
import { beforeAll, beforeEach, onTestFinished } from 'vitest';
import Redis from 'ioredis';
let redis: Redis;
beforeAll(() => { redis = new Redis(); });
beforeEach(() => { onTestFinished(() => redis.quit()); });
`,
      errors: [{ messageId: 'teardownScopeMismatch', line: 5 }],
    },
    {
      name: 'vitest: fixture never closes (suggests closing after use)',
      filename: 'fixtures.ts',
      code: `
import { test as base } from 'vitest';
import { Pool } from 'pg';
export const test = base.extend<{ db: Pool }>({
  db: async ({}, use) => {
    const db = new Pool();
    await use(db);
  },
});
`,
      errors: [
        {
          messageId: 'missingTeardown',
          line: 6,
          suggestions: [
            {
              messageId: 'suggestReleaseAfterUse',
              output: `
import { test as base } from 'vitest';
import { Pool } from 'pg';
export const test = base.extend<{ db: Pool }>({
  db: async ({}, use) => {
    const db = new Pool();
    await use(db);
    await db.end();
  },
});
`,
            },
          ],
        },
      ],
    },
    {
      name: 'vitest: a fixture named by a function of the module never closes',
      filename: 'fixtures.ts',
      code: `
import { test as base } from 'vitest';
import { Pool } from 'pg';
const db = async ({}, use) => {
  const pool = new Pool();
  await use(pool);
};
export const test = base.extend<{ db: Pool }>({ db });
`,
      errors: [
        {
          messageId: 'missingTeardown',
          line: 5,
          suggestions: [
            {
              messageId: 'suggestReleaseAfterUse',
              output: `
import { test as base } from 'vitest';
import { Pool } from 'pg';
const db = async ({}, use) => {
  const pool = new Pool();
  await use(pool);
  await pool.end();
};
export const test = base.extend<{ db: Pool }>({ db });
`,
            },
          ],
        },
      ],
    },
    {
      name: 'vitest: fixture closes before use',
      filename: 'fixtures.ts',
      code: `
import { test as base } from 'vitest';
import { Pool } from 'pg';
export const test = base.extend<{ db: Pool }>({
  db: async ({}, use) => {
    const db = new Pool();
    await db.end();
    await use(db);
  },
});
`,
      errors: [
        {
          messageId: 'teardownBeforeUse',
          line: 7,
          data: {
            call: 'db.end()',
            name: 'db',
            resource: 'pg.Pool',
            handover: '`use(…)` hands it to the test',
            where: 'after `await use(…)`',
          },
        },
      ],
    },
    {
      name: 'vitest: fixture catches errors but never closes',
      filename: 'fixtures.ts',
      code: `
import { test as base } from 'vitest';
import { MongoClient } from 'mongodb';
export const test = base.extend<{ mongo: MongoClient }>({
  mongo: async ({}, use) => {
    const mongo = await new MongoClient('mongodb://localhost').connect();
    try {
      await use(mongo);
    } catch (error) {
      console.error(error);
    }
  },
});
`,
      errors: [{ messageId: 'missingTeardown', line: 6, suggestions: [] }],
    },
    {
      name: 'vitest: fixture hands a resource straight to use()',
      filename: 'fixtures.ts',
      code: `
import { test as base } from 'vitest';
import { Pool } from 'pg';
export const test = base.extend<{ db: Pool }>({
  db: async ({}, use) => {
    await use(new Pool());
  },
});
`,
      errors: [
        {
          messageId: 'missingTeardown',
          line: 6,
          data: {
            symptom: 'vitest\'s "close timed out after 10000ms"',
            name: 'new Pool()',
            resource: 'pg.Pool',
            site: 'fixture "db"',
            advice: 'Keep a reference to it and close it in the fixture after `await use(…)`.',
          },
        },
      ],
    },
    {
      name: 'vitest: builder fixture returns a resource with no onCleanup',
      filename: 'fixtures.ts',
      code: `
import { test as base } from 'vitest';
import Redis from 'ioredis';
export const test = base.extend('redis', async () => {
  const redis = new Redis();
  return redis;
});
`,
      errors: [{ messageId: 'missingTeardown', line: 5 }],
    },
    {
      name: 'vitest: builder fixture closes before returning',
      filename: 'fixtures.ts',
      code: `
import { test as base } from 'vitest';
import Redis from 'ioredis';
export const test = base.extend('redis', async () => {
  const redis = new Redis();
  await redis.quit();
  return redis;
});
`,
      errors: [
        {
          messageId: 'teardownBeforeUse',
          line: 6,
          data: {
            call: 'redis.quit()',
            name: 'redis',
            resource: 'ioredis',
            handover: 'the fixture returns it to the test',
            where: 'into an `onCleanup` callback',
          },
        },
      ],
    },
    {
      name: 'vitest: test-scoped fixture closed by a file-level afterAll',
      filename: 'fixtures.test.ts',
      code: `
import { afterAll, test as base } from 'vitest';
import { Pool } from 'pg';
let last: Pool;
export const test = base.extend<{ db: Pool }>({
  db: async ({}, use) => {
    last = new Pool();
    await use(last);
  },
});
afterAll(() => last.end());
`,
      errors: [{ messageId: 'teardownScopeMismatch', line: 7 }],
    },
    {
      name: 'vitest: aroundEach opens per test and never closes',
      filename: 'db.test.ts',
      code: `
import { aroundEach } from 'vitest';
import { Pool } from 'pg';
aroundEach(async (runTest) => {
  const pool = new Pool();
  await runTest();
});
`,
      errors: [{ messageId: 'missingTeardown', line: 5 }],
    },
    {
      name: 'vitest: context property set in beforeEach, never closed',
      filename: 'db.test.ts',
      code: `
import { beforeEach, it } from 'vitest';
import { Pool } from 'pg';
beforeEach(async (ctx) => { ctx.db = new Pool(); });
it('uses db', async ({ db }) => { await db.query('select 1'); });
`,
      errors: [{ messageId: 'missingTeardown', line: 4 }],
    },
    {
      name: 'vitest: one of two containers from Promise.all is never stopped',
      filename: 'containers.test.ts',
      code: `
import { afterAll, beforeAll } from 'vitest';
import { PostgreSqlContainer } from '@testcontainers/postgresql';
import { RedisContainer } from '@testcontainers/redis';
let pg: any;
let redis: any;
beforeAll(async () => {
  [pg, redis] = await Promise.all([
    new PostgreSqlContainer('postgres:16').start(),
    new RedisContainer('redis:7').start(),
  ]);
});
afterAll(async () => { await pg.stop(); });
`,
      errors: [
        {
          messageId: 'missingTeardown',
          line: 10,
          suggestions: [
            {
              messageId: 'suggestTeardownHook',
              output: `
import { afterAll, beforeAll } from 'vitest';
import { PostgreSqlContainer } from '@testcontainers/postgresql';
import { RedisContainer } from '@testcontainers/redis';
let pg: any;
let redis: any;
beforeAll(async () => {
  [pg, redis] = await Promise.all([
    new PostgreSqlContainer('postgres:16').start(),
    new RedisContainer('redis:7').start(),
  ]);
});
afterAll(async () => {
  await redis.stop();
});
afterAll(async () => { await pg.stop(); });
`,
            },
          ],
        },
      ],
    },
    {
      name: 'vitest: container whose connection string is kept but the container is lost',
      filename: 'containers.test.ts',
      code: `
import { beforeAll } from 'vitest';
import { GenericContainer } from 'testcontainers';
beforeAll(async () => {
  const container = await new GenericContainer('redis:7').withExposedPorts(6379).start();
  process.env.REDIS_URL = \`redis://\${container.getHost()}:\${container.getMappedPort(6379)}\`;
});
`,
      errors: [{ messageId: 'missingTeardown', line: 5 }],
    },
    {
      name: 'vitest: two resources in one hook, only one closed',
      filename: 'db.test.ts',
      code: `
import { afterAll, beforeAll } from 'vitest';
import { Pool } from 'pg';
import { createClient } from 'redis';
let pool: Pool;
let cache: ReturnType<typeof createClient>;
beforeAll(async () => {
  pool = new Pool();
  cache = await createClient().connect();
});
afterAll(() => pool.end());
`,
      errors: [
        {
          messageId: 'missingTeardown',
          line: 9,
          suggestions: [
            {
              messageId: 'suggestTeardownHook',
              output: `
import { afterAll, beforeAll } from 'vitest';
import { Pool } from 'pg';
import { createClient } from 'redis';
let pool: Pool;
let cache: ReturnType<typeof createClient>;
beforeAll(async () => {
  pool = new Pool();
  cache = await createClient().connect();
});
afterAll(async () => {
  await cache.quit();
});
afterAll(() => pool.end());
`,
            },
          ],
        },
      ],
    },
    {
      name: 'vitest: outer beforeEach, afterAll only in a nested describe',
      filename: 'nested.test.ts',
      code: `
import { afterAll, beforeEach, describe, it } from 'vitest';
import { Pool } from 'pg';
describe('outer', () => {
  let pool: Pool;
  beforeEach(() => { pool = new Pool(); });
  describe('inner', () => {
    afterAll(() => pool.end());
    it('works', () => {});
  });
});
`,
      errors: [{ messageId: 'teardownScopeMismatch', line: 6 }],
    },
    {
      name: 'vitest: per-test open is not excused by a per-test close in a sibling suite',
      filename: 'nested.test.ts',
      code: `
import { afterAll, afterEach, beforeEach, describe } from 'vitest';
import { Pool } from 'pg';
let pool: Pool;
describe('a', () => {
  beforeEach(() => { pool = new Pool(); });
  afterAll(() => pool.end());
});
describe('b', () => {
  beforeEach(() => { pool = new Pool(); });
  afterEach(() => pool.end());
});
`,
      errors: [{ messageId: 'teardownScopeMismatch', line: 6 }],
    },
    {
      name: 'vitest: acquireFunctions result never closed',
      filename: 'app.test.ts',
      options: [{ acquireFunctions: ['createTestApp'] }],
      code: `
import { beforeAll } from 'vitest';
import { createTestApp } from './helpers';
let app: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => { app = await createTestApp(); });
`,
      errors: [
        {
          messageId: 'missingTeardown',
          line: 5,
          data: {
            symptom: 'vitest\'s "close timed out after 10000ms"',
            name: 'app',
            resource: 'from `createTestApp()`',
            site: 'the `beforeAll` hook',
            advice: 'Close it with `app.close()` in an `afterAll` hook, or hand it to something that does.',
          },
        },
      ],
    },
    {
      name: 'vitest: acquireFunctions with a dotted path and new',
      filename: 'app.test.ts',
      options: [{ acquireFunctions: ['helpers.startServer', 'TestServer'] }],
      code: `
import { beforeAll } from 'vitest';
import * as helpers from './helpers';
import { TestServer } from './server';
beforeAll(async () => {
  const server = await helpers.startServer();
  const other = new TestServer();
});
`,
      errors: [
        { messageId: 'missingTeardown', line: 6 },
        { messageId: 'missingTeardown', line: 7 },
      ],
    },
    {
      name: 'vitest: a helper in the setup hook does not take ownership',
      filename: 'db.test.ts',
      code: `
import { beforeAll } from 'vitest';
import { Pool } from 'pg';
import { seed } from './seed';
let pool: Pool;
beforeAll(async () => {
  pool = new Pool();
  await seed(pool);
});
`,
      errors: [{ messageId: 'missingTeardown', line: 7 }],
    },
    // ---------------------------------------------------------------- jest
    {
      name: 'jest: globals, suggests an afterAll',
      filename: 'user.test.ts',
      code: `
import { PrismaClient } from '@prisma/client';
let prisma: PrismaClient;
beforeAll(async () => {
  prisma = new PrismaClient();
  await prisma.$connect();
});
`,
      errors: [
        {
          messageId: 'missingTeardown',
          line: 5,
          suggestions: [
            {
              messageId: 'suggestTeardownHook',
              output: `
import { PrismaClient } from '@prisma/client';
let prisma: PrismaClient;
beforeAll(async () => {
  prisma = new PrismaClient();
  await prisma.$connect();
});
afterAll(async () => {
  await prisma.$disconnect();
});
`,
            },
          ],
        },
      ],
    },
    {
      name: 'jest: @jest/globals, opened per test, closed once',
      filename: 'cache.test.ts',
      code: `
import { afterAll, beforeEach } from '@jest/globals';
import Redis from 'ioredis';
let redis: Redis;
beforeEach(() => { redis = new Redis(); });
afterAll(() => redis.quit());
`,
      errors: [{ messageId: 'teardownScopeMismatch', line: 5 }],
    },
    {
      name: 'jest: opened once, closed after every test',
      filename: 'mongo.test.ts',
      code: `
import { MongoClient } from 'mongodb';
let client: MongoClient;
beforeAll(async () => { client = await MongoClient.connect('mongodb://localhost'); });
afterEach(() => client.close());
`,
      errors: [
        {
          messageId: 'teardownScopeMismatch',
          line: 4,
          data: {
            name: 'client',
            resource: 'MongoClient',
            opened: 'once in the `beforeAll` hook',
            closed: 'in the `afterEach` hook after every test',
            consequence: 'every test after the first gets a closed one.',
          },
        },
      ],
    },
    {
      name: 'jest: server from app.listen() is never kept',
      filename: 'server.test.js',
      code: `
const express = require('express');
const app = express();
beforeAll(() => {
  app.listen(3000);
});
`,
      errors: [{ messageId: 'missingTeardown', line: 5 }],
    },
    {
      name: 'jest: NestJS app built per test and never closed',
      filename: 'test/app.e2e-spec.ts',
      code: `
import { Test, type TestingModule } from '@nestjs/testing';
import type { INestApplication } from '@nestjs/common';
import { AppModule } from '../src/app.module';
let app: INestApplication;
beforeEach(async () => {
  const moduleFixture: TestingModule = await Test.createTestingModule({ imports: [AppModule] }).compile();
  app = moduleFixture.createNestApplication();
  await app.init();
});
`,
      errors: [
        {
          messageId: 'missingTeardown',
          line: 7,
          suggestions: [
            {
              messageId: 'suggestTeardownHook',
              output: `
import { Test, type TestingModule } from '@nestjs/testing';
import type { INestApplication } from '@nestjs/common';
import { AppModule } from '../src/app.module';
let app: INestApplication;
beforeEach(async () => {
  const moduleFixture: TestingModule = await Test.createTestingModule({ imports: [AppModule] }).compile();
  app = moduleFixture.createNestApplication();
  await app.init();
});
afterEach(async () => {
  await app.close();
});
`,
            },
          ],
        },
      ],
    },
    {
      name: 'jest: NestJS app built per test, closed once',
      filename: 'test/app.e2e-spec.ts',
      code: `
import { Test } from '@nestjs/testing';
import { AppModule } from '../src/app.module';
let app: any;
beforeEach(async () => {
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  app = moduleRef.createNestApplication();
  await app.init();
});
afterAll(async () => { await app.close(); });
`,
      errors: [{ messageId: 'teardownScopeMismatch', line: 6 }],
    },
    {
      name: 'jest: NestJS module initialised with init() and never closed',
      filename: 'test/users.e2e-spec.ts',
      code: `
import { Test } from '@nestjs/testing';
import { UsersModule } from '../src/users.module';
let moduleRef: any;
beforeAll(async () => {
  moduleRef = await Test.createTestingModule({ imports: [UsersModule] }).compile();
  await moduleRef.init();
});
`,
      errors: [
        {
          messageId: 'missingTeardown',
          line: 6,
          suggestions: [
            {
              messageId: 'suggestTeardownHook',
              output: `
import { Test } from '@nestjs/testing';
import { UsersModule } from '../src/users.module';
let moduleRef: any;
beforeAll(async () => {
  moduleRef = await Test.createTestingModule({ imports: [UsersModule] }).compile();
  await moduleRef.init();
});
afterAll(async () => {
  await moduleRef.close();
});
`,
            },
          ],
        },
      ],
    },
    {
      name: 'jest: a mongoose connection created with a URI per test, closed once',
      filename: 'tests/user.model.test.js',
      code: `
const mongoose = require('mongoose');
let connection;
beforeEach(() => {
  connection = mongoose.createConnection(process.env.MONGO_URL);
});
afterAll(() => connection.close());
`,
      errors: [{ messageId: 'teardownScopeMismatch', line: 5 }],
    },
    {
      name: 'jest: mongoose connected and never disconnected',
      filename: 'user.test.ts',
      code: `
import mongoose from 'mongoose';
beforeAll(async () => {
  await mongoose.connect(process.env.MONGO_URL!);
});
`,
      errors: [
        {
          messageId: 'missingTeardown',
          line: 4,
          data: {
            symptom: '"Jest did not exit", a vitest run that hangs',
            name: 'mongoose.connect()',
            resource: 'mongoose',
            site: 'the `beforeAll` hook',
            advice: 'Close it with `await mongoose.disconnect()` in an `afterAll` hook.',
          },
        },
      ],
    },
    {
      name: 'jest: mongoose named connect() with no disconnect',
      filename: 'user.test.ts',
      code: `
import { connect } from 'mongoose';
beforeAll(() => connect(process.env.MONGO_URL!));
`,
      errors: [
        {
          messageId: 'missingTeardown',
          line: 3,
          data: {
            symptom: '"Jest did not exit", a vitest run that hangs',
            name: 'connect()',
            resource: 'mongoose',
            site: 'the `beforeAll` hook',
            advice: 'Close it with `await disconnect()` in an `afterAll` hook.',
          },
        },
      ],
    },
    {
      name: 'jest: mongoose connect handed to afterAll is not a release',
      filename: 'user.test.ts',
      code: `
import mongoose from 'mongoose';
beforeAll(() => mongoose.connect(process.env.MONGO_URL!));
afterAll(mongoose.connect.bind(mongoose));
`,
      errors: [{ messageId: 'missingTeardown', line: 3 }],
    },
    {
      name: 'jest: mongoose connected per test, disconnected once by a bound method',
      filename: 'user.test.ts',
      code: `
import mongoose from 'mongoose';
beforeEach(async () => { await mongoose.connect(process.env.MONGO_URL!); });
afterAll(mongoose.disconnect.bind(mongoose));
`,
      errors: [{ messageId: 'teardownScopeMismatch', line: 3 }],
    },
    {
      name: 'vitest: a computed member other than a dispose symbol is not a release',
      filename: 'db.test.ts',
      code: `
import { afterAll, beforeAll } from 'vitest';
import { Pool } from 'pg';
let pool: Pool;
beforeAll(() => { pool = new Pool(); });
afterAll(async () => { await (pool as any)[Symbol.iterator]?.(); });
`,
      errors: [
        {
          messageId: 'missingTeardown',
          line: 5,
          suggestions: [
            {
              messageId: 'suggestTeardownHook',
              output: `
import { afterAll, beforeAll } from 'vitest';
import { Pool } from 'pg';
let pool: Pool;
beforeAll(() => { pool = new Pool(); });
afterAll(async () => {
  await pool.end();
});
afterAll(async () => { await (pool as any)[Symbol.iterator]?.(); });
`,
            },
          ],
        },
      ],
    },
    {
      name: 'jest: mongoose connected per test, disconnected once',
      filename: 'user.test.ts',
      code: `
import mongoose from 'mongoose';
beforeEach(async () => { await mongoose.connect(process.env.MONGO_URL!); });
afterAll(async () => { await mongoose.disconnect(); });
`,
      errors: [{ messageId: 'teardownScopeMismatch', line: 3 }],
    },
    {
      name: 'vitest: knex settings with a spread may hold a connection',
      filename: 'test/settings.test.ts',
      code: `
import knex from 'knex';
import { afterAll, beforeAll, test } from 'vitest';
import { settings } from './settings';
let db: ReturnType<typeof knex>;
beforeAll(() => { db = knex({ client: 'pg', ...settings }); });
afterAll(() => {});
test('reads', async () => { await db('items'); });
`,
      errors: [
        {
          messageId: 'missingTeardown',
          line: 6,
          suggestions: [
            {
              messageId: 'suggestTeardownHook',
              output: `
import knex from 'knex';
import { afterAll, beforeAll, test } from 'vitest';
import { settings } from './settings';
let db: ReturnType<typeof knex>;
beforeAll(() => { db = knex({ client: 'pg', ...settings }); });
afterAll(async () => {
  await db.destroy();
});
afterAll(() => {});
test('reads', async () => { await db('items'); });
`,
            },
          ],
        },
      ],
    },
    {
      name: 'jest: knex at module scope of a test file',
      filename: 'repo.test.ts',
      code: `
import knex from 'knex';
const db = knex({ client: 'pg', connection: process.env.DATABASE_URL });
test('reads', async () => { await db('users').select(); });
`,
      errors: [{ messageId: 'missingTeardown', line: 3 }],
    },
    {
      name: 'jest: require() in CommonJS',
      filename: 'pool.test.js',
      code: `
const { Pool } = require('pg');
let pool;
beforeAll(() => {
  pool = new Pool();
});
`,
      errors: [
        {
          messageId: 'missingTeardown',
          line: 5,
          suggestions: [
            {
              messageId: 'suggestTeardownHook',
              output: `
const { Pool } = require('pg');
let pool;
beforeAll(() => {
  pool = new Pool();
});
afterAll(async () => {
  await pool.end();
});
`,
            },
          ],
        },
      ],
    },
    {
      name: 'jest: require() inside the hook that opens the pool',
      filename: 'pool.test.js',
      code: `
let pool;
beforeAll(() => {
  const { Pool } = require('pg');
  pool = new Pool();
});
`,
      errors: [
        {
          messageId: 'missingTeardown',
          line: 5,
          suggestions: [
            {
              messageId: 'suggestTeardownHook',
              output: `
let pool;
beforeAll(() => {
  const { Pool } = require('pg');
  pool = new Pool();
});
afterAll(async () => {
  await pool.end();
});
`,
            },
          ],
        },
      ],
    },
    {
      name: 'jest: MikroORM used through a forked entity manager, never closed',
      filename: 'orm.test.ts',
      code: `
import { MikroORM } from '@mikro-orm/postgresql';
let orm: MikroORM;
beforeAll(async () => {
  orm = await MikroORM.init({ dbName: 'test' });
  const em = orm.em.fork();
  await em.flush();
});
`,
      errors: [
        {
          messageId: 'missingTeardown',
          line: 5,
          suggestions: [
            {
              messageId: 'suggestTeardownHook',
              output: `
import { MikroORM } from '@mikro-orm/postgresql';
let orm: MikroORM;
beforeAll(async () => {
  orm = await MikroORM.init({ dbName: 'test' });
  const em = orm.em.fork();
  await em.flush();
});
afterAll(async () => {
  await orm.close();
});
`,
            },
          ],
        },
      ],
    },
    // ---------------------------------------------------------------- mocha
    {
      name: 'mocha: this.db set in before, never destroyed',
      filename: 'test/db.spec.ts',
      code: `
import knex from 'knex';
before(function () {
  this.db = knex({ client: 'pg', connection: process.env.DATABASE_URL });
});
it('reads', function () { return this.db('users'); });
`,
      errors: [{ messageId: 'missingTeardown', line: 4 }],
    },
    {
      name: 'mocha: beforeEach with a once-per-file after',
      filename: 'test/cache.spec.ts',
      code: `
import Redis from 'ioredis';
let redis: Redis;
beforeEach(() => { redis = new Redis(); });
after(() => redis.quit());
`,
      errors: [{ messageId: 'teardownScopeMismatch', line: 4 }],
    },
    {
      name: 'mocha TDD: suiteSetup with no suiteTeardown',
      filename: 'test/mysql.spec.ts',
      code: `
import mysql from 'mysql2/promise';
let conn: mysql.Connection;
suiteSetup(async () => {
  conn = await mysql.createConnection({ host: 'localhost' });
});
`,
      errors: [
        {
          messageId: 'missingTeardown',
          line: 5,
          suggestions: [
            {
              messageId: 'suggestTeardownHook',
              output: `
import mysql from 'mysql2/promise';
let conn: mysql.Connection;
suiteSetup(async () => {
  conn = await mysql.createConnection({ host: 'localhost' });
});
suiteTeardown(async () => {
  await conn.end();
});
`,
            },
          ],
        },
      ],
    },
    {
      name: 'mocha: root hook plugin never closes',
      filename: 'test/hooks.ts',
      code: `
import { Pool } from 'pg';
let pool: Pool;
export const mochaHooks = {
  beforeAll() {
    pool = new Pool();
  },
};
`,
      errors: [{ messageId: 'missingTeardown', line: 6 }],
    },
    {
      name: 'mocha: server listening through its createServer() variable, never closed',
      filename: 'test/server.ts',
      code: `
import { createServer } from 'node:http';
beforeEach(() => {
  const httpServer = createServer();
  httpServer.listen(3000);
});
`,
      errors: [{ messageId: 'missingTeardown', line: 5 }],
    },
    // Sequelize in a describe body: the framework the file imports (none: the runner's globals)
    // names the runner's symptom and its teardown hook
    ...[
      { module: undefined, symptom: '"Jest did not exit", a vitest run that hangs', hook: 'an `afterAll` hook (`after` in mocha)' },
      { module: 'mocha', symptom: 'mocha does not exit without `--exit`', hook: 'an `after` hook' },
      { module: '@jest/globals', symptom: '"Jest did not exit one second after the test run has completed"', hook: 'an `afterAll` hook' },
    ].map(({ module, symptom, hook }) => ({
      name: `${module ?? 'globals'}: Sequelize in a describe body names the symptom its runner shows, and ${hook}`,
      filename: 'test/models.spec.ts',
      code: `${module ? `\nimport { describe, it } from '${module}';` : ''}
import { Sequelize } from 'sequelize';
describe('models', () => {
  const sequelize = new Sequelize('sqlite::memory:');
  it('syncs', () => sequelize.sync());
});
`,
      errors: [
        {
          messageId: 'missingTeardown' as const,
          line: module ? 5 : 4,
          data: {
            name: 'sequelize',
            resource: 'Sequelize',
            site: 'the `describe` body',
            symptom,
            advice: `Close it with \`await sequelize.close()\` in ${hook}, or hand it to something that does.`,
          },
        },
      ],
    })),
    {
      name: "playwright: a pool opened in beforeAll and never closed names Playwright's worker teardown timeout",
      filename: 'e2e/users.spec.ts',
      code: `
import { test } from '@playwright/test';
import { Pool } from 'pg';
let pool: Pool;
test.beforeAll(async () => {
  pool = new Pool();
});
test('reads', async () => { await pool.query('select 1'); });
`,
      errors: [
        {
          messageId: 'missingTeardown',
          line: 6,
          data: {
            name: 'pool',
            resource: 'pg.Pool',
            site: 'the `test.beforeAll` hook',
            symptom: 'Playwright\'s "Worker teardown timeout"',
            advice: 'Close it with `await pool.end()` in a `test.afterAll` hook, or hand it to something that does.',
          },
          suggestions: [
            {
              messageId: 'suggestTeardownHook',
              output: `
import { test } from '@playwright/test';
import { Pool } from 'pg';
let pool: Pool;
test.beforeAll(async () => {
  pool = new Pool();
});
test.afterAll(async () => {
  await pool.end();
});
test('reads', async () => { await pool.query('select 1'); });
`,
            },
          ],
        },
      ],
    },
    // ---------------------------------------------------------------- node:test
    {
      name: 'node:test: before with no after (suggests after when imported)',
      filename: 'db.test.ts',
      code: `
import { after, before, it } from 'node:test';
import { Pool } from 'pg';
let pool: Pool;
before(() => {
  pool = new Pool();
});
it('works', () => {});
`,
      errors: [
        {
          messageId: 'missingTeardown',
          line: 6,
          suggestions: [
            {
              messageId: 'suggestTeardownHook',
              output: `
import { after, before, it } from 'node:test';
import { Pool } from 'pg';
let pool: Pool;
before(() => {
  pool = new Pool();
});
after(async () => {
  await pool.end();
});
it('works', () => {});
`,
            },
          ],
        },
      ],
    },
    {
      name: 'node:test: beforeEach with a once-per-suite after',
      filename: 'db.test.ts',
      code: `
import { after, beforeEach, describe } from 'node:test';
import { Pool } from 'pg';
describe('db', () => {
  let pool: Pool;
  beforeEach(() => { pool = new Pool(); });
  after(() => pool.end());
});
`,
      errors: [{ messageId: 'teardownScopeMismatch', line: 6 }],
    },
    {
      name: 'node:test: before without after imported (no suggestion)',
      filename: 'queue.test.ts',
      code: `
import { before, test } from 'node:test';
import { Queue } from 'bullmq';
let queue: Queue;
before(() => { queue = new Queue('jobs'); });
test('adds', async () => { await queue.add('a', {}); });
`,
      errors: [{ messageId: 'missingTeardown', line: 5, suggestions: [] }],
    },
    {
      name: 'node:test: a client in a describe body is never closed',
      filename: 'cache.test.ts',
      code: `
import { describe, it } from 'node:test';
import { createClient } from 'redis';
describe('cache', async () => {
  const client = await createClient().connect();
  it('reads', async () => { await client.get('k'); });
});
`,
      errors: [
        {
          messageId: 'missingTeardown',
          line: 5,
          data: {
            symptom: '`node --test` waits for it',
            name: 'client',
            resource: 'redis',
            site: 'the `describe` body',
            advice: 'Close it with `await client.quit()` in an `after` hook, or hand it to something that does.',
          },
        },
      ],
    },
    {
      name: 'node:test: t.beforeEach on a test context opens per subtest and never closes',
      filename: 'db.test.ts',
      code: `
import { test } from 'node:test';
import { Pool } from 'pg';
test('suite', async (t) => {
  let pool: Pool;
  t.beforeEach(() => {
    pool = new Pool();
  });
  await t.test('one', async () => { await pool.query('select 1'); });
});
`,
      errors: [
        {
          messageId: 'missingTeardown',
          line: 7,
          suggestions: [
            {
              messageId: 'suggestTeardownHook',
              output: `
import { test } from 'node:test';
import { Pool } from 'pg';
test('suite', async (t) => {
  let pool: Pool;
  t.beforeEach(() => {
    pool = new Pool();
  });
  t.afterEach(async () => {
    await pool.end();
  });
  await t.test('one', async () => { await pool.query('select 1'); });
});
`,
            },
          ],
        },
      ],
    },
    {
      name: 'mocha: this.redis opened in before, quit after every test',
      filename: 'test/cache.spec.ts',
      code: `
import Redis from 'ioredis';
before(function () {
  this.redis = new Redis();
});
afterEach(function () {
  return this.redis.quit();
});
`,
      errors: [{ messageId: 'teardownScopeMismatch', line: 4 }],
    },
    // ---------------------------------------------------------------- playwright
    {
      name: 'playwright: launched in beforeAll, never closed (suggests test.afterAll)',
      filename: 'e2e/admin.spec.ts',
      code: `
import { test, chromium, type Browser } from '@playwright/test';
let browser: Browser;
test.beforeAll(async () => {
  browser = await chromium.launch();
});
`,
      errors: [
        {
          messageId: 'missingTeardown',
          line: 5,
          suggestions: [
            {
              messageId: 'suggestTeardownHook',
              output: `
import { test, chromium, type Browser } from '@playwright/test';
let browser: Browser;
test.beforeAll(async () => {
  browser = await chromium.launch();
});
test.afterAll(async () => {
  await browser.close();
});
`,
            },
          ],
        },
      ],
    },
    {
      name: 'playwright: launched per test, closed once',
      filename: 'e2e/admin.spec.ts',
      code: `
import { test, chromium, type Browser } from '@playwright/test';
let browser: Browser;
test.beforeEach(async () => { browser = await chromium.launch(); });
test.afterAll(async () => { await browser.close(); });
`,
      errors: [{ messageId: 'teardownScopeMismatch', line: 4 }],
    },
    {
      name: 'playwright: worker fixture starts a server and never closes it',
      filename: 'e2e/fixtures.ts',
      code: `
import { test as base } from '@playwright/test';
import http from 'node:http';
export const test = base.extend<{}, { server: http.Server }>({
  server: [async ({}, use) => {
    const server = http.createServer().listen(0);
    await use(server);
  }, { scope: 'worker' }],
});
`,
      errors: [{ messageId: 'missingTeardown', line: 6, suggestions: [] }],
    },
    {
      name: 'playwright: test-scoped fixture closes before use',
      filename: 'e2e/fixtures.ts',
      code: `
import { test as base, chromium, type Browser } from '@playwright/test';
export const test = base.extend<{ headed: Browser }>({
  headed: async ({}, use) => {
    const browser = await chromium.launch({ headless: false });
    browser.close();
    await use(browser);
  },
});
`,
      errors: [{ messageId: 'teardownBeforeUse', line: 6 }],
    },
  ],
});

// Plain JavaScript files are parsed by espree, whose scope analysis (eslint-scope) differs from
// typescript-eslint's; RuleTester always uses the TypeScript parser, so lint these with ESLint itself.
describe('require-resource-teardown with ESLint\'s default parser (espree)', () => {
  const linter = new Linter({ configType: 'flat' });
  const plugin = { rules: { 'require-resource-teardown': rule } } as unknown as ESLint.Plugin;
  const lint = (code: string, filename = 'server.test.js') =>
    linter
      .verify(
        code,
        [
          {
            files: ['**/*.js'],
            languageOptions: { ecmaVersion: 'latest', sourceType: 'commonjs' },
            plugins: { 'test-isolation': plugin },
            rules: { 'test-isolation/require-resource-teardown': 'error' },
          },
        ],
        filename,
      )
      .map((message) => [message.line, message.messageId ?? message.message]);

  it('follows a server closed in the hook that opened it', () => {
    expect(
      lint(`
const { test } = require('node:test');
const Fastify = require('fastify');
test.beforeEach(async () => {
  const fastify = Fastify();
  await fastify.ready();
  await fastify.close();
});
`),
    ).toEqual([]);
  });

  it('follows a pool closed in another hook', () => {
    expect(
      lint(`
const { Pool } = require('pg');
let pool;
before(() => { pool = new Pool(); });
after(() => pool.end());
`),
    ).toEqual([]);
  });

  it('reports a pool that is never closed', () => {
    expect(
      lint(`
const { Pool } = require('pg');
let pool;
before(() => {
  pool = new Pool();
});
it('queries', () => pool.query('select 1'));
`),
    ).toEqual([[5, 'missingTeardown']]);
  });
});
