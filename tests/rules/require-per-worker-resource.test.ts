import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { RuleTester } from '@typescript-eslint/rule-tester';
import * as espree from 'espree';
import { afterAll } from 'vitest';

import rule from '../../src/rules/require-per-worker-resource';

const ruleTester = new RuleTester();

const js = { languageOptions: { parser: espree } };
const cjs = { languageOptions: { parser: espree, sourceType: 'commonjs' as const } };

const typed = {
  settings: { 'test-isolation': { testFiles: ['**/*.ts'] } },
  languageOptions: {
    parserOptions: {
      projectService: { allowDefaultProject: ['*.ts'] },
      tsconfigRootDir: path.join(__dirname, '../fixtures/typed'),
    },
  },
};

/** A real project directory with the given files, so the rule reads real runner configs. */
const roots: string[] = [];
function project(files: Record<string, string>): (file: string) => string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'per-worker-'));
  roots.push(root);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
  return (file) => path.join(root, file);
}
afterAll(() => {
  for (const root of roots) fs.rmSync(root, { recursive: true, force: true });
});

const sequentialVitest = project({
  'vitest.config.ts': `import { defineConfig } from 'vitest/config';
export default defineConfig({ test: { fileParallelism: false, globalSetup: './tests/setup-db.ts' } });`,
});
const singleFork = project({
  'vitest.config.mts': `export default { test: { pool: 'forks', poolOptions: { forks: { singleFork: true } } } };`,
});
const viteConfig = project({
  'vite.config.ts': `import { defineConfig } from 'vite';
const config = defineConfig(() => ({ plugins: [], test: { maxWorkers: 1 } }));
export default config;`,
});
const jestInBand = project({ 'jest.config.js': `module.exports = { maxWorkers: 1, testEnvironment: 'node' };` });
const jestScript = project({
  'package.json': JSON.stringify({ scripts: { test: 'jest --runInBand', 'test:debug': 'node --inspect-brk node_modules/.bin/jest' } }),
});
const nestLike = project({
  'package.json': JSON.stringify({
    jest: { rootDir: 'src' },
    scripts: { test: 'jest', 'test:e2e': 'jest --config ./test/jest-e2e.json --runInBand' },
  }),
  'test/jest-e2e.json': JSON.stringify({ rootDir: '.', testRegex: '.e2e-spec.ts$' }),
  'src/orders.service.spec.ts': `import { Pool } from 'pg';
const pool = new Pool({ database: 'app_unit' });
it('lists orders', async () => { await pool.query('select 1'); });`,
});
const playwrightOne = project({
  'playwright.config.ts': `import { defineConfig } from '@playwright/test';
export default defineConfig({ workers: 1, globalSetup: require.resolve('./global-db') });`,
});
const playwrightCi = project({
  'playwright.config.ts': `import { defineConfig, devices } from '@playwright/test';
export default defineConfig({
  workers: process.env.CI ? 1 : undefined,
  projects: [{ name: 'chromium', use: devices['Desktop Chrome'] }, { name: 'firefox', use: devices['Desktop Firefox'] }],
});`,
});
const vitestConditional = project({
  'vitest.config.ts': `export default { test: { fileParallelism: !process.env.CI } };`,
});
const nested = project({
  'vitest.config.ts': `export default { test: { fileParallelism: false } };`,
  'packages/api/vitest.config.ts': `export default { test: { environment: 'node' } };`,
});
const mochaDefault = project({ '.mocharc.yml': 'spec: test/**/*.spec.js\n' });
const mochaParallel = project({
  '.mocharc.yml': 'parallel: true\nspec: test/**/*.spec.js\n',
  'test/users.spec.js': `const Database = require('better-sqlite3');
describe('users', () => { it('x', () => { new Database('./test.db'); }); });`,
});
const jestDefault = project({
  'jest.config.ts': `export default { testEnvironment: 'node' };`,
  'src/other.test.ts': `import express from 'express';
it('serves', () => { express().listen(3000); });`,
});
const nodeTestParallel = project({
  'package.json': JSON.stringify({ scripts: { test: 'node --test' } }),
  'test/users.test.mjs': `import { test } from 'node:test';
import Database from 'better-sqlite3';
test('x', () => { new Database('./test.db'); });`,
});
const uniqueNames = project({
  'vitest.config.ts': `export default { test: {} };`,
  'tests/users.test.ts': `import { it } from 'vitest';
import { Pool } from 'pg';
import express from 'express';
const pool = new Pool({ database: 'users_test' });
it('x', () => { express().listen(4001); });`,
  'tests/orders.test.ts': '',
});
const perDirectory = project({
  'vitest.config.ts': `export default { test: {} };`,
  'tests/a/users.test.ts': `new Database(path.join(__dirname, 'test.db'));`,
  'tests/b/orders.test.ts': '',
  'tests/b/invoices.test.ts': `import { it } from 'vitest';
import path from 'node:path';
import Database from 'better-sqlite3';
const file = path.join(__dirname, 'test.db');
it('x', () => { new Database(file); });`,
});
/** Files and temp folders that share only their last path segment with the linted file's, and one that is the same file. */
const sameLastSegment = project({
  'package.json': JSON.stringify({ scripts: { test: 'vitest run' } }),
  'tests/users.test.ts': `import { it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
it('x', () => {
  new Database('./fixtures-a/test.db');
  fs.mkdirSync(path.join(os.tmpdir(), 'app-test-users', '.app'), { recursive: true });
});`,
  'tests/reports.test.ts': `import { it } from 'vitest';
import Database from 'better-sqlite3';
it('x', () => { new Database('file:./fixtures-r/reports.db'); });`,
  'tests/orders.test.ts': '',
});
const sharedName = project({
  'package.json': JSON.stringify({ scripts: { test: 'vitest run' } }),
  'tests/users.test.ts': `import { it } from 'vitest';
import { Pool } from 'pg';
const pool = new Pool({ connectionString: 'postgres://localhost/shop_test' });
it('x', async () => { await pool.query('select 1'); });`,
  'tests/reports.test.ts': `import { it } from 'vitest';
import mysql from 'mysql2/promise';
const reports = mysql.createPool({ database: 'reports_test' });
it('x', async () => { await reports.query('select 1'); });`,
  'tests/orders.test.ts': '',
});
/** Another file uses the name as the base of a per-worker name, mentions it, or uses it once. */
const usersTest = `import { it } from 'vitest';
import { Pool } from 'pg';
const pool = new Pool({ connectionString: 'postgres://localhost:5432/users_test' });
it('x', async () => { await pool.query('select 1'); });`;
const fixedInFixtures = project({
  'package.json': JSON.stringify({ scripts: { test: 'vitest run' } }),
  'tests/fixtures.ts': `import { Pool } from 'pg';
export const pool = new Pool({ connectionString: 'postgres://localhost:5432/users_test' });`,
});
const fixedThroughConstant = project({
  'package.json': JSON.stringify({ scripts: { test: 'vitest run' } }),
  'tests/orders.test.ts': `import { it } from 'vitest';
import { Pool } from 'pg';
const DATABASE = 'users_test';
it('x', async () => { await new Pool({ database: DATABASE }).query('select 1'); });`,
});
const templatePerWorker = project({
  'package.json': JSON.stringify({ scripts: { test: 'vitest run' } }),
  'tests/fixtures.ts': `import { Pool } from 'pg';
const base = 'postgres://localhost:5432/users_test';
export const pool = new Pool({ connectionString: \`\${base}_\${process.env.VITEST_POOL_ID}\` });`,
});
const replacePerWorker = project({
  'package.json': JSON.stringify({ scripts: { test: 'vitest run' } }),
  'tests/orders.test.ts': `import { it } from 'vitest';
import { Client } from 'pg';
const base = 'postgres://localhost:5432/users_test';
const client = new Client({ connectionString: base.replace('users_test', \`users_test_\${process.env.VITEST_POOL_ID}\`) });
it('x', async () => { await client.connect(); });`,
});
const mentionedInComment = project({
  'package.json': JSON.stringify({ scripts: { test: 'vitest run' } }),
  'tests/orders.test.ts': `import { it } from 'vitest';
import { Pool } from 'pg';
// the orders live in postgres://localhost:5432/users_test
const pool = new Pool({ connectionString: process.env.DATABASE_URL });
it('x', async () => { await pool.query('select 1'); });`,
});
const mentionedInString = project({
  'package.json': JSON.stringify({ scripts: { test: 'vitest run' } }),
  'tests/url.test.ts': `import { expect, it } from 'vitest';
import { parse } from 'pg-connection-string';
import { escapeIdentifier } from 'pg';
it('reads the database', () => {
  expect(parse('postgres://localhost:5432/users_test').database).toBe('users_test');
  expect(escapeIdentifier('users_test')).toBe('"users_test"');
});`,
});
const createdInGlobalSetup = project({
  'vitest.config.ts': `export default { test: { globalSetup: './tests/create-db.ts' } };`,
  'tests/create-db.ts': `import { Pool } from 'pg';
export default async function () {
  await new Pool({ connectionString: 'postgres://localhost:5432/users_test' }).query('select 1');
}`,
});
const mockedElsewhere = project({
  'package.json': JSON.stringify({ scripts: { test: 'vitest run' } }),
  'tests/orders.test.ts': `import { it, vi } from 'vitest';
import { Pool } from 'pg';
vi.mock('pg');
it('x', async () => { await new Pool({ connectionString: 'postgres://localhost:5432/users_test' }).query('select 1'); });`,
});
const mikroSpellings = project({
  'package.json': JSON.stringify({ scripts: { test: 'vitest run' } }),
  'tests/schema.test.ts': `import { beforeAll, it } from 'vitest';
import { MikroORM } from '@mikro-orm/core';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
beforeAll(async () => { await MikroORM.init({ driver: PostgreSqlDriver, dbName: 'shop_test' }); });
it('x', () => {});`,
});
const wrongPool = project({
  'vitest.config.ts': `export default { test: { pool: 'forks', poolOptions: { threads: { singleThread: true } } } };`,
});
const nodeTestSerial = project({
  'package.json': JSON.stringify({ scripts: { test: 'node --test --test-concurrency=1' } }),
});

const VITEST_ID = 'process.env.VITEST_POOL_ID';
const EVERY_WORKER = 'this code runs in every worker';

/** The suggestion that turns `before` into `after` in `code`, checked to apply exactly once. */
function addsWorkerId(code: string, before: string, after: string, workerId = VITEST_ID) {
  if (code.split(before).length !== 2) throw new Error(`\`${before}\` must occur once in the test code`);
  return [{ messageId: 'appendWorkerId' as const, data: { workerId }, output: code.replace(before, after) }];
}

const ormFiles = `import { DataSource } from 'typeorm';
import { Sequelize } from 'sequelize';
export const ds = new DataSource({ type: 'sqlite', database: 'test.sqlite', entities: [] });
export const sequelize = new Sequelize({ dialect: 'sqlite', storage: './test.sqlite' });`;
const embedded = `import { createClient } from '@libsql/client';
import { PGlite } from '@electric-sql/pglite';
import { PrismaClient } from '@prisma/client';
const client = createClient({ url: 'file:test.db' });
const pg = new PGlite('./pgdata');
const prisma = new PrismaClient({ datasources: { db: { url: 'file:./test.db' } } });`;
const knexFiles = `import knex from 'knex';
import { Sequelize } from 'sequelize';
const db = knex({ client: 'better-sqlite3', connection: { filename: './test.db' } });
const seq = new Sequelize('sqlite:./test.sqlite');`;
const mongo = `import mongoose from 'mongoose';
import { MongoClient } from 'mongodb';
beforeAll(async () => { await mongoose.connect('mongodb://localhost:27017/app_test'); });
const client = new MongoClient('mongodb://localhost:27017');
const db = client.db('app_test');`;
const mongoOptions = `import mongoose from 'mongoose';
await mongoose.connect(process.env.MONGO_URL!, { dbName: 'app_test' });`;
const orms = `import { MikroORM } from '@mikro-orm/postgresql';
import { DataSource } from 'typeorm';
import { Sequelize } from 'sequelize';
import { createPool } from 'mysql2/promise';
const orm = await MikroORM.init({ dbName: 'app_test', entities: [] });
const ds = new DataSource({ type: 'postgres', database: 'app_test', schema: 'test' });
const seq = new Sequelize('app_test', 'root', 'secret', { dialect: 'mysql' });
const mysql = createPool('mysql://root@localhost/app_test');`;
const kyselyFixture = `import { test as base } from 'vitest';
import { Kysely, PostgresDialect } from 'kysely';
import { Pool } from 'pg';
export const test = base.extend({
  db: async ({}, use) => {
    const db = new Kysely({ dialect: new PostgresDialect({ pool: new Pool({ database: 'kysely_test' }) }) });
    await use(db);
  },
});`;
const httpServers = `const http = require('node:http');
const { app } = require('../src/app');
const PORT = 4000;
const server = http.createServer(app).listen(PORT);
app.listen({ port: 8080, host: '127.0.0.1' });`;
const servers = `import { WebSocketServer } from 'ws';
import { MongoMemoryServer } from 'mongodb-memory-server';
const wss = new WebSocketServer({ port: 8081 });
const mongo = await MongoMemoryServer.create({ instance: { port: 27017, dbPath: '/tmp/mongo-test' } });`;
const container = `import { PostgreSqlContainer } from '@testcontainers/postgresql';
const container = await new PostgreSqlContainer('postgres:16')
  .withExposedPorts({ container: 5432, host: 5432 })
  .start();`;
const reportsDatabase = `import { it } from 'vitest';
import Database from 'better-sqlite3';
it('x', () => { new Database('fixtures-r/reports.db'); });`;
const sharedTempFolders = `import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
const shared = join(tmpdir(), 'app-tests');
mkdirSync(shared, { recursive: true });
const own = mkdtempSync(join(tmpdir(), 'app-tests-'));
const parent = join(tmpdir(), 'app-parent/');
mkdirSync(parent);
mkdtempSync(parent);
const removed = join(tmpdir(), 'app-removed/');
mkdirSync(removed, { recursive: true });
mkdtempSync(removed);
rmSync(removed, { recursive: true });`;
const uploads = `import { mkdir, writeFile } from 'node:fs/promises';
await mkdir('/tmp/uploads-test', { recursive: true });`;
const redisUrl = `import Redis from 'ioredis';
import { createClient } from 'redis';
const redis = new Redis({ db: 3 });
const client = createClient({ url: 'redis://localhost:6379/5' });`;
const conditionalVitest = `import { test } from 'vitest';
import Database from 'better-sqlite3';
new Database('./test.db');`;
const apiDb = `import { test } from 'vitest';
import Database from 'better-sqlite3';
new Database('./api.db');`;
const unitDb = `import { Pool } from 'pg';
describe('users', () => { it('works', () => { new Pool({ database: 'app_unit' }); }); });`;
const setupFile = `import { PrismaClient } from '@prisma/client';
export const prisma = new PrismaClient({ datasourceUrl: 'postgresql://localhost:5432/app_test?schema=public' });`;
const typedFile = `import { PrismaClient } from './usage-logger';
const prisma = new PrismaClient({ datasourceUrl: 'file:./test.db' } as never);`;

ruleTester.run('require-per-worker-resource', rule, {
  valid: [
    // another test file's database file and temp folder end with the same names, in other folders
    {
      filename: sameLastSegment('tests/orders.test.ts'),
      code: `import { it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
it('x', () => {
  new Database('./fixtures-b/test.db');
  fs.mkdirSync(path.join(os.tmpdir(), 'app-test-orders', '.app'), { recursive: true });
});`,
    },
    // values that differ per worker
    {
      filename: 'tests/db.test.ts',
      code: `import Database from 'better-sqlite3';
const db = new Database(\`./test-\${process.env.VITEST_POOL_ID}.db\`);`,
    },
    {
      filename: 'tests/db.test.ts',
      code: `import { Pool } from 'pg';
const pool = new Pool({ database: 'app_test_' + process.env.JEST_WORKER_ID });`,
    },
    {
      filename: 'tests/db.test.ts',
      code: `import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
const db = new Database(\`/tmp/\${randomUUID()}.db\`);
const other = new Database(\`./\${process.pid}.db\`);`,
    },
    {
      filename: 'e2e/users.spec.ts',
      code: `import { test } from '@playwright/test';
import { Pool } from 'pg';
test.beforeAll(() => { new Pool({ database: \`e2e_\${test.info().parallelIndex}\` }); });`,
    },
    // in memory
    {
      filename: 'tests/db.test.ts',
      code: `import Database from 'better-sqlite3';
import { PGlite } from '@electric-sql/pglite';
import { DataSource } from 'typeorm';
import { Sequelize } from 'sequelize';
new Database(':memory:');
new PGlite('memory://');
new PGlite();
new DataSource({ type: 'better-sqlite3', database: ':memory:' });
new Sequelize('sqlite::memory:');`,
    },
    // a server each worker starts holds its own databases: their names are not shared
    {
      filename: 'tests/setup/mongo.ts',
      code: `import { MongoMemoryServer } from 'mongodb-memory-server';
import { MongoClient } from 'mongodb';
const mongo = await MongoMemoryServer.create({ instance: { dbName: 'jest' } });
const client = new MongoClient(mongo.getUri());`,
    },
    // from configuration or the environment
    {
      filename: 'tests/db.test.ts',
      code: `import { Pool } from 'pg';
import { PrismaClient } from '@prisma/client';
new Pool({ connectionString: process.env.DATABASE_URL });
new Pool({ connectionString: process.env.DATABASE_URL ?? 'postgres://localhost/app_test' });
new PrismaClient({ datasourceUrl: process.env.TEST_DATABASE_URL });`,
    },
    {
      filename: 'tests/db.test.ts',
      code: `import { Pool } from 'pg';
import { config } from './config';
export function makePool(name: string) { return new Pool({ database: name }); }
new Pool({ database: config.database });`,
    },
    // port 0 and ports from the environment
    {
      filename: 'tests/server.test.ts',
      code: `import express from 'express';
import http from 'node:http';
const app = express();
const server = app.listen(0);
http.createServer(app).listen(process.env.PORT);
app.listen({ port: 0 });`,
    },
    // a client connecting to a port is not a server listening on it
    {
      filename: 'tests/db.test.ts',
      code: `import { Pool } from 'pg';
import Redis from 'ioredis';
new Pool({ host: 'localhost', port: 5432, connectionString: process.env.DATABASE_URL });
new Redis(6379, 'localhost');
new Redis({ port: 6379 });`,
    },
    // a schema inside a database from the environment is as per-worker as that database
    {
      filename: 'tests/db.test.ts',
      code: `import { DataSource } from 'typeorm';
new DataSource({ type: 'postgres', url: process.env.DATABASE_URL, schema: 'test' });`,
    },
    // maintenance databases, used to create the per-worker ones
    {
      filename: 'tests/setup.test.ts',
      code: `import { Client } from 'pg';
const admin = new Client({ database: 'postgres' });
const root = new Client('postgres://localhost:5432/postgres');`,
    },
    // a default redis database, a redis URL without an index
    {
      filename: 'tests/cache.test.ts',
      code: `import { createClient } from 'redis';
createClient({ url: 'redis://localhost:6379' });
createClient({ database: 0 });`,
    },
    // mkdtemp and random container ports
    {
      filename: 'tests/files.test.ts',
      code: `import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GenericContainer } from 'testcontainers';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'app-'));
fs.writeFileSync(path.join(dir, 'a.txt'), 'x');
const container = await new GenericContainer('redis').withExposedPorts(6379).start();`,
    },
    // a fixed parent created idempotently, with a folder of each worker's own inside it (jest setup files)
    {
      filename: 'tests/setup-test-folder.ts',
      code: `import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
const baseDir = join(tmpdir(), 'app-tests/');
mkdirSync(baseDir, { recursive: true });
process.env.APP_HOME = mkdtempSync(baseDir);`,
    },
    {
      filename: 'tests/setup-test-folder.ts',
      code: `import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
const base = path.join(os.tmpdir(), 'app-tests');
await fs.promises.mkdir(base, { recursive: true });
const home = await fs.promises.mkdtemp(path.join(base, 'home-'));`,
    },
    // a fixed directory that is not a temp directory: fixtures on disk
    {
      filename: 'tests/files.test.ts',
      code: `import fs from 'node:fs';
fs.writeFileSync('./fixtures/out.json', '{}');`,
    },
    // not test code
    {
      filename: 'src/db.ts',
      code: `import Database from 'better-sqlite3';
export const db = new Database('./app.db');`,
    },
    // globalSetup runs once, before the workers start
    {
      filename: 'tests/global-setup.ts',
      code: `import { Client } from 'pg';
export async function setup() { const c = new Client({ database: 'app_test' }); await c.connect(); }`,
    },
    {
      filename: sequentialVitest('tests/setup-db.ts'),
      code: `import { Client } from 'pg';
export default async function () { await new Client({ database: 'app_test' }).connect(); }`,
    },
    // runners that run one file at a time, read from their configs
    {
      filename: sequentialVitest('tests/db.test.ts'),
      code: `import { test } from 'vitest';
import Database from 'better-sqlite3';
const db = new Database('./test.db');
test('x', () => {});`,
    },
    {
      filename: singleFork('src/db.test.ts'),
      code: `import { it } from 'vitest';
import { Pool } from 'pg';
const pool = new Pool({ database: 'app_test' });`,
    },
    {
      filename: viteConfig('src/db.test.ts'),
      code: `import { it } from 'vitest';
import express from 'express';
express().listen(3000);`,
    },
    {
      filename: jestInBand('src/db.test.js'),
      code: `const Database = require('better-sqlite3');
const db = new Database('./test.db');
test('x', () => {});`,
      ...cjs,
    },
    {
      filename: jestScript('tests/db.test.ts'),
      code: `import { test } from '@jest/globals';
import { Pool } from 'pg';
new Pool({ database: 'app_test' });`,
    },
    {
      filename: nestLike('test/app.e2e-spec.ts'),
      code: `import { Pool } from 'pg';
describe('app', () => { it('works', () => { new Pool({ database: 'app_e2e' }); }); });`,
    },
    {
      filename: playwrightOne('e2e/app.spec.ts'),
      code: `import { test } from '@playwright/test';
import { Pool } from 'pg';
test('x', async () => { new Pool({ database: 'app_e2e' }); });`,
    },
    {
      filename: playwrightOne('global-db.ts'),
      code: `import { test } from '@playwright/test';
import { Client } from 'pg';
export default async () => { await new Client({ database: 'app_e2e' }).connect(); };`,
    },
    {
      filename: mochaDefault('test/db.spec.js'),
      code: `const Database = require('better-sqlite3');
describe('db', () => { it('x', () => { new Database('./test.db'); }); });`,
      ...cjs,
    },
    {
      filename: nodeTestSerial('test/db.test.mjs'),
      code: `import { test } from 'node:test';
import Database from 'better-sqlite3';
test('x', () => { new Database('./test.db'); });`,
      ...js,
    },
    {
      filename: 'tests/db.test.ts',
      code: `import { test } from 'bun:test';
import { Database } from 'bun:sqlite';
import Sqlite from 'better-sqlite3';
test('x', () => { new Sqlite('./test.db'); });`,
    },
    // a port that is a parameter, a directory that is not temporary, a browser storage PGlite
    {
      filename: 'tests/helpers.test.ts',
      code: `import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
export function start(app: { listen(port: number): void }, port: number) { app.listen(port); }
fs.mkdirSync(path.join(__dirname, 'output'), { recursive: true });
new PGlite('idb://my-db');`,
    },
    // the same name on another kind of server is another database
    {
      filename: sharedName('tests/orders.test.ts'),
      code: `import { it } from 'vitest';
import { Pool } from 'pg';
it('x', () => { new Pool({ database: 'reports_test' }); });`,
    },
    // a test file's own names, used by no other test file: each file runs in one worker at a time
    {
      filename: uniqueNames('tests/orders.test.ts'),
      code: `import { it } from 'vitest';
import { Pool } from 'pg';
import express from 'express';
const pool = new Pool({ database: 'orders_test' });
it('lists', () => { express().listen(4002); });`,
    },
    {
      // tests/a and tests/b use `test.db` in their own directories, not this one
      filename: perDirectory('tests/c/orders.test.ts'),
      code: `import { it } from 'vitest';
import path from 'node:path';
import Database from 'better-sqlite3';
it('x', () => { new Database(path.join(__dirname, 'test.db')); });`,
    },
    // another file only derives a per-worker name from the same base, mentions it, creates it once, or mocks the client
    { filename: templatePerWorker('tests/users.test.ts'), code: usersTest },
    { filename: replacePerWorker('tests/users.test.ts'), code: usersTest },
    { filename: mentionedInComment('tests/users.test.ts'), code: usersTest },
    { filename: mentionedInString('tests/users.test.ts'), code: usersTest },
    { filename: createdInGlobalSetup('tests/users.test.ts'), code: usersTest },
    { filename: mockedElsewhere('tests/users.test.ts'), code: usersTest },
    // the same name on a MongoDB server, where another file uses it on PostgreSQL
    {
      filename: mikroSpellings('tests/orders.test.ts'),
      code: `import { it } from 'vitest';
import { MikroORM } from '@mikro-orm/mongodb';
it('x', async () => { await MikroORM.init({ dbName: 'shop_test' }); });`,
    },
    // a test file whose tests another runner collects (Deno), or a type test: not known to run in parallel
    {
      filename: 'tests/deno/mongo.test.ts',
      code: `import { MongoClient } from 'npm:mongodb';
import mongodb from 'mongodb';
const client = new mongodb.MongoClient('mongodb://localhost:27017/app_test');
Deno.test('connects', async () => { await client.connect(); });`,
    },
    {
      filename: 'packages/db/tests/targets/deno/fs.test.deno.js',
      code: `import { PGlite } from '@electric-sql/pglite';
Deno.test({ name: 'filesystem', fn: async () => { const db = new PGlite('./pgdata-test'); await db.close(); } });`,
      ...js,
    },
    // the shape of a globalSetup file, named only by a runner option built at run time
    {
      filename: 'test/fixtures/global/start-server.ts',
      code: `import { createServer } from 'node:http';
export async function setup() {
  const server = createServer();
  server.listen(9988);
  return () => server.close();
}`,
    },
    // the environment set to a per-worker or in-memory database, and a file that is not a database
    {
      filename: 'test/setup.ts',
      code: `import { rmSync } from 'node:fs';
process.env.DATABASE_URL = \`file:./test-\${process.env.VITEST_POOL_ID}.db\`;
process.env.CACHE_URL = 'file::memory:';
process.env.NODE_ENV = 'test';
rmSync('./coverage/report.json', { force: true });`,
    },
    // a mocked package opens nothing
    {
      filename: 'tests/helpers/db.ts',
      code: `import { vi } from 'vitest';
import Database from 'better-sqlite3';
vi.mock('better-sqlite3');
export const db = new Database('test.db');`,
    },
    // checkPorts off
    {
      filename: 'tests/server.test.ts',
      code: `import express from 'express';
express().listen(3000);`,
      options: [{ checkPorts: false }],
    },
    // JSX, decorators, optional chaining: silence without a resource
    {
      filename: 'tests/view.test.tsx',
      code: `import { it } from 'vitest';
const el = <input name="test.db" />;
const port = config?.server?.listen?.(process.env.PORT);`,
      languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
    },
    {
      filename: 'tests/types.d.ts',
      code: `import Database from 'better-sqlite3';
export declare const db: Database.Database;`,
    },
    // typed: a project class that is not a catalog resource
    {
      filename: 'file.test.ts',
      code: `import { Clock } from './usage-logger';
const clock = new Clock();`,
      options: [{ typeAware: true }],
      ...typed,
    },
  ],
  invalid: [
    // ---------------------------------------------------------------- database files
    {
      filename: 'tests/helpers/db.ts',
      code: `import Database from 'better-sqlite3';
const db = new Database('./test.db');`,
      errors: [
        {
          messageId: 'fixedDatabaseFile',
          line: 2,
          column: 25,
          data: { value: "'./test.db'", resource: 'better-sqlite3 client', workerId: 'process.env.VITEST_POOL_ID', sharedBy: EVERY_WORKER },
          suggestions: [
            {
              messageId: 'appendWorkerId',
              data: { workerId: 'process.env.VITEST_POOL_ID' },
              output: `import Database from 'better-sqlite3';
const db = new Database(\`./test-\${process.env.VITEST_POOL_ID}.db\`);`,
            },
          ],
        },
      ],
    },
    {
      filename: 'tests/helpers/db.js',
      code: `const Database = require('better-sqlite3');
const path = require('path');
const DB_FILE = path.join(__dirname, 'data', 'test.sqlite');
const db = new Database(DB_FILE);`,
      ...cjs,
      errors: [
        {
          messageId: 'fixedDatabaseFile',
          line: 4,
          suggestions: [
            {
              messageId: 'appendWorkerId',
              output: `const Database = require('better-sqlite3');
const path = require('path');
const DB_FILE = path.join(__dirname, 'data', \`test-\${process.env.VITEST_POOL_ID}.sqlite\`);
const db = new Database(DB_FILE);`,
            },
          ],
        },
      ],
    },
    {
      filename: 'tests/helpers/orm.ts',
      code: ormFiles,
      errors: [
        {
          messageId: 'fixedDatabaseFile',
          line: 3,
          column: 62,
          suggestions: addsWorkerId(ormFiles, "'test.sqlite'", '`test-${process.env.VITEST_POOL_ID}.sqlite`'),
        },
        {
          messageId: 'fixedDatabaseFile',
          line: 4,
          column: 70,
          suggestions: addsWorkerId(ormFiles, "'./test.sqlite'", '`./test-${process.env.VITEST_POOL_ID}.sqlite`'),
        },
      ],
    },
    {
      filename: 'tests/helpers/libsql.ts',
      code: embedded,
      errors: [
        {
          messageId: 'fixedDatabaseFile',
          line: 4,
          data: { value: "'file:test.db'", resource: 'libsql client', workerId: VITEST_ID, sharedBy: EVERY_WORKER },
          suggestions: addsWorkerId(embedded, "'file:test.db'", '`file:test-${process.env.VITEST_POOL_ID}.db`'),
        },
        {
          messageId: 'fixedDatabaseFile',
          line: 5,
          suggestions: addsWorkerId(embedded, "'./pgdata'", '`./pgdata-${process.env.VITEST_POOL_ID}`'),
        },
        {
          messageId: 'fixedDatabaseFile',
          line: 6,
          suggestions: addsWorkerId(embedded, "'file:./test.db'", '`file:./test-${process.env.VITEST_POOL_ID}.db`'),
        },
      ],
    },
    {
      filename: 'tests/helpers/knex.ts',
      code: knexFiles,
      errors: [
        {
          messageId: 'fixedDatabaseFile',
          line: 3,
          suggestions: addsWorkerId(knexFiles, "'./test.db'", '`./test-${process.env.VITEST_POOL_ID}.db`'),
        },
        {
          messageId: 'fixedDatabaseFile',
          line: 4,
          suggestions: addsWorkerId(knexFiles, "'sqlite:./test.sqlite'", '`sqlite:./test-${process.env.VITEST_POOL_ID}.sqlite`'),
        },
      ],
    },
    // ---------------------------------------------------------------- database and schema names
    {
      filename: 'tests/helpers/db.ts',
      code: `import { Pool } from 'pg';
const pool = new Pool({ connectionString: 'postgres://app:secret@localhost:5432/app_test?sslmode=disable' });`,
      errors: [
        {
          messageId: 'fixedDatabaseName',
          line: 2,
          suggestions: [
            {
              messageId: 'appendWorkerId',
              output: `import { Pool } from 'pg';
const pool = new Pool({ connectionString: \`postgres://app:secret@localhost:5432/app_test_\${process.env.VITEST_POOL_ID}?sslmode=disable\` });`,
            },
          ],
        },
      ],
    },
    {
      filename: 'src/__tests__/helpers/users.ts',
      code: `import { describe } from '@jest/globals';
import { Client } from 'pg';
const client = new Client({ host: 'localhost', user: 'app', database: 'app_test' });`,
      errors: [
        {
          messageId: 'fixedDatabaseName',
          line: 3,
          column: 71,
          data: { value: "'app_test'", resource: 'pg.Client', workerId: 'process.env.JEST_WORKER_ID', sharedBy: EVERY_WORKER },
          suggestions: [
            {
              messageId: 'appendWorkerId',
              data: { workerId: 'process.env.JEST_WORKER_ID' },
              output: `import { describe } from '@jest/globals';
import { Client } from 'pg';
const client = new Client({ host: 'localhost', user: 'app', database: \`app_test_\${process.env.JEST_WORKER_ID}\` });`,
            },
          ],
        },
      ],
    },
    {
      filename: 'tests/helpers/mongo.js',
      code: mongo,
      ...js,
      errors: [
        {
          messageId: 'fixedDatabaseName',
          line: 3,
          suggestions: addsWorkerId(mongo, "'mongodb://localhost:27017/app_test'", '`mongodb://localhost:27017/app_test_${process.env.VITEST_POOL_ID}`'),
        },
        {
          messageId: 'fixedDatabaseName',
          line: 5,
          data: { value: "'app_test'", resource: 'MongoClient', workerId: VITEST_ID, sharedBy: EVERY_WORKER },
          suggestions: addsWorkerId(mongo, "client.db('app_test')", 'client.db(`app_test_${process.env.VITEST_POOL_ID}`)'),
        },
      ],
    },
    {
      filename: 'tests/helpers/mongo.ts',
      code: mongoOptions,
      errors: [
        {
          messageId: 'fixedDatabaseName',
          line: 2,
          data: { value: "'app_test'", resource: 'mongoose pool', workerId: VITEST_ID, sharedBy: EVERY_WORKER },
          suggestions: addsWorkerId(mongoOptions, "'app_test'", '`app_test_${process.env.VITEST_POOL_ID}`'),
        },
      ],
    },
    {
      filename: 'tests/helpers/orm.ts',
      code: orms,
      errors: [
        {
          messageId: 'fixedDatabaseName',
          line: 5,
          suggestions: addsWorkerId(orms, "{ dbName: 'app_test'", '{ dbName: `app_test_${process.env.VITEST_POOL_ID}`'),
        },
        {
          messageId: 'fixedDatabaseName',
          line: 6,
          suggestions: addsWorkerId(orms, "database: 'app_test'", 'database: `app_test_${process.env.VITEST_POOL_ID}`'),
        },
        {
          messageId: 'fixedDatabaseName',
          line: 7,
          suggestions: addsWorkerId(orms, "Sequelize('app_test'", 'Sequelize(`app_test_${process.env.VITEST_POOL_ID}`'),
        },
        {
          messageId: 'fixedDatabaseName',
          line: 8,
          suggestions: addsWorkerId(orms, "'mysql://root@localhost/app_test'", '`mysql://root@localhost/app_test_${process.env.VITEST_POOL_ID}`'),
        },
      ],
    },
    {
      filename: 'tests/helpers/db.ts',
      code: `import { Pool } from 'pg';
const TEST_DB = 'app_test';
const URL = \`postgres://localhost:5432/\${TEST_DB}\`;
beforeEach(() => { new Pool({ connectionString: URL }); });`,
      errors: [
        {
          messageId: 'fixedDatabaseName',
          line: 4,
          suggestions: [
            {
              messageId: 'appendWorkerId',
              output: `import { Pool } from 'pg';
const TEST_DB = 'app_test';
const URL = \`postgres://localhost:5432/\${TEST_DB}_\${process.env.VITEST_POOL_ID}\`;
beforeEach(() => { new Pool({ connectionString: URL }); });`,
            },
          ],
        },
      ],
    },
    {
      filename: 'tests/fixtures.ts',
      code: kyselyFixture,
      errors: [
        {
          messageId: 'fixedDatabaseName',
          line: 6,
          suggestions: addsWorkerId(kyselyFixture, "'kysely_test'", '`kysely_test_${process.env.VITEST_POOL_ID}`'),
        },
      ],
    },
    // ---------------------------------------------------------------- ports
    {
      // no catalog package imported: the server comes from the project
      filename: 'tests/helpers/server.ts',
      code: `import { beforeAll } from 'vitest';
import { app } from '../../src/app';
beforeAll(() => { app.listen(3000); });`,
      errors: [
        {
          messageId: 'fixedPort',
          line: 3,
          column: 30,
          suggestions: [
            {
              messageId: 'appendWorkerId',
              output: `import { beforeAll } from 'vitest';
import { app } from '../../src/app';
beforeAll(() => { app.listen(3000 + Number(process.env.VITEST_POOL_ID)); });`,
            },
          ],
        },
      ],
    },
    {
      filename: 'tests/helpers/server.ts',
      code: `import express from 'express';
import { beforeAll } from 'vitest';
const app = express();
beforeAll(() => { app.listen(3000); });`,
      errors: [
        {
          messageId: 'fixedPort',
          line: 4,
          column: 30,
          data: { value: '3000', resource: 'server', workerId: 'process.env.VITEST_POOL_ID', sharedBy: EVERY_WORKER },
          suggestions: [
            {
              messageId: 'appendWorkerId',
              output: `import express from 'express';
import { beforeAll } from 'vitest';
const app = express();
beforeAll(() => { app.listen(3000 + Number(process.env.VITEST_POOL_ID)); });`,
            },
          ],
        },
      ],
    },
    {
      filename: 'tests/helpers/server.js',
      code: httpServers,
      ...cjs,
      errors: [
        {
          messageId: 'fixedPort',
          line: 4,
          data: { value: 'PORT', resource: 'server', workerId: VITEST_ID, sharedBy: EVERY_WORKER },
          suggestions: addsWorkerId(httpServers, 'PORT = 4000', 'PORT = 4000 + Number(process.env.VITEST_POOL_ID)'),
        },
        {
          messageId: 'fixedPort',
          line: 5,
          column: 20,
          suggestions: addsWorkerId(httpServers, 'port: 8080', 'port: 8080 + Number(process.env.VITEST_POOL_ID)'),
        },
      ],
    },
    {
      filename: 'tests/helpers/ws.ts',
      code: servers,
      errors: [
        {
          messageId: 'fixedPort',
          line: 3,
          data: { value: '8081', resource: 'ws.WebSocketServer', workerId: VITEST_ID, sharedBy: EVERY_WORKER },
          suggestions: addsWorkerId(servers, '8081', '8081 + Number(process.env.VITEST_POOL_ID)'),
        },
        {
          messageId: 'fixedPort',
          line: 4,
          suggestions: addsWorkerId(servers, '27017', '27017 + Number(process.env.VITEST_POOL_ID)'),
        },
        {
          messageId: 'fixedDatabaseFile',
          line: 4,
          suggestions: addsWorkerId(servers, "'/tmp/mongo-test'", '`/tmp/mongo-test-${process.env.VITEST_POOL_ID}`'),
        },
      ],
    },
    {
      filename: 'tests/helpers/containers.ts',
      code: container,
      errors: [
        {
          messageId: 'fixedPort',
          line: 3,
          data: { value: '5432', resource: 'container', workerId: VITEST_ID, sharedBy: EVERY_WORKER },
          suggestions: addsWorkerId(container, 'host: 5432', 'host: 5432 + Number(process.env.VITEST_POOL_ID)'),
        },
      ],
    },
    // ---------------------------------------------------------------- temp directories and redis
    {
      filename: 'tests/helpers/files.ts',
      code: `import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
const dir = path.join(os.tmpdir(), 'my-app-test');
beforeAll(() => fs.mkdirSync(dir, { recursive: true }));
afterAll(() => fs.rmSync(dir, { recursive: true }));`,
      errors: [
        {
          messageId: 'fixedTempDirectory',
          line: 5,
          suggestions: [
            {
              messageId: 'appendWorkerId',
              output: `import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
const dir = path.join(os.tmpdir(), \`my-app-test-\${process.env.VITEST_POOL_ID}\`);
beforeAll(() => fs.mkdirSync(dir, { recursive: true }));
afterAll(() => fs.rmSync(dir, { recursive: true }));`,
            },
          ],
        },
      ],
    },
    {
      name: 'a fixed folder that no mkdtemp works inside (a sibling shares its name as a prefix), one made without recursive, one removed',
      filename: 'tests/helpers/files.ts',
      code: sharedTempFolders,
      // one report per fixed folder: where it is made without \`recursive\`, or removed under the others
      errors: [
        { messageId: 'fixedTempDirectory', line: 5, suggestions: addsWorkerId(sharedTempFolders, "'app-tests')", '`app-tests-${process.env.VITEST_POOL_ID}`)') },
        { messageId: 'fixedTempDirectory', line: 8, suggestions: addsWorkerId(sharedTempFolders, "'app-parent/'", '`app-parent-${process.env.VITEST_POOL_ID}/`') },
        { messageId: 'fixedTempDirectory', line: 13, suggestions: addsWorkerId(sharedTempFolders, "'app-removed/'", '`app-removed-${process.env.VITEST_POOL_ID}/`') },
      ],
    },
    {
      filename: 'tests/helpers/files.ts',
      code: uploads,
      errors: [
        {
          messageId: 'fixedTempDirectory',
          line: 2,
          suggestions: addsWorkerId(uploads, "'/tmp/uploads-test'", '`/tmp/uploads-test-${process.env.VITEST_POOL_ID}`'),
        },
      ],
    },
    {
      filename: 'tests/helpers/cache.ts',
      code: redisUrl,
      errors: [
        { messageId: 'fixedRedisDatabase', line: 3, data: { value: '3', resource: 'ioredis client', workerId: 'process.env.VITEST_POOL_ID', sharedBy: EVERY_WORKER }, suggestions: [] },
        { messageId: 'fixedRedisDatabase', line: 4, suggestions: [] },
      ],
    },
    // ---------------------------------------------------------------- runner configs that stay parallel
    {
      filename: vitestConditional('tests/setup.ts'),
      code: conditionalVitest,
      errors: [
        {
          messageId: 'fixedDatabaseFile',
          line: 3,
          suggestions: addsWorkerId(conditionalVitest, "'./test.db'", '`./test-${process.env.VITEST_POOL_ID}.db`'),
        },
      ],
    },
    {
      filename: playwrightCi('e2e/app.spec.ts'),
      code: `import { test } from '@playwright/test';
import { Pool } from 'pg';
test('x', async () => { new Pool({ database: 'app_e2e' }); });`,
      errors: [
        {
          messageId: 'fixedDatabaseName',
          line: 3,
          data: {
            value: "'app_e2e'",
            resource: 'pg.Pool',
            workerId: 'process.env.TEST_PARALLEL_INDEX',
            sharedBy: 'each of the 2 Playwright projects runs this file',
          },
          suggestions: [
            {
              messageId: 'appendWorkerId',
              output: `import { test } from '@playwright/test';
import { Pool } from 'pg';
test('x', async () => { new Pool({ database: \`app_e2e_\${process.env.TEST_PARALLEL_INDEX}\` }); });`,
            },
          ],
        },
      ],
    },
    {
      filename: nested('packages/api/src/__tests__/db.ts'),
      code: apiDb,
      errors: [
        {
          messageId: 'fixedDatabaseFile',
          line: 3,
          suggestions: addsWorkerId(apiDb, "'./api.db'", '`./api-${process.env.VITEST_POOL_ID}.db`'),
        },
      ],
    },
    {
      filename: nestLike('src/users.service.spec.ts'),
      code: unitDb,
      errors: [
        {
          messageId: 'fixedDatabaseName',
          line: 2,
          data: {
            value: "'app_unit'",
            resource: 'pg.Pool',
            workerId: 'process.env.JEST_WORKER_ID',
            sharedBy: '`src/orders.service.spec.ts` uses it too',
          },
          suggestions: addsWorkerId(unitDb, "'app_unit'", '`app_unit_${process.env.JEST_WORKER_ID}`', 'process.env.JEST_WORKER_ID'),
        },
      ],
    },
    {
      filename: mochaParallel('test/db.spec.js'),
      code: `const Database = require('better-sqlite3');
describe('db', () => { it('x', () => { new Database('./test.db'); }); });`,
      ...cjs,
      errors: [
        {
          messageId: 'fixedDatabaseFile',
          line: 2,
          suggestions: [
            {
              messageId: 'appendWorkerId',
              output: `const Database = require('better-sqlite3');
describe('db', () => { it('x', () => { new Database(\`./test-\${process.env.MOCHA_WORKER_ID}.db\`); }); });`,
            },
          ],
        },
      ],
    },
    {
      filename: nodeTestParallel('test/db.test.mjs'),
      code: `import { test } from 'node:test';
import Database from 'better-sqlite3';
test('x', () => { new Database('./test.db'); });`,
      ...js,
      errors: [
        {
          messageId: 'fixedDatabaseFile',
          line: 3,
          suggestions: [
            {
              messageId: 'appendWorkerId',
              output: `import { test } from 'node:test';
import Database from 'better-sqlite3';
test('x', () => { new Database(\`./test-\${process.pid}.db\`); });`,
            },
          ],
        },
      ],
    },
    {
      filename: jestDefault('src/db.test.ts'),
      code: `import http from 'node:http';
describe('api', () => {
  const server = http.createServer();
  beforeAll((done) => { server.listen(3000, done); });
});`,
      errors: [
        {
          messageId: 'fixedPort',
          line: 4,
          data: { value: '3000', resource: 'server', workerId: 'process.env.JEST_WORKER_ID', sharedBy: '`src/other.test.ts` uses it too' },
          suggestions: [
            {
              messageId: 'appendWorkerId',
              data: { workerId: 'process.env.JEST_WORKER_ID' },
              output: `import http from 'node:http';
describe('api', () => {
  const server = http.createServer();
  beforeAll((done) => { server.listen(3000 + Number(process.env.JEST_WORKER_ID), done); });
});`,
            },
          ],
        },
      ],
    },
    {
      filename: wrongPool('tests/helpers/db.ts'),
      code: `import { test } from 'vitest';
import { DatabaseSync } from 'node:sqlite';
const db = new DatabaseSync('test.db');`,
      errors: [
        {
          messageId: 'fixedDatabaseFile',
          line: 3,
          data: { value: "'test.db'", resource: 'node:sqlite client', workerId: VITEST_ID, sharedBy: EVERY_WORKER },
          suggestions: [
            {
              messageId: 'appendWorkerId',
              data: { workerId: VITEST_ID },
              output: `import { test } from 'vitest';
import { DatabaseSync } from 'node:sqlite';
const db = new DatabaseSync(\`test-\${process.env.VITEST_POOL_ID}.db\`);`,
            },
          ],
        },
      ],
    },
    // other servers and spellings
    {
      filename: 'tests/helpers/api.ts',
      code: `import fastify from 'fastify';
const app = fastify();
await app.listen({ port: 3001 });`,
      errors: [
        {
          messageId: 'fixedPort',
          line: 3,
          suggestions: [
            {
              messageId: 'appendWorkerId',
              output: `import fastify from 'fastify';
const app = fastify();
await app.listen({ port: 3001 + Number(process.env.VITEST_POOL_ID) });`,
            },
          ],
        },
      ],
    },
    {
      filename: 'test/helpers/app.ts',
      code: `import { Test } from '@nestjs/testing';
let app;
beforeAll(async () => {
  const moduleRef = await Test.createTestingModule({}).compile();
  app = moduleRef.createNestApplication();
  await app.listen(3002);
});`,
      errors: [
        {
          messageId: 'fixedPort',
          line: 6,
          suggestions: [
            {
              messageId: 'appendWorkerId',
              output: `import { Test } from '@nestjs/testing';
let app;
beforeAll(async () => {
  const moduleRef = await Test.createTestingModule({}).compile();
  app = moduleRef.createNestApplication();
  await app.listen(3002 + Number(process.env.VITEST_POOL_ID));
});`,
            },
          ],
        },
      ],
    },
    {
      filename: 'tests/helpers/sqlite3.js',
      code: `const sqlite3 = require('sqlite3');
const db = new sqlite3.Database(\`\${__dirname}/test.sqlite\`);`,
      ...cjs,
      errors: [
        {
          messageId: 'fixedDatabaseFile',
          line: 2,
          suggestions: [
            {
              messageId: 'appendWorkerId',
              output: `const sqlite3 = require('sqlite3');
const db = new sqlite3.Database(\`\${__dirname}/test-\${process.env.VITEST_POOL_ID}.sqlite\`);`,
            },
          ],
        },
      ],
    },
    {
      filename: 'tests/helpers/db.ts',
      code: `import { Pool } from 'pg';
const pool = new Pool({ connectionString: 'postgres://localhost:5432/' + 'app_test' });`,
      errors: [
        {
          messageId: 'fixedDatabaseName',
          line: 2,
          suggestions: [
            {
              messageId: 'appendWorkerId',
              output: `import { Pool } from 'pg';
const pool = new Pool({ connectionString: 'postgres://localhost:5432/' + \`app_test_\${process.env.VITEST_POOL_ID}\` });`,
            },
          ],
        },
      ],
    },
    // the same file spelled another way (`file:` and `./`) in another test file
    {
      filename: sameLastSegment('tests/orders.test.ts'),
      code: reportsDatabase,
      errors: [
        {
          messageId: 'fixedDatabaseFile',
          line: 3,
          data: { value: "'fixtures-r/reports.db'", resource: 'better-sqlite3 client', workerId: VITEST_ID, sharedBy: '`tests/reports.test.ts` uses it too' },
          suggestions: addsWorkerId(reportsDatabase, "'fixtures-r/reports.db'", '`fixtures-r/reports-${process.env.VITEST_POOL_ID}.db`'),
        },
      ],
    },
    // a test file's value that another test file uses too
    {
      filename: sharedName('tests/orders.test.ts'),
      code: `import { it } from 'vitest';
import { Pool } from 'pg';
it('x', () => { new Pool({ database: 'shop_test' }); });`,
      errors: [
        {
          messageId: 'fixedDatabaseName',
          line: 3,
          data: { value: "'shop_test'", resource: 'pg.Pool', workerId: VITEST_ID, sharedBy: '`tests/users.test.ts` uses it too' },
          suggestions: [
            {
              messageId: 'appendWorkerId',
              output: `import { it } from 'vitest';
import { Pool } from 'pg';
it('x', () => { new Pool({ database: \`shop_test_\${process.env.VITEST_POOL_ID}\` }); });`,
            },
          ],
        },
      ],
    },
    {
      filename: uniqueNames('tests/orders.test.ts'),
      code: `import { it } from 'vitest';
import express from 'express';
it('lists', () => { express().listen(4001); });`,
      errors: [
        {
          messageId: 'fixedPort',
          line: 3,
          data: { value: '4001', resource: 'server', workerId: VITEST_ID, sharedBy: '`tests/users.test.ts` uses it too' },
          suggestions: [
            {
              messageId: 'appendWorkerId',
              output: `import { it } from 'vitest';
import express from 'express';
it('lists', () => { express().listen(4001 + Number(process.env.VITEST_POOL_ID)); });`,
            },
          ],
        },
      ],
    },
    {
      filename: perDirectory('tests/b/orders.test.ts'),
      code: `import { it } from 'vitest';
import path from 'node:path';
import Database from 'better-sqlite3';
it('x', () => { new Database(path.join(__dirname, 'test.db')); });`,
      errors: [
        {
          messageId: 'fixedDatabaseFile',
          line: 4,
          data: {
            value: "path.join(__dirname, 'test.db')",
            resource: 'better-sqlite3 client',
            workerId: VITEST_ID,
            sharedBy: '`tests/b/invoices.test.ts` uses it too',
          },
          suggestions: [
            {
              messageId: 'appendWorkerId',
              output: `import { it } from 'vitest';
import path from 'node:path';
import Database from 'better-sqlite3';
it('x', () => { new Database(path.join(__dirname, \`test-\${process.env.VITEST_POOL_ID}.db\`)); });`,
            },
          ],
        },
      ],
    },
    // another test-code file gives the same database a fixed name: directly, or through a constant
    {
      filename: fixedInFixtures('tests/users.test.ts'),
      code: usersTest,
      errors: [
        {
          messageId: 'fixedDatabaseName',
          line: 3,
          data: {
            value: "'postgres://localhost:5432/users_test'",
            resource: 'pg.Pool',
            workerId: VITEST_ID,
            sharedBy: '`tests/fixtures.ts` uses it too',
          },
          suggestions: addsWorkerId(
            usersTest,
            "'postgres://localhost:5432/users_test'",
            '`postgres://localhost:5432/users_test_${process.env.VITEST_POOL_ID}`',
          ),
        },
      ],
    },
    {
      filename: fixedThroughConstant('tests/users.test.ts'),
      code: usersTest,
      errors: [
        {
          messageId: 'fixedDatabaseName',
          line: 3,
          data: {
            value: "'postgres://localhost:5432/users_test'",
            resource: 'pg.Pool',
            workerId: VITEST_ID,
            sharedBy: '`tests/orders.test.ts` uses it too',
          },
          suggestions: addsWorkerId(
            usersTest,
            "'postgres://localhost:5432/users_test'",
            '`postgres://localhost:5432/users_test_${process.env.VITEST_POOL_ID}`',
          ),
        },
      ],
    },
    // one kind of server spelled two ways: a driver option, and the driver's own package
    {
      filename: mikroSpellings('tests/orders.test.ts'),
      code: `import { it } from 'vitest';
import { MikroORM } from '@mikro-orm/postgresql';
it('x', async () => { await MikroORM.init({ dbName: 'shop_test' }); });`,
      errors: [
        {
          messageId: 'fixedDatabaseName',
          line: 3,
          data: { value: "'shop_test'", resource: 'MikroORM', workerId: VITEST_ID, sharedBy: '`tests/schema.test.ts` uses it too' },
          suggestions: [
            {
              messageId: 'appendWorkerId',
              output: `import { it } from 'vitest';
import { MikroORM } from '@mikro-orm/postgresql';
it('x', async () => { await MikroORM.init({ dbName: \`shop_test_\${process.env.VITEST_POOL_ID}\` }); });`,
            },
          ],
        },
      ],
    },
    // shared setup code that names a fixed database through the environment, or deletes its file
    {
      filename: 'test/setup.ts',
      code: `import { rm } from 'fs/promises';
import { join } from 'path';
process.env.DATABASE_URL = 'file:./test.db';
global.beforeEach(async () => {
  await rm(join(__dirname, '..', 'test.sqlite'));
});`,
      errors: [
        {
          messageId: 'fixedDatabaseFile',
          line: 3,
          data: { value: "'file:./test.db'", resource: 'connection string', workerId: VITEST_ID, sharedBy: EVERY_WORKER },
          suggestions: [
            {
              messageId: 'appendWorkerId',
              output: `import { rm } from 'fs/promises';
import { join } from 'path';
process.env.DATABASE_URL = \`file:./test-\${process.env.VITEST_POOL_ID}.db\`;
global.beforeEach(async () => {
  await rm(join(__dirname, '..', 'test.sqlite'));
});`,
            },
          ],
        },
        {
          messageId: 'fixedDatabaseFile',
          line: 5,
          data: { value: "join(__dirname, '..', 'test.sqlite')", resource: 'database file', workerId: VITEST_ID, sharedBy: EVERY_WORKER },
          suggestions: [
            {
              messageId: 'appendWorkerId',
              output: `import { rm } from 'fs/promises';
import { join } from 'path';
process.env.DATABASE_URL = 'file:./test.db';
global.beforeEach(async () => {
  await rm(join(__dirname, '..', \`test-\${process.env.VITEST_POOL_ID}.sqlite\`));
});`,
            },
          ],
        },
      ],
    },
    // ---------------------------------------------------------------- options
    {
      filename: 'tests/helpers/db.ts',
      code: `import express from 'express';
const server = express().listen(3000);`,
      options: [{ workerIdVariables: ['process.env.SHARD_ID'] }],
      errors: [
        {
          messageId: 'fixedPort',
          data: { value: '3000', resource: 'server', workerId: 'process.env.SHARD_ID', sharedBy: EVERY_WORKER },
          suggestions: [
            {
              messageId: 'appendWorkerId',
              data: { workerId: 'process.env.SHARD_ID' },
              output: `import express from 'express';
const server = express().listen(3000 + Number(process.env.SHARD_ID));`,
            },
          ],
        },
      ],
    },
    // setup files count as test code
    {
      filename: 'vitest.setup.ts',
      code: setupFile,
      errors: [
        {
          messageId: 'fixedDatabaseName',
          line: 2,
          suggestions: addsWorkerId(
            setupFile,
            "'postgresql://localhost:5432/app_test?schema=public'",
            '`postgresql://localhost:5432/app_test_${process.env.VITEST_POOL_ID}?schema=public`',
          ),
        },
      ],
    },
    // typed: a test subclass of a catalog class
    {
      filename: 'file.ts',
      code: `import { PrismaClient } from './usage-logger';
class TestPrisma extends PrismaClient {}
const prisma = new TestPrisma({ datasourceUrl: 'postgresql://localhost/app_test' } as never);`,
      options: [{ typeAware: true }],
      ...typed,
      errors: [
        {
          messageId: 'fixedDatabaseName',
          line: 3,
          suggestions: [
            {
              messageId: 'appendWorkerId',
              output: `import { PrismaClient } from './usage-logger';
class TestPrisma extends PrismaClient {}
const prisma = new TestPrisma({ datasourceUrl: \`postgresql://localhost/app_test_\${process.env.VITEST_POOL_ID}\` } as never);`,
            },
          ],
        },
      ],
    },
    // typed: a re-exported catalog class
    {
      filename: 'file.ts',
      code: typedFile,
      options: [{ typeAware: true }],
      ...typed,
      errors: [
        {
          messageId: 'fixedDatabaseFile',
          line: 2,
          suggestions: addsWorkerId(typedFile, "'file:./test.db'", '`file:./test-${process.env.VITEST_POOL_ID}.db`'),
        },
      ],
    },
  ],
});
