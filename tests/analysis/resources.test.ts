import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { parse } from '@typescript-eslint/typescript-estree';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { afterAll, describe, expect, it } from 'vitest';

import { getCatalog } from '../../src/analysis/catalog';
import { AcquisitionMatcher, type ImportedBinding, getFileResources } from '../../src/analysis/resources';
import { walk } from '../../src/analysis/traverse';
import { type InspectOptions, callsOf, inspect } from './helpers';

const testFile: InspectOptions = { filename: 'src/db.test.ts' };

/** `callee → resource name, effect, how it was traced, receiver text` for each call on a resource in `code`. */
function resourceCalls(code: string, options: InspectOptions = testFile): Record<string, string> {
  return inspect(code, options, (context, program) => {
    const resources = getFileResources(context);
    const found: Record<string, string> = {};
    for (const call of callsOf(program)) {
      const hit = resources.resourceCall(call);
      if (hit) found[context.sourceCode.getText(call.callee)] = `${hit.ref.spec.name} ${hit.effect} via ${hit.ref.via} on ${hit.receiverText}`;
    }
    return found;
  });
}

/** The resource that the initialiser of each top-level or nested `const`/`let` evaluates to. */
function resourcesOfDeclarations(code: string, options: InspectOptions = testFile): Record<string, string | undefined> {
  return inspect(code, options, (context, program) => {
    const resources = getFileResources(context);
    const found: Record<string, string | undefined> = {};
    const visit = (node: TSESTree.Node) => {
      if (node.type === AST_NODE_TYPES.VariableDeclarator && node.id.type === AST_NODE_TYPES.Identifier && node.init) {
        found[node.id.name] = resources.resourceOf(node.id)?.spec.name;
      }
    };
    walk(program, visit);
    return found;
  });
}

describe('FileResources.resourceCall', () => {
  it('classifies calls on a resource created in the same file', () => {
    expect(
      resourceCalls(`
        import { PrismaClient } from '@prisma/client';
        import { Pool } from 'pg';
        const prisma = new PrismaClient();
        const pool = new Pool({ max: 1 });
        prisma.$connect();
        prisma.user.findMany();
        pool.query('select 1');
        pool.end();
      `),
    ).toEqual({
      'prisma.$connect': 'PrismaClient open via acquire on prisma',
      'pool.query': 'pg.Pool work via acquire on pool',
      'pool.end': 'pg.Pool release via acquire on pool',
    });
  });

  it('follows a hook-scoped let assigned in another hook', () => {
    expect(
      resourceCalls(`
        import { beforeAll, afterAll } from 'vitest';
        import { DataSource } from 'typeorm';
        let dataSource: DataSource;
        beforeAll(async () => { dataSource = new DataSource({ type: 'postgres' }); await dataSource.initialize(); });
        afterAll(() => dataSource.destroy());
      `),
    ).toEqual({
      'dataSource.initialize': 'typeorm.DataSource open via acquire on dataSource',
      'dataSource.destroy': 'typeorm.DataSource release via acquire on dataSource',
    });
  });

  it('follows members and destructuring that yield another resource', () => {
    expect(
      resourceCalls(`
        import { DataSource } from 'typeorm';
        import { MikroORM } from '@mikro-orm/core';
        const dataSource = new DataSource({});
        const runner = dataSource.createQueryRunner();
        runner.startTransaction();
        runner.release();
        const orm = await MikroORM.init({});
        const { em } = orm;
        em.flush();
        orm.em.fork().rollback();
      `),
    ).toEqual({
      'runner.startTransaction': 'typeorm.QueryRunner open via member on runner',
      'runner.release': 'typeorm.QueryRunner release via member on runner',
      'em.flush': 'mikro-orm.EntityManager work via member on em',
      'orm.em.fork().rollback': 'mikro-orm.EntityManager release via member on orm.em.fork()',
    });
  });

  it('traces a fixture value into the tests and fixtures that receive it', () => {
    expect(
      resourceCalls(`
        import { test as base } from 'vitest';
        import { Client } from 'pg';
        const test = base
          .extend({ db: async ({}, use) => { const client = new Client(); await use(client); } })
          .extend('tx', async ({ db }) => { await db.query('begin'); return db; });
        test('reads', async ({ db, tx }) => { await db.query('select 1'); tx.end(); });
      `),
    ).toEqual({
      'db.query': 'pg.Client work via fixture on db',
      'tx.end': 'pg.Client release via fixture on tx',
    });
  });

  it('traces this.x assigned in a mocha hook', () => {
    expect(
      resourceCalls(
        `
        const { Pool } = require('pg');
        describe('db', function () {
          before(function () { this.pool = new Pool(); });
          after(function () { return this.pool.end(); });
        });
      `,
        { filename: 'test/db.js' },
      ),
    ).toEqual({ 'this.pool.end': 'pg.Pool release via acquire on this.pool' });
  });

  it('recognises module resources and their imported functions', () => {
    expect(
      resourceCalls(`
        import mongoose, { connect, disconnect, model } from 'mongoose';
        mongoose.connect('mongodb://x');
        connect('mongodb://x');
        disconnect();
        model('User');
        mongoose.connection.close();
      `),
    ).toEqual({
      'mongoose.connect': 'mongoose open via module on mongoose',
      connect: 'mongoose open via module on connect',
      disconnect: 'mongoose release via module on disconnect',
      'mongoose.connection.close': 'mongoose.Connection release via member on mongoose.connection',
    });
  });

  it('recognises builder chains that end in the acquiring step', () => {
    expect(
      resourceCalls(`
        import { PostgreSqlContainer } from '@testcontainers/postgresql';
        import { GenericContainer } from 'testcontainers';
        import { Test } from '@nestjs/testing';
        import express from 'express';
        import http from 'node:http';
        const container = await new PostgreSqlContainer('postgres:16').withDatabase('app').start();
        container.stop();
        const unstarted = new GenericContainer('redis');
        unstarted.stop();
        const moduleRef = await Test.createTestingModule({}).compile();
        const app = moduleRef.createNestApplication();
        app.init();
        app.close();
        const web = express();
        const server = web.listen(0);
        server.close();
        const raw = http.createServer(() => {}).listen(0);
        raw.close();
      `),
    ).toEqual({
      'container.stop': 'testcontainers release via acquire on container',
      'app.init': 'nest.INestApplication open via member on app',
      'app.close': 'nest.INestApplication release via member on app',
      'server.close': 'express syncRelease via acquire on server',
      'raw.close': 'http.Server syncRelease via acquire on raw',
    });
  });

  it('sees through optional chaining and non-null assertions on the receiver', () => {
    expect(
      resourceCalls(`
        import { PrismaClient } from '@prisma/client';
        let prisma: PrismaClient | undefined;
        beforeAll(() => { prisma = new PrismaClient(); });
        afterAll(async () => { await prisma?.$disconnect(); prisma!.$connect(); });
      `),
    ).toEqual({
      'prisma?.$disconnect': 'PrismaClient release via acquire on prisma',
      'prisma!.$connect': 'PrismaClient open via acquire on prisma!',
    });
  });

  it('tells synchronous releases from async ones', () => {
    expect(
      resourceCalls(`
        import Database from 'better-sqlite3';
        import Redis from 'ioredis';
        const db = new Database(':memory:');
        const redis = new Redis();
        db.close();
        redis.disconnect();
        redis.quit();
      `),
    ).toEqual({
      'db.close': 'better-sqlite3 syncRelease via acquire on db',
      'redis.disconnect': 'ioredis syncRelease via acquire on redis',
      'redis.quit': 'ioredis release via acquire on redis',
    });
  });

  it('recognises namespace, default-member and require forms of an import', () => {
    expect(
      resourceCalls(
        `
        import * as pg from 'pg';
        import knex from 'knex';
        const { MongoClient } = require('mongodb');
        const pool = new pg.Pool();
        const db = knex({ client: 'pg', connection: process.env.DATABASE_URL });
        const mongo = new MongoClient('mongodb://x');
        pool.end();
        db.destroy();
        mongo.close();
      `,
      ),
    ).toEqual({
      'pool.end': 'pg.Pool release via acquire on pool',
      'db.destroy': 'Knex release via acquire on db',
      'mongo.close': 'MongoClient release via acquire on mongo',
    });
  });

  it('stays silent on look-alikes', () => {
    expect(
      resourceCalls(`
        import { Pool } from './my-pool';
        import type { PrismaClient } from '@prisma/client';
        class Client { end() {} }
        const mine = new Pool();
        mine.end();
        const local = new Client();
        local.end();
        declare const typed: PrismaClient;
        typed.$disconnect();
        const unknown = makeSomething();
        unknown.close();
        function takesPool(pool) { pool.end(); }
        [1, 2].map((x) => x).close?.();
      `),
    ).toEqual({});
  });

  it('does not follow a parameter that only shares a name with a resource', () => {
    expect(
      resourceCalls(`
        import { Pool } from 'pg';
        const pool = new Pool();
        function close(pool) { return pool.end(); }
        pool.end();
      `),
    ).toEqual({ 'pool.end': 'pg.Pool release via acquire on pool' });
  });
});

describe('FileResources.catalogBindings', () => {
  const bindings = (code: string) =>
    inspect(code, testFile, (context) => {
      const { names, moduleResourceNames } = getFileResources(context).catalogBindings();
      return { names: [...names].sort(), moduleResourceNames: [...moduleResourceNames].sort() };
    });

  it('names every binding of a catalog package, in any scope, and those of a package that is a resource', () => {
    expect(
      bindings(`
        import { Pool as PgPool } from 'pg';
        import type { Redis } from 'ioredis';
        import mongoose from 'mongoose';
        import lodash from 'lodash';
        beforeAll(() => {
          const { MongoClient } = require('mongodb');
          const knex = require('knex');
          const local = require('./local');
        });
      `),
    ).toEqual({ names: ['MongoClient', 'PgPool', 'knex', 'mongoose'], moduleResourceNames: ['mongoose'] });
  });

  it('is empty for a file that binds no catalog package', () => {
    expect(bindings(`import lodash from 'lodash';\nconst Pool = class {};\n`)).toEqual({ names: [], moduleResourceNames: [] });
  });
});

describe('FileResources.resourceOf', () => {
  it('follows aliases and awaits, and survives assignment cycles', () => {
    expect(
      resourcesOfDeclarations(`
        import { PGlite } from '@electric-sql/pglite';
        const created = await PGlite.create();
        const alias = created;
        let a, b;
        a = b;
        b = a;
        const cyclic = a;
        const notOne = 42;
      `),
    ).toEqual({ created: 'PGlite', alias: 'PGlite', cyclic: undefined, notOne: undefined });
  });
});

describe('FileResources with the project index', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'test-isolation-resources-'));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('traces an import of a module-level resource from another project file', () => {
    fs.mkdirSync(path.join(root, 'src'), { recursive: true });
    fs.writeFileSync(path.join(root, 'src/db.ts'), `import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\n`);
    const code = `
      import { afterAll } from 'vitest';
      import { prisma } from './db';
      import { prisma as missing } from './nowhere';
      afterAll(() => prisma.$disconnect());
      missing.$disconnect();
    `;
    expect(resourceCalls(code, { cwd: root, filename: path.join(root, 'src/db.test.ts') })).toEqual({
      'prisma.$disconnect': 'PrismaClient release via import on prisma',
    });
  });
});

describe('AcquisitionMatcher', () => {
  const expression = (code: string): TSESTree.Expression => {
    const program = parse(code, { range: true });
    const statement = program.body[0];
    if (statement?.type !== AST_NODE_TYPES.ExpressionStatement) throw new Error('expected an expression');
    return statement.expression;
  };
  const imports: Record<string, ImportedBinding> = {
    Pool: { module: 'pg', exportName: 'Pool' },
    pg: { module: 'pg', exportName: '*' },
    MikroORM: { module: '@mikro-orm/core', exportName: 'MikroORM' },
    Redis: { module: 'ioredis', exportName: 'default' },
    GenericContainer: { module: 'testcontainers', exportName: 'GenericContainer' },
  };
  const matcher = new AcquisitionMatcher(getCatalog(undefined), (identifier) => imports[identifier.name]);
  const acquired = (code: string) => matcher.acquisitionOf(expression(code))?.spec.name;

  it.each([
    ['new Pool()', 'pg.Pool'],
    ['new pg.Pool()', 'pg.Pool'],
    ['await MikroORM.init({})', 'MikroORM'],
    ['new Redis()', 'ioredis'],
    ['new Redis.Cluster([])', 'ioredis'],
    ['new GenericContainer("x").withExposedPorts(1).start()', 'testcontainers'],
  ])('recognises %s', (code, name) => {
    expect(acquired(code)).toBe(name);
  });

  it.each(['Pool()', 'new GenericContainer("x")', 'new GenericContainer("x").withExposedPorts(1)', 'new Unknown()', 'pool.connect()', 'new pg.Client.Other()'])(
    'finds no acquisition in %s',
    (code) => {
      expect(acquired(code)).toBeUndefined();
    },
  );

  it('resolves imports through the function it is given', () => {
    expect(matcher.exportOf(expression('pg.Pool'))).toEqual({ module: 'pg', exportName: 'Pool' });
    expect(matcher.exportOf(expression('Redis.Cluster'))).toEqual({ module: 'ioredis', exportName: 'Cluster' });
    expect(matcher.exportOf(expression('Pool.prototype'))).toBeUndefined();
  });
});
