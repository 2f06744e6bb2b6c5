import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { getCatalog } from '../../src/analysis/catalog';
import { ProjectIndex, noteLint } from '../../src/analysis/project-index';

const catalog = getCatalog(undefined);

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'test-isolation-index-'));
});
afterEach(() => {
  vi.restoreAllMocks();
  fs.rmSync(root, { recursive: true, force: true });
});

/** Writes files under the temporary root; keys are relative paths. */
function writeTree(files: Record<string, string>): void {
  for (const [relative, text] of Object.entries(files)) {
    const file = path.join(root, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
}

const at = (relative: string) => path.join(root, relative);
const prismaModule = `import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\n`;

/** The resource name behind `import { exportName } from module` in `src/db.test.ts`. */
function resourceBehind(index: ProjectIndex, module: string, exportName: string, from = 'src/db.test.ts'): string | undefined {
  return index.exportedResource(at(from), { module, exportName }, catalog)?.name;
}

describe('ProjectIndex.resolveImport', () => {
  beforeEach(() => {
    writeTree({
      'src/db.ts': '',
      'src/util.mts': '',
      'src/legacy.cjs': '',
      'src/view.tsx': '',
      'src/plain.js': '',
      'src/models/index.ts': '',
      'src/both.ts': '',
      'src/both.js': '',
    });
  });
  const resolve = (specifier: string) => {
    const found = new ProjectIndex().resolveImport(at('src/db.test.ts'), specifier);
    return found && path.relative(root, found).split(path.sep).join('/');
  };

  it.each([
    ['./db', 'src/db.ts'],
    ['./db.js', 'src/db.ts'],
    ['./db.ts', 'src/db.ts'],
    ['./util.mjs', 'src/util.mts'],
    ['./util', 'src/util.mts'],
    ['./legacy.cjs', 'src/legacy.cjs'],
    ['./view.js', 'src/view.tsx'],
    ['./view.jsx', 'src/view.tsx'],
    ['./plain.js', 'src/plain.js'],
    ['./models', 'src/models/index.ts'],
    ['./models/index.js', 'src/models/index.ts'],
    ['../src/db', 'src/db.ts'],
    ['./both.js', 'src/both.ts'],
    ['./both', 'src/both.ts'],
  ])('resolves %s to %s', (specifier, expected) => {
    expect(resolve(specifier)).toBe(expected);
  });

  it.each(['./missing', './missing.js', 'pg', '@prisma/client', './models/missing'])('does not resolve %s', (specifier) => {
    expect(resolve(specifier)).toBeUndefined();
  });

  it('does not resolve a directory without an index file', () => {
    fs.mkdirSync(at('src/empty'));
    expect(resolve('./empty')).toBeUndefined();
  });
});

describe('ProjectIndex.exportedResource', () => {
  it('finds a module-level resource exported by a declaration, a specifier or a default export', () => {
    writeTree({
      'src/db.ts': prismaModule,
      'src/pool.ts': `import { Pool } from 'pg';\nconst pool = new Pool();\nconst other = 1;\nexport { pool, other, pool as renamed };\n`,
      'src/redis.ts': `import Redis from 'ioredis';\nexport default new Redis();\n`,
      'src/knex.ts': `import knex from 'knex';\nconst db = knex({ connection: process.env.DATABASE_URL });\nexport default db;\n`,
      'src/cached.ts': `import { PrismaClient } from '@prisma/client';\nexport const prisma = globalThis.prisma ?? new PrismaClient();\n`,
      'src/cjs.ts': `const { Pool } = require('pg');\nexport const pool = new Pool();\n`,
    });
    const index = new ProjectIndex();
    expect(resourceBehind(index, './db', 'prisma')).toBe('PrismaClient');
    expect(resourceBehind(index, './db.js', 'prisma')).toBe('PrismaClient');
    expect(resourceBehind(index, './pool', 'pool')).toBe('pg.Pool');
    expect(resourceBehind(index, './pool', 'renamed')).toBe('pg.Pool');
    expect(resourceBehind(index, './pool', 'other')).toBeUndefined();
    expect(resourceBehind(index, './redis', 'default')).toBe('ioredis');
    expect(resourceBehind(index, './knex', 'default')).toBe('Knex');
    expect(resourceBehind(index, './cached', 'prisma')).toBe('PrismaClient');
    expect(resourceBehind(index, './cjs', 'pool')).toBe('pg.Pool');
  });

  it('stays silent on exports that are not module-level resources', () => {
    writeTree({
      'src/factory.ts': `import { Pool } from 'pg';\nexport function createPool() { return new Pool(); }\nexport const Pool2 = Pool;\n`,
      'src/local.ts': `class Pool {}\nexport const pool = new Pool();\n`,
      'src/typed.ts': `import type { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\n`,
    });
    const index = new ProjectIndex();
    expect(resourceBehind(index, './factory', 'createPool')).toBeUndefined();
    expect(resourceBehind(index, './factory', 'Pool2')).toBeUndefined();
    expect(resourceBehind(index, './local', 'pool')).toBeUndefined();
    expect(resourceBehind(index, './typed', 'prisma')).toBeUndefined();
    expect(resourceBehind(index, './factory', '*')).toBeUndefined();
    expect(resourceBehind(index, './missing', 'prisma')).toBeUndefined();
  });

  it('follows re-exports, renamed re-exports and re-exported imports', () => {
    writeTree({
      'src/db.ts': prismaModule,
      'src/index.ts': `export { prisma } from './db';\nexport { prisma as client } from './db.js';\n`,
      'src/barrel.ts': `import { prisma as p } from './db';\nexport { p as database };\n`,
      'src/deep/index.ts': `export { client } from '../index';\n`,
      'src/default.ts': `import { prisma } from './db';\nexport default prisma;\n`,
    });
    const index = new ProjectIndex();
    expect(resourceBehind(index, './index', 'prisma')).toBe('PrismaClient');
    expect(resourceBehind(index, '.', 'client')).toBe('PrismaClient');
    expect(resourceBehind(index, './barrel', 'database')).toBe('PrismaClient');
    expect(resourceBehind(index, './deep', 'client')).toBe('PrismaClient');
    expect(resourceBehind(index, './default', 'default')).toBe('PrismaClient');
    expect(resourceBehind(index, './index', 'nothing')).toBeUndefined();
  });

  it('follows export * and stops on export * cycles', () => {
    writeTree({
      'src/db.ts': prismaModule,
      'src/all.ts': `export * from './other';\nexport * from './db.js';\n`,
      'src/other.ts': `export const unrelated = 1;\n`,
      'src/a.ts': `export * from './b';\n`,
      'src/b.ts': `export * from './a';\n`,
      'src/ns.ts': `export * as db from './db';\n`,
    });
    const index = new ProjectIndex();
    expect(resourceBehind(index, './all', 'prisma')).toBe('PrismaClient');
    expect(resourceBehind(index, './all', 'unrelated')).toBeUndefined();
    expect(resourceBehind(index, './a', 'prisma')).toBeUndefined();
    expect(resourceBehind(index, './ns', 'prisma')).toBeUndefined();
  });

  it('contributes no facts from a file that does not parse, without throwing', () => {
    writeTree({
      'src/broken.ts': `import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient(;\n`,
      'src/reexport.ts': `export * from './broken';\nexport { prisma as good } from './db';\n`,
      'src/db.ts': prismaModule,
    });
    const index = new ProjectIndex();
    expect(resourceBehind(index, './broken', 'prisma')).toBeUndefined();
    expect(resourceBehind(index, './reexport', 'prisma')).toBeUndefined();
    expect(resourceBehind(index, './reexport', 'good')).toBe('PrismaClient');
  });

  it('parses JSX in .tsx and .jsx files', () => {
    writeTree({
      'src/app.tsx': `import { Pool } from 'pg';\nexport const pool = new Pool();\nexport const view = <div>{String(pool)}</div>;\n`,
      'src/app2.jsx': `import { Pool } from 'pg';\nexport const pool = new Pool();\nexport const view = <div />;\n`,
    });
    const index = new ProjectIndex();
    expect(resourceBehind(index, './app', 'pool')).toBe('pg.Pool');
    expect(resourceBehind(index, './app2.jsx', 'pool')).toBe('pg.Pool');
  });

  it('does not read files over the size limit', () => {
    writeTree({ 'src/huge.ts': `${prismaModule}/*${'x'.repeat(1024 * 1024)}*/\n` });
    expect(resourceBehind(new ProjectIndex(), './huge', 'prisma')).toBeUndefined();
  });

  it('sees an edit that changes the file size between two lints', () => {
    writeTree({ 'src/db.ts': `export const prisma = 1;\n` });
    const index = new ProjectIndex();
    noteLint({});
    expect(resourceBehind(index, './db', 'prisma')).toBeUndefined();
    writeTree({ 'src/db.ts': prismaModule });
    noteLint({});
    expect(resourceBehind(index, './db', 'prisma')).toBe('PrismaClient');
  });

  it('sees an edit that keeps the size but changes the modification time', () => {
    const before = `import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\n`;
    const after = `import { PrismaClient } from '@prisma/client';\nexport const prismb = new PrismaClient();\n`;
    expect(after.length).toBe(before.length);
    writeTree({ 'src/db.ts': before });
    fs.utimesSync(at('src/db.ts'), new Date(2020, 0, 1), new Date(2020, 0, 1));
    const index = new ProjectIndex();
    noteLint({});
    expect(resourceBehind(index, './db', 'prisma')).toBe('PrismaClient');
    writeTree({ 'src/db.ts': after });
    fs.utimesSync(at('src/db.ts'), new Date(2021, 0, 1), new Date(2021, 0, 1));
    noteLint({});
    expect(resourceBehind(index, './db', 'prisma')).toBeUndefined();
    expect(resourceBehind(index, './db', 'prismb')).toBe('PrismaClient');
  });

  it('sees a file that is deleted, then created again', () => {
    writeTree({ 'src/db.ts': prismaModule });
    const index = new ProjectIndex();
    noteLint({});
    expect(resourceBehind(index, './db', 'prisma')).toBe('PrismaClient');
    fs.rmSync(at('src/db.ts'));
    noteLint({});
    expect(resourceBehind(index, './db', 'prisma')).toBeUndefined();
    writeTree({ 'src/db.ts': prismaModule });
    noteLint({});
    expect(resourceBehind(index, './db', 'prisma')).toBe('PrismaClient');
  });

  it('looks at the disk once per lint for a file that several questions ask about', () => {
    writeTree({ 'src/db.ts': prismaModule });
    const index = new ProjectIndex();
    noteLint({});
    expect(resourceBehind(index, './db', 'prisma')).toBe('PrismaClient');
    const stat = vi.spyOn(fs, 'statSync');
    const lint = {};
    noteLint(lint);
    expect(resourceBehind(index, './db', 'prisma')).toBe('PrismaClient');
    expect(resourceBehind(index, './db', 'prisma', 'src/other.test.ts')).toBe('PrismaClient');
    // the same syntax tree again is the same lint
    noteLint(lint);
    expect(resourceBehind(index, './db', 'prisma')).toBe('PrismaClient');
    expect(stat.mock.calls.filter(([file]) => file === at('src/db.ts'))).toHaveLength(1);
  });

  it('reads an unchanged file once across queries', () => {
    writeTree({ 'src/db.ts': prismaModule, 'src/index.ts': `export * from './db';\n` });
    const index = new ProjectIndex();
    const read = vi.spyOn(fs, 'readFileSync');
    expect(resourceBehind(index, './index', 'prisma')).toBe('PrismaClient');
    expect(resourceBehind(index, './db', 'prisma')).toBe('PrismaClient');
    expect(resourceBehind(index, './index', 'prisma', 'src/other.test.ts')).toBe('PrismaClient');
    const dbReads = read.mock.calls.filter(([file]) => file === at('src/db.ts'));
    expect(dbReads).toHaveLength(1);
  });

  it('tests the text of a file once per version, and sees an edit made before the next lint', () => {
    writeTree({ 'package.json': '{}', 'src/fixtures.ts': `export const helper = 1;\n` });
    const project = new ProjectIndex().projectFor(at('src/fixtures.ts'))!;
    const read = vi.spyOn(fs, 'readFileSync');
    noteLint({});
    expect(project.textMatches(at('src/fixtures.ts'), /\.extend\b/)).toBe(false);
    noteLint({});
    expect(project.textMatches(at('src/fixtures.ts'), /\.extend\b/)).toBe(false);
    expect(read.mock.calls.filter(([file]) => file === at('src/fixtures.ts'))).toHaveLength(1);
    writeTree({ 'src/fixtures.ts': `import { test as base } from 'vitest';\nexport const test = base.extend({});\n` });
    noteLint({});
    expect(project.textMatches(at('src/fixtures.ts'), /\.extend\b/)).toBe(true);
    expect(project.textMatches(at('src/missing.ts'), /./)).toBe(false);
  });

  it('keeps facts per catalog, so user resources are seen', () => {
    writeTree({ 'src/acme.ts': `import { connect } from '@acme/db';\nexport const db = connect();\n` });
    const index = new ProjectIndex();
    const withAcme = getCatalog([{ name: 'AcmeDb', packages: ['@acme/db'], acquire: [{ export: 'connect' }], release: ['close'] }]);
    expect(index.exportedResource(at('src/db.test.ts'), { module: './acme', exportName: 'db' }, catalog)).toBeUndefined();
    expect(index.exportedResource(at('src/db.test.ts'), { module: './acme', exportName: 'db' }, withAcme)?.name).toBe('AcmeDb');
  });
});
