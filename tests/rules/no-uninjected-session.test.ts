import fs from 'node:fs';
import path from 'node:path';

import * as tsParser from '@typescript-eslint/parser';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { Linter } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';

import rule from '../../src/rules/no-uninjected-session';
import { makeTree, removeTree } from '../analysis/tree-helpers';

/**
 * One project on disk for every case: the stores, repositories and factories the tests build, and
 * the module-level clients they fall back to. Typed cases run against the same tree, whose
 * `node_modules` holds minimal declarations of the ORM packages.
 */
const root = makeTree({
  'package.json': '{ "name": "app", "type": "module" }',
  'tsconfig.json': JSON.stringify({
    compilerOptions: {
      target: 'ES2022',
      module: 'ESNext',
      moduleResolution: 'Bundler',
      strict: true,
      esModuleInterop: true,
      skipLibCheck: true,
      noEmit: true,
      experimentalDecorators: true,
      allowJs: true,
      types: [],
    },
    include: ['**/*.ts', '**/*.js'],
  }),
  // ---------------------------------------------------------------- Prisma
  'src/prisma.ts': `import { PrismaClient } from '@prisma/client';
export const prisma = new PrismaClient();
`,
  'src/user-store.ts': `import type { Prisma, PrismaClient } from '@prisma/client';
import { prisma } from './prisma';

export class UserStore {
  constructor(private readonly db: PrismaClient | Prisma.TransactionClient = prisma) {}
}

export class AdminStore extends UserStore {}

export function createUserStore(db: Prisma.TransactionClient = prisma): UserStore {
  return new UserStore(db);
}
`,
  'src/index.ts': `export * from './user-store';
export { Clock as SystemClock } from './clock';
`,
  'src/audited-store.ts': `import type { PrismaClient } from '@prisma/client';
import { prisma } from './prisma';

/** The signature callers see takes one session; the constructor that runs takes a second. */
export class AuditedStore {
  constructor(db: PrismaClient);
  constructor(db: PrismaClient, audit: PrismaClient = prisma) {}
}
`,
  'src/clock.ts': `export class Clock {
  constructor(private readonly now: () => Date = () => new Date()) {}
}
`,
  'src/report-service.ts': `import type { PrismaClient } from '@prisma/client';
import { prisma } from './prisma';

/** The session is the third parameter. */
export class ReportService {
  constructor(
    private readonly title: string,
    private readonly pageSize = 20,
    private readonly db: PrismaClient = prisma,
  ) {}
}
`,
  'src/prisma-service.ts': `import { PrismaClient } from '@prisma/client';

export class PrismaService extends PrismaClient {}

export class AccountService {
  constructor(private readonly prisma: PrismaService) {}
}
`,
  'src/cache.ts': `import type { RedisClientType } from 'redis';

export class Cache {
  constructor(private readonly client?: RedisClientType) {}
}
`,
  'src/options-store.ts': `import type { PrismaClient } from '@prisma/client';
import { prisma } from './prisma';

export function createOptionsStore({ db = prisma, logger }: { db?: PrismaClient; logger?: Console } = {}) {
  return { db, logger };
}

export function createContextStore(ctx: { task: unknown }, db: PrismaClient = prisma) {
  return { ctx, db };
}
`,
  'src/fallback-store.ts': `import type { PrismaClient } from '@prisma/client';
import { prisma } from './prisma';

/** Defaults written in the body instead of the parameter list. */
export class FallbackStore {
  private readonly db: PrismaClient;
  constructor(db?: PrismaClient) {
    this.db = db ?? prisma;
  }
}

export function createFallbackStore(db?: PrismaClient) {
  if (!db) db = prisma;
  return { db };
}
`,
  'src/app-db.ts': `export interface AppDb { query(sql: string): Promise<unknown> }
export declare const appDb: AppDb;

export class SettingsStore {
  constructor(private readonly db: AppDb = appDb) {}
}
`,
  // ---------------------------------------------------------------- TypeORM and NestJS
  'src/typeorm/data-source.ts': `import { DataSource } from 'typeorm';
export const AppDataSource = new DataSource({ type: 'postgres' });
`,
  'src/typeorm/order-repository.ts': `import { EntityManager } from 'typeorm';
import { AppDataSource } from './data-source';

export class OrderRepository {
  constructor(private readonly manager: EntityManager = AppDataSource.manager) {}
}
`,
  'src/typeorm/audit-log.ts': `import type { QueryRunner } from 'typeorm';

export class AuditLog {
  constructor(private readonly runner?: QueryRunner) {}
}
`,
  'src/typeorm/user-service.ts': `import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { User } from './user.entity';

@Injectable()
export class UserService {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}
}
`,
  'src/typeorm/user.entity.ts': `export class User {
  id!: number;
}
`,
  // ---------------------------------------------------------------- Knex
  'src/knex/db.ts': `import knex from 'knex';
export const db = knex({ client: 'pg', connection: process.env.DATABASE_URL });
`,
  'src/knex/invoice-store.ts': `import type { Knex } from 'knex';
import { db as defaultDb } from './db';

export class InvoiceStore {
  constructor(private readonly db: Knex = defaultDb) {}
}
`,
  'src/knex/create-ledger.ts': `import type { Knex } from 'knex';
import { db } from './db';

export function createLedger(trx: Knex.Transaction | Knex = db) {
  return { trx };
}
`,
  // ---------------------------------------------------------------- Kysely
  'src/kysely/db.ts': `import { Kysely } from 'kysely';
export interface Database { person: { id: number } }
export const db = new Kysely<Database>({ dialect: {} });
`,
  'src/kysely/types.ts': `import type { Kysely } from 'kysely';
import type { Database } from './db';
export type DB = Kysely<Database>;
`,
  'src/kysely/person-repository.ts': `import type { DB } from './types';
import { db as defaultDb } from './db';

export class PersonRepository {
  constructor(private readonly db: DB = defaultDb) {}
}
`,
  'src/kysely/report-builder.ts': `import type { DB } from './types';
import { db } from './db';

export class ReportBuilder {
  constructor(private readonly source: DB = db) {}
}
`,
  'src/kysely/report-service.ts': `import type { PersonRepository } from './person-repository';
import { ReportBuilder } from './report-builder';

export interface ReportOptions { title: string }

export class ReportService {
  constructor(private readonly people: PersonRepository, private readonly builder: ReportBuilder, options?: ReportOptions) {}
}
`,
  // ---------------------------------------------------------------- drizzle
  'src/drizzle/db.ts': `import { drizzle } from 'drizzle-orm/node-postgres';
export const db = drizzle(process.env.DATABASE_URL);
`,
  'src/drizzle/note-store.ts': `import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { db as defaultDb } from './db';

export const createNoteStore = (db: NodePgDatabase = defaultDb) => ({ db });
`,
  // ---------------------------------------------------------------- mongoose
  'src/mongoose/cat-repository.ts': `import mongoose, { type Connection } from 'mongoose';

export class CatRepository {
  constructor(private readonly connection: Connection = mongoose.connection) {}
}
`,
  'src/mongoose/transfer.ts': `import type { ClientSession } from 'mongoose';

export async function transferFunds(amount: number, session?: ClientSession): Promise<void> {
  void amount;
  void session;
}
`,
  // ---------------------------------------------------------------- pg
  'src/pg/pool.ts': `import { Pool } from 'pg';
export const pool = new Pool();
`,
  'src/pg/account-store.ts': `import type { Pool, PoolClient } from 'pg';
import { pool } from './pool';

export class AccountStore {
  constructor(private readonly client: PoolClient | Pool = pool) {}
}
`,
  // ---------------------------------------------------------------- MikroORM
  'src/mikro/book-service.ts': `import type { EntityManager } from '@mikro-orm/core';

export class BookService {
  constructor(private readonly em: EntityManager) {}
}
`,
  // ---------------------------------------------------------------- JavaScript
  'src/js/legacy-store.js': `import { db as defaultDb } from '../knex/db';

export class LegacyStore {
  constructor(db) {
    this.db = db ?? defaultDb;
  }
}
`,
  // ---------------------------------------------------------------- Sequelize
  'src/sequelize/sequelize.ts': `import { Sequelize } from 'sequelize';
export const sequelize = new Sequelize('sqlite::memory:');
`,
  'src/sequelize/payment-store.ts': `import type { Transaction } from 'sequelize';

export class PaymentStore {
  constructor(private readonly transaction?: Transaction) {}
}
`,
  // ---------------------------------------------------------------- PGlite: session types through project aliases (story 1)
  'src/pglite/database.ts': `import { PGlite, type Transaction } from '@electric-sql/pglite';

/** Where SQL runs: the database itself, or a transaction opened on it. */
export type Session = Pick<Transaction, 'query' | 'exec'>;

export async function openDatabase(): Promise<PGlite> {
  return PGlite.create();
}

let defaultDatabase: PGlite | undefined;

export function setDefaultDatabase(db: PGlite): void {
  defaultDatabase = db;
}

export function getDefaultDatabase(): PGlite {
  if (!defaultDatabase) throw new Error('no default database');
  return defaultDatabase;
}

/** The same, without a declared return type. */
export function currentDatabase() {
  if (!defaultDatabase) throw new Error('no default database');
  return defaultDatabase;
}
`,
  'src/pglite/metadata-store.ts': `import { type Session, getDefaultDatabase } from './database';

export class MetadataStore {
  constructor(private readonly session: Session = getDefaultDatabase()) {}
}
`,
  'src/pglite/scheduler.ts': `import type { Session } from './database';
import type { MetadataStore } from './metadata-store';

export class Scheduler {
  constructor(
    private readonly session: Session,
    private readonly metadata: MetadataStore,
  ) {}
}
`,
  'src/pglite/traced.ts': `import type { Session } from './database';

export interface Traced extends Session {
  trace: boolean;
}
`,
  'src/pglite/stores.ts': `import type { Transaction } from '@electric-sql/pglite';
import { getDefaultDatabase } from './database';
import type { Traced } from './traced';

type Db = Transaction;
type Queryable = Omit<Transaction, 'rollback'>;
type MaybeTx = Readonly<Transaction> | undefined;
type Labelled = Transaction & { label: string };
interface TxLike extends Pick<Transaction, 'query'> {}

export class AliasStore {
  constructor(private readonly db: Db = getDefaultDatabase()) {}
}
export class OmitStore {
  constructor(private readonly db: Queryable = getDefaultDatabase()) {}
}
export class OptionalStore {
  constructor(private readonly db?: MaybeTx) {}
}
export class NullableStore {
  constructor(private readonly db: Partial<Transaction> | null = null) {}
}
export class LabelledStore {
  constructor(private readonly db?: Labelled) {}
}
export class InterfaceStore {
  constructor(private readonly db: TxLike = getDefaultDatabase()) {}
}
export function createTracedStore(db?: Traced) {
  return { db };
}
`,
  'src/pglite/legacy-store.js': `import { currentDatabase } from './database';

export class LegacyEventStore {
  constructor(session = currentDatabase()) {
    this.session = session;
  }
}
`,
  'src/pglite/look-alikes.ts': `import type { PGlite } from '@electric-sql/pglite';
import { currentDatabase, openDatabase } from './database';

interface Request {
  headers: Record<string, string>;
}
/** Named like a session, but a web session. */
type Session = { id: string; user: string };
type Headers = Pick<Request, 'headers'>;
/** A project type that shadows the global utility type. */
type Omit<T, K> = { base: T; omitted: K };

function loadSession(): Session {
  return { id: '', user: '' };
}

export class SessionCache {
  constructor(private readonly session: Session = loadSession()) {}
}
export class HeaderStore {
  constructor(private readonly session: Headers = { headers: {} }) {}
}
export class ResponseStore {
  constructor(private readonly session: Pick<Response, 'status'> = new Response()) {}
}
export class ShadowedStore {
  constructor(private readonly db?: Omit<PGlite, 'close'>) {}
}
export function createSessionLog(session = loadSession()) {
  return { session };
}
export function createLazyStore(db = openDatabase()) {
  return { db };
}
async function reuseDatabase() {
  return currentDatabase();
}
export function createReusingStore(db = reuseDatabase()) {
  return { db };
}
`,
  'src/pg/connections.js': `import { pool } from './pool';

export function getPool() {
  return pool;
}

export const makeClient = () => ({ query: () => undefined });

export class PoolStore {
  constructor(client = getPool()) {
    this.client = client;
  }
}

export class LooseStore {
  constructor(client = makeClient()) {
    this.client = client;
  }
}
`,
  // ---------------------------------------------------------------- what only the type checker sees through
  'src/test-support.ts': `import type { EntityManager } from 'typeorm';
import type { Knex } from 'knex';
import type { ClientSession } from 'mongoose';

export declare function openTestManager(): Promise<EntityManager>;
export declare function beginTransaction(): Promise<Knex.Transaction>;
export declare function startTestSession(): Promise<ClientSession>;
`,
  'src/aliases.ts': `import { UserStore } from './user-store';
export const Store = UserStore;
`,
  'src/ledger-store.ts': `import type { Prisma } from '@prisma/client';

export interface AppTx extends Prisma.TransactionClient {}

export class LedgerStore {
  constructor(private readonly tx?: AppTx) {}
}
`,
  // ---------------------------------------------------------------- a fixtures module
  'tests/fixtures.ts': `import { test as base } from 'vitest';
import type { Prisma } from '@prisma/client';
import { prisma } from '../src/prisma';

class Rollback extends Error {}

export const test = base.extend<{ tx: Prisma.TransactionClient }>({
  tx: async ({}, use) => {
    await prisma
      .$transaction(async (tx) => {
        await use(tx);
        throw new Rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof Rollback)) throw error;
      });
  },
});
`,
  'tests/pglite-fixtures.ts': `import { afterAll, beforeAll, test as base } from 'vitest';
import type { PGlite, Transaction } from '@electric-sql/pglite';
import { openDatabase, setDefaultDatabase } from '../src/pglite/database';

let db: PGlite;
beforeAll(async () => {
  db = await openDatabase();
  setDefaultDatabase(db);
});
afterAll(async () => {
  await db.close();
});

export const test = base.extend<{ tx: Transaction }>({
  tx: async ({}, use) => {
    await db.transaction(async (tx) => {
      await use(tx);
      await tx.rollback();
    });
  },
});
`,
  'tests/singleton-fixtures.ts': `import { test as base } from 'vitest';
import type { PrismaClient } from '@prisma/client';
import { prisma } from '../src/prisma';

export const test = base.extend<{ db: PrismaClient }>({
  db: async ({}, use) => {
    await use(prisma);
  },
});
`,
});

// Declarations of the ORM packages, where the type checker looks for them.
const packages = path.join(__dirname, '../fixtures/session-packages');
fs.cpSync(packages, path.join(root, 'node_modules'), { recursive: true, filter: (source) => !source.endsWith('README.md') });

afterAll(() => removeTree(root));

describe('options', () => {
  it('reports an invalid sessionNamePattern as a configuration error', () => {
    const linter = new Linter({ cwd: root });
    const lint = () =>
      linter.verify(
        "import { it } from 'vitest';\nit('x', () => {});\n",
        [
          {
            files: ['**/*.ts'],
            languageOptions: { parser: tsParser },
            plugins: { t: { rules: { r: rule as never } } },
            rules: { 't/r': ['error', { sessionNamePattern: '(' }] },
          },
        ],
        { filename: testFile },
      );
    expect(lint).toThrow(/sessionNamePattern option "\(" is not a valid regular expression/);
  });
});

const testFile = path.join(root, 'tests/orders.test.ts');
const jsTestFile = path.join(root, 'tests/legacy.test.js');
const sourceFile = path.join(root, 'src/services/transfer.ts');
/** Typed cases lint an in-memory file at the project root, through the project service's default project. */
const typedFile = path.join(root, 'typed.test.ts');
const typed = {
  parserOptions: { projectService: { allowDefaultProject: ['*.ts'] }, tsconfigRootDir: root },
};

/** `code` with the one occurrence of `before` replaced: a suggestion's exact output. */
function edit(code: string, before: string, after: string): string {
  const at = code.indexOf(before);
  if (at === -1 || code.indexOf(before, at + 1) !== -1) throw new Error(`expected exactly one "${before}"`);
  return code.slice(0, at) + after + code.slice(at + before.length);
}

const ruleTester = new RuleTester();

// ------------------------------------------------------------------ invalid code, shared by cases and their suggestions

const bodyFallbacks = `
import { it } from 'vitest';
import { prisma } from '../src/prisma';
import { FallbackStore, createFallbackStore } from '../src/fallback-store';

it('creates a user', async () => {
  await prisma.$transaction(async (tx) => {
    const store = new FallbackStore();
    const other = createFallbackStore();
  });
});
`;

const prismaTransaction = `
import { it } from 'vitest';
import { prisma } from '../src/prisma';
import { UserStore } from '../src/user-store';

it('creates a user', async () => {
  await prisma.$transaction(async (tx) => {
    const store = new UserStore();
    await prisma.user.create({ data: { name: 'a' } });
  });
});
`;

const overloadedConstructor = `
import { it } from 'vitest';
import { prisma } from '../src/prisma';
import { AuditedStore } from '../src/audited-store';

it('creates a user', async () => {
  await prisma.$transaction(async (tx) => {
    const store = new AuditedStore(tx);
  });
});
`;

const prismaFixture = `
import { test as base } from 'vitest';
import type { Prisma } from '@prisma/client';
import { prisma } from '../src/prisma';
import { UserStore, createUserStore } from '../src/user-store';

const test = base.extend<{ tx: Prisma.TransactionClient; store: UserStore }>({
  tx: async ({}, use) => {
    await prisma.$transaction(async (tx) => {
      await use(tx);
    });
  },
  store: async ({ tx }, use) => {
    await use(createUserStore());
  },
});

test('reads', async ({ tx }) => {
  const store = new UserStore(undefined);
});
`;

const importedFixture = `
import { test } from './fixtures';
import { UserStore } from '../src/index';

test('reads through the fixture', async ({ tx }) => {
  const store = new UserStore();
});
`;

const queryRunnerHooks = `
import { afterEach, beforeEach, describe, it } from 'vitest';
import { getRepository, type QueryRunner } from 'typeorm';
import { AppDataSource } from '../src/typeorm/data-source';
import { OrderRepository } from '../src/typeorm/order-repository';
import { AuditLog } from '../src/typeorm/audit-log';
import { User } from '../src/typeorm/user.entity';

describe('orders', () => {
  let queryRunner: QueryRunner;
  let audit: AuditLog;

  beforeEach(async () => {
    queryRunner = AppDataSource.createQueryRunner();
    await queryRunner.startTransaction();
  });

  beforeEach(() => {
    audit = new AuditLog();
  });

  afterEach(async () => {
    await queryRunner.rollbackTransaction();
    await queryRunner.release();
  });

  it('saves an order', async () => {
    const orders = new OrderRepository();
    await getRepository(User).save({ id: 1 });
    await AppDataSource.manager.save({ id: 2 });
  });
});
`;

const typeormTransaction = `
import { it } from 'vitest';
import { getManager } from 'typeorm';
import { AppDataSource } from '../src/typeorm/data-source';
import { OrderRepository } from '../src/typeorm/order-repository';

it('runs in a transaction', async () => {
  await AppDataSource.transaction(async (manager) => {
    const orders = new OrderRepository();
    await getManager().save({ id: 1 });
  });
});
`;

const nestTestingModule = `
import { beforeAll, it } from 'vitest';
import { Test, type TestingModule } from '@nestjs/testing';
import { DataSource, EntityManager } from 'typeorm';
import { AppModule } from '../src/app.module';
import { OrderRepository } from '../src/typeorm/order-repository';
import { UserService } from '../src/typeorm/user-service';

let moduleRef: TestingModule;

beforeAll(async () => {
  moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
});

it('uses the module connection', () => {
  const manager = moduleRef.get(EntityManager);
  const orders = new OrderRepository();
  const users = new UserService();
});
`;

const knexHooks = `
import { afterEach, beforeEach, it } from 'vitest';
import type { Knex } from 'knex';
import { db } from '../src/knex/db';
import { InvoiceStore } from '../src/knex/invoice-store';
import { createLedger } from '../src/knex/create-ledger';

let trx: Knex.Transaction;
beforeEach(async () => {
  trx = await db.transaction();
});
afterEach(async () => {
  await trx.rollback();
});

it('bills', async () => {
  const invoices = new InvoiceStore();
  const ledger = createLedger(void 0);
  await db('invoices').insert({ total: 1 });
});
`;

const knexCallback = `
import { it } from 'vitest';
import { db } from '../src/knex/db';
import { createLedger } from '../src/knex/create-ledger';

it('books', async () => {
  await db.transaction(async (trx) => {
    const ledger = createLedger();
  });
});
`;

const kyselyTransaction = `
import { it } from 'vitest';
import { db } from '../src/kysely/db';
import { PersonRepository } from '../src/kysely/person-repository';

it('finds people', async () => {
  await db.transaction().execute(async (trx) => {
    const people = new PersonRepository();
  });
});
`;

const kyselyReport = `
import { it } from 'vitest';
import { db } from '../src/kysely/db';
import { ReportBuilder } from '../src/kysely/report-builder';
import { ReportService } from '../src/kysely/report-service';
import { PersonRepository } from '../src/kysely/person-repository';

it('builds a report', async () => {
  await db.transaction().execute(async (trx) => {
    const service = new ReportService(new PersonRepository(trx), new ReportBuilder());
  });
});
`;

const drizzleTransaction = `
import { it } from 'vitest';
import { db } from '../src/drizzle/db';
import { createNoteStore } from '../src/drizzle/note-store';

it('writes notes', async () => {
  await db.transaction(async (tx) => {
    const notes = createNoteStore();
    await db.insert({}).values({ text: 'x' });
  });
});
`;

const mongooseConnection = `
import { afterAll, beforeAll, it } from 'vitest';
import mongoose, { type Connection } from 'mongoose';
import { CatRepository } from '../src/mongoose/cat-repository';
import { transferFunds } from '../src/mongoose/transfer';

let connection: Connection;

beforeAll(async () => {
  connection = await mongoose.createConnection(process.env.MONGO_URL!).asPromise();
});

afterAll(async () => {
  await connection.close();
});

it('stores cats', async () => {
  const cats = new CatRepository();
  const Cat = mongoose.model('Cat');
  const session = await connection.startSession();
  await transferFunds(10);
});
`;

const pgClient = `
import { afterEach, beforeEach, it } from 'vitest';
import type { PoolClient } from 'pg';
import { pool } from '../src/pg/pool';
import { AccountStore } from '../src/pg/account-store';

let client: PoolClient;
beforeEach(async () => {
  client = await pool.connect();
  await client.query('BEGIN');
});
afterEach(async () => {
  await client.query('ROLLBACK');
  client.release();
});

it('opens an account', () => {
  const accounts = new AccountStore();
});
`;

const mikroFork = `
import { beforeAll, beforeEach, it } from 'vitest';
import { MikroORM, type EntityManager } from '@mikro-orm/core';
import { BookService } from '../src/mikro/book-service';

let orm: MikroORM;
let em: EntityManager;

beforeAll(async () => {
  orm = await MikroORM.init();
});

beforeEach(() => {
  em = orm.em.fork();
});

it('lends a book', () => {
  const books = new BookService();
});
`;

const legacyJs = `
import { it } from 'vitest';
import { db } from '../src/knex/db';
import { LegacyStore } from '../src/js/legacy-store';

it('keeps legacy rows', async () => {
  await db.transaction(async (trx) => {
    const store = new LegacyStore();
  });
});
`;

const ownClient = `
import { describe, it } from 'vitest';
import { PrismaClient } from '@prisma/client';
import * as stores from '../src/user-store';
import { AdminStore } from '../src/user-store';

const prisma = new PrismaClient();

describe('admins', () => {
  it('promotes', () => {
    const users = new stores.UserStore();
    const admins = new AdminStore;
  });
});
`;

const gapFilling = `
import { it } from 'vitest';
import { prisma } from '../src/prisma';
import { ReportService } from '../src/report-service';

it('reports', async () => {
  await prisma.$transaction(async (tx) => {
    const reports = new ReportService('monthly');
  });
});
`;

const sourceTransaction = `
import { prisma } from '../prisma';
import { UserStore } from '../user-store';

export async function transfer(): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const store = new UserStore();
    await prisma.user.create({ data: {} });
  });
}
`;

const mochaHooks = `
const { db } = require('../src/knex/db');
const { InvoiceStore } = require('../src/knex/invoice-store');

describe('invoices', function () {
  let trx;
  beforeEach(async function () {
    trx = await db.transaction();
  });
  it('totals', function () {
    const invoices = new InvoiceStore();
  });
});
`;

const playwrightFixtures = `
import { test as base } from '@playwright/test';
import { AppDataSource } from '../src/typeorm/data-source';
import { OrderRepository } from '../src/typeorm/order-repository';
import type { EntityManager } from 'typeorm';

export const test = base.extend<{ em: EntityManager; orders: OrderRepository }>({
  em: async ({}, use) => {
    const queryRunner = AppDataSource.createQueryRunner();
    await queryRunner.startTransaction();
    await use(queryRunner.manager);
    await queryRunner.rollbackTransaction();
  },
  orders: async ({ em }, use) => {
    await use(new OrderRepository());
  },
});
`;

const twoSessions = `
import { it } from 'vitest';
import { PrismaClient } from '@prisma/client';
import { UserStore } from '../src/user-store';

const client = new PrismaClient();

it('has two candidates', async () => {
  await client.$transaction(async (tx) => {
    const store = new UserStore();
  });
});
`;

const localClass = `
import { it } from 'vitest';
import type { Knex } from 'knex';
import { db } from '../src/knex/db';

class Fixture {
  constructor(readonly trx?: Knex.Transaction) {}
}

function seed(count: number, knex = db) {
  return { count, knex };
}

it('seeds', async () => {
  await db.transaction(async (trx) => {
    const fixture = new Fixture();
    seed(3);
  });
});
`;

const sessionTypesOption = `
import { it } from 'vitest';
import { prisma } from '../src/prisma';
import { SettingsStore } from '../src/app-db';

it('stores settings', async () => {
  await prisma.$transaction(async (tx) => {
    const settings = new SettingsStore();
  });
});
`;

/** Story 1's fixtures: the scheduler gets the transaction, the store it is built with does not. */
const pgliteStory = `
import { afterAll, beforeAll, test as base } from 'vitest';
import type { PGlite, Transaction } from '@electric-sql/pglite';
import { openDatabase, setDefaultDatabase } from '../src/pglite/database';
import { MetadataStore } from '../src/pglite/metadata-store';
import { Scheduler } from '../src/pglite/scheduler';

let db: PGlite;

beforeAll(async () => {
  db = await openDatabase();
  setDefaultDatabase(db);
});

afterAll(async () => {
  await db.close();
});

export const test = base.extend<{ tx: Transaction; scheduler: Scheduler }>({
  tx: async ({}, use) => {
    await db.transaction(async (tx) => {
      await use(tx);
      await tx.rollback();
    });
  },
  scheduler: async ({ tx }, use) => {
    await use(new Scheduler(tx, new MetadataStore()));
  },
});
`;

const pgliteAliases = `
import { test } from './pglite-fixtures';
import { AliasStore, InterfaceStore, LabelledStore, NullableStore, OmitStore, OptionalStore, createTracedStore } from '../src/pglite/stores';
import { LegacyEventStore } from '../src/pglite/legacy-store';

test('records', async ({ tx }) => {
  const alias = new AliasStore();
  const omit = new OmitStore();
  const optional = new OptionalStore(undefined);
  const nullable = new NullableStore();
  const labelled = new LabelledStore();
  const iface = new InterfaceStore();
  const traced = createTracedStore();
  const legacy = new LegacyEventStore();
});
`;

const poolDefaults = `
import { it } from 'vitest';
import { pool } from '../src/pg/pool';
import { LooseStore, PoolStore } from '../src/pg/connections';

it('uses a client of the pool', async () => {
  const client = await pool.connect();
  const store = new PoolStore();
  const loose = new LooseStore();
  client.release();
});
`;

const typedHelperSession = `
import { it } from 'vitest';
import { openTestManager } from './src/test-support';
import { OrderRepository } from './src/typeorm/order-repository';

it('saves', async () => {
  const em = await openTestManager();
  const orders = new OrderRepository();
});
`;

const typedAliasedClass = `
import { it } from 'vitest';
import { prisma } from './src/prisma';
import { Store } from './src/aliases';
import { LedgerStore } from './src/ledger-store';

it('writes', async () => {
  await prisma.$transaction(async (tx) => {
    const store = new Store();
    const ledger = new LedgerStore();
  });
});
`;

const typedKnexAndMongoose = `
import { it } from 'vitest';
import { beginTransaction, startTestSession } from './src/test-support';
import { InvoiceStore } from './src/knex/invoice-store';
import { transferFunds } from './src/mongoose/transfer';

it('bills and transfers', async () => {
  const trx = await beginTransaction();
  const session = await startTestSession();
  const invoices = new InvoiceStore();
  await transferFunds(5);
});
`;

const typedNestPrisma = `
import { beforeAll, it } from 'vitest';
import { Test, type TestingModule } from '@nestjs/testing';
import { PrismaService, AccountService } from './src/prisma-service';

let moduleRef: TestingModule;
beforeAll(async () => {
  moduleRef = await Test.createTestingModule({}).compile();
});

it('opens accounts', () => {
  const prisma = moduleRef.get(PrismaService);
  const accounts = new AccountService();
});
`;

const freshPrisma = `
import { it } from 'vitest';
import { PrismaClient } from '@prisma/client';
import { prisma } from '../src/prisma';
import { UserStore } from '../src/user-store';

it('creates a user', async () => {
  await prisma.$transaction(async (tx) => {
    const store = new UserStore(new PrismaClient());
  });
});
`;

const freshTypeorm = `
import { beforeEach, it } from 'vitest';
import type { QueryRunner } from 'typeorm';
import { AppDataSource } from '../src/typeorm/data-source';
import { OrderRepository } from '../src/typeorm/order-repository';
import { AuditLog } from '../src/typeorm/audit-log';

let queryRunner: QueryRunner;
beforeEach(async () => {
  queryRunner = AppDataSource.createQueryRunner();
  await queryRunner.startTransaction();
});

it('saves', () => {
  const orders = new OrderRepository(AppDataSource.manager);
  const audit = new AuditLog(AppDataSource.createQueryRunner());
});
`;

const freshFixture = `
import { test as base } from 'vitest';
import type { EntityManager } from 'typeorm';
import { AppDataSource } from '../src/typeorm/data-source';
import { OrderRepository } from '../src/typeorm/order-repository';

export const test = base.extend<{ em: EntityManager; orders: OrderRepository }>({
  em: async ({}, use) => {
    await AppDataSource.transaction(async (em) => {
      await use(em);
    });
  },
  orders: async ({ em }, use) => {
    await use(new OrderRepository(AppDataSource.manager));
  },
});
`;

const freshKnexDrizzle = `
import { it } from 'vitest';
import knex from 'knex';
import { drizzle } from 'drizzle-orm/node-postgres';
import { db } from '../src/knex/db';
import { db as notesDb } from '../src/drizzle/db';
import { InvoiceStore } from '../src/knex/invoice-store';
import { createNoteStore } from '../src/drizzle/note-store';

it('bills', async () => {
  await db.transaction(async (trx) => {
    const invoices = new InvoiceStore(knex({ client: 'pg', connection: process.env.DATABASE_URL }));
  });
  await notesDb.transaction(async (tx) => {
    const notes = createNoteStore(drizzle(process.env.DATABASE_URL));
  });
});
`;

const freshMongoosePg = `
import { beforeAll, beforeEach, it } from 'vitest';
import mongoose, { type Connection } from 'mongoose';
import type { PoolClient } from 'pg';
import { pool } from '../src/pg/pool';
import { AccountStore } from '../src/pg/account-store';
import { CatRepository } from '../src/mongoose/cat-repository';

let connection: Connection;
let client: PoolClient;
beforeAll(async () => {
  connection = await mongoose.createConnection(process.env.MONGO_URL!).asPromise();
});
beforeEach(async () => {
  client = await pool.connect();
});

it('keeps both', () => {
  const cats = new CatRepository(mongoose.connection);
  const accounts = new AccountStore(pool);
});
`;

const overrideTypeorm = `
import { beforeAll, it } from 'vitest';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { getRepositoryToken } from '@nestjs/typeorm';
import { AppDataSource } from '../src/typeorm/data-source';
import { OrderRepository } from '../src/typeorm/order-repository';
import { AuditLog } from '../src/typeorm/audit-log';
import { User } from '../src/typeorm/user.entity';

const testDataSource = new DataSource({ type: 'sqlite' });

beforeAll(async () => {
  await Test.createTestingModule({
    providers: [
      { provide: OrderRepository, useValue: new OrderRepository() },
      { provide: getRepositoryToken(User), useValue: AppDataSource.getRepository(User) },
      { provide: AuditLog, useFactory: () => new AuditLog() },
    ],
  })
    .overrideProvider(DataSource)
    .useValue(testDataSource)
    .compile();
});
`;

const overrideChainCode = `
import { Test } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import { OrderRepository } from '../src/typeorm/order-repository';

export async function createModule(dataSource: unknown) {
  return Test.createTestingModule({ imports: [] })
    .overrideProvider(getDataSourceToken())
    .useValue(dataSource)
    .overrideProvider(OrderRepository)
    .useFactory({ factory: () => new OrderRepository() })
    .compile();
}
`;

const overridePrismaMongoose = `
import { Test } from '@nestjs/testing';
import { getConnectionToken } from '@nestjs/mongoose';
import { PrismaService } from '../src/prisma-service';
import { UserStore } from '../src/user-store';
import { CatRepository } from '../src/mongoose/cat-repository';

export async function createModules(prismaTx: unknown, connection: unknown) {
  const users = await Test.createTestingModule({
    providers: [{ provide: UserStore, useValue: new UserStore() }],
  })
    .overrideProvider(PrismaService)
    .useValue(prismaTx)
    .compile();
  const cats = await Test.createTestingModule({
    providers: [
      { provide: getConnectionToken(), useValue: connection },
      { provide: CatRepository, useFactory: () => { return new CatRepository(); } },
    ],
  }).compile();
  return { users, cats };
}
`;

const sequelizeTransaction = `
import { beforeEach, it } from 'vitest';
import type { Transaction } from 'sequelize';
import { sequelize } from '../src/sequelize/sequelize';
import { PaymentStore } from '../src/sequelize/payment-store';

let t: Transaction;
beforeEach(async () => {
  t = await sequelize.transaction();
});

it('pays', () => {
  const payments = new PaymentStore();
});
`;

const jestGlobals = `
const { db } = require('../../src/knex/db');
const { createLedger } = require('../../src/knex/create-ledger');

describe('ledger', () => {
  let trx;
  beforeEach(async () => {
    trx = await db.transaction();
  });
  test('books', () => {
    const ledger = createLedger();
  });
});
`;

const nodeTestCallbacks = `
import { test } from 'node:test';
import { MikroORM } from '@mikro-orm/core';
import { BookService } from '../src/mikro/book-service';
import { connection } from 'mongoose';
import { transferFunds } from '../src/mongoose/transfer';

test('lends and transfers', async () => {
  const orm = await MikroORM.init();
  await orm.em.transactional(async (em) => {
    const books = new BookService();
  });
  await connection.transaction(async (session) => {
    await transferFunds(1);
  });
});
`;

const declaredFixture = `
import { test as base } from 'vitest';
import type { EntityManager } from 'typeorm';
import { openTestManager } from '../src/test-support';
import { OrderRepository } from '../src/typeorm/order-repository';

const test = base.extend<{ em: EntityManager }>({
  em: async ({}, use) => {
    await use(await openTestManager());
  },
});

test('orders', ({ em }) => {
  const orders = new OrderRepository();
});
`;

const sourceFresh = `
import { PrismaClient } from '@prisma/client';
import { prisma } from '../prisma';
import { UserStore } from '../user-store';

export async function transfer(): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const store = new UserStore(new PrismaClient());
  });
}
`;

const typedGlobalAndFresh = `
import { it } from 'vitest';
import { getRepository } from 'typeorm';
import { openTestManager } from './src/test-support';
import { AppDataSource } from './src/typeorm/data-source';
import { OrderRepository } from './src/typeorm/order-repository';
import { User } from './src/typeorm/user.entity';

it('saves', async () => {
  const em = await openTestManager();
  await getRepository(User).save({ id: 1 });
  const orders = new OrderRepository(AppDataSource.manager);
});
`;

ruleTester.run('no-uninjected-session', rule, {
  valid: [
    // ------------------------------------------------------------ the session is handed over
    {
      name: 'the transaction client is passed',
      filename: testFile,
      code: edit(edit(prismaTransaction, 'new UserStore()', 'new UserStore(tx)'), 'await prisma.user', 'await tx.user'),
    },
    {
      name: 'fixtures that pass the tx fixture on',
      filename: testFile,
      code: edit(edit(prismaFixture, 'use(createUserStore())', 'use(createUserStore(tx))'), 'new UserStore(undefined)', 'new UserStore(tx)'),
    },
    {
      name: 'the session is the third argument and is passed',
      filename: testFile,
      code: edit(gapFilling, "new ReportService('monthly')", "new ReportService('monthly', 10, tx)"),
    },
    {
      name: 'typeorm: the query runner and its manager are passed, queries go through the runner',
      filename: testFile,
      code: edit(
        edit(
          edit(edit(queryRunnerHooks, 'new AuditLog()', 'new AuditLog(queryRunner)'), 'new OrderRepository()', 'new OrderRepository(queryRunner.manager)'),
          'await getRepository(User)',
          'await queryRunner.manager.getRepository(User)',
        ),
        'await AppDataSource.manager.save',
        'await queryRunner.manager.save',
      ),
    },
    {
      name: 'knex: passed positionally and through a factory',
      filename: testFile,
      code: edit(edit(edit(knexHooks, 'new InvoiceStore()', 'new InvoiceStore(trx)'), 'createLedger(void 0)', 'createLedger(trx)'), "await db('invoices')", "await trx('invoices')"),
    },
    // ------------------------------------------------------------ no session of the test in scope
    {
      name: 'no session in scope: the store uses the app client, as the test intends',
      filename: testFile,
      code: `
        import { it } from 'vitest';
        import { prisma } from '../src/prisma';
        import { UserStore } from '../src/user-store';
        it('creates a user', async () => {
          const store = new UserStore();
          await prisma.user.create({ data: {} });
        });
      `,
    },
    {
      name: 'an imported singleton handed on as a fixture is the default itself, not a session of the test',
      filename: testFile,
      code: `
        import { test } from './singleton-fixtures';
        import { UserStore } from '../src/user-store';
        test('reads', async ({ db }) => {
          const store = new UserStore();
        });
      `,
    },
    {
      name: 'a view of the app singleton (AppDataSource.manager) is the connection the repository falls back to',
      filename: testFile,
      code: `
        import { it } from 'vitest';
        import { AppDataSource } from '../src/typeorm/data-source';
        import { OrderRepository } from '../src/typeorm/order-repository';
        it('saves', async () => {
          const manager = AppDataSource.manager;
          const orders = new OrderRepository();
        });
      `,
    },
    {
      name: 'a session of another library: a Prisma transaction does not concern a Knex store',
      filename: testFile,
      code: `
        import { it } from 'vitest';
        import { prisma } from '../src/prisma';
        import { InvoiceStore } from '../src/knex/invoice-store';
        it('bills', async () => {
          await prisma.$transaction(async (tx) => {
            const invoices = new InvoiceStore();
          });
        });
      `,
    },
    {
      name: 'a store built in beforeAll cannot get the transaction beforeEach opens later',
      filename: testFile,
      code: `
        import { beforeAll, beforeEach, it } from 'vitest';
        import type { Knex } from 'knex';
        import { db } from '../src/knex/db';
        import { InvoiceStore } from '../src/knex/invoice-store';
        let trx: Knex.Transaction;
        let invoices: InvoiceStore;
        beforeAll(() => {
          invoices = new InvoiceStore();
        });
        beforeEach(async () => {
          trx = await db.transaction();
        });
        it('bills', () => {});
      `,
    },
    {
      name: 'module-level code of a test file runs before any hook',
      filename: testFile,
      code: `
        import { beforeEach, it } from 'vitest';
        import type { PoolClient } from 'pg';
        import { pool } from '../src/pg/pool';
        import { AccountStore } from '../src/pg/account-store';
        let client: PoolClient;
        const accounts = new AccountStore();
        beforeEach(async () => {
          client = await pool.connect();
        });
        it('opens', () => {});
      `,
    },
    {
      name: 'a session in a sibling callback is not in scope',
      filename: testFile,
      code: `
        import { it } from 'vitest';
        import { db } from '../src/knex/db';
        import { createLedger } from '../src/knex/create-ledger';
        it('books', async () => {
          await db.transaction(async (trx) => {});
          const ledger = createLedger();
        });
      `,
    },
    // ------------------------------------------------------------ not a session parameter
    {
      name: 'a class without a session parameter, imported through a renaming re-export',
      filename: testFile,
      code: `
        import { it } from 'vitest';
        import { prisma } from '../src/prisma';
        import { SystemClock } from '../src/index';
        it('ticks', async () => {
          await prisma.$transaction(async (tx) => {
            const clock = new SystemClock();
          });
        });
      `,
    },
    {
      name: 'a parameter named client whose type is not a session type',
      filename: testFile,
      code: `
        import { it } from 'vitest';
        import { prisma } from '../src/prisma';
        import { Cache } from '../src/cache';
        it('caches', async () => {
          await prisma.$transaction(async (tx) => {
            const cache = new Cache();
          });
        });
      `,
    },
    {
      name: 'a session inside a destructured options object is not read',
      filename: testFile,
      code: `
        import { it } from 'vitest';
        import { prisma } from '../src/prisma';
        import { createOptionsStore } from '../src/options-store';
        it('stores', async () => {
          await prisma.$transaction(async (tx) => {
            const store = createOptionsStore({ logger: console });
          });
        });
      `,
    },
    {
      name: 'an untyped parameter named like a session whose default is not a DB resource',
      filename: testFile,
      code: `
        import { it } from 'vitest';
        import request from 'supertest';
        import { db } from '../src/knex/db';
        const app = {};
        async function login(client = request(app), user = 'alice') {
          return { client, user };
        }
        it('logs in', async () => {
          await db.transaction(async (trx) => {
            await login();
          });
        });
      `,
    },
    {
      name: 'without the sessionTypes option, a project interface is not a session type',
      filename: testFile,
      code: sessionTypesOption,
    },
    {
      name: 'a custom sessionNamePattern that excludes db',
      filename: jsTestFile,
      code: legacyJs,
      options: [{ sessionNamePattern: '^(tx|trx)$' }],
    },
    // ------------------------------------------------------------ mocks, test contexts, unknown callees
    {
      name: 'mocks and fakes: vi.fn(), createMock<T>(), mockDeep<PrismaClient>()',
      filename: testFile,
      code: `
        import { it, vi } from 'vitest';
        import { createMock } from '@golevelup/ts-vitest';
        import { mockDeep } from 'vitest-mock-extended';
        import type { PrismaClient } from '@prisma/client';
        import type { EntityManager } from 'typeorm';
        import { UserStore } from '../src/user-store';
        import { OrderRepository } from '../src/typeorm/order-repository';
        it('uses mocks', () => {
          const prismaMock = mockDeep<PrismaClient>();
          const em: EntityManager = createMock<EntityManager>();
          const query = vi.fn();
          const store = new UserStore(prismaMock);
          const other = new UserStore();
          const orders = new OrderRepository();
        });
      `,
    },
    {
      name: 'a binding typed as a session but only ever assigned a mock',
      filename: testFile,
      code: `
        import { beforeEach, it, vi } from 'vitest';
        import type { Knex } from 'knex';
        import { InvoiceStore } from '../src/knex/invoice-store';
        let trx: Knex.Transaction;
        beforeEach(() => {
          trx = { commit: vi.fn() } as unknown as Knex.Transaction;
        });
        it('bills', () => {
          const invoices = new InvoiceStore();
        });
      `,
    },
    {
      name: 'a factory that receives the whole test context',
      filename: testFile,
      code: `
        import { test as base } from 'vitest';
        import type { Prisma } from '@prisma/client';
        import { prisma } from '../src/prisma';
        import { createContextStore } from '../src/options-store';
        const test = base.extend<{ tx: Prisma.TransactionClient }>({
          tx: async ({}, use) => {
            await prisma.$transaction(async (tx) => use(tx));
          },
        });
        test('reads', async (context) => {
          const store = createContextStore(context);
        });
      `,
    },
    {
      name: 'a class from a package, a module that does not exist, a constructor inherited from a package class',
      filename: testFile,
      code: `
        import { it } from 'vitest';
        import { prisma } from '../src/prisma';
        import { Store } from 'some-orm-toolkit';
        import { Missing } from '../src/missing';
        import { PrismaService } from '../src/prisma-service';
        it('builds', async () => {
          await prisma.$transaction(async (tx) => {
            new Store();
            new Missing();
            new PrismaService();
          });
        });
      `,
    },
    {
      name: 'spread arguments: positions cannot be told',
      filename: testFile,
      code: `
        import { it } from 'vitest';
        import { prisma } from '../src/prisma';
        import { UserStore } from '../src/user-store';
        it('spreads', async () => {
          await prisma.$transaction(async (tx) => {
            const args: [] = [];
            const store = new UserStore(...args);
          });
        });
      `,
    },
    {
      name: 'a helper in the test file whose default is the test\'s own client',
      filename: testFile,
      code: `
        import { it } from 'vitest';
        import { PrismaClient } from '@prisma/client';
        import { UserStore } from '../src/user-store';
        const testPrisma = new PrismaClient();
        function makeStore(db = testPrisma) {
          return new UserStore(db);
        }
        it('makes', () => {
          const store = makeStore();
        });
      `,
    },
    {
      name: "a repository the test takes from the app is not a session of its own: the global getManager() is the app's connection too",
      filename: path.join(root, 'test/users.e2e-spec.ts'),
      code: `
        import type { INestApplication } from '@nestjs/common';
        import { getManager, Repository } from 'typeorm';
        declare function createNestApp(): Promise<INestApplication>;
        class User { email = '' }
        let app: INestApplication;
        let userRepository: Repository<User>;
        beforeAll(async () => {
          app = await createNestApp();
          userRepository = app.get('UserRepository');
        });
        afterAll(() => app.close());
        it('reads what the app committed', async () => {
          const user = await getManager().findOne(User, { where: { email: 'a@b.c' } });
          expect(user).toBeDefined();
        });
      `,
    },
    {
      name: "helpers in the test file that fall back in their body to the test's own client, written five ways",
      filename: testFile,
      code: `
        import { beforeAll, it } from 'vitest';
        import { PrismaClient } from '@prisma/client';
        import { UserStore } from '../src/user-store';
        let testPrisma: PrismaClient;
        beforeAll(() => {
          testPrisma = new PrismaClient();
        });
        const viaOr = (db?: PrismaClient) => new UserStore(db || testPrisma);
        const viaNullish = (db?: PrismaClient) => ({ store: new UserStore(db ?? testPrisma) });
        function viaAssignment(db?: PrismaClient) {
          db ??= testPrisma;
          return new UserStore(db);
        }
        function viaIf(db?: PrismaClient) {
          if (db === undefined) {
            db = testPrisma;
          }
          return new UserStore(db);
        }
        const viaConditional = async (db?: PrismaClient) => new UserStore(!db ? testPrisma : db);
        it('makes', async () => {
          viaOr();
          viaNullish();
          viaAssignment();
          viaIf();
          await viaConditional();
        });
      `,
    },
    // ------------------------------------------------------------ outside tests, and look-alikes of global access
    {
      name: 'source files are not checked without checkSources',
      filename: sourceFile,
      code: sourceTransaction,
    },
    {
      name: 'managing the app client and deriving the test session from it are not queries',
      filename: testFile,
      code: `
        import { afterAll, beforeAll, beforeEach, it } from 'vitest';
        import type { QueryRunner } from 'typeorm';
        import { AppDataSource } from '../src/typeorm/data-source';
        import { prisma } from '../src/prisma';
        let queryRunner: QueryRunner;
        beforeAll(async () => {
          if (!AppDataSource.isInitialized) await AppDataSource.initialize();
        });
        beforeEach(async () => {
          queryRunner = AppDataSource.createQueryRunner();
          await queryRunner.startTransaction();
        });
        afterAll(async () => {
          await AppDataSource.destroy();
        });
        it('runs in a transaction', async () => {
          await AppDataSource.manager.transaction(async (em) => {});
          await prisma.$transaction(async (tx) => {
            await prisma.$disconnect();
          });
        });
      `,
    },
    {
      name: 'TypeORM globals with no TypeORM session of the test in scope',
      filename: testFile,
      code: `
        import { it } from 'vitest';
        import { getRepository } from 'typeorm';
        import { prisma } from '../src/prisma';
        import { User } from '../src/typeorm/user.entity';
        it('reads', async () => {
          await prisma.$transaction(async (tx) => {
            await getRepository(User).save({ id: 1 });
          });
        });
      `,
    },
    {
      name: "mongoose's default model() with only the default connection around",
      filename: testFile,
      code: `
        import { it } from 'vitest';
        import mongoose from 'mongoose';
        it('finds cats', async () => {
          const connection = mongoose.connection;
          const Cat = mongoose.model('Cat');
        });
      `,
    },
    {
      name: 'truncating through the app client in beforeAll, before the per-test transaction exists',
      filename: testFile,
      code: `
        import { beforeAll, beforeEach, it } from 'vitest';
        import type { Knex } from 'knex';
        import { db } from '../src/knex/db';
        let trx: Knex.Transaction;
        beforeAll(async () => {
          await db('invoices').del();
        });
        beforeEach(async () => {
          trx = await db.transaction();
        });
        it('bills', () => {});
      `,
    },
    {
      name: 'not a test file: no framework import, not under a test folder',
      filename: path.join(root, 'src/seed.ts'),
      code: `
        import { prisma } from './prisma';
        import { UserStore } from './user-store';
        export async function seed() {
          await prisma.$transaction(async (tx) => {
            new UserStore();
          });
        }
      `,
    },
    {
      name: 'in source files with checkSources, module-level clients are the defaults, not sessions of a caller',
      filename: sourceFile,
      options: [{ checkSources: true }],
      code: `
        import { PrismaClient } from '@prisma/client';
        import { UserStore } from '../user-store';
        const client = new PrismaClient();
        export function build() {
          return new UserStore();
        }
      `,
    },
    // ------------------------------------------------------------ fresh-session look-alikes
    {
      name: 'a new client for a store when the test has no session of its own',
      filename: testFile,
      code: `
        import { it } from 'vitest';
        import { PrismaClient } from '@prisma/client';
        import { prisma } from '../src/prisma';
        import { UserStore } from '../src/user-store';
        it('creates', () => {
          const store = new UserStore(new PrismaClient());
          const other = new UserStore(prisma);
        });
      `,
    },
    {
      name: "a nested transaction (savepoint) of the test's transaction is the test's session",
      filename: testFile,
      code: `
        import { it } from 'vitest';
        import { db } from '../src/knex/db';
        import { createLedger } from '../src/knex/create-ledger';
        it('books', async () => {
          await db.transaction(async (trx) => {
            const ledger = createLedger(await trx.transaction());
          });
        });
      `,
    },
    {
      name: 'a provider resolved from the testing module is not a new connection',
      filename: testFile,
      code: `
        import { beforeAll, it } from 'vitest';
        import { Test, type TestingModule } from '@nestjs/testing';
        import { EntityManager } from 'typeorm';
        import { OrderRepository } from '../src/typeorm/order-repository';
        let moduleRef: TestingModule;
        beforeAll(async () => {
          moduleRef = await Test.createTestingModule({}).compile();
        });
        it('saves', () => {
          const manager = moduleRef.get(EntityManager);
          const orders = new OrderRepository(moduleRef.get(EntityManager));
        });
      `,
    },
    {
      name: 'a new client handed to a package class, not to project code',
      filename: testFile,
      code: `
        import { it } from 'vitest';
        import { PrismaClient } from '@prisma/client';
        import { prisma } from '../src/prisma';
        import { Adapter } from 'some-adapter';
        it('adapts', async () => {
          await prisma.$transaction(async (tx) => {
            const adapter = new Adapter(new PrismaClient());
          });
        });
      `,
    },
    {
      name: "a client of another library than the test's session",
      filename: testFile,
      code: `
        import { it } from 'vitest';
        import knex from 'knex';
        import { prisma } from '../src/prisma';
        import { InvoiceStore } from '../src/knex/invoice-store';
        it('bills', async () => {
          await prisma.$transaction(async (tx) => {
            const invoices = new InvoiceStore(knex({ client: 'pg', connection: process.env.DATABASE_URL }));
          });
        });
      `,
    },
    // ------------------------------------------------------------ testing-module look-alikes
    {
      name: 'nestjs: every provider on the path follows the override',
      filename: testFile,
      code: `
        import { beforeAll } from 'vitest';
        import { Test } from '@nestjs/testing';
        import { DataSource } from 'typeorm';
        import { OrderRepository } from '../src/typeorm/order-repository';
        import { UserService } from '../src/typeorm/user-service';
        const testDataSource = new DataSource({ type: 'sqlite' });
        beforeAll(async () => {
          await Test.createTestingModule({
            providers: [
              UserService,
              { provide: OrderRepository, useFactory: (ds: DataSource) => new OrderRepository(ds.manager), inject: [DataSource] },
              { provide: 'REPOSITORY', useClass: OrderRepository },
            ],
          })
            .overrideProvider(DataSource)
            .useValue(testDataSource)
            .compile();
        });
      `,
    },
    {
      name: 'nestjs: no provider on the session path is overridden',
      filename: testFile,
      code: `
        import { beforeAll } from 'vitest';
        import { Test } from '@nestjs/testing';
        import { OrderRepository } from '../src/typeorm/order-repository';
        import { MailService } from '../src/mail';
        beforeAll(async () => {
          await Test.createTestingModule({
            providers: [{ provide: OrderRepository, useValue: new OrderRepository() }],
          })
            .overrideProvider(MailService)
            .useValue({ send: () => undefined })
            .compile();
        });
      `,
    },
    {
      name: 'nestjs: the override concerns another library than the provider',
      filename: testFile,
      code: `
        import { beforeAll } from 'vitest';
        import { Test } from '@nestjs/testing';
        import { PrismaService } from '../src/prisma-service';
        import { OrderRepository } from '../src/typeorm/order-repository';
        beforeAll(async () => {
          await Test.createTestingModule({
            providers: [{ provide: OrderRepository, useValue: new OrderRepository() }],
          })
            .overrideProvider(PrismaService)
            .useValue({})
            .compile();
        });
      `,
    },
    {
      name: 'a Test that is not NestJS\'s',
      filename: testFile,
      code: `
        import { beforeAll } from 'vitest';
        import { Test } from './my-test-kit';
        import { DataSource } from 'typeorm';
        import { OrderRepository } from '../src/typeorm/order-repository';
        beforeAll(() => {
          Test.createTestingModule({ providers: [{ provide: OrderRepository, useValue: new OrderRepository() }] })
            .overrideProvider(DataSource)
            .useValue({});
        });
      `,
    },
    // ------------------------------------------------------------ sessions typed through project aliases (PGlite, story 1)
    {
      name: "pglite: story 1's fixed twin hands the transaction to the store too",
      filename: testFile,
      code: edit(pgliteStory, 'new MetadataStore()', 'new MetadataStore(tx)'),
    },
    {
      name: 'pglite: every aliased session parameter is passed',
      filename: testFile,
      code: pgliteAliases
        .replace(/new (\w+)\((undefined)?\)/g, 'new $1(tx)')
        .replace('createTracedStore()', 'createTracedStore(tx)'),
    },
    {
      name: 'look-alikes: a local alias of a web session, a Pick of an unrelated type, a project type shadowing Omit, defaults that are no connection (a promise of one is not one)',
      filename: testFile,
      code: `
        import { test } from './pglite-fixtures';
        import { HeaderStore, ResponseStore, SessionCache, ShadowedStore, createLazyStore, createReusingStore, createSessionLog } from '../src/pglite/look-alikes';
        test('caches', async ({ tx }) => {
          const cache = new SessionCache();
          const headers = new HeaderStore();
          const response = new ResponseStore();
          const shadowed = new ShadowedStore();
          const log = createSessionLog();
          const lazy = createLazyStore();
          const reusing = createReusingStore();
        });
      `,
    },
    {
      name: 'pglite: no session of the test in scope, the store uses the default database as intended',
      filename: testFile,
      code: `
        import { it } from 'vitest';
        import { MetadataStore } from '../src/pglite/metadata-store';
        import { AliasStore } from '../src/pglite/stores';
        it('records', () => {
          const store = new MetadataStore();
          const alias = new AliasStore();
        });
      `,
    },
    {
      name: 'pg: the pool client is passed; an untyped client parameter whose default builds a plain object is no session',
      filename: testFile,
      code: edit(poolDefaults, 'new PoolStore()', 'new PoolStore(client)'),
    },
    // ------------------------------------------------------------ typed
    {
      name: 'typed: a session from a helper, handed over',
      filename: typedFile,
      languageOptions: typed,
      options: [{ typeAware: true }],
      code: `
        import { it } from 'vitest';
        import { openTestManager } from './src/test-support';
        import { OrderRepository } from './src/typeorm/order-repository';
        it('saves', async () => {
          const em = await openTestManager();
          const orders = new OrderRepository(em);
        });
      `,
    },
    {
      name: "typed: a repository the checker types as Repository<User> is not a session of the test's own",
      filename: typedFile,
      languageOptions: typed,
      options: [{ typeAware: true }],
      code: `
        import { it } from 'vitest';
        import { getManager, getRepository } from 'typeorm';
        class User { name = '' }
        it('reads', async () => {
          const users = getRepository(User);
          await getManager().save(new User());
        });
      `,
    },
    {
      name: 'typed: a binding typed as a session but created by a mock',
      filename: typedFile,
      languageOptions: typed,
      options: [{ typeAware: true }],
      code: `
        import { it } from 'vitest';
        import { mockDeep } from 'vitest-mock-extended';
        import type { PrismaClient } from '@prisma/client';
        import { UserStore } from './src/user-store';
        it('uses a mock', () => {
          const prismaMock = mockDeep<PrismaClient>();
          const store = new UserStore();
        });
      `,
    },
    {
      name: 'typed: a parameter typed as a mock of a session is not a session the test owns',
      filename: typedFile,
      languageOptions: typed,
      options: [{ typeAware: true }],
      code: `
        import type { DeepMockProxy } from 'vitest-mock-extended';
        import type { PrismaClient } from '@prisma/client';
        import { UserStore } from './src/user-store';
        import { it } from 'vitest';
        function check(prismaMock: DeepMockProxy<PrismaClient>) {
          return new UserStore();
        }
        it('checks', () => {});
      `,
    },
    {
      name: 'typed: without typeAware, a helper-made session is not known, and nothing is reported',
      filename: typedFile,
      languageOptions: typed,
      code: `
        import { it } from 'vitest';
        import { openTestManager } from './src/test-support';
        import { OrderRepository } from './src/typeorm/order-repository';
        it('saves', async () => {
          const em = await openTestManager();
          const orders = new OrderRepository();
        });
      `,
    },
    {
      name: 'typed: a constructor with no session parameter, reached through an alias',
      filename: typedFile,
      languageOptions: typed,
      options: [{ typeAware: true }],
      code: `
        import { it } from 'vitest';
        import { prisma } from './src/prisma';
        import { Clock } from './src/clock';
        const SystemClock = Clock;
        it('ticks', async () => {
          await prisma.$transaction(async (tx) => {
            new SystemClock();
          });
        });
      `,
    },
    {
      name: 'unusual syntax: computed members, optional calls, class expressions, decorators, a relative filename',
      filename: 'relative.test.ts',
      code: `
        import { it } from 'vitest';
        const key = 'x';
        const Anonymous = class {};
        it('does not crash', async () => {
          const factories: Record<string, () => unknown> = {};
          factories[key]?.();
          new Anonymous();
          new (class {})();
          new (Math.random() > 0.5 ? Anonymous : Object)();
        });
      `,
    },
  ],
  invalid: [
    // ------------------------------------------------------------ Prisma
    {
      name: 'prisma: a store built inside an interactive transaction without the transaction client',
      filename: testFile,
      code: prismaTransaction,
      errors: [
        {
          messageId: 'missingSessionArgument',
          line: 8,
          column: 19,
          suggestions: [
            { messageId: 'suggestPassSession', output: edit(prismaTransaction, 'new UserStore()', 'new UserStore(tx)') },
          ],
        },
        {
          messageId: 'globalSessionAccess',
          line: 9,
          column: 11,
          suggestions: [
            { messageId: 'suggestUseSession', output: edit(prismaTransaction, 'await prisma.user', 'await tx.user') },
          ],
        },
      ],
    },
    {
      name: "prisma: a default written in the body (`db ?? prisma`, `if (!db) db = prisma`) is the app's client: reported, naming it",
      filename: testFile,
      code: bodyFallbacks,
      errors: [
        ['new FallbackStore()', 'new FallbackStore(tx)', 8, 19],
        ['createFallbackStore()', 'createFallbackStore(tx)', 9, 19],
      ].map(([before, after, line, column]) => ({
        messageId: 'missingSessionArgument' as const,
        line: line as number,
        column: column as number,
        data: {
          callee: before as string,
          built: line === 8 ? 'built' : 'called',
          parameter: 'db',
          fallback: ' and falls back to `prisma`',
          sessions: 'session `tx` is',
        },
        suggestions: [{ messageId: 'suggestPassSession' as const, output: edit(bodyFallbacks, before as string, after as string) }],
      })),
    },
    {
      name: 'prisma: an overloaded constructor is read from the one that runs, not from its first signature',
      filename: testFile,
      code: overloadedConstructor,
      errors: [
        {
          messageId: 'missingSessionArgument',
          line: 8,
          suggestions: [
            {
              messageId: 'suggestPassSession',
              output: edit(overloadedConstructor, 'new AuditedStore(tx)', 'new AuditedStore(tx, tx)'),
            },
          ],
        },
      ],
    },
    {
      name: 'prisma: a fixture and a test that forget the tx fixture they depend on; `undefined` counts as left out',
      filename: testFile,
      code: prismaFixture,
      errors: [
        {
          messageId: 'missingSessionArgument',
          line: 14,
          suggestions: [
            { messageId: 'suggestPassSession', output: edit(prismaFixture, 'use(createUserStore())', 'use(createUserStore(tx))') },
          ],
        },
        {
          messageId: 'missingSessionArgument',
          line: 19,
          suggestions: [
            { messageId: 'suggestPassSession', output: edit(prismaFixture, 'new UserStore(undefined)', 'new UserStore(tx)') },
          ],
        },
      ],
    },
    {
      name: 'prisma: a fixture defined in another module, a store imported through a re-export',
      filename: testFile,
      code: importedFixture,
      errors: [
        {
          messageId: 'missingSessionArgument',
          line: 6,
          suggestions: [{ messageId: 'suggestPassSession', output: edit(importedFixture, 'new UserStore()', 'new UserStore(tx)') }],
        },
      ],
    },
    {
      name: 'prisma: a client the test file creates, a namespace import, an inherited constructor, `new C` without parentheses',
      filename: testFile,
      code: ownClient,
      errors: [
        {
          messageId: 'missingSessionArgument',
          line: 11,
          suggestions: [{ messageId: 'suggestPassSession', output: edit(ownClient, 'new stores.UserStore()', 'new stores.UserStore(prisma)') }],
        },
        {
          messageId: 'missingSessionArgument',
          line: 12,
          suggestions: [{ messageId: 'suggestPassSession', output: edit(ownClient, 'new AdminStore;', 'new AdminStore(prisma);') }],
        },
      ],
    },
    {
      name: 'prisma: the session is the third parameter; the suggestion fills the gap with undefined',
      filename: testFile,
      code: gapFilling,
      errors: [
        {
          messageId: 'missingSessionArgument',
          line: 8,
          suggestions: [
            {
              messageId: 'suggestPassSession',
              output: edit(gapFilling, "new ReportService('monthly')", "new ReportService('monthly', undefined, tx)"),
            },
          ],
        },
      ],
    },
    {
      name: 'prisma: two sessions of the right kind in scope: reported without a suggestion',
      filename: testFile,
      code: twoSessions,
      errors: [{ messageId: 'missingSessionArgument', line: 10, suggestions: [] }],
    },
    {
      name: 'source files with checkSources: a transaction callback that builds a store without tx',
      filename: sourceFile,
      code: sourceTransaction,
      options: [{ checkSources: true }],
      errors: [
        {
          messageId: 'missingSessionArgument',
          line: 7,
          suggestions: [{ messageId: 'suggestPassSession', output: edit(sourceTransaction, 'new UserStore()', 'new UserStore(tx)') }],
        },
        {
          messageId: 'globalSessionAccess',
          line: 8,
          suggestions: [{ messageId: 'suggestUseSession', output: edit(sourceTransaction, 'await prisma.user', 'await tx.user') }],
        },
      ],
    },
    {
      name: 'sessionTypes: a project type named as a session type',
      filename: testFile,
      code: sessionTypesOption,
      options: [{ sessionTypes: ['AppDb'] }],
      errors: [
        {
          messageId: 'missingSessionArgument',
          line: 8,
          suggestions: [{ messageId: 'suggestPassSession', output: edit(sessionTypesOption, 'new SettingsStore()', 'new SettingsStore(tx)') }],
        },
      ],
    },
    // ------------------------------------------------------------ TypeORM and NestJS
    {
      name: 'typeorm: a query runner opened in beforeEach; a later hook and the test build without it and use the globals',
      filename: testFile,
      code: queryRunnerHooks,
      errors: [
        {
          messageId: 'missingSessionArgument',
          line: 19,
          suggestions: [{ messageId: 'suggestPassSession', output: edit(queryRunnerHooks, 'new AuditLog()', 'new AuditLog(queryRunner)') }],
        },
        // EntityManager wanted, a QueryRunner in scope: the kind matches, the binding is not the one to pass as is
        { messageId: 'missingSessionArgument', line: 28, suggestions: [] },
        {
          messageId: 'globalSessionAccess',
          line: 29,
          suggestions: [
            {
              messageId: 'suggestUseSession',
              output: edit(queryRunnerHooks, 'await getRepository(User)', 'await queryRunner.manager.getRepository(User)'),
            },
          ],
        },
        { messageId: 'globalSessionAccess', line: 30, suggestions: [] },
      ],
    },
    {
      name: 'typeorm: dataSource.transaction(async (manager) => …) and the global getManager()',
      filename: testFile,
      code: typeormTransaction,
      errors: [
        {
          messageId: 'missingSessionArgument',
          line: 9,
          suggestions: [{ messageId: 'suggestPassSession', output: edit(typeormTransaction, 'new OrderRepository()', 'new OrderRepository(manager)') }],
        },
        {
          messageId: 'globalSessionAccess',
          line: 10,
          suggestions: [{ messageId: 'suggestUseSession', output: edit(typeormTransaction, 'await getManager()', 'await manager') }],
        },
      ],
    },
    {
      name: 'nestjs: the testing module resolves the EntityManager; @InjectRepository marks the service parameter',
      filename: testFile,
      code: nestTestingModule,
      errors: [
        {
          messageId: 'missingSessionArgument',
          line: 17,
          suggestions: [{ messageId: 'suggestPassSession', output: edit(nestTestingModule, 'new OrderRepository()', 'new OrderRepository(manager)') }],
        },
        { messageId: 'missingSessionArgument', line: 18, suggestions: [] },
      ],
    },
    {
      name: 'playwright: a fixture builds the repository without the em fixture it depends on',
      filename: path.join(root, 'e2e/fixtures.ts'),
      code: playwrightFixtures,
      errors: [
        {
          messageId: 'missingSessionArgument',
          line: 15,
          suggestions: [{ messageId: 'suggestPassSession', output: edit(playwrightFixtures, 'new OrderRepository()', 'new OrderRepository(em)') }],
        },
      ],
    },
    // ------------------------------------------------------------ Knex
    {
      name: 'knex: a transaction assigned in beforeEach; a store, a factory with void 0, and the module-level knex',
      filename: testFile,
      code: knexHooks,
      errors: [
        {
          messageId: 'missingSessionArgument',
          line: 17,
          suggestions: [{ messageId: 'suggestPassSession', output: edit(knexHooks, 'new InvoiceStore()', 'new InvoiceStore(trx)') }],
        },
        {
          messageId: 'missingSessionArgument',
          line: 18,
          suggestions: [{ messageId: 'suggestPassSession', output: edit(knexHooks, 'createLedger(void 0)', 'createLedger(trx)') }],
        },
        {
          messageId: 'globalSessionAccess',
          line: 19,
          suggestions: [{ messageId: 'suggestUseSession', output: edit(knexHooks, "await db('invoices')", "await trx('invoices')") }],
        },
      ],
    },
    {
      name: 'knex: db.transaction(async (trx) => …) and a factory called without trx',
      filename: testFile,
      code: knexCallback,
      errors: [
        {
          messageId: 'missingSessionArgument',
          line: 8,
          suggestions: [{ messageId: 'suggestPassSession', output: edit(knexCallback, 'createLedger()', 'createLedger(trx)') }],
        },
      ],
    },
    {
      name: 'mocha: require(), a let assigned in beforeEach, a parameter recognised by its type',
      filename: path.join(root, 'test/invoices.spec.js'),
      code: mochaHooks,
      errors: [
        {
          messageId: 'missingSessionArgument',
          line: 11,
          suggestions: [{ messageId: 'suggestPassSession', output: edit(mochaHooks, 'new InvoiceStore()', 'new InvoiceStore(trx)') }],
        },
      ],
    },
    {
      name: 'javascript: an untyped parameter recognised by its name',
      filename: jsTestFile,
      code: legacyJs,
      errors: [
        {
          messageId: 'missingSessionArgument',
          line: 8,
          suggestions: [{ messageId: 'suggestPassSession', output: edit(legacyJs, 'new LegacyStore()', 'new LegacyStore(trx)') }],
        },
      ],
    },
    {
      name: 'a class and a function declared in the test file',
      filename: testFile,
      code: localClass,
      errors: [
        {
          messageId: 'missingSessionArgument',
          line: 16,
          suggestions: [{ messageId: 'suggestPassSession', output: edit(localClass, 'new Fixture()', 'new Fixture(trx)') }],
        },
        {
          messageId: 'missingSessionArgument',
          line: 17,
          suggestions: [{ messageId: 'suggestPassSession', output: edit(localClass, 'seed(3)', 'seed(3, trx)') }],
        },
      ],
    },
    // ------------------------------------------------------------ Kysely, drizzle, mongoose, pg, MikroORM
    {
      name: 'kysely: db.transaction().execute(async (trx) => …), a parameter typed through a project alias',
      filename: testFile,
      code: kyselyTransaction,
      errors: [
        {
          messageId: 'missingSessionArgument',
          line: 8,
          suggestions: [{ messageId: 'suggestPassSession', output: edit(kyselyTransaction, 'new PersonRepository()', 'new PersonRepository(trx)') }],
        },
      ],
    },
    {
      name: 'kysely: a parameter with another name, typed through an imported project alias; its neighbour takes only project services',
      filename: testFile,
      code: kyselyReport,
      errors: [
        {
          messageId: 'missingSessionArgument',
          line: 10,
          column: 66,
          suggestions: [{ messageId: 'suggestPassSession', output: edit(kyselyReport, 'new ReportBuilder()', 'new ReportBuilder(trx)') }],
        },
      ],
    },
    {
      name: 'drizzle: db.transaction(async (tx) => …), an arrow factory, and a query through the module-level db',
      filename: testFile,
      code: drizzleTransaction,
      errors: [
        {
          messageId: 'missingSessionArgument',
          line: 8,
          suggestions: [{ messageId: 'suggestPassSession', output: edit(drizzleTransaction, 'createNoteStore()', 'createNoteStore(tx)') }],
        },
        {
          messageId: 'globalSessionAccess',
          line: 9,
          suggestions: [{ messageId: 'suggestUseSession', output: edit(drizzleTransaction, 'await db.insert', 'await tx.insert') }],
        },
      ],
    },
    {
      name: 'mongoose: a dedicated connection; a repository, the default model() and a session-taking function',
      filename: testFile,
      code: mongooseConnection,
      errors: [
        {
          messageId: 'missingSessionArgument',
          line: 18,
          suggestions: [{ messageId: 'suggestPassSession', output: edit(mongooseConnection, 'new CatRepository()', 'new CatRepository(connection)') }],
        },
        {
          messageId: 'globalSessionAccess',
          line: 19,
          suggestions: [{ messageId: 'suggestUseSession', output: edit(mongooseConnection, "mongoose.model('Cat')", "connection.model('Cat')") }],
        },
        {
          messageId: 'missingSessionArgument',
          line: 21,
          suggestions: [{ messageId: 'suggestPassSession', output: edit(mongooseConnection, 'transferFunds(10)', 'transferFunds(10, session)') }],
        },
      ],
    },
    {
      name: 'pg: a PoolClient checked out in beforeEach',
      filename: testFile,
      code: pgClient,
      errors: [
        {
          messageId: 'missingSessionArgument',
          line: 18,
          suggestions: [{ messageId: 'suggestPassSession', output: edit(pgClient, 'new AccountStore()', 'new AccountStore(client)') }],
        },
      ],
    },
    {
      name: 'mikro-orm: em.fork() in beforeEach, a service built without it',
      filename: testFile,
      code: mikroFork,
      errors: [
        {
          messageId: 'missingSessionArgument',
          line: 18,
          suggestions: [{ messageId: 'suggestPassSession', output: edit(mikroFork, 'new BookService()', 'new BookService(em)') }],
        },
      ],
    },
    {
      name: 'sequelize: an unmanaged transaction from beforeEach, a store that takes an optional Transaction',
      filename: testFile,
      code: sequelizeTransaction,
      errors: [
        {
          messageId: 'missingSessionArgument',
          line: 13,
          suggestions: [{ messageId: 'suggestPassSession', output: edit(sequelizeTransaction, 'new PaymentStore()', 'new PaymentStore(t)') }],
        },
      ],
    },
    {
      name: 'jest globals in a __tests__ folder, CommonJS requires',
      filename: path.join(root, 'src/__tests__/ledger.js'),
      code: jestGlobals,
      errors: [
        {
          messageId: 'missingSessionArgument',
          line: 11,
          suggestions: [{ messageId: 'suggestPassSession', output: edit(jestGlobals, 'createLedger()', 'createLedger(trx)') }],
        },
      ],
    },
    {
      name: "node:test: MikroORM's em.transactional(async (em) => …) and mongoose's connection.transaction(async (session) => …)",
      filename: testFile,
      code: nodeTestCallbacks,
      errors: [
        {
          messageId: 'missingSessionArgument',
          line: 11,
          suggestions: [{ messageId: 'suggestPassSession', output: edit(nodeTestCallbacks, 'new BookService()', 'new BookService(em)') }],
        },
        {
          messageId: 'missingSessionArgument',
          line: 14,
          suggestions: [{ messageId: 'suggestPassSession', output: edit(nodeTestCallbacks, 'transferFunds(1)', 'transferFunds(1, session)') }],
        },
      ],
    },
    {
      name: "a fixture known by its declared type (test.extend<{ em: EntityManager }>) when its value cannot be traced",
      filename: testFile,
      code: declaredFixture,
      errors: [
        {
          messageId: 'missingSessionArgument',
          line: 14,
          suggestions: [{ messageId: 'suggestPassSession', output: edit(declaredFixture, 'new OrderRepository()', 'new OrderRepository(em)') }],
        },
      ],
    },
    // ------------------------------------------------------------ freshSessionInFixture
    {
      name: 'source files with checkSources: a new client inside a transaction callback',
      filename: sourceFile,
      options: [{ checkSources: true }],
      code: sourceFresh,
      errors: [
        {
          messageId: 'freshSessionInFixture',
          line: 8,
          suggestions: [{ messageId: 'suggestUseSession', output: edit(sourceFresh, 'new UserStore(new PrismaClient())', 'new UserStore(tx)') }],
        },
      ],
    },
    {
      name: 'prisma: a new PrismaClient handed to the store inside the transaction',
      filename: testFile,
      code: freshPrisma,
      errors: [
        {
          messageId: 'freshSessionInFixture',
          line: 9,
          column: 33,
          suggestions: [{ messageId: 'suggestUseSession', output: edit(freshPrisma, 'new UserStore(new PrismaClient())', 'new UserStore(tx)') }],
        },
      ],
    },
    {
      name: "typeorm: the app's manager and a second query runner while the test's runner is open",
      filename: testFile,
      code: freshTypeorm,
      errors: [
        { messageId: 'freshSessionInFixture', line: 15, suggestions: [] },
        {
          messageId: 'freshSessionInFixture',
          line: 16,
          suggestions: [
            { messageId: 'suggestUseSession', output: edit(freshTypeorm, 'new AuditLog(AppDataSource.createQueryRunner())', 'new AuditLog(queryRunner)') },
          ],
        },
      ],
    },
    {
      name: "a fixture that depends on em and hands the repository the app's manager",
      filename: testFile,
      code: freshFixture,
      errors: [
        {
          messageId: 'freshSessionInFixture',
          line: 14,
          suggestions: [
            { messageId: 'suggestUseSession', output: edit(freshFixture, 'new OrderRepository(AppDataSource.manager)', 'new OrderRepository(em)') },
          ],
        },
      ],
    },
    {
      name: 'knex and drizzle: new clients built inline inside the test transaction',
      filename: testFile,
      code: freshKnexDrizzle,
      errors: [
        {
          messageId: 'freshSessionInFixture',
          line: 12,
          suggestions: [
            { messageId: 'suggestUseSession', output: edit(freshKnexDrizzle, "new InvoiceStore(knex({ client: 'pg', connection: process.env.DATABASE_URL }))", 'new InvoiceStore(trx)') },
          ],
        },
        {
          messageId: 'freshSessionInFixture',
          line: 15,
          suggestions: [
            {
              messageId: 'suggestUseSession',
              output: edit(freshKnexDrizzle, 'createNoteStore(drizzle(process.env.DATABASE_URL))', 'createNoteStore(tx)'),
            },
          ],
        },
      ],
    },
    {
      name: "mongoose and pg: the default connection and the app's pool while the test has its own",
      filename: testFile,
      code: freshMongoosePg,
      errors: [
        {
          messageId: 'freshSessionInFixture',
          line: 19,
          suggestions: [
            { messageId: 'suggestUseSession', output: edit(freshMongoosePg, 'new CatRepository(mongoose.connection)', 'new CatRepository(connection)') },
          ],
        },
        {
          messageId: 'freshSessionInFixture',
          line: 20,
          suggestions: [{ messageId: 'suggestUseSession', output: edit(freshMongoosePg, 'new AccountStore(pool)', 'new AccountStore(client)') }],
        },
      ],
    },
    // ------------------------------------------------------------ incompleteOverride
    {
      name: 'nestjs: DataSource overridden; a repository, a repository token and a factory still on the original connection',
      filename: testFile,
      code: overrideTypeorm,
      errors: [
        { messageId: 'incompleteOverride', line: 16, column: 45 },
        { messageId: 'incompleteOverride', line: 17, column: 54 },
        { messageId: 'incompleteOverride', line: 18, column: 46 },
      ],
    },
    {
      name: 'nestjs: getDataSourceToken() overridden in a chain that then overrides a repository with a factory that forgets it',
      filename: path.join(root, 'test/testing-module.ts'),
      code: overrideChainCode,
      errors: [{ messageId: 'incompleteOverride', line: 11, column: 34 }],
    },
    {
      name: 'nestjs: a Prisma service override, a mongoose connection token supplied in providers',
      filename: path.join(root, 'test/testing-modules.ts'),
      code: overridePrismaMongoose,
      errors: [
        { messageId: 'incompleteOverride', line: 10, column: 49 },
        { messageId: 'incompleteOverride', line: 18, column: 60 },
      ],
    },
    // ------------------------------------------------------------ sessions typed through project aliases (PGlite, story 1)
    {
      name: "pglite: story 1's broken twin, a store typed by an imported Pick<Transaction> alias and defaulting to a project function",
      filename: testFile,
      code: pgliteStory,
      errors: [
        {
          messageId: 'missingSessionArgument',
          line: 27,
          column: 33,
          data: {
            callee: 'new MetadataStore()',
            built: 'built',
            parameter: 'session',
            fallback: ' and falls back to `getDefaultDatabase()`',
            sessions: 'sessions `tx` and `db` are',
          },
          // the test's database and its transaction are both PGlite sessions: no single one to suggest
          suggestions: [],
        },
      ],
    },
    {
      name: 'pglite: aliases, Omit/Readonly/Partial, unions with undefined and null, intersections, interfaces, an untyped default from a project function',
      filename: testFile,
      code: pgliteAliases,
      errors: [
        ['new AliasStore()', 'new AliasStore(tx)', 7],
        ['new OmitStore()', 'new OmitStore(tx)', 8],
        ['new OptionalStore(undefined)', 'new OptionalStore(tx)', 9],
        ['new NullableStore()', 'new NullableStore(tx)', 10],
        ['new LabelledStore()', 'new LabelledStore(tx)', 11],
        ['new InterfaceStore()', 'new InterfaceStore(tx)', 12],
        ['createTracedStore()', 'createTracedStore(tx)', 13],
        ['new LegacyEventStore()', 'new LegacyEventStore(tx)', 14],
      ].map(([before, after, line]) => ({
        messageId: 'missingSessionArgument' as const,
        line: line as number,
        suggestions: [{ messageId: 'suggestPassSession' as const, output: edit(pgliteAliases, before as string, after as string) }],
      })),
    },
    {
      name: "pg: an untyped client parameter defaulting to a project function that returns the app's pool",
      filename: testFile,
      code: poolDefaults,
      errors: [
        {
          messageId: 'missingSessionArgument',
          line: 8,
          data: {
            callee: 'new PoolStore()',
            built: 'built',
            parameter: 'client',
            fallback: ' and falls back to `getPool()`',
            sessions: 'session `client` is',
          },
          // the parameter takes the pool, the test holds a client of it: not the same thing to pass
          suggestions: [],
        },
      ],
    },
    // ------------------------------------------------------------ typed
    {
      name: 'typed: a session whose type only the checker knows (returned by a project helper)',
      filename: typedFile,
      languageOptions: typed,
      options: [{ typeAware: true }],
      code: typedHelperSession,
      errors: [
        {
          messageId: 'missingSessionArgument',
          line: 8,
          suggestions: [{ messageId: 'suggestPassSession', output: edit(typedHelperSession, 'new OrderRepository()', 'new OrderRepository(em)') }],
        },
      ],
    },
    {
      name: 'typed: a class reached through a const alias, a parameter typed by an interface extending the transaction client',
      filename: typedFile,
      languageOptions: typed,
      options: [{ typeAware: true }],
      code: typedAliasedClass,
      errors: [
        {
          messageId: 'missingSessionArgument',
          line: 9,
          suggestions: [{ messageId: 'suggestPassSession', output: edit(typedAliasedClass, 'new Store()', 'new Store(tx)') }],
        },
        {
          messageId: 'missingSessionArgument',
          line: 10,
          suggestions: [{ messageId: 'suggestPassSession', output: edit(typedAliasedClass, 'new LedgerStore()', 'new LedgerStore(tx)') }],
        },
      ],
    },
    {
      name: 'typed: a Knex transaction and a mongoose ClientSession from helpers',
      filename: typedFile,
      languageOptions: typed,
      options: [{ typeAware: true }],
      code: typedKnexAndMongoose,
      errors: [
        {
          messageId: 'missingSessionArgument',
          line: 10,
          suggestions: [{ messageId: 'suggestPassSession', output: edit(typedKnexAndMongoose, 'new InvoiceStore()', 'new InvoiceStore(trx)') }],
        },
        {
          messageId: 'missingSessionArgument',
          line: 11,
          suggestions: [{ messageId: 'suggestPassSession', output: edit(typedKnexAndMongoose, 'transferFunds(5)', 'transferFunds(5, session)') }],
        },
      ],
    },
    {
      name: "typed: TypeORM's global getRepository() and the app's manager next to a session only the checker knows",
      filename: typedFile,
      languageOptions: typed,
      options: [{ typeAware: true }],
      code: typedGlobalAndFresh,
      errors: [
        {
          messageId: 'globalSessionAccess',
          line: 11,
          suggestions: [{ messageId: 'suggestUseSession', output: edit(typedGlobalAndFresh, 'await getRepository(User)', 'await em.getRepository(User)') }],
        },
        {
          messageId: 'freshSessionInFixture',
          line: 12,
          suggestions: [
            { messageId: 'suggestUseSession', output: edit(typedGlobalAndFresh, 'new OrderRepository(AppDataSource.manager)', 'new OrderRepository(em)') },
          ],
        },
      ],
    },
    {
      name: 'nestjs: a PrismaService resolved from the testing module (typed and untyped agree)',
      filename: typedFile,
      languageOptions: typed,
      options: [{ typeAware: true }],
      code: typedNestPrisma,
      errors: [
        {
          messageId: 'missingSessionArgument',
          line: 13,
          suggestions: [{ messageId: 'suggestPassSession', output: edit(typedNestPrisma, 'new AccountService()', 'new AccountService(prisma)') }],
        },
      ],
    },
    {
      name: 'nestjs: a PrismaService resolved from the testing module, untyped',
      filename: testFile,
      code: typedNestPrisma.replaceAll("'./src/", "'../src/"),
      errors: [
        {
          messageId: 'missingSessionArgument',
          line: 13,
          suggestions: [
            {
              messageId: 'suggestPassSession',
              output: edit(typedNestPrisma.replaceAll("'./src/", "'../src/"), 'new AccountService()', 'new AccountService(prisma)'),
            },
          ],
        },
      ],
    },
  ],
});

