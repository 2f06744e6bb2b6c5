import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import * as tsParser from '@typescript-eslint/parser';
import { type InvalidTestCase, RuleTester, type TestCaseError } from '@typescript-eslint/rule-tester';
import { TSESLint } from '@typescript-eslint/utils';
import { afterAll, describe, expect, it } from 'vitest';

import rule, { type MessageIds, type Options } from '../../src/rules/require-async-fixture';

const ruleTester = new RuleTester();

type Invalid = InvalidTestCase<MessageIds, Options>;
/** Applies one edit to the case's code; the edit's `from` must occur exactly once. */
type Edit = (from: string, to: string) => string;

/**
 * An invalid case whose expected outputs are written as edits of its own code, so each
 * expectation names the exact text a fix or suggestion changes. `output` defaults to "no autofix".
 */
function invalid(
  test: Omit<Invalid, 'errors' | 'output'> & {
    errors: (edit: Edit) => readonly TestCaseError<MessageIds>[];
    output?: (edit: Edit) => string;
  },
): Invalid {
  const edit: Edit = (from, to) => {
    const at = test.code.indexOf(from);
    if (at === -1 || test.code.indexOf(from, at + 1) !== -1) {
      throw new Error(`${test.name ?? 'case'}: expected exactly one occurrence of ${JSON.stringify(from)}`);
    }
    return test.code.slice(0, at) + to + test.code.slice(at + from.length);
  };
  return { ...test, errors: test.errors(edit), output: test.output ? test.output(edit) : null };
}

// A module-level resource imported from a relative module is read from disk by the project index.
const projectDir = fs.mkdtempSync(path.join(os.tmpdir(), 'require-async-fixture-'));
fs.writeFileSync(
  path.join(projectDir, 'db.ts'),
  `import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\n`,
);
fs.writeFileSync(path.join(projectDir, 'index.ts'), `export { prisma as db } from './db';\n`);
fs.writeFileSync(
  path.join(projectDir, 'config.ts'),
  `export const settings = { url: 'postgres://localhost', async $disconnect() {} };\n`,
);
afterAll(() => fs.rmSync(projectDir, { recursive: true, force: true }));
const projectTestFile = path.join(projectDir, 'users.test.ts');

// Typed cases run through the project service against tests/fixtures/typed.
const typedDir = path.resolve(__dirname, '../fixtures/typed');
const typedFile = path.join(typedDir, 'hooks.test.ts');
const typed = {
  parserOptions: { projectService: { allowDefaultProject: ['*.ts'] }, tsconfigRootDir: typedDir },
};

ruleTester.run('require-async-fixture', rule, {
  valid: [
    // ------------------------------------------------------------ look-alikes met in real projects
    {
      name: 'cypress: a command chain with .then() is queued, not a promise',
      filename: 'cypress/e2e/login.cy.js',
      code: `
        describe('login', () => {
          beforeEach(() => {
            cy.visit('/login');
            cy.get('[data-test=user]').then(($el) => cy.wrap($el).type('alice'));
          });
        });
      `,
    },
    {
      name: 'fastify: register() is queued and ready() waits for it',
      filename: 'test/index.test.js',
      code: `
        const { test } = require('node:test');
        const Fastify = require('fastify');
        test.beforeEach(async () => {
          const fastify = Fastify();
          fastify.register(require('./plugin'));
          await fastify.ready();
          await fastify.close();
        });
      `,
    },
    {
      name: 'mocha: done handed to an event listener signals completion',
      filename: 'test/db.test.js',
      code: `
        const pg = require('pg');
        describe('db', function () {
          const client = new pg.Client();
          after(function (done) {
            client.end();
            client.on('end', done);
          });
        });
      `,
    },
    {
      name: 'bullmq: worker.run() resolves only when the worker closes',
      filename: 'test/queue.test.ts',
      code: `
        import { beforeAll } from 'vitest';
        import { Worker } from 'bullmq';
        let worker: Worker;
        beforeAll(() => {
          worker = new Worker('q', async () => {}, { autorun: false });
          worker.run();
        });
      `,
    },
    {
      name: 'pg: query() with a submittable returns the submittable',
      filename: 'test/stream.test.js',
      code: `
        const pg = require('pg');
        const QueryStream = require('pg-query-stream');
        describe('stream', function () {
          const client = new pg.Client();
          beforeEach(function () {
            this.stream = client.query(new QueryStream('SELECT 1'));
            client.query(new QueryStream('SELECT 2'));
          });
        });
      `,
    },
    // ------------------------------------------------------------ awaited, returned, consumed
    {
      name: 'vitest: awaited $connect in an async beforeAll',
      filename: 'src/db.test.ts',
      code: `
        import { beforeAll } from 'vitest';
        import { PrismaClient } from '@prisma/client';
        const prisma = new PrismaClient();
        beforeAll(async () => { await prisma.$connect(); });
      `,
    },
    {
      name: 'returned from an expression-bodied arrow and from a function',
      filename: 'src/db.test.ts',
      code: `
        import { afterAll, afterEach } from 'vitest';
        import { Pool } from 'pg';
        const pool = new Pool();
        afterAll(() => pool.end());
        afterEach(function () { return pool.query('truncate users'); });
      `,
    },
    {
      name: 'await Promise.all / returned Promise.allSettled over several releases',
      filename: 'src/db.test.ts',
      code: `
        import { afterAll } from 'vitest';
        import { Pool } from 'pg';
        import { PrismaClient } from '@prisma/client';
        const pool = new Pool();
        const prisma = new PrismaClient();
        afterAll(async () => { await Promise.all([pool.end(), prisma.$disconnect()]); });
        afterAll(() => Promise.allSettled([pool.end(), prisma.$disconnect()]));
      `,
    },
    {
      name: 'stored in a variable, then awaited',
      filename: 'src/db.test.ts',
      code: `
        import { afterAll } from 'vitest';
        import { Pool } from 'pg';
        const pool = new Pool();
        afterAll(async () => {
          const closing = pool.end();
          console.log('closing');
          await closing;
        });
      `,
    },
    {
      name: 'awaited through optional chaining and a .catch() chain',
      filename: 'src/db.test.ts',
      code: `
        import { afterAll } from 'vitest';
        import { Pool } from 'pg';
        let pool: Pool | undefined = new Pool();
        afterAll(async () => {
          await pool?.end();
          await pool!.end().catch(() => undefined);
        });
      `,
    },
    {
      name: 'a .then() chain returned from a sync hook',
      filename: 'src/db.test.ts',
      code: `
        import { beforeAll } from 'vitest';
        beforeAll(() => {
          return fetch('http://localhost/health').then((response) => response.ok);
        });
      `,
    },
    // ------------------------------------------------------------ done-style callbacks
    {
      name: 'jest globals: done called from .then()',
      filename: 'src/db.test.ts',
      code: `
        const { Pool } = require('pg');
        const pool = new Pool();
        beforeAll((done) => { pool.connect().then(() => done()); });
        afterAll((done) => { pool.end().then(done, done); });
      `,
    },
    {
      name: 'mocha: the release takes the done callback (callback API)',
      filename: 'test/db.spec.js',
      code: `
        const { before, after } = require('mocha');
        const { Pool } = require('pg');
        const pool = new Pool();
        before(function (done) { pool.connect(done); });
        after(function (done) { pool.end(done); });
      `,
    },
    {
      name: 'node:test: done is the second parameter',
      filename: 'test/db.test.mjs',
      code: `
        import { before } from 'node:test';
        import { Pool } from 'pg';
        const pool = new Pool();
        before((t, done) => { pool.connect().then(() => done(), done); });
      `,
    },
    // ------------------------------------------------------------ nested callbacks
    {
      name: 'calls inside setTimeout, event handlers and array callbacks are not the hook body',
      filename: 'src/db.test.ts',
      code: `
        import { afterAll } from 'vitest';
        import { Pool } from 'pg';
        const pools = [new Pool(), new Pool()];
        const pool = new Pool();
        afterAll(async () => {
          setTimeout(() => { pool.end(); }, 10);
          process.on('exit', () => { pool.end(); });
          await Promise.all(pools.map((p) => p.end()));
          pools.forEach((p) => { p.end(); });
        });
      `,
    },
    // ------------------------------------------------------------ synchronous APIs
    {
      name: 'better-sqlite3 and libsql close() are synchronous',
      filename: 'src/db.test.ts',
      code: `
        import { afterAll } from 'vitest';
        import Database from 'better-sqlite3';
        import { createClient } from '@libsql/client';
        const sqlite = new Database(':memory:');
        const libsql = createClient({ url: 'file::memory:' });
        afterAll(() => { sqlite.close(); libsql.close(); });
      `,
    },
    {
      name: 'ioredis disconnect() is synchronous',
      filename: 'src/cache.test.ts',
      code: `
        import { afterAll } from 'vitest';
        import Redis from 'ioredis';
        const redis = new Redis();
        afterAll(() => { redis.disconnect(); });
      `,
    },
    {
      name: 'pg PoolClient.release() is synchronous, traced through a fixture',
      filename: 'src/db.test.ts',
      code: `
        import { test as base } from 'vitest';
        import { Pool, type PoolClient } from 'pg';
        const pool = new Pool();
        export const test = base.extend<{ client: PoolClient }>({
          client: async ({}, use) => {
            const client = await pool.connect();
            await use(client);
            client.release();
          },
        });
      `,
    },
    {
      name: 'node:http server.close() and server.close(cb) are callback APIs',
      filename: 'src/server.test.ts',
      code: `
        import http from 'node:http';
        import { afterAll, afterEach } from 'vitest';
        const server = http.createServer().listen(0);
        afterAll(() => { server.close(); });
        afterEach(() => { server.close(() => console.log('closed')); });
      `,
    },
    {
      name: 'a trailing callback turns a catalog release into the callback API',
      filename: 'src/server.test.ts',
      code: `
        import Fastify from 'fastify';
        import { afterAll } from 'vitest';
        const app = Fastify();
        function onClosed() {}
        afterAll(() => { app.close(onClosed); });
      `,
    },
    // ------------------------------------------------------------ options
    {
      name: 'void with allowVoid: true',
      filename: 'src/db.test.ts',
      code: `
        import { afterAll } from 'vitest';
        import { Pool } from 'pg';
        const pool = new Pool();
        afterAll(() => { void pool.end(); });
      `,
      options: [{ allowVoid: true }],
    },
    // ------------------------------------------------------------ outside hooks
    {
      name: 'the same calls in a test body and a describe body',
      filename: 'src/db.test.ts',
      code: `
        import { describe, it } from 'vitest';
        import { Pool } from 'pg';
        const pool = new Pool();
        describe('pool', () => {
          pool.connect();
          it('closes', () => { pool.end(); });
        });
      `,
    },
    {
      name: 'hook-named globals in a non-test source file',
      filename: 'src/lifecycle.ts',
      code: `
        import { Pool } from 'pg';
        const pool = new Pool();
        afterAll(() => { pool.end(); });
      `,
    },
    {
      name: 'a local function named beforeAll shadows the framework',
      filename: 'src/db.test.ts',
      code: `
        import { Pool } from 'pg';
        const pool = new Pool();
        function beforeAll(fn: () => void) { fn(); }
        beforeAll(() => { pool.connect(); });
      `,
    },
    {
      name: 'setup/teardown exports outside a globalSetup file',
      filename: 'src/lifecycle.ts',
      code: `
        import { Pool } from 'pg';
        const pool = new Pool();
        export async function setup() { pool.connect(); }
        export function teardown() { pool.end(); }
      `,
    },
    // ------------------------------------------------------------ not catalog resources
    {
      name: 'a user object with connect()/end() methods',
      filename: 'src/db.test.ts',
      code: `
        import { afterAll, beforeAll } from 'vitest';
        class Db { connect(): void {} end(): void {} }
        const db = new Db();
        const fake = { connect() {}, end() {} };
        beforeAll(() => { db.connect(); fake.connect(); });
        afterAll(() => { db.end(); fake.end(); });
      `,
    },
    {
      name: 'an import from a relative module whose export is not a resource',
      filename: projectTestFile,
      code: `
        import { afterAll } from 'vitest';
        import { settings } from './config';
        import { missing } from './does-not-exist';
        afterAll(async () => { settings.$disconnect(); missing.$disconnect(); });
      `,
    },
    {
      name: 'a sync same-file function called from a sync hook',
      filename: 'src/db.test.ts',
      code: `
        import { beforeAll } from 'vitest';
        function seed() { return 1; }
        beforeAll(() => { seed(); });
      `,
    },
    // ------------------------------------------------------------ fixtures done right
    {
      name: 'test.extend with static values and a function-valued fixture',
      filename: 'src/db.test.ts',
      code: `
        import { test as base } from 'vitest';
        export const test = base.extend({
          port: 3000,
          url: 'postgres://localhost',
          makeUser: async ({}, use) => { await use((name: string) => ({ name })); },
        });
      `,
    },
    {
      name: 'a fixture that passes use to a helper',
      filename: 'src/db.test.ts',
      code: `
        import { test as base } from 'vitest';
        import { Pool } from 'pg';
        async function withPool(use: (pool: Pool) => Promise<void>) {
          const pool = new Pool();
          await use(pool);
          await pool.end();
        }
        export const test = base.extend<{ pool: Pool }>({ pool: async ({}, use) => withPool(use) });
      `,
    },
    {
      name: 'awaited use in try/finally, on both branches, and returned',
      filename: 'src/db.test.ts',
      code: `
        import { test as base } from 'vitest';
        import { Pool } from 'pg';
        export const test = base.extend<{ pool: Pool; flag: number; n: number }>({
          pool: [
            async ({}, use) => {
              const pool = new Pool();
              try { await use(pool); } finally { await pool.end(); }
            },
            { scope: 'worker', auto: true },
          ],
          flag: async ({}, use) => {
            if (process.env.CI) { await use(1); return; }
            await use(0);
          },
          n: ({}, use) => use(2),
        });
      `,
    },
    {
      name: 'builder fixture: onCleanup awaits or returns its release',
      filename: 'src/db.test.ts',
      code: `
        import { test as base } from 'vitest';
        import { Pool } from 'pg';
        export const test = base
          .extend('pool', { scope: 'worker' }, async ({}, { onCleanup }) => {
            const pool = new Pool();
            onCleanup(async () => { await pool.end(); });
            return pool;
          })
          .extend('db', async ({ pool }, { onCleanup }) => {
            onCleanup(() => pool.query('rollback'));
            return pool;
          });
      `,
    },
    {
      name: 'aroundEach awaits or returns runTest; a returned cleanup returns its promise',
      filename: 'src/db.test.ts',
      code: `
        import { aroundEach, aroundAll, beforeAll } from 'vitest';
        import { Pool } from 'pg';
        aroundEach(async (runTest) => { await runTest(); });
        aroundAll((runSuite) => runSuite());
        beforeAll(async () => {
          const pool = new Pool();
          await pool.connect();
          return () => pool.end();
        });
      `,
    },
    {
      name: 'onTestFinished returns the release; ctx.db is awaited',
      filename: 'src/db.test.ts',
      code: `
        import { afterEach, beforeEach, onTestFinished, test } from 'vitest';
        import { Pool } from 'pg';
        beforeEach(async (ctx) => { ctx.db = new Pool(); });
        afterEach(async (ctx) => { await ctx.db.end(); });
        test('queries', () => {
          const pool = new Pool();
          onTestFinished(() => pool.end());
        });
      `,
    },
    {
      name: 'mocha: this.pool assigned in before, awaited in after',
      filename: 'test/db.spec.js',
      code: `
        const { Pool } = require('pg');
        describe('users', function () {
          before(function () { this.pool = new Pool(); });
          after(async function () { await this.pool.end(); });
        });
      `,
    },
    {
      name: 'an imported module-level resource, awaited',
      filename: projectTestFile,
      code: `
        import { afterAll } from 'vitest';
        import { prisma } from './db';
        afterAll(async () => { await prisma.$disconnect(); });
      `,
    },
    {
      name: 'vitest: an async fixture that ends with use() has nothing to run after it',
      filename: 'src/db.test.ts',
      code: `
        import { test as base } from 'vitest';
        declare function clearShape(table: string, handle?: string): Promise<void>;
        export const test = base.extend<{ clear: (handle?: string) => Promise<void>; url: string }>({
          clear: async ({}, use) => {
            use((handle?: string) => clearShape('issues', handle));
          },
          url: async ({}, use) => { use('http://localhost'); },
        });
      `,
    },
    {
      name: 'calls of a parameter inside a runner function declaration are no calls of that function',
      filename: 'test/global-setup.ts',
      code: `
        import { afterAll, test as base } from 'vitest';
        export default async function ({ provide }: { provide: (key: string, value: unknown) => void }) {
          provide('baseUrl', 'http://localhost:3000');
        }
        async function closeAll(done: () => void = () => {}) {
          done();
        }
        afterAll(closeAll);
        async function workDir({ log }: { log: (line: string) => void }, use: (dir: string) => Promise<void>) {
          log('creating');
          await use('/tmp/work');
        }
        export const test = base.extend({ log: async ({}, use) => { await use(console.log); }, workDir });
      `,
    },
    {
      name: 'globalSetup: awaited setup and teardown',
      filename: 'test/global-setup.ts',
      code: `
        import { Pool } from 'pg';
        const pool = new Pool();
        export async function setup() { await pool.connect(); }
        export async function teardown() { await pool.end(); }
      `,
    },
    {
      name: 'mocha root hooks and mochaGlobalTeardown done right',
      filename: 'test/hooks.js',
      code: `
        const { Pool } = require('pg');
        const pool = new Pool();
        exports.mochaHooks = {
          async beforeAll() { await pool.connect(); },
          afterAll() { return pool.end(); },
        };
        exports.mochaGlobalTeardown = async function () { await pool.end(); };
      `,
    },
    {
      name: 'node:test: t.after returns the release',
      filename: 'test/db.test.mjs',
      code: `
        import test from 'node:test';
        import { Pool } from 'pg';
        test('queries', async (t) => {
          const pool = new Pool();
          t.after(() => pool.end());
          await pool.query('select 1');
        });
      `,
    },
    {
      name: 'playwright: worker fixture and merged fixtures done right',
      filename: 'e2e/fixtures.ts',
      code: `
        import { mergeTests, test as base } from '@playwright/test';
        import { chromium, type Browser } from 'playwright';
        const browsers = base.extend<{}, { browser2: Browser }>({
          browser2: [async ({}, use) => { const b = await chromium.launch(); await use(b); await b.close(); }, { scope: 'worker' }],
        });
        const test = mergeTests(browsers, base);
        test.afterAll('close pages', async ({ browser2 }) => { await browser2.close(); });
      `,
    },
    {
      name: 'bun:test: awaited quit',
      filename: 'src/cache.test.ts',
      code: `
        import { afterAll } from 'bun:test';
        import { createClient } from 'redis';
        const redis = createClient();
        afterAll(async () => { await redis.quit(); });
      `,
    },
    // ------------------------------------------------------------ extend look-alikes
    {
      name: 'expect.extend matchers and a schema .extend are not fixtures',
      filename: 'src/db.test.ts',
      code: `
        import { expect } from 'vitest';
        import { Pool } from 'pg';
        const pool = new Pool();
        declare const schema: { extend(shape: object): unknown };
        expect.extend({
          toBeOpen(received: unknown, expected: unknown) { pool.end(); return { pass: true, message: () => '' }; },
        });
        schema.extend({ name: async (value: string, next: () => void) => { pool.connect(); } });
      `,
    },
    {
      name: 'fixtures named by functions of the module, awaited, and look-alikes that are no fixtures',
      filename: 'src/db.test.ts',
      code: `
        import { test as base, expect } from 'vitest';
        import { PrismaClient } from '@prisma/client';
        import { Pool } from 'pg';
        declare function logCleanup(label: string, done: Promise<unknown>): Promise<void>;
        declare const schema: { extend(shape: object): unknown };
        const prisma = async ({}, use: (client: PrismaClient) => Promise<void>) => {
          const client = new PrismaClient();
          try {
            await use(client);
          } finally {
            await logCleanup('prisma', client.$disconnect());
          }
        };
        async function bootPool({}, use: (pool: Pool) => Promise<void>) {
          const pool = new Pool();
          await use(pool);
          await pool.end();
        }
        function toBeOpen(received: Pool) { received.end(); return { pass: true, message: () => '' }; }
        const validate = async (value: string, next: () => void) => { new Pool().connect(); };
        expect.extend({ toBeOpen });
        schema.extend({ validate });
        export const test = base.extend({ prisma, pool: [bootPool, { scope: 'worker' }] });
        export const other = base.extend({ pool: bootPool });
      `,
    },
    // ------------------------------------------------------------ unusual syntax
    {
      name: 'decorators and class members',
      filename: 'src/db.test.ts',
      code: `
        import { afterAll } from 'vitest';
        import { Pool } from 'pg';
        function Before(): MethodDecorator { return () => {}; }
        class Suite {
          pool = new Pool();
          @Before() setup() { this.pool.connect(); }
        }
        afterAll(async () => { await new Suite().pool.end(); });
      `,
    },
    {
      name: 'JSX in a .tsx test',
      filename: 'src/app.test.tsx',
      code: `
        import { afterEach } from 'vitest';
        import { Pool } from 'pg';
        const pool = new Pool();
        const button = <button onClick={() => pool.end()}>close</button>;
        afterEach(() => { render(<App pool={pool} />); });
      `,
    },
    {
      name: 'computed members with a non-literal key',
      filename: 'src/db.test.ts',
      code: `
        import { afterAll } from 'vitest';
        import { Pool } from 'pg';
        const pool = new Pool();
        const method = 'end' as const;
        afterAll(() => { pool[method](); });
      `,
    },
    {
      name: 'declare statements',
      filename: 'src/db.test.ts',
      code: `
        import { afterAll } from 'vitest';
        declare const pool: { end(): Promise<void> };
        declare function beforeEach(fn: () => void): void;
        declare module 'x' { export function afterAll(): void; }
        afterAll(() => { pool.end(); });
      `,
    },
    {
      name: 'a .d.ts globalSetup declaration file',
      filename: 'test/global-setup.d.ts',
      code: `
        import { Pool } from 'pg';
        declare const pool: Pool;
        export declare function setup(): Promise<void>;
        export declare function teardown(): Promise<void>;
      `,
    },
    {
      name: 'hooks with no callback, an imported callback, or spread arguments',
      filename: 'src/db.test.ts',
      code: `
        import { afterAll, beforeAll, test } from 'vitest';
        import { closeAll } from './helpers';
        declare const fns: [() => void];
        declare const fixtures: Record<string, unknown>;
        beforeAll();
        afterAll(closeAll);
        afterAll(...fns);
        export const t1 = test.extend(fixtures);
        export const t2 = test.extend();
      `,
    },
    {
      name: 'plain JS: a whole-module require and an awaited release',
      filename: 'test/db.test.js',
      code: `
        const pg = require('pg');
        const pool = new pg.Pool();
        afterAll(async function () { await pool.end(); });
      `,
    },
    {
      name: 'TypeScript import-equals declaration',
      filename: 'src/db.test.ts',
      code: `
        import pg = require('pg');
        import { afterAll } from 'vitest';
        const pool = new pg.Pool();
        afterAll(async () => { await pool.end(); });
      `,
    },
    // ------------------------------------------------------------ typed
    {
      name: 'typed: a project async function without typeAware is not reported',
      filename: typedFile,
      code: `
        import { beforeAll } from 'vitest';
        import { Repository, seedDatabase } from './repository';
        const repo = new Repository();
        beforeAll(() => { seedDatabase(); repo.save(); });
      `,
      languageOptions: typed,
    },
    {
      name: 'typed: sync methods, awaited promises and an awaited thenable',
      filename: typedFile,
      code: `
        import { beforeAll } from 'vitest';
        import { Repository, enqueue, seedDatabase } from './repository';
        const repo = new Repository();
        beforeAll(async () => {
          repo.log();
          await repo.save();
          await seedDatabase();
          await enqueue('reindex');
        });
      `,
      options: [{ typeAware: true }],
      languageOptions: typed,
    },
    {
      name: 'typed: the declared type says this release returns no promise',
      filename: typedFile,
      code: `
        import { afterAll } from 'vitest';
        declare class PrismaClient { $connect(): Promise<void>; $disconnect(): void }
        const prisma = new PrismaClient();
        afterAll(() => { prisma.$disconnect(); });
      `,
      options: [{ typeAware: true }],
      languageOptions: typed,
    },
  ],
  invalid: [
    // ------------------------------------------------------------ vitest hooks
    invalid({
      name: 'vitest: $connect dropped in a sync beforeAll',
      filename: 'src/db.test.ts',
      code: `
import { beforeAll } from 'vitest';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
beforeAll(() => { prisma.$connect(); });
`,
      errors: (edit) => [
        {
          messageId: 'unawaitedResourceCall',
          line: 5,
          column: 19,
          data: {
            call: 'prisma.$connect()',
            callback: 'beforeAll hook',
            consequence: 'the tests may start before the PrismaClient is ready.',
            fix: 'Make the callback async and await it, or return the promise.',
          },
          suggestions: [
            {
              messageId: 'suggestMakeAsyncAndAwait',
              output: edit('beforeAll(() => { prisma.$connect(); })', 'beforeAll(async () => { await prisma.$connect(); })'),
            },
            { messageId: 'suggestReturn', output: edit('{ prisma.$connect(); }', '{ return prisma.$connect(); }') },
          ],
        },
      ],
    }),
    invalid({
      name: 'vitest: pool.end() dropped in an async afterAll',
      filename: 'src/db.test.ts',
      code: `
import { afterAll } from 'vitest';
import { Pool } from 'pg';
const pool = new Pool();
afterAll(async () => {
  pool.end();
});
`,
      errors: (edit) => [
        {
          messageId: 'unawaitedResourceCall',
          line: 6,
          column: 3,
          data: {
            call: 'pool.end()',
            callback: 'afterAll hook',
            consequence: 'the pg.Pool may still be open when the next test or worker starts, and the run may not exit.',
            fix: 'Await it.',
          },
          suggestions: [{ messageId: 'suggestAwait', output: edit('  pool.end();', '  await pool.end();') }],
        },
      ],
    }),
    invalid({
      name: 'vitest: renamed import',
      filename: 'src/db.test.ts',
      code: `
import { beforeEach as setupEach } from 'vitest';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
setupEach(() => { prisma.$connect(); });
`,
      errors: (edit) => [
        {
          messageId: 'unawaitedResourceCall',
          line: 5,
          column: 19,
          suggestions: [
            { messageId: 'suggestMakeAsyncAndAwait', output: edit('(() => { prisma.$connect(); })', '(async () => { await prisma.$connect(); })') },
            { messageId: 'suggestReturn', output: edit('{ prisma.$connect(); }', '{ return prisma.$connect(); }') },
          ],
        },
      ],
    }),
    invalid({
      name: 'vitest: namespace import',
      filename: 'src/db.test.ts',
      code: `
import * as vitest from 'vitest';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
vitest.afterAll(async () => { prisma.$disconnect(); });
`,
      errors: (edit) => [
        {
          messageId: 'unawaitedResourceCall',
          line: 5,
          column: 31,
          suggestions: [{ messageId: 'suggestAwait', output: edit('{ prisma.$disconnect(); }', '{ await prisma.$disconnect(); }') }],
        },
      ],
    }),
    invalid({
      name: 'vitest: hook-scoped let assigned in another hook',
      filename: 'src/db.test.ts',
      code: `
import { afterAll, beforeAll, describe } from 'vitest';
import { DataSource } from 'typeorm';
describe('users', () => {
  let dataSource: DataSource;
  beforeAll(async () => {
    dataSource = new DataSource({ type: 'sqlite', database: ':memory:' });
    await dataSource.initialize();
  });
  afterAll(() => {
    dataSource.destroy();
  });
});
`,
      errors: (edit) => [
        {
          messageId: 'unawaitedResourceCall',
          line: 11,
          column: 5,
          data: {
            call: 'dataSource.destroy()',
            callback: 'afterAll hook',
            consequence: 'the typeorm.DataSource may still be open when the next test or worker starts, and the run may not exit.',
            fix: 'Make the callback async and await it, or return the promise.',
          },
          suggestions: [
            {
              messageId: 'suggestMakeAsyncAndAwait',
              output: edit('afterAll(() => {\n    dataSource.destroy();', 'afterAll(async () => {\n    await dataSource.destroy();'),
            },
            { messageId: 'suggestReturn', output: edit('    dataSource.destroy();', '    return dataSource.destroy();') },
          ],
        },
      ],
    }),
    invalid({
      name: 'vitest: a cleanup function returned by beforeAll',
      filename: 'src/db.test.ts',
      code: `
import { beforeAll } from 'vitest';
import { Pool } from 'pg';
beforeAll(async () => {
  const pool = new Pool();
  await pool.connect();
  return () => { pool.end(); };
});
`,
      errors: (edit) => [
        {
          messageId: 'unawaitedResourceCall',
          line: 7,
          column: 18,
          data: {
            call: 'pool.end()',
            callback: 'cleanup function returned by beforeAll',
            consequence: 'the pg.Pool may still be open when the next test or worker starts, and the run may not exit.',
            fix: 'Make the callback async and await it, or return the promise.',
          },
          suggestions: [
            { messageId: 'suggestMakeAsyncAndAwait', output: edit('return () => { pool.end(); }', 'return async () => { await pool.end(); }') },
            { messageId: 'suggestReturn', output: edit('{ pool.end(); }', '{ return pool.end(); }') },
          ],
        },
      ],
    }),
    invalid({
      name: 'vitest: aroundEach calls runTest without await (autofix)',
      filename: 'src/db.test.ts',
      code: `
import { aroundEach } from 'vitest';
aroundEach(async (runTest) => {
  runTest();
  console.log('after');
});
`,
      output: (edit) => edit('  runTest();', '  await runTest();'),
      errors: () => [
        {
          messageId: 'unawaitedUse',
          line: 4,
          column: 3,
          data: { use: 'runTest', callback: 'aroundEach hook', fix: 'Write `await runTest(…)`.' },
        },
      ],
    }),
    invalid({
      name: 'vitest: onTestFinished imported from vitest',
      filename: 'src/db.test.ts',
      code: `
import { onTestFinished, test } from 'vitest';
import { Pool } from 'pg';
test('queries', async () => {
  const pool = new Pool();
  onTestFinished(() => { pool.end(); });
});
`,
      errors: (edit) => [
        {
          messageId: 'unawaitedResourceCall',
          line: 6,
          column: 26,
          data: {
            call: 'pool.end()',
            callback: 'onTestFinished callback',
            consequence: 'the pg.Pool may still be open when the next test or worker starts, and the run may not exit.',
            fix: 'Make the callback async and await it, or return the promise.',
          },
          suggestions: [
            { messageId: 'suggestMakeAsyncAndAwait', output: edit('onTestFinished(() => { pool.end(); })', 'onTestFinished(async () => { await pool.end(); })') },
            { messageId: 'suggestReturn', output: edit('{ pool.end(); }', '{ return pool.end(); }') },
          ],
        },
      ],
    }),
    invalid({
      name: 'vitest: onTestFinished from the test context',
      filename: 'src/db.test.ts',
      code: `
import { test } from 'vitest';
import { Pool } from 'pg';
test('queries', async ({ onTestFinished }) => {
  const pool = new Pool();
  onTestFinished(async () => { pool.end(); });
});
`,
      errors: (edit) => [
        {
          messageId: 'unawaitedResourceCall',
          line: 6,
          column: 32,
          suggestions: [{ messageId: 'suggestAwait', output: edit('{ pool.end(); }', '{ await pool.end(); }') }],
        },
      ],
    }),
    invalid({
      name: 'vitest: a function declared above the hook that names it',
      filename: 'src/db.test.ts',
      code: `
import { afterAll } from 'vitest';
import { Pool } from 'pg';
const pool = new Pool();
function closePool() {
  pool.end();
}
afterAll(closePool);
`,
      errors: (edit) => [
        {
          messageId: 'unawaitedResourceCall',
          line: 6,
          column: 3,
          suggestions: [
            { messageId: 'suggestMakeAsyncAndAwait', output: edit('function closePool() {\n  pool.end();', 'async function closePool() {\n  await pool.end();') },
            { messageId: 'suggestReturn', output: edit('  pool.end();', '  return pool.end();') },
          ],
        },
      ],
    }),
    invalid({
      name: 'vitest: a hook with a timeout argument',
      filename: 'src/db.test.ts',
      code: `
import { afterAll } from 'vitest';
import { Pool } from 'pg';
const pool = new Pool();
afterAll(() => { pool.end(); }, 10_000);
`,
      errors: (edit) => [
        {
          messageId: 'unawaitedResourceCall',
          line: 5,
          column: 18,
          suggestions: [
            { messageId: 'suggestMakeAsyncAndAwait', output: edit('(() => { pool.end(); }', '(async () => { await pool.end(); }') },
            { messageId: 'suggestReturn', output: edit('{ pool.end(); }', '{ return pool.end(); }') },
          ],
        },
      ],
    }),
    // ------------------------------------------------------------ fixtures
    invalid({
      name: 'vitest fixture: use() without await in an async fixture (autofix)',
      filename: 'src/db.test.ts',
      code: `
import { test as base } from 'vitest';
import { Pool } from 'pg';
export const test = base.extend<{ pool: Pool }>({
  pool: async ({}, use) => {
    const pool = new Pool();
    use(pool);
    await pool.end();
  },
});
`,
      output: (edit) => edit('    use(pool);', '    await use(pool);'),
      errors: () => [
        {
          messageId: 'unawaitedUse',
          line: 7,
          column: 5,
          data: { use: 'use', callback: 'fixture "pool"', fix: 'Write `await use(…)`.' },
        },
      ],
    }),
    invalid({
      name: 'vitest fixture: named by a function of the module (autofix)',
      filename: 'src/db.test.ts',
      code: `
import { test as base } from 'vitest';
import { Pool } from 'pg';
const pool = async ({}, use) => {
  const client = new Pool();
  use(client);
  await client.end();
};
export const test = base.extend<{ pool: Pool }>({ pool });
`,
      output: (edit) => edit('  use(client);', '  await use(client);'),
      errors: () => [
        { messageId: 'unawaitedUse', line: 6, column: 3, data: { use: 'use', callback: 'fixture "pool"', fix: 'Write `await use(…)`.' } },
      ],
    }),
    invalid({
      name: 'vitest fixture: a function declared after the extend call, in a tuple and in builder form',
      filename: 'src/db.test.ts',
      code: `
import { test as base } from 'vitest';
import { Pool } from 'pg';
export const test = base.extend({ pool: [bootPool, { scope: 'worker' }] });
export const built = base.extend('pool', bootPool);
async function bootPool({}, use) {
  const pool = new Pool();
  await use(pool);
  pool.end();
}
`,
      errors: (edit) => [
        {
          messageId: 'unawaitedResourceCall',
          line: 9,
          column: 3,
          suggestions: [
            { messageId: 'suggestAwait', output: edit('  pool.end();', '  await pool.end();') },
          ],
        },
      ],
    }),
    invalid({
      name: 'playwright fixture: an async fixture that ends with an un-awaited use() (autofix)',
      filename: 'e2e/fixtures.ts',
      code: `
import { test as base } from '@playwright/test';
export const test = base.extend<{ url: string }>({
  url: async ({}, use) => {
    use('http://localhost');
  },
});
`,
      output: (edit) => edit("    use('http://localhost');", "    await use('http://localhost');"),
      errors: () => [{ messageId: 'unawaitedUse', line: 5, column: 5 }],
    }),
    invalid({
      name: 'vitest fixture: a [fn, { scope, auto }] tuple (autofix)',
      filename: 'src/db.test.ts',
      code: `
import { test as base } from 'vitest';
import { Pool } from 'pg';
export const test = base.extend<{ pool: Pool }>({
  pool: [
    async ({}, use) => {
      const pool = new Pool();
      await pool.connect();
      use(pool);
      await pool.end();
    },
    { scope: 'worker', auto: true },
  ],
});
`,
      output: (edit) => edit('      use(pool);', '      await use(pool);'),
      errors: () => [{ messageId: 'unawaitedUse', line: 9, column: 7 }],
    }),
    invalid({
      name: 'vitest fixture: a sync fixture that calls use()',
      filename: 'src/db.test.ts',
      code: `
import { test as base } from 'vitest';
import { Pool } from 'pg';
export const test = base.extend<{ pool: Pool }>({
  pool: ({}, use) => {
    const pool = new Pool();
    use(pool);
  },
});
`,
      errors: (edit) => [
        {
          messageId: 'unawaitedUse',
          line: 7,
          column: 5,
          data: { use: 'use', callback: 'fixture "pool"', fix: 'Make the fixture async and write `await use(…)`.' },
          suggestions: [
            {
              messageId: 'suggestMakeAsyncAndAwait',
              output: edit('pool: ({}, use) => {\n    const pool = new Pool();\n    use(pool);', 'pool: async ({}, use) => {\n    const pool = new Pool();\n    await use(pool);'),
            },
          ],
        },
      ],
    }),
    invalid({
      name: 'vitest fixture: never calls use()',
      filename: 'src/db.test.ts',
      code: `
import { test as base } from 'vitest';
export const test = base.extend<{ user: string }>({
  user: async ({}, use) => {
    const user = 'alice';
  },
});
`,
      errors: () => [{ messageId: 'missingUse', line: 4, column: 20, data: { use: 'use', callback: 'fixture "user"' } }],
    }),
    invalid({
      name: 'vitest fixture: returns before calling use()',
      filename: 'src/db.test.ts',
      code: `
import { test as base } from 'vitest';
export const test = base.extend<{ user: string }>({
  user: async ({}, use) => {
    if (!process.env.DATABASE_URL) return;
    await use('alice');
  },
});
`,
      errors: () => [{ messageId: 'missingUse', line: 5, column: 36 }],
    }),
    invalid({
      name: 'vitest fixture: a value traced through ({ pool }, use) of a chained extend',
      filename: 'src/db.test.ts',
      code: `
import { test as base } from 'vitest';
import { Pool } from 'pg';
const withPool = base.extend<{ pool: Pool }>({
  pool: async ({}, use) => { const pool = new Pool(); await use(pool); await pool.end(); },
});
export const test = withPool.extend<{ db: Pool }>({
  db: async ({ pool }, use) => {
    pool.query('begin');
    await use(pool);
  },
});
`,
      errors: (edit) => [
        {
          messageId: 'unawaitedResourceCall',
          line: 9,
          column: 5,
          data: {
            call: 'pool.query()',
            callback: 'fixture "db"',
            consequence: 'the tests may start, or the resource may be closed, before it finishes.',
            fix: 'Await it.',
          },
          suggestions: [{ messageId: 'suggestAwait', output: edit("    pool.query('begin');", "    await pool.query('begin');") }],
        },
      ],
    }),
    invalid({
      name: 'vitest builder fixture: an un-awaited release inside onCleanup',
      filename: 'src/db.test.ts',
      code: `
import { test as base } from 'vitest';
import { Pool } from 'pg';
export const test = base.extend('pool', async ({}, { onCleanup }) => {
  const pool = new Pool();
  onCleanup(() => { pool.end(); });
  return pool;
});
`,
      errors: (edit) => [
        {
          messageId: 'unawaitedResourceCall',
          line: 6,
          column: 21,
          data: {
            call: 'pool.end()',
            callback: 'onCleanup callback',
            consequence: 'the pg.Pool may still be open when the next test or worker starts, and the run may not exit.',
            fix: 'Make the callback async and await it, or return the promise.',
          },
          suggestions: [
            { messageId: 'suggestMakeAsyncAndAwait', output: edit('onCleanup(() => { pool.end(); })', 'onCleanup(async () => { await pool.end(); })') },
            { messageId: 'suggestReturn', output: edit('{ pool.end(); }', '{ return pool.end(); }') },
          ],
        },
      ],
    }),
    invalid({
      name: 'vitest fixture: test.override',
      filename: 'src/db.test.ts',
      code: `
import { test as base } from 'vitest';
import { Pool } from 'pg';
export const test = base.override({
  db: async ({}, use) => { const db = new Pool(); use(db); await db.end(); },
});
`,
      output: (edit) => edit(' use(db);', ' await use(db);'),
      errors: () => [{ messageId: 'unawaitedUse', line: 5, column: 51 }],
    }),
    invalid({
      name: 'vitest: ctx.db assigned in beforeEach',
      filename: 'src/db.test.ts',
      code: `
import { afterEach, beforeEach } from 'vitest';
import { Pool } from 'pg';
beforeEach(async (ctx) => { ctx.db = new Pool(); });
afterEach((ctx) => { ctx.db.end(); });
`,
      errors: (edit) => [
        {
          messageId: 'unawaitedResourceCall',
          line: 5,
          column: 22,
          data: {
            call: 'ctx.db.end()',
            callback: 'afterEach hook',
            consequence: 'the pg.Pool may still be open when the next test or worker starts, and the run may not exit.',
            fix: 'Make the callback async and await it, or return the promise.',
          },
          suggestions: [
            { messageId: 'suggestMakeAsyncAndAwait', output: edit('afterEach((ctx) => { ctx.db.end(); })', 'afterEach(async (ctx) => { await ctx.db.end(); })') },
            { messageId: 'suggestReturn', output: edit('{ ctx.db.end(); }', '{ return ctx.db.end(); }') },
          ],
        },
      ],
    }),
    // ------------------------------------------------------------ globalSetup
    invalid({
      name: 'globalSetup file: export async function teardown',
      filename: 'test/global-setup.ts',
      code: `
import { Pool } from 'pg';
const pool = new Pool();
export async function setup() { await pool.connect(); }
export async function teardown() { pool.end(); }
`,
      errors: (edit) => [
        {
          messageId: 'unawaitedResourceCall',
          line: 5,
          column: 36,
          data: {
            call: 'pool.end()',
            callback: 'globalSetup teardown',
            consequence: 'the pg.Pool may still be open when the next test or worker starts, and the run may not exit.',
            fix: 'Await it.',
          },
          suggestions: [{ messageId: 'suggestAwait', output: edit('{ pool.end(); }', '{ await pool.end(); }') }],
        },
      ],
    }),
    invalid({
      name: 'globalSetup file: the teardown returned by the default export',
      filename: 'global-setup.ts',
      code: `
import { Pool } from 'pg';
export default async function () {
  const pool = new Pool();
  await pool.connect();
  return async () => { pool.end(); };
}
`,
      errors: (edit) => [
        {
          messageId: 'unawaitedResourceCall',
          line: 6,
          column: 24,
          data: {
            call: 'pool.end()',
            callback: 'teardown returned by globalSetup',
            consequence: 'the pg.Pool may still be open when the next test or worker starts, and the run may not exit.',
            fix: 'Await it.',
          },
          suggestions: [{ messageId: 'suggestAwait', output: edit('{ pool.end(); }', '{ await pool.end(); }') }],
        },
      ],
    }),
    // ------------------------------------------------------------ cross-file
    invalid({
      name: 'a module-level resource imported from a relative module',
      filename: projectTestFile,
      code: `
import { afterAll } from 'vitest';
import { prisma } from './db';
afterAll(() => { prisma.$disconnect(); });
`,
      errors: (edit) => [
        {
          messageId: 'unawaitedResourceCall',
          line: 4,
          column: 18,
          data: {
            call: 'prisma.$disconnect()',
            callback: 'afterAll hook',
            consequence: 'the PrismaClient may still be open when the next test or worker starts, and the run may not exit.',
            fix: 'Make the callback async and await it, or return the promise.',
          },
          suggestions: [
            { messageId: 'suggestMakeAsyncAndAwait', output: edit('afterAll(() => { prisma.$disconnect(); })', 'afterAll(async () => { await prisma.$disconnect(); })') },
            { messageId: 'suggestReturn', output: edit('{ prisma.$disconnect(); }', '{ return prisma.$disconnect(); }') },
          ],
        },
      ],
    }),
    invalid({
      name: 'a resource re-exported under another name by an index module',
      filename: projectTestFile,
      code: `
import { beforeAll } from 'vitest';
import { db } from '.';
beforeAll(async () => { db.$connect(); });
`,
      errors: (edit) => [
        {
          messageId: 'unawaitedResourceCall',
          line: 4,
          column: 25,
          suggestions: [{ messageId: 'suggestAwait', output: edit('{ db.$connect(); }', '{ await db.$connect(); }') }],
        },
      ],
    }),
    // ------------------------------------------------------------ other promise work
    invalid({
      name: 'a same-file async function started from a sync hook',
      filename: 'src/db.test.ts',
      code: `
import { beforeAll } from 'vitest';
async function seed() {}
beforeAll(() => {
  seed();
});
`,
      errors: (edit) => [
        {
          messageId: 'promiseInSyncCallback',
          line: 5,
          column: 3,
          data: { call: 'seed()', callback: 'beforeAll hook' },
          suggestions: [
            { messageId: 'suggestMakeAsyncAndAwait', output: edit('beforeAll(() => {\n  seed();', 'beforeAll(async () => {\n  await seed();') },
            { messageId: 'suggestReturn', output: edit('  seed();', '  return seed();') },
          ],
        },
      ],
    }),
    invalid({
      name: 'a .then() chain not returned from a sync hook',
      filename: 'src/db.test.ts',
      code: `
import { beforeEach } from 'vitest';
let healthy = false;
beforeEach(() => {
  fetch('http://localhost/health').then((response) => { healthy = response.ok; });
  console.log(healthy);
});
`,
      errors: (edit) => [
        {
          messageId: 'promiseInSyncCallback',
          line: 5,
          column: 3,
          data: { call: '.then()', callback: 'beforeEach hook' },
          suggestions: [
            {
              messageId: 'suggestMakeAsyncAndAwait',
              output: edit("beforeEach(() => {\n  fetch(", "beforeEach(async () => {\n  await fetch("),
            },
          ],
        },
      ],
    }),
    invalid({
      name: 'a same-file async arrow dropped in an async hook',
      filename: 'src/db.test.ts',
      code: `
import { afterEach } from 'vitest';
const truncate = async (table: string) => {};
afterEach(async () => {
  truncate('users');
});
`,
      errors: (edit) => [
        {
          messageId: 'unawaitedPromise',
          line: 5,
          column: 3,
          data: { call: 'truncate()', callback: 'afterEach hook', fix: 'Await it.' },
          suggestions: [{ messageId: 'suggestAwait', output: edit("  truncate('users');", "  await truncate('users');") }],
        },
      ],
    }),
    // ------------------------------------------------------------ shapes of a dropped promise
    invalid({
      name: 'void is reported by default, without a fix',
      filename: 'src/db.test.ts',
      code: `
import { afterAll } from 'vitest';
import { Pool } from 'pg';
const pool = new Pool();
afterAll(() => { void pool.end(); });
`,
      errors: () => [
        {
          messageId: 'unawaitedResourceCall',
          line: 5,
          column: 23,
          data: {
            call: 'pool.end()',
            callback: 'afterAll hook',
            consequence: 'the pg.Pool may still be open when the next test or worker starts, and the run may not exit.',
            fix: 'Await it instead of voiding it.',
          },
          suggestions: [],
        },
      ],
    }),
    invalid({
      name: 'a guarded release: the await wraps the whole condition',
      filename: 'src/db.test.ts',
      code: `
import { afterAll } from 'vitest';
import { Pool } from 'pg';
let pool: Pool | undefined = new Pool();
afterAll(() => { pool && pool.end(); });
afterAll(async () => { pool ? pool.end() : undefined; });
`,
      errors: (edit) => [
        {
          messageId: 'unawaitedResourceCall',
          line: 5,
          column: 26,
          suggestions: [
            { messageId: 'suggestMakeAsyncAndAwait', output: edit('afterAll(() => { pool && pool.end(); })', 'afterAll(async () => { await (pool && pool.end()); })') },
            { messageId: 'suggestReturn', output: edit('{ pool && pool.end(); }', '{ return pool && pool.end(); }') },
          ],
        },
        {
          messageId: 'unawaitedResourceCall',
          line: 6,
          column: 31,
          suggestions: [{ messageId: 'suggestAwait', output: edit('{ pool ? pool.end() : undefined; }', '{ await (pool ? pool.end() : undefined); }') }],
        },
      ],
    }),
    invalid({
      name: 'a .catch() chain and optional chaining, dropped',
      filename: 'src/db.test.ts',
      code: `
import { afterAll } from 'vitest';
import { Pool } from 'pg';
let pool: Pool | undefined = new Pool();
afterAll(async () => {
  pool?.end();
  pool!.end().catch(() => undefined);
});
`,
      errors: (edit) => [
        {
          messageId: 'unawaitedResourceCall',
          line: 6,
          column: 3,
          data: {
            call: 'pool.end()',
            callback: 'afterAll hook',
            consequence: 'the pg.Pool may still be open when the next test or worker starts, and the run may not exit.',
            fix: 'Await it.',
          },
          suggestions: [{ messageId: 'suggestAwait', output: edit('  pool?.end();', '  await pool?.end();') }],
        },
        {
          messageId: 'unawaitedResourceCall',
          line: 7,
          column: 3,
          suggestions: [{ messageId: 'suggestAwait', output: edit('  pool!.end().catch(', '  await pool!.end().catch(') }],
        },
      ],
    }),
    invalid({
      name: 'stored in a variable that is never read',
      filename: 'src/db.test.ts',
      code: `
import { afterAll } from 'vitest';
import { Pool } from 'pg';
const pool = new Pool();
afterAll(async () => {
  const closing = pool.end();
});
`,
      errors: () => [{ messageId: 'unawaitedResourceCall', line: 6, column: 19, suggestions: [] }],
    }),
    // ------------------------------------------------------------ catalog coverage
    invalid({
      name: 'redis (node-redis) disconnect() returns a promise',
      filename: 'src/cache.test.ts',
      code: `
import { afterAll } from 'vitest';
import { createClient } from 'redis';
const redis = createClient();
afterAll(async () => { redis.disconnect(); });
`,
      errors: (edit) => [
        {
          messageId: 'unawaitedResourceCall',
          line: 5,
          column: 24,
          suggestions: [{ messageId: 'suggestAwait', output: edit('{ redis.disconnect(); }', '{ await redis.disconnect(); }') }],
        },
      ],
    }),
    invalid({
      name: 'mongoose module connect() and its connection close()',
      filename: 'src/db.test.ts',
      code: `
import mongoose from 'mongoose';
import { afterAll, beforeAll } from 'vitest';
beforeAll(async () => { mongoose.connect('mongodb://localhost/test'); });
afterAll(async () => { mongoose.connection.close(); });
`,
      errors: (edit) => [
        {
          messageId: 'unawaitedResourceCall',
          line: 4,
          column: 25,
          data: { call: 'mongoose.connect()', callback: 'beforeAll hook', consequence: 'the tests may start before the mongoose is ready.', fix: 'Await it.' },
          suggestions: [{ messageId: 'suggestAwait', output: edit("{ mongoose.connect('mongodb://localhost/test'); }", "{ await mongoose.connect('mongodb://localhost/test'); }") }],
        },
        {
          messageId: 'unawaitedResourceCall',
          line: 5,
          column: 24,
          data: {
            call: 'mongoose.connection.close()',
            callback: 'afterAll hook',
            consequence: 'the mongoose.Connection may still be open when the next test or worker starts, and the run may not exit.',
            fix: 'Await it.',
          },
          suggestions: [{ messageId: 'suggestAwait', output: edit('{ mongoose.connection.close(); }', '{ await mongoose.connection.close(); }') }],
        },
      ],
    }),
    invalid({
      name: 'a testcontainers container started through a builder chain',
      filename: 'src/db.test.ts',
      code: `
import { GenericContainer, type StartedTestContainer } from 'testcontainers';
import { afterAll, beforeAll } from 'vitest';
let container: StartedTestContainer;
beforeAll(async () => { container = await new GenericContainer('redis').withExposedPorts(6379).start(); });
afterAll(async () => { container.stop(); });
`,
      errors: (edit) => [
        {
          messageId: 'unawaitedResourceCall',
          line: 6,
          column: 24,
          suggestions: [{ messageId: 'suggestAwait', output: edit('{ container.stop(); }', '{ await container.stop(); }') }],
        },
      ],
    }),
    invalid({
      name: 'fastify close() without a callback; a Nest app from a testing module',
      filename: 'src/app.test.ts',
      code: `
import Fastify from 'fastify';
import { Test } from '@nestjs/testing';
import { afterAll, beforeAll } from 'vitest';
const server = Fastify();
let app;
beforeAll(async () => {
  const moduleRef = await Test.createTestingModule({}).compile();
  app = moduleRef.createNestApplication();
  app.init();
});
afterAll(async () => { server.close(); });
`,
      errors: (edit) => [
        {
          messageId: 'unawaitedResourceCall',
          line: 10,
          column: 3,
          data: { call: 'app.init()', callback: 'beforeAll hook', consequence: 'the tests may start before the nest.INestApplication is ready.', fix: 'Await it.' },
          suggestions: [{ messageId: 'suggestAwait', output: edit('  app.init();', '  await app.init();') }],
        },
        {
          messageId: 'unawaitedResourceCall',
          line: 12,
          column: 24,
          suggestions: [{ messageId: 'suggestAwait', output: edit('{ server.close(); }', '{ await server.close(); }') }],
        },
      ],
    }),
    // ------------------------------------------------------------ jest
    invalid({
      name: 'jest globals: afterAll in a .test.ts file without imports',
      filename: 'src/db.test.ts',
      code: `
import { Pool } from 'pg';
const pool = new Pool();
afterAll(() => { pool.end(); });
`,
      errors: (edit) => [
        {
          messageId: 'unawaitedResourceCall',
          line: 4,
          column: 18,
          suggestions: [
            { messageId: 'suggestMakeAsyncAndAwait', output: edit('afterAll(() => { pool.end(); })', 'afterAll(async () => { await pool.end(); })') },
            { messageId: 'suggestReturn', output: edit('{ pool.end(); }', '{ return pool.end(); }') },
          ],
        },
      ],
    }),
    invalid({
      name: 'jest: renamed import from @jest/globals',
      filename: 'src/db.test.ts',
      code: `
import { afterAll as cleanup } from '@jest/globals';
import { Pool } from 'pg';
const pool = new Pool();
cleanup(async () => { pool.end(); });
`,
      errors: (edit) => [
        {
          messageId: 'unawaitedResourceCall',
          line: 5,
          column: 23,
          data: {
            call: 'pool.end()',
            callback: 'cleanup hook',
            consequence: 'the pg.Pool may still be open when the next test or worker starts, and the run may not exit.',
            fix: 'Await it.',
          },
          suggestions: [{ messageId: 'suggestAwait', output: edit('{ pool.end(); }', '{ await pool.end(); }') }],
        },
      ],
    }),
    invalid({
      name: 'jest: require destructuring from @jest/globals',
      filename: 'src/db.test.js',
      code: `
const { beforeAll } = require('@jest/globals');
const { Sequelize } = require('sequelize');
const sequelize = new Sequelize('sqlite::memory:');
beforeAll(() => { sequelize.sync(); });
`,
      errors: (edit) => [
        {
          messageId: 'unawaitedResourceCall',
          line: 5,
          column: 19,
          suggestions: [
            { messageId: 'suggestMakeAsyncAndAwait', output: edit('beforeAll(() => { sequelize.sync(); })', 'beforeAll(async () => { await sequelize.sync(); })') },
            { messageId: 'suggestReturn', output: edit('{ sequelize.sync(); }', '{ return sequelize.sync(); }') },
          ],
        },
      ],
    }),
    invalid({
      name: 'jest: a done callback called before the release settles',
      filename: 'src/db.test.ts',
      code: `
import { Pool } from 'pg';
const pool = new Pool();
afterAll((done) => {
  pool.end();
  done();
});
`,
      errors: () => [
        {
          messageId: 'unawaitedResourceCall',
          line: 5,
          column: 3,
          data: {
            call: 'pool.end()',
            callback: 'afterAll hook',
            consequence: 'the pg.Pool may still be open when the next test or worker starts, and the run may not exit.',
            fix: 'Call `done` when the promise settles, or drop `done` and return the promise.',
          },
          suggestions: [],
        },
      ],
    }),
    // ------------------------------------------------------------ mocha
    invalid({
      name: 'mocha BDD: require destructuring, MongoClient close()',
      filename: 'test/db.spec.js',
      code: `
const { after } = require('mocha');
const { MongoClient } = require('mongodb');
const client = new MongoClient('mongodb://localhost');
after(function () { client.close(); });
`,
      errors: (edit) => [
        {
          messageId: 'unawaitedResourceCall',
          line: 5,
          column: 21,
          data: {
            call: 'client.close()',
            callback: 'after hook',
            consequence: 'the MongoClient may still be open when the next test or worker starts, and the run may not exit.',
            fix: 'Make the callback async and await it, or return the promise.',
          },
          suggestions: [
            { messageId: 'suggestMakeAsyncAndAwait', output: edit('after(function () { client.close(); })', 'after(async function () { await client.close(); })') },
            { messageId: 'suggestReturn', output: edit('{ client.close(); }', '{ return client.close(); }') },
          ],
        },
      ],
    }),
    invalid({
      name: 'mocha TDD globals: suiteSetup and suiteTeardown',
      filename: 'test/db.ts',
      code: `
import { Sequelize } from 'sequelize';
const sequelize = new Sequelize('sqlite::memory:');
suiteSetup(async function () { sequelize.authenticate(); });
suiteTeardown(async function () { sequelize.close(); });
`,
      errors: (edit) => [
        {
          messageId: 'unawaitedResourceCall',
          line: 4,
          column: 32,
          data: { call: 'sequelize.authenticate()', callback: 'suiteSetup hook', consequence: 'the tests may start before the Sequelize is ready.', fix: 'Await it.' },
          suggestions: [{ messageId: 'suggestAwait', output: edit('{ sequelize.authenticate(); }', '{ await sequelize.authenticate(); }') }],
        },
        {
          messageId: 'unawaitedResourceCall',
          line: 5,
          column: 35,
          data: {
            call: 'sequelize.close()',
            callback: 'suiteTeardown hook',
            consequence: 'the Sequelize may still be open when the next test or worker starts, and the run may not exit.',
            fix: 'Await it.',
          },
          suggestions: [{ messageId: 'suggestAwait', output: edit('{ sequelize.close(); }', '{ await sequelize.close(); }') }],
        },
      ],
    }),
    invalid({
      name: 'mocha: this.pool assigned in before',
      filename: 'test/db.spec.js',
      code: `
const { Pool } = require('pg');
describe('users', function () {
  before(async function () { this.pool = new Pool(); await this.pool.connect(); });
  after(function () { this.pool.end(); });
});
`,
      errors: (edit) => [
        {
          messageId: 'unawaitedResourceCall',
          line: 5,
          column: 23,
          data: {
            call: 'this.pool.end()',
            callback: 'after hook',
            consequence: 'the pg.Pool may still be open when the next test or worker starts, and the run may not exit.',
            fix: 'Make the callback async and await it, or return the promise.',
          },
          suggestions: [
            { messageId: 'suggestMakeAsyncAndAwait', output: edit('after(function () { this.pool.end(); })', 'after(async function () { await this.pool.end(); })') },
            { messageId: 'suggestReturn', output: edit('{ this.pool.end(); }', '{ return this.pool.end(); }') },
          ],
        },
      ],
    }),
    invalid({
      name: 'mocha root hooks: method shorthand and an array of hooks',
      filename: 'test/hooks.ts',
      code: `
import { Pool } from 'pg';
const pool = new Pool();
export const mochaHooks = {
  beforeAll: [function () { pool.connect(); }],
  afterAll() { pool.end(); },
};
`,
      errors: (edit) => [
        {
          messageId: 'unawaitedResourceCall',
          line: 5,
          column: 29,
          data: { call: 'pool.connect()', callback: 'mochaHooks.beforeAll', consequence: 'the tests may start before the pg.Pool is ready.', fix: 'Make the callback async and await it, or return the promise.' },
          suggestions: [
            { messageId: 'suggestMakeAsyncAndAwait', output: edit('[function () { pool.connect(); }]', '[async function () { await pool.connect(); }]') },
            { messageId: 'suggestReturn', output: edit('{ pool.connect(); }', '{ return pool.connect(); }') },
          ],
        },
        {
          messageId: 'unawaitedResourceCall',
          line: 6,
          column: 16,
          suggestions: [
            { messageId: 'suggestMakeAsyncAndAwait', output: edit('  afterAll() { pool.end(); },', '  async afterAll() { await pool.end(); },') },
            { messageId: 'suggestReturn', output: edit('{ pool.end(); }', '{ return pool.end(); }') },
          ],
        },
      ],
    }),
    invalid({
      name: 'mocha root hooks returned by a function, in CommonJS',
      filename: 'test/hooks.js',
      code: `
const { Pool } = require('pg');
const pool = new Pool();
exports.mochaHooks = () => ({
  afterEach: async function () { pool.query('truncate users'); },
});
`,
      errors: (edit) => [
        {
          messageId: 'unawaitedResourceCall',
          line: 5,
          column: 34,
          data: { call: 'pool.query()', callback: 'mochaHooks.afterEach', consequence: 'the tests may start, or the resource may be closed, before it finishes.', fix: 'Await it.' },
          suggestions: [{ messageId: 'suggestAwait', output: edit("{ pool.query('truncate users'); }", "{ await pool.query('truncate users'); }") }],
        },
      ],
    }),
    invalid({
      name: 'mocha: mochaGlobalSetup and mochaGlobalTeardown exports',
      filename: 'test/fixtures.ts',
      code: `
import { Pool } from 'pg';
const pool = new Pool();
export async function mochaGlobalSetup() { pool.connect(); }
export function mochaGlobalTeardown() { pool.end(); }
`,
      errors: (edit) => [
        {
          messageId: 'unawaitedResourceCall',
          line: 4,
          column: 44,
          data: { call: 'pool.connect()', callback: 'mochaGlobalSetup', consequence: 'the tests may start before the pg.Pool is ready.', fix: 'Await it.' },
          suggestions: [{ messageId: 'suggestAwait', output: edit('{ pool.connect(); }', '{ await pool.connect(); }') }],
        },
        {
          messageId: 'unawaitedResourceCall',
          line: 5,
          column: 41,
          suggestions: [
            { messageId: 'suggestMakeAsyncAndAwait', output: edit('export function mochaGlobalTeardown() { pool.end(); }', 'export async function mochaGlobalTeardown() { await pool.end(); }') },
            { messageId: 'suggestReturn', output: edit('{ pool.end(); }', '{ return pool.end(); }') },
          ],
        },
      ],
    }),
    // ------------------------------------------------------------ node:test
    invalid({
      name: 'node:test: before and after imported from node:test',
      filename: 'test/db.test.ts',
      code: `
import { after, before } from 'node:test';
import { Pool } from 'pg';
const pool = new Pool();
before(async () => { pool.connect(); });
after(async () => { pool.end(); });
`,
      errors: (edit) => [
        {
          messageId: 'unawaitedResourceCall',
          line: 5,
          column: 22,
          data: { call: 'pool.connect()', callback: 'before hook', consequence: 'the tests may start before the pg.Pool is ready.', fix: 'Await it.' },
          suggestions: [{ messageId: 'suggestAwait', output: edit('{ pool.connect(); }', '{ await pool.connect(); }') }],
        },
        {
          messageId: 'unawaitedResourceCall',
          line: 6,
          column: 21,
          suggestions: [{ messageId: 'suggestAwait', output: edit('{ pool.end(); }', '{ await pool.end(); }') }],
        },
      ],
    }),
    invalid({
      name: 'node:test: t.before and t.after on the test context',
      filename: 'test/db.test.ts',
      code: `
import test from 'node:test';
import { Pool } from 'pg';
test('queries', async (t) => {
  const pool = new Pool();
  t.before(async () => { pool.connect(); });
  t.after(() => { pool.end(); });
});
`,
      errors: (edit) => [
        {
          messageId: 'unawaitedResourceCall',
          line: 6,
          column: 26,
          data: { call: 'pool.connect()', callback: 'before hook', consequence: 'the tests may start before the pg.Pool is ready.', fix: 'Await it.' },
          suggestions: [{ messageId: 'suggestAwait', output: edit('{ pool.connect(); }', '{ await pool.connect(); }') }],
        },
        {
          messageId: 'unawaitedResourceCall',
          line: 7,
          column: 19,
          data: {
            call: 'pool.end()',
            callback: 'after hook',
            consequence: 'the pg.Pool may still be open when the next test or worker starts, and the run may not exit.',
            fix: 'Make the callback async and await it, or return the promise.',
          },
          suggestions: [
            { messageId: 'suggestMakeAsyncAndAwait', output: edit('t.after(() => { pool.end(); })', 't.after(async () => { await pool.end(); })') },
            { messageId: 'suggestReturn', output: edit('{ pool.end(); }', '{ return pool.end(); }') },
          ],
        },
      ],
    }),
    invalid({
      name: 'node:test: a done-style hook that does not wait for the release',
      filename: 'test/db.test.ts',
      code: `
import { after, describe } from 'node:test';
import { Pool } from 'pg';
const pool = new Pool();
describe('users', () => {
  after((t, done) => { pool.end(); done(); });
});
`,
      errors: () => [{ messageId: 'unawaitedResourceCall', line: 6, column: 24, suggestions: [] }],
    }),
    // ------------------------------------------------------------ playwright
    invalid({
      name: 'playwright: test.beforeAll without a title, test.afterAll with one',
      filename: 'e2e/app.spec.ts',
      code: `
import { test } from '@playwright/test';
import { chromium, type Browser } from 'playwright';
let browser: Browser;
test.beforeAll(async () => { browser = await chromium.launch(); });
test.afterAll('close the browser', async () => { browser.close(); });
`,
      errors: (edit) => [
        {
          messageId: 'unawaitedResourceCall',
          line: 6,
          column: 50,
          data: {
            call: 'browser.close()',
            callback: 'afterAll hook',
            consequence: 'the playwright.Browser may still be open when the next test or worker starts, and the run may not exit.',
            fix: 'Await it.',
          },
          suggestions: [{ messageId: 'suggestAwait', output: edit('{ browser.close(); }', '{ await browser.close(); }') }],
        },
      ],
    }),
    invalid({
      name: 'playwright: a sync beforeAll with a title',
      filename: 'e2e/app.spec.ts',
      code: `
import { test } from '@playwright/test';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
test.beforeAll('connect', () => { prisma.$connect(); });
`,
      errors: (edit) => [
        {
          messageId: 'unawaitedResourceCall',
          line: 5,
          column: 35,
          suggestions: [
            { messageId: 'suggestMakeAsyncAndAwait', output: edit("'connect', () => { prisma.$connect(); }", "'connect', async () => { await prisma.$connect(); }") },
            { messageId: 'suggestReturn', output: edit('{ prisma.$connect(); }', '{ return prisma.$connect(); }') },
          ],
        },
      ],
    }),
    invalid({
      name: 'playwright: base.extend<T, W> worker fixture tuple (autofix)',
      filename: 'e2e/fixtures.ts',
      code: `
import { test as base } from '@playwright/test';
import { Pool } from 'pg';
export const test = base.extend<{ db: Pool }, { pool: Pool }>({
  pool: [async ({}, use) => { const pool = new Pool(); use(pool); await pool.end(); }, { scope: 'worker' }],
  db: async ({ pool }, use, testInfo) => { await use(pool); },
});
`,
      output: (edit) => edit(' use(pool); await pool.end();', ' await use(pool); await pool.end();'),
      errors: () => [{ messageId: 'unawaitedUse', line: 5, column: 56, data: { use: 'use', callback: 'fixture "pool"', fix: 'Write `await use(…)`.' } }],
    }),
    invalid({
      name: 'playwright: a fixture of a mergeTests() test traces the other test’s fixture',
      filename: 'e2e/fixtures.ts',
      code: `
import { mergeTests, test as base } from '@playwright/test';
import { Pool } from 'pg';
const dbTest = base.extend<{ pool: Pool }>({
  pool: async ({}, use) => { const pool = new Pool(); await use(pool); await pool.end(); },
});
const uiTest = base.extend<{ locale: string }>({ locale: 'en' });
export const test = mergeTests(dbTest, uiTest).extend<{ seeded: void }>({
  seeded: async ({ pool }, use) => {
    pool.query('insert into users values (1)');
    await use();
  },
});
`,
      errors: (edit) => [
        {
          messageId: 'unawaitedResourceCall',
          line: 10,
          column: 5,
          data: { call: 'pool.query()', callback: 'fixture "seeded"', consequence: 'the tests may start, or the resource may be closed, before it finishes.', fix: 'Await it.' },
          suggestions: [{ messageId: 'suggestAwait', output: edit("    pool.query('insert", "    await pool.query('insert") }],
        },
      ],
    }),
    // ------------------------------------------------------------ bun
    invalid({
      name: 'bun:test: redis quit() in a sync afterAll',
      filename: 'src/cache.test.ts',
      code: `
import { afterAll } from 'bun:test';
import { createClient } from 'redis';
const redis = createClient();
afterAll(() => { redis.quit(); });
`,
      errors: (edit) => [
        {
          messageId: 'unawaitedResourceCall',
          line: 5,
          column: 18,
          suggestions: [
            { messageId: 'suggestMakeAsyncAndAwait', output: edit('afterAll(() => { redis.quit(); })', 'afterAll(async () => { await redis.quit(); })') },
            { messageId: 'suggestReturn', output: edit('{ redis.quit(); }', '{ return redis.quit(); }') },
          ],
        },
      ],
    }),
    // ------------------------------------------------------------ typed
    invalid({
      name: 'typed: a project async function and method called without await',
      filename: typedFile,
      code: `
import { beforeAll } from 'vitest';
import { Repository, seedDatabase } from './repository';
const repo = new Repository();
beforeAll(() => {
  seedDatabase();
  repo.save();
  repo.log();
});
`,
      options: [{ typeAware: true }],
      languageOptions: typed,
      errors: (edit) => [
        {
          messageId: 'promiseInSyncCallback',
          line: 6,
          column: 3,
          data: { call: 'seedDatabase()', callback: 'beforeAll hook' },
          suggestions: [{ messageId: 'suggestMakeAsyncAndAwait', output: edit('beforeAll(() => {\n  seedDatabase();', 'beforeAll(async () => {\n  await seedDatabase();') }],
        },
        {
          messageId: 'promiseInSyncCallback',
          line: 7,
          column: 3,
          data: { call: 'repo.save()', callback: 'beforeAll hook' },
          suggestions: [{ messageId: 'suggestMakeAsyncAndAwait', output: edit('beforeAll(() => {\n  seedDatabase();\n  repo.save();', 'beforeAll(async () => {\n  seedDatabase();\n  await repo.save();') }],
        },
      ],
    }),
    invalid({
      name: 'typed: a thenable that is not a Promise',
      filename: typedFile,
      code: `
import { afterEach } from 'vitest';
import { enqueue } from './repository';
afterEach(async () => {
  enqueue('cleanup');
});
`,
      options: [{ typeAware: true }],
      languageOptions: typed,
      errors: (edit) => [
        {
          messageId: 'unawaitedPromise',
          line: 5,
          column: 3,
          data: { call: 'enqueue()', callback: 'afterEach hook', fix: 'Await it.' },
          suggestions: [{ messageId: 'suggestAwait', output: edit("  enqueue('cleanup');", "  await enqueue('cleanup');") }],
        },
      ],
    }),
    invalid({
      name: 'typed: a client found by its declared type, not by how it was created',
      filename: typedFile,
      code: `
import { afterAll } from 'vitest';
declare class PrismaClient { $connect(): Promise<void>; $disconnect(): Promise<void> }
declare function getClient(): PrismaClient;
const prisma = getClient();
afterAll(async () => { prisma.$disconnect(); });
`,
      options: [{ typeAware: true }],
      languageOptions: typed,
      errors: (edit) => [
        {
          messageId: 'unawaitedResourceCall',
          line: 6,
          column: 24,
          suggestions: [{ messageId: 'suggestAwait', output: edit('{ prisma.$disconnect(); }', '{ await prisma.$disconnect(); }') }],
        },
      ],
    }),
    invalid({
      name: 'typed: a catalog import the checker cannot resolve is still reported',
      filename: typedFile,
      code: `
import { afterAll } from 'vitest';
import { Pool } from 'pg';
const pool = new Pool();
afterAll(async () => { pool.end(); });
`,
      options: [{ typeAware: true }],
      languageOptions: typed,
      errors: (edit) => [
        {
          messageId: 'unawaitedResourceCall',
          line: 5,
          column: 24,
          suggestions: [{ messageId: 'suggestAwait', output: edit('{ pool.end(); }', '{ await pool.end(); }') }],
        },
      ],
    }),
    invalid({
      name: 'typed: an un-awaited use() is reported once, not also as a dropped promise',
      filename: typedFile,
      code: `
import { test as base } from 'vitest';
export const test = base.extend<{ n: number }>({
  n: async ({}, use) => { use(1); console.log('torn down'); },
});
`,
      options: [{ typeAware: true }],
      languageOptions: typed,
      output: (edit) => edit('{ use(1);', '{ await use(1);'),
      errors: () => [{ messageId: 'unawaitedUse', line: 4, column: 27 }],
    }),
  ],
});

describe('require-async-fixture with typeAware and no type information', () => {
  const linter = new TSESLint.Linter({ configType: 'flat' });
  const configWith = (options: Options[0]): TSESLint.FlatConfig.ConfigArray => [
    {
      files: ['**/*.ts'],
      languageOptions: { parser: tsParser },
      plugins: { 'test-isolation': { rules: { 'require-async-fixture': rule } } },
      rules: { 'test-isolation/require-async-fixture': ['error', options] },
    },
  ];
  const code = `import { afterAll } from 'vitest';\nafterAll(() => {});\n`;

  it("fails with typescript-eslint's error that explains how to enable typed linting", () => {
    expect(() => linter.verify(code, configWith({ typeAware: true }), 'src/db.test.ts')).toThrow(
      /You have used a rule which requires type information/,
    );
  });

  it('lints the same file without the option: the error comes from typeAware, not the parser', () => {
    expect(linter.verify(code, configWith({ typeAware: false }), 'src/db.test.ts')).toEqual([]);
  });
});
