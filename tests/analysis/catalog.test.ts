import { describe, expect, it } from 'vitest';

import { type ResourceSpec, ResourceCatalog, getCatalog, isModuleResource, methodEffect } from '../../src/analysis/catalog';
import { builtinResources } from '../../src/analysis/catalog-data';

const catalog = getCatalog(undefined);

describe('catalog data', () => {
  it('gives every resource a unique name and at least one package', () => {
    const names = builtinResources.map((spec) => spec.name);
    expect(new Set(names).size).toBe(names.length);
    for (const spec of builtinResources) expect(spec.packages.length, spec.name).toBeGreaterThan(0);
  });

  it('yields only resources that exist', () => {
    for (const spec of builtinResources) {
      for (const [member, target] of Object.entries(spec.yields ?? {})) {
        expect(catalog.get(target), `${spec.name}.${member} → ${target}`).toBeDefined();
      }
    }
  });

  it('lists a method under one effect only, so a sync release is never taken for an async one', () => {
    for (const spec of builtinResources) {
      const lists = [spec.open ?? [], spec.release ?? [], spec.syncRelease ?? []];
      const all = lists.flat();
      expect(new Set(all).size, spec.name).toBe(all.length);
    }
  });

  it('narrows acquisitions only to packages of their own resource', () => {
    for (const spec of builtinResources) {
      for (const acquire of spec.acquire ?? []) {
        for (const pkg of acquire.packages ?? []) expect(spec.packages, spec.name).toContain(pkg);
      }
    }
  });

  it.each([
    'pg',
    'mysql2',
    '@prisma/client',
    'typeorm',
    'sequelize',
    'sequelize-typescript',
    'mongoose',
    'mongodb',
    'knex',
    'kysely',
    'drizzle-orm',
    '@mikro-orm/core',
    'redis',
    'ioredis',
    '@electric-sql/pglite',
    'better-sqlite3',
    '@libsql/client',
    'testcontainers',
    '@testcontainers/postgresql',
    'bullmq',
    'amqplib',
    'kafkajs',
    'express',
    'fastify',
    'node:http',
    '@nestjs/testing',
    'playwright',
    'puppeteer',
  ])('covers %s', (pkg) => {
    expect(catalog.isResourceModule(pkg)).toBe(true);
  });
});

describe('ResourceCatalog.findAcquisition', () => {
  it.each<[string, string, { new: boolean; call?: string; module?: boolean }, string]>([
    ['pg', 'Pool', { new: true }, 'pg.Pool'],
    ['pg', 'Client', { new: true }, 'pg.Client'],
    ['pg-pool', 'default', { new: true }, 'pg.Pool'],
    ['@prisma/client', 'PrismaClient', { new: true }, 'PrismaClient'],
    ['.prisma/client', 'PrismaClient', { new: true }, 'PrismaClient'],
    ['@prisma/client/edge', 'PrismaClient', { new: true }, 'PrismaClient'],
    ['typeorm', 'DataSource', { new: true }, 'typeorm.DataSource'],
    ['sequelize-typescript', 'Sequelize', { new: true }, 'Sequelize'],
    ['knex', 'default', { new: false }, 'Knex'],
    ['mysql2/promise', 'createPool', { new: false }, 'mysql2/promise'],
    ['mysql2', 'createPool', { new: false }, 'mysql2'],
    ['@mikro-orm/postgresql', 'MikroORM', { new: false, call: 'init' }, 'MikroORM'],
    ['@electric-sql/pglite', 'PGlite', { new: false, call: 'create' }, 'PGlite'],
    ['mongodb', 'MongoClient', { new: false, call: 'connect' }, 'MongoClient'],
    ['mongoose', 'default', { new: false, module: true }, 'mongoose'],
    ['mongoose', '*', { new: false, module: true }, 'mongoose'],
    ['mongoose', 'createConnection', { new: false }, 'mongoose.Connection'],
    ['testcontainers', 'GenericContainer', { new: true }, 'testcontainers'],
    ['@testcontainers/postgresql', 'PostgreSqlContainer', { new: true }, 'testcontainers'],
    ['ioredis', 'default', { new: true }, 'ioredis'],
    ['redis', 'createClient', { new: false }, 'redis'],
    ['playwright', 'chromium', { new: false, call: 'launch' }, 'playwright.Browser'],
    ['@nestjs/testing', 'Test', { new: false, call: 'createTestingModule' }, 'nest.TestingModule'],
  ])('finds %s export %s %o as %s', (moduleName, exportName, form, expected) => {
    expect(catalog.findAcquisition(moduleName, exportName, form)?.spec.name).toBe(expected);
  });

  it('reports the builder step that yields the resource', () => {
    expect(catalog.findAcquisition('@testcontainers/redis', 'RedisContainer', { new: true })?.acquire.then).toBe('start');
    expect(catalog.findAcquisition('node:http', 'createServer', { new: false })?.acquire.then).toBe('listen');
  });

  it.each<[string, string, { new: boolean; call?: string; module?: boolean }]>([
    // the wrong form
    ['pg', 'Pool', { new: false }],
    ['@prisma/client', 'PrismaClient', { new: false }],
    ['@mikro-orm/core', 'MikroORM', { new: true }],
    ['@mikro-orm/core', 'MikroORM', { new: false, call: 'fork' }],
    // an acquisition narrowed to another package of the same resource
    ['pg', 'default', { new: true }],
    // exports that are not acquisitions
    ['pg', 'types', { new: false }],
    ['testcontainers', 'Wait', { new: false }],
    ['testcontainers', 'Container', { new: false }],
    // a module resource only as a module
    ['mongoose', 'default', { new: false }],
    ['pg', 'default', { new: false, module: true }],
    // packages that are not in the catalog, or only look like them
    ['pg-format', 'Pool', { new: true }],
    ['@prisma/clientx', 'PrismaClient', { new: true }],
    ['testcontainers-extra', 'GenericContainer', { new: true }],
    ['./db', 'PrismaClient', { new: true }],
  ])('finds nothing for %s export %s %o', (moduleName, exportName, form) => {
    expect(catalog.findAcquisition(moduleName, exportName, form)).toBeUndefined();
  });
});

describe('ResourceCatalog lookups', () => {
  it('finds specs for exact and glob packages without duplicates', () => {
    const names = (moduleName: string) => catalog.specsForModule(moduleName).map((spec) => spec.name);
    expect(names('@testcontainers/kafka')).toEqual(['testcontainers']);
    expect(names('@mikro-orm/core')).toEqual(['MikroORM', 'mikro-orm.EntityManager']);
    expect(names('@mikro-orm/sqlite')).toEqual(['MikroORM', 'mikro-orm.EntityManager']);
    expect(names('drizzle-orm/node-postgres')).toEqual(['drizzle']);
    expect(names('@testcontainers')).toEqual([]);
    expect(names('left-pad')).toEqual([]);
    // cached answers are the same answers
    expect(names('@testcontainers/kafka')).toEqual(['testcontainers']);
  });

  it("finds Prisma's client generated into the project, imported by a relative or aliased path", () => {
    const prismaClient = (moduleName: string) => catalog.findAcquisition(moduleName, 'PrismaClient', { new: true })?.spec.name;
    for (const specifier of [
      '../generated/prisma',
      './generated/prisma/client',
      '../../../packages/database/generated/prisma-test/client',
      '@/generated/prisma/client',
      'src/generated/prisma',
    ]) {
      expect(prismaClient(specifier), specifier).toBe('PrismaClient');
    }
    for (const specifier of ['../prisma', './generated/prisma/models', '../generated/prismatic-helpers/x', './db/client', '../generated']) {
      expect(prismaClient(specifier), specifier).toBeUndefined();
    }
  });

  it('matches only globs that start with **/ against the path of a relative import', () => {
    const paths = new ResourceCatalog([
      { name: 'Scoped', packages: ['@acme/*'], acquire: [{ export: 'Client', new: true }] },
      { name: 'Generated', packages: ['**/gen/db'], acquire: [{ export: 'Client', new: true }] },
    ]);
    expect(paths.specsForModule('../../gen/db').map((spec) => spec.name)).toEqual(['Generated']);
    expect(paths.specsForModule('../@acme/db').map((spec) => spec.name)).toEqual([]);
    expect(paths.specsForModule('@acme/db').map((spec) => spec.name)).toEqual(['Scoped']);
  });

  it('finds the functions of a module resource by name', () => {
    expect(catalog.findModuleFunction('mongoose', 'connect')).toMatchObject({ spec: { name: 'mongoose' }, effect: 'open' });
    expect(catalog.findModuleFunction('mongoose', 'disconnect')).toMatchObject({ effect: 'release' });
    expect(catalog.findModuleFunction('mongoose', 'model')).toBeUndefined();
    // pg's exports are classes, not functions of a module resource
    expect(catalog.findModuleFunction('pg', 'connect')).toBeUndefined();
  });

  it('finds specs by type name, within a package or across the catalog', () => {
    const names = (type: string, moduleName: string | undefined) => catalog.specsForType(type, moduleName).map((spec) => spec.name);
    expect(names('Pool', 'pg')).toEqual(['pg.Pool']);
    expect(names('Pool', 'mysql2/promise')).toEqual(['mysql2/promise']);
    expect(names('EntityManager', 'typeorm')).toEqual(['typeorm.EntityManager']);
    expect(names('EntityManager', '@mikro-orm/core')).toEqual(['mikro-orm.EntityManager']);
    expect(names('StartedPostgreSqlContainer', '@testcontainers/postgresql')).toEqual(['testcontainers']);
    expect(names('StartedTestContainer', 'testcontainers')).toEqual(['testcontainers']);
    expect(names('PostgreSqlContainer', '@testcontainers/postgresql')).toEqual([]);
    expect(names('Pool', 'left-pad')).toEqual([]);
    expect(names('Pool', undefined)).toEqual(expect.arrayContaining(['pg.Pool', 'mysql2/promise']));
  });

  it('tells open, release and synchronous release methods apart', () => {
    const spec = (name: string) => catalog.get(name)!;
    expect(methodEffect(spec('PrismaClient'), '$connect')).toBe('open');
    expect(methodEffect(spec('PrismaClient'), '$disconnect')).toBe('release');
    expect(methodEffect(spec('PrismaClient'), 'user')).toBeUndefined();
    expect(methodEffect(spec('better-sqlite3'), 'close')).toBe('syncRelease');
    expect(methodEffect(spec('pg.PoolClient'), 'release')).toBe('syncRelease');
    expect(methodEffect(spec('http.Server'), 'close')).toBe('syncRelease');
    expect(methodEffect(spec('fastify'), 'close')).toBe('release');
  });

  it('collects the method names that may create a resource, without wildcard exports', () => {
    const names = catalog.acquisitionMethodNames;
    for (const name of ['Pool', 'init', 'start', 'listen', 'createConnection']) expect(names.has(name), name).toBe(true);
    expect([...names].some((name) => name.includes('*'))).toBe(false);
    expect(catalog.acquisitionMethodNames).toBe(names);
  });

  it('tells module resources from packages that export resources', () => {
    expect(isModuleResource(catalog.get('mongoose')!)).toBe(true);
    expect(isModuleResource(catalog.get('pg.Pool')!)).toBe(false);
  });
});

describe('getCatalog', () => {
  it('shares the built-in catalog when there are no user entries', () => {
    expect(getCatalog(undefined)).toBe(getCatalog([]));
    expect(getCatalog(undefined).specs).toBe(builtinResources);
  });

  it('builds one catalog per user resource list', () => {
    const extra: ResourceSpec[] = [{ name: 'AcmeDb', packages: ['@acme/db'], acquire: [{ export: 'connect' }], release: ['shutdown'] }];
    const merged = getCatalog(extra);
    expect(getCatalog(extra)).toBe(merged);
    expect(merged).not.toBe(getCatalog(undefined));
    expect(merged.findAcquisition('@acme/db', 'connect', { new: false })?.spec.name).toBe('AcmeDb');
    expect(methodEffect(merged.get('AcmeDb')!, 'shutdown')).toBe('release');
    expect(merged.findAcquisition('pg', 'Pool', { new: true })?.spec.name).toBe('pg.Pool');
  });

  it('merges a user entry into the built-in resource of the same name', () => {
    const merged = getCatalog([
      {
        name: 'PrismaClient',
        packages: ['@acme/prisma'],
        acquire: [{ export: 'createPrisma' }],
        release: ['$shutdown'],
        yields: { tx: 'PrismaClient' },
      },
    ]);
    const prisma = merged.get('PrismaClient')!;
    expect(prisma.packages).toEqual([...getCatalog(undefined).get('PrismaClient')!.packages, '@acme/prisma']);
    expect(prisma.release).toEqual(['$disconnect', '$shutdown']);
    expect(prisma.open).toEqual(['$connect']);
    expect(prisma.session).toBe(true);
    expect(prisma.yields).toEqual({ tx: 'PrismaClient' });
    expect(merged.findAcquisition('@acme/prisma', 'createPrisma', { new: false })?.spec).toBe(prisma);
    expect(merged.findAcquisition('@acme/prisma', 'PrismaClient', { new: true })?.spec).toBe(prisma);
    expect(merged.specs.filter((spec) => spec.name === 'PrismaClient')).toHaveLength(1);
    // the built-in entry itself is left as it was
    expect(getCatalog(undefined).get('PrismaClient')?.release).toEqual(['$disconnect']);
  });

  it('supports glob packages and wildcard export names in user entries', () => {
    const merged = new ResourceCatalog([
      { name: 'Acme', packages: ['@acme/*'], acquire: [{ export: '*Client', new: true }], release: ['close'], typeNames: ['*Client'] },
    ]);
    expect(merged.findAcquisition('@acme/db', 'SqlClient', { new: true })?.spec.name).toBe('Acme');
    expect(merged.findAcquisition('@acme/db', 'Client', { new: true })?.spec.name).toBe('Acme');
    expect(merged.findAcquisition('@acme/db', 'SqlClientFactory', { new: true })).toBeUndefined();
    expect(merged.findAcquisition('@acme/db/sub', 'SqlClient', { new: true })).toBeUndefined();
    expect(merged.specsForType('HttpClient', '@acme/http').map((spec) => spec.name)).toEqual(['Acme']);
  });
});
