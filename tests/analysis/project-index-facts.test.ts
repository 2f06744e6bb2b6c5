import fs from 'node:fs';
import path from 'node:path';

import * as tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { afterAll, describe, expect, it, vi } from 'vitest';

import { getCatalog } from '../../src/analysis/catalog';
import { mayContainRegistration } from '../../src/analysis/entities';
import { cacheFileFor, cacheKey, textFingerprint } from '../../src/analysis/index-cache';
import { ProjectIndex } from '../../src/analysis/project-index';
import { parseJsonWithComments, readTsconfig } from '../../src/analysis/tsconfig';
import plugin from '../../src/index';
import { makeTree, removeTree, touchLater, writeFiles } from './tree-helpers';

const roots: string[] = [];
afterAll(() => roots.forEach(removeTree));
const catalog = getCatalog(undefined);

function tree(files: Record<string, string>): string {
  const root = makeTree(files);
  roots.push(root);
  return root;
}

const rel = (root: string, files: readonly string[]) => files.map((file) => path.relative(root, file).split(path.sep).join('/'));

describe('which files belong to a project', () => {
  it('reads tsconfig include/exclude/files with comments, trailing commas and extends', () => {
    const root = tree({
      'package.json': '{}',
      'node_modules/@tsconfig/base/tsconfig.json': '{ "compilerOptions": { "outDir": "${configDir}/build", "baseUrl": "." } }',
      'configs/base.json': '{ /* shared */ "include": ["../src", "../scripts/*.ts",], "compilerOptions": { "allowJs": true } }',
      'tsconfig.json': `{
        // the project's own config
        "extends": ["@tsconfig/base/tsconfig.json", "./configs/base.json"],
        "exclude": ["src/generated", "**/*.stories.ts"],
        "files": ["tools/only.ts"],
      }`,
      'src/a.ts': '',
      'src/b.js': '',
      'src/c.d.ts': '',
      'src/view.stories.ts': '',
      'src/generated/x.ts': '',
      'scripts/run.ts': '',
      'scripts/deep/skip.ts': '',
      'tools/only.ts': '',
      'tools/other.ts': '',
      'build/a.js': '',
      'node_modules/pkg/index.ts': '',
    });
    const config = readTsconfig(path.join(root, 'tsconfig.json'))!;
    expect(config.outDir).toBe(path.join(root, 'build'));
    expect(config.allowJs).toBe(true);
    const project = new ProjectIndex({ persistentCache: false }).projectFor(path.join(root, 'src/a.ts'))!;
    expect(rel(root, project.files())).toEqual(['scripts/run.ts', 'src/a.ts', 'src/b.js', 'tools/only.ts']);
  });

  it('takes allowJs from the nearest config that sets it, and from checkJs when none does', () => {
    const root = tree({
      'base.json': '{ "compilerOptions": { "allowJs": true } }',
      'off.json': '{ "extends": "./base.json", "compilerOptions": { "allowJs": false } }',
      'checked.json': '{ "compilerOptions": { "checkJs": true } }',
      'checked-off.json': '{ "compilerOptions": { "checkJs": true, "allowJs": false } }',
      'inherits.json': '{ "extends": "./base.json" }',
    });
    const allowJs = (name: string) => readTsconfig(path.join(root, name))!.allowJs;
    expect([allowJs('off.json'), allowJs('checked.json'), allowJs('checked-off.json'), allowJs('inherits.json')]).toEqual([false, true, false, true]);
  });

  it('follows project references and stays inside the root', () => {
    const root = tree({
      'package.json': '{}',
      'tsconfig.json': '{ "files": [], "references": [{ "path": "./tsconfig.app.json" }, { "path": "./packages/lib" }, { "path": "../outside" }] }',
      'tsconfig.app.json': '{ "include": ["app"] }',
      'packages/lib/tsconfig.json': '{ "include": ["src"] }',
      'app/main.ts': '',
      'packages/lib/src/index.ts': '',
      'packages/lib/test/skip.ts': '',
      'other/skip.ts': '',
    });
    const project = new ProjectIndex({ persistentCache: false }).projectFor(path.join(root, 'app/main.ts'))!;
    expect(rel(root, project.files())).toEqual(['app/main.ts', 'packages/lib/src/index.ts']);
  });

  it('without a tsconfig, globs source files but never node_modules, hidden or generated folders, or symbolic links', () => {
    const root = tree({
      'package.json': '{}',
      'src/a.ts': '',
      'src/b.mjs': '',
      'src/c.json': '',
      'lib/d.js': '',
      'dist/e.js': '',
      'coverage/f.js': '',
      '.cache/g.ts': '',
      'node_modules/h/index.js': '',
    });
    fs.symlinkSync(path.join(root, 'src'), path.join(root, 'src-link'));
    const project = new ProjectIndex({ persistentCache: false }).projectFor(path.join(root, 'src/a.ts'))!;
    expect(rel(root, project.files())).toEqual(['lib/d.js', 'src/a.ts', 'src/b.mjs']);
    expect(project.hasSymbolicLinks).toBe(true);
  });

  it('tells a path that is its real path from one through a symbolic link, a folder at a time', () => {
    const root = tree({ 'package.json': '{}', 'src/a.ts': 'export const a = 1;\n' });
    fs.symlinkSync(path.join(root, 'src/a.ts'), path.join(root, 'src/b.ts'));
    const linkedRoot = `${root}-link`;
    fs.symlinkSync(root, linkedRoot);
    roots.push(linkedRoot);
    const project = new ProjectIndex({ persistentCache: false }).projectFor(path.join(root, 'src/a.ts'))!;
    expect(project.hasRealPath(path.join(root, 'src/a.ts'))).toBe(true);
    expect(project.hasRealPath(path.join(root, 'src/b.ts'))).toBe(false);
    const throughLink = new ProjectIndex({ persistentCache: false }).projectFor(path.join(linkedRoot, 'src/a.ts'))!;
    expect(throughLink.hasRealPath(path.join(linkedRoot, 'src/a.ts'))).toBe(false);
  });

  it('uses the nearest tsconfig.json or package.json as the root, and none outside any project', () => {
    const root = tree({ 'package.json': '{}', 'packages/api/package.json': '{}', 'packages/api/src/a.ts': '', 'src/b.ts': '' });
    const index = new ProjectIndex({ persistentCache: false });
    expect(index.projectFor(path.join(root, 'packages/api/src/a.ts'))!.root).toBe(path.join(root, 'packages/api'));
    expect(index.projectFor(path.join(root, 'src/b.ts'))!.root).toBe(root);
    expect(index.projectFor('relative/file.ts')).toBeUndefined();
  });

  it('skips files over the size limit and tolerates files that do not parse', () => {
    const root = tree({
      'package.json': '{}',
      'src/huge.ts': `import mongoose from 'mongoose';\nexport const A = mongoose.model('A', new mongoose.Schema({}));\n// ${'x'.repeat(5000)}\n`,
      'src/broken.ts': `import mongoose from 'mongoose';\nexport const B = mongoose.model('B', new mongoose.Schema({});\nclass {\n`,
      'src/fine.ts': `import mongoose from 'mongoose';\nexport const C = mongoose.model('C', new mongoose.Schema({}));\n`,
    });
    const project = new ProjectIndex({ persistentCache: false, maxFileBytes: 2000 }).projectFor(path.join(root, 'src/fine.ts'))!;
    expect([...project.registrationsByKey(catalog).keys()]).toEqual(['mongoose|default||C']);
    expect(project.parsedFacts(path.join(root, 'src/broken.ts'), catalog)).toBeUndefined();
    expect(project.parsedFacts(path.join(root, 'src/huge.ts'), catalog)).toBeUndefined();
  });

  it('stops listing at maxFiles, in sorted order', () => {
    const root = tree({ 'package.json': '{}', 'a.ts': '', 'b.ts': '', 'c.ts': '', 'd.ts': '' });
    const project = new ProjectIndex({ persistentCache: false, maxFiles: 2 }).projectFor(path.join(root, 'a.ts'))!;
    expect(rel(root, project.files())).toEqual(['a.ts', 'b.ts']);
    expect(project.truncated).toBe(true);
  });
});

describe('facts per file', () => {
  const root = tree({
    'package.json': '{ "name": "shop" }',
    'tsconfig.json': '{ "compilerOptions": { "baseUrl": ".", "paths": { "@app/*": ["src/*"], "#db": ["src/db.ts"] } } }',
    'src/db.ts': `import { DataSource } from 'typeorm';\nimport { PrismaClient } from '@prisma/client';\nexport const dataSource = new DataSource({ type: 'postgres' });\nexport const prisma = globalThis.prisma ?? new PrismaClient();\nconst pool = dataSource;\nexport { pool as defaultPool };\n`,
    'src/index.ts': `export { dataSource } from './db';\nexport * from './orders/order.service';\n`,
    'src/orders/order.entity.ts': `import { Entity } from 'typeorm';\n\n@Entity({ name: 'orders' })\nexport class Order {}\n`,
    'src/orders/order.service.ts': `import type { Repository } from 'typeorm';
import { EntityManager } from 'typeorm';
import { Inject } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Order } from './order.entity';
import { BaseService } from '../base.service';
import lodash from 'lodash';
const lazy = () => import('./lazy');
const legacy = require('../legacy');

export class OrderService {
  constructor(
    @InjectRepository(Order) private readonly orders: Repository<Order>,
    private readonly em?: EntityManager,
    @Inject('LIMIT') limit = 10,
    ...rest: unknown[]
  ) {}
}

export class DerivedService extends BaseService {}

export async function createOrderService(em: EntityManager, { limit }: { limit: number } = { limit: 1 }) {
  return new OrderService(undefined as never, em, limit);
}
export default class {}
`,
    'src/base.service.ts': `import type { Knex } from 'knex';\nexport class BaseService {\n  constructor(protected readonly knex: Knex) {}\n}\n`,
    'src/lazy.ts': 'export const lazy = 1;\n',
    'src/legacy.js': 'module.exports = {};\n',
    'src/Models/Item.ts': 'export const Item = 1;\n',
    'dist/orders/order.entity.js': 'exports.Order = class Order {};\n',
    'lib/helpers.ts': 'export const helper = 1;\n',
  });
  const project = new ProjectIndex({ persistentCache: false }).projectFor(path.join(root, 'src/index.ts'))!;
  const at = (file: string) => path.join(root, file);

  it('records entity registrations with ORM, registry key, name and location', () => {
    expect(project.parsedFacts(at('src/orders/order.entity.ts'), catalog)!.registrations).toEqual([
      {
        key: 'typeorm|default||orders',
        registry: 'typeorm',
        orm: 'TypeORM',
        entityKind: 'table',
        name: 'orders',
        line: 3,
        column: 0,
        repeatable: false,
        guarded: false,
        inFunction: false,
        deferred: false,
      },
    ]);
  });

  it('picks registration files by whole words: the `define` in `undefined` does not count', () => {
    expect(mayContainRegistration(`const x = undefined;\nobj.defined(1);\n`, catalog)).toBe(false);
    expect(mayContainRegistration(`const x = undefined;\nsequelize.define('User', {});\n`, catalog)).toBe(true);
    expect(mayContainRegistration(`import { Entity } from 'typeorm';\n@Entity()\nclass User {}\n`, catalog)).toBe(true);
    expect(mayContainRegistration(`import { Entity } from 'typeorm';\nclass MyEntity {}\n`, catalog)).toBe(false);
    expect(mayContainRegistration(`import { pgTable } from 'drizzle-orm/pg-core';\nexport const users = pgTable('users', {});\n`, catalog)).toBe(true);
  });

  it('finds the registrations of one key parsing only the files that can spell its name', () => {
    const mongooseModel = (name: string) => `import mongoose from 'mongoose';\nexport const M = mongoose.model(${name}, new mongoose.Schema({}));\n`;
    const typeormEntity = (name: string) => `import { Entity } from 'typeorm';\n@Entity()\nexport class ${name} {}\n`;
    const root = tree({
      'package.json': '{}',
      'src/literal.ts': mongooseModel(`'User'`),
      'src/escaped.ts': mongooseModel(`'Us\\u0065r'`),
      'src/constant.ts': `import mongoose from 'mongoose';\nconst NAME = 'User';\nmongoose.model(NAME, new mongoose.Schema({}));\n`,
      'src/other.ts': mongooseModel(`'Order'`),
      'src/snake.ts': typeormEntity('UserProfile'),
      'src/snake-twin.ts': typeormEntity('User_Profile'),
      'src/unrelated.ts': typeormEntity('Invoice'),
    });
    const file = path.join(root, 'src/literal.ts');
    const whole = new ProjectIndex({ persistentCache: false }).projectFor(file)!.registrationsByKey(catalog);
    expect(whole.get('mongoose|default||User')?.map((ref) => path.basename(ref.file))).toEqual(['constant.ts', 'escaped.ts', 'literal.ts']);
    expect(whole.get('typeorm|default||user_profile')?.map((ref) => path.basename(ref.file))).toEqual(['snake-twin.ts', 'snake.ts']);
    const lazy = new ProjectIndex({ persistentCache: false }).projectFor(file)!;
    const parsed = vi.spyOn(lazy, 'parsedFacts');
    expect(lazy.registrationsOf('mongoose|default||User', 'User', catalog)).toEqual(whole.get('mongoose|default||User'));
    // `Order` and `Invoice` cannot be `User`; `UserProfile` and `User_Profile` spell it
    expect(parsed.mock.calls.map(([parsedFile]) => path.basename(parsedFile)).sort()).toEqual(['constant.ts', 'escaped.ts', 'literal.ts', 'snake-twin.ts', 'snake.ts']);
    for (const [key, refs] of whole) expect(lazy.registrationsOf(key, refs[0]!.fact.name, catalog)).toEqual(refs);
    expect(lazy.registrationsOf('mongoose|default||Nobody', 'Nobody', catalog)).toEqual([]);
  });

  it('sees a file that starts registering a key after its registrations were asked for', () => {
    const registers = `import mongoose from 'mongoose';\nexport const M = mongoose.model('User', new mongoose.Schema({}));\n`;
    const root = tree({ 'package.json': '{}', 'src/a.ts': registers, 'src/b.ts': 'export const b = 1;\n' });
    const project = new ProjectIndex({ persistentCache: false }).projectFor(path.join(root, 'src/a.ts'))!;
    const files = () => project.registrationsOf('mongoose|default||User', 'User', catalog).map((ref) => path.basename(ref.file));
    expect(files()).toEqual(['a.ts']);
    writeFiles(root, { 'src/b.ts': registers, 'src/c.ts': registers });
    touchLater(path.join(root, 'src/b.ts'));
    project.sweep();
    expect(files()).toEqual(['a.ts', 'b.ts', 'c.ts']);
  });

  it('records import specifiers, and resolves them (relative, paths, baseUrl, the package name)', () => {
    const facts = project.parsedFacts(at('src/orders/order.service.ts'), catalog)!;
    expect(facts.imports.map((fact) => [fact.specifier, fact.kind, fact.typeOnly, fact.line])).toEqual([
      ['typeorm', 'import', true, 1],
      ['typeorm', 'import', false, 2],
      ['@nestjs/common', 'import', false, 3],
      ['@nestjs/typeorm', 'import', false, 4],
      ['./order.entity', 'import', false, 5],
      ['../base.service', 'import', false, 6],
      ['lodash', 'import', false, 7],
      ['./lazy', 'dynamic', false, 8],
      ['../legacy', 'require', false, 9],
    ]);
    const from = at('src/orders/order.service.ts');
    expect(project.resolve(from, './order.entity')).toEqual({ path: at('src/orders/order.entity.ts'), exact: true, via: 'relative' });
    expect(project.resolve(from, '../legacy')?.path).toBe(at('src/legacy.js'));
    expect(project.resolve(from, '../lazy.js')?.path).toBe(at('src/lazy.ts'));
    expect(project.resolve(from, '@app/db')).toEqual({ path: at('src/db.ts'), exact: true, via: 'paths' });
    expect(project.resolve(from, '#db')?.path).toBe(at('src/db.ts'));
    expect(project.resolve(from, 'lib/helpers')).toEqual({ path: at('lib/helpers.ts'), exact: true, via: 'baseUrl' });
    expect(project.resolve(from, 'shop')?.path).toBe(undefined);
    expect(project.resolve(from, 'lodash')).toBeUndefined();
    expect(project.resolvedImportsOf(from, catalog).map(({ fact, resolution }) => [fact.specifier, resolution && path.relative(root, resolution.path)])).toEqual([
      ['typeorm', undefined],
      ['typeorm', undefined],
      ['@nestjs/common', undefined],
      ['@nestjs/typeorm', undefined],
      ['./order.entity', 'src/orders/order.entity.ts'],
      ['../base.service', 'src/base.service.ts'],
      ['lodash', undefined],
      ['./lazy', undefined],
      ['../legacy', 'src/legacy.js'],
    ]);
  });

  it('records exported classes with constructor parameters: type text, decorators, optional and default values', () => {
    const facts = project.parsedFacts(at('src/orders/order.service.ts'), catalog)!;
    expect(facts.classes.map((fact) => fact.name)).toEqual(['OrderService', 'DerivedService', 'default']);
    expect(facts.classes[0]!.constructorParameters).toEqual([
      {
        name: 'orders',
        type: 'Repository<Order>',
        decorators: [{ name: 'InjectRepository', arguments: ['Order'] }],
        optional: false,
        rest: false,
        accessibility: 'private',
        readonly: true,
      },
      { name: 'em', type: 'EntityManager', decorators: [], optional: true, rest: false, accessibility: 'private', readonly: true },
      { name: 'limit', decorators: [{ name: 'Inject', arguments: ["'LIMIT'"] }], optional: false, rest: false, readonly: false, defaultValue: '10' },
      { name: 'rest', type: 'unknown[]', decorators: [], optional: false, rest: true, readonly: false },
    ]);
    expect(facts.classes[1]).toMatchObject({ name: 'DerivedService', superClass: 'BaseService', superClassImport: { module: '../base.service', exportName: 'BaseService' } });
    expect(facts.classes[1]!.constructorParameters).toBeUndefined();
    expect(facts.functions).toEqual([
      {
        name: 'createOrderService',
        exportNames: ['createOrderService'],
        line: 22,
        async: true,
        parameters: [
          { name: 'em', type: 'EntityManager', decorators: [], optional: false, rest: false, readonly: false },
          { type: '{ limit: number }', decorators: [], optional: false, rest: false, readonly: false, defaultValue: '{ limit: 1 }' },
        ],
      },
    ]);
  });

  it('answers constructor signatures for another file, through re-exports and inherited constructors', () => {
    const from = at('src/app.ts');
    const params = project.constructorParameters(from, { module: './index', exportName: 'OrderService' }, catalog);
    expect(params?.map((param) => `${param.name}:${param.type}`)).toEqual(['orders:Repository<Order>', 'em:EntityManager', 'limit:undefined', 'rest:unknown[]']);
    const inherited = project.constructorParameters(from, { module: './index', exportName: 'DerivedService' }, catalog);
    expect(inherited?.map((param) => `${param.name}:${param.type}`)).toEqual(['knex:Knex']);
    expect(project.exportedDeclaration(from, { module: './index', exportName: 'createOrderService' }, catalog)?.function?.name).toBe('createOrderService');
    expect(project.exportedDeclaration(from, { module: './index', exportName: 'Missing' }, catalog)).toBeUndefined();
  });

  it('reads an overloaded constructor from the signature that runs, and marks it overloaded', () => {
    const root = tree({
      'package.json': '{}',
      'src/store.ts': `import type { Knex } from 'knex';
export class Store {
  constructor();
  constructor(db: Knex);
  constructor(db?: Knex, retries = 3) {}
}
export class Plain {
  constructor(db: Knex) {}
}
export declare class Declared {
  constructor(name: string);
  constructor(name: string, db: Knex);
}
`,
    });
    const facts = new ProjectIndex().projectFor(path.join(root, 'src/store.ts'))!.parsedFacts(path.join(root, 'src/store.ts'), catalog)!;
    const summary = facts.classes.map((fact) => [fact.name, fact.constructorParameters?.map((param) => param.name).join(','), fact.overloadedConstructor]);
    expect(summary).toEqual([
      ['Store', 'db,retries', true],
      ['Plain', 'db', undefined],
      ['Declared', 'name', true],
    ]);
  });

  it('records exports that hold module-level catalog resources, followed through re-exports and aliases', () => {
    const facts = project.parsedFacts(at('src/db.ts'), catalog)!;
    expect(facts.exports).toEqual({
      dataSource: { resource: 'typeorm.DataSource' },
      prisma: { resource: 'PrismaClient' },
      defaultPool: { resource: 'typeorm.DataSource' },
    });
    const from = at('src/app.ts');
    expect(project.exportedResource(from, { module: './index', exportName: 'dataSource' }, catalog)?.name).toBe('typeorm.DataSource');
    expect(project.exportedResource(from, { module: '@app/db', exportName: 'prisma' }, catalog)?.name).toBe('PrismaClient');
    expect(project.importIdentity(from, { module: './index', exportName: 'dataSource' }, catalog)).toBe(`${at('src/db.ts')}#dataSource`);
    expect(project.importIdentity(from, { module: 'lodash', exportName: 'map' }, catalog)).toBe('lodash#map');
  });

  it("detects an import whose case differs from the disk, with the disk's spelling", () => {
    const from = at('src/app.ts');
    expect(project.resolve(from, './models/item')).toEqual({ path: at('src/Models/Item.ts'), exact: false, via: 'relative', correctedSpecifier: './Models/Item' });
    expect(project.resolve(from, '@app/models/ITEM.js')).toMatchObject({ path: at('src/Models/Item.ts'), exact: false, correctedSpecifier: '@app/Models/Item.js' });
    expect(project.resolve(from, './Models/Item')).toMatchObject({ exact: true });
  });

  it('detects build output with a source twin, and leaves a folder without twins alone', () => {
    expect(project.buildOutputOf(at('dist/orders/order.entity.js'))).toEqual({ folder: at('dist'), source: at('src/orders/order.entity.ts') });
    expect(project.buildOutputOf(at('lib/helpers.ts'))).toBeUndefined();
    expect(project.buildOutputOf(at('src/orders/order.entity.ts'))).toBeUndefined();
  });
});

describe('the linted buffer, edits, determinism and the persistent cache', () => {
  it("prefers an editor's unsaved buffer over the disk, and forgets it when the disk catches up", () => {
    const root = tree({ 'package.json': '{}', 'src/a.ts': `import mongoose from 'mongoose';\nexport const A = mongoose.model('A', new mongoose.Schema({}));\n` });
    const file = path.join(root, 'src/a.ts');
    const project = new ProjectIndex({ persistentCache: false }).projectFor(file)!;
    expect([...project.registrationsByKey(catalog).keys()]).toEqual(['mongoose|default||A']);
    const facts = { ...project.parsedFacts(file, catalog)!, registrations: [] };
    project.updateFromBuffer(file, catalog, '// emptied in the editor\n', () => facts);
    expect([...project.registrationsByKey(catalog).keys()]).toEqual([]);
    // The same text as the disk: the disk's facts stand.
    project.updateFromBuffer(file, catalog, fs.readFileSync(file, 'utf8'), () => facts);
    expect([...project.registrationsByKey(catalog).keys()]).toEqual(['mongoose|default||A']);
  });

  it('recognises a buffer equal to the disk by the fingerprint the scan kept, without reading the file again', () => {
    const files: Record<string, string> = { 'package.json': '{}' };
    // more files than the index keeps recent texts of, so the first file's text is no longer held
    for (let i = 0; i < 24; i++) files[`src/m${i}.ts`] = `import mongoose from 'mongoose';\nexport const M${i} = mongoose.model('M${i}', new mongoose.Schema({}));\n`;
    const root = tree(files);
    const file = path.join(root, 'src/m0.ts');
    const project = new ProjectIndex({ persistentCache: false }).projectFor(file)!;
    expect(project.registrationsByKey(catalog).size).toBe(24);
    const text = fs.readFileSync(file, 'utf8');
    const read = vi.spyOn(fs, 'readFileSync');
    const readFacts = vi.fn(() => ({ ...project.parsedFacts(file, catalog)!, registrations: [] }));
    project.updateFromBuffer(file, catalog, text, readFacts);
    expect(read.mock.calls.filter(([name]) => name === file)).toHaveLength(0);
    expect(readFacts).not.toHaveBeenCalled();
    expect(project.registrationsByKey(catalog).size).toBe(24);
    // a buffer of the same length with other text is still told apart
    project.updateFromBuffer(file, catalog, text.replace("'M0'", "'X0'"), readFacts);
    expect(readFacts).toHaveBeenCalledTimes(1);
    read.mockRestore();
  });

  it('fingerprints a text so that one changed, swapped or appended code unit changes it', () => {
    const text = "import { Pool } from 'pg';\nexport const pool = new Pool({ max: 4 });\n// é ✓";
    expect(textFingerprint(text)).toBe(textFingerprint(text.split('').join('')));
    const variants = new Set([text]);
    for (let i = 0; i < text.length; i++) {
      variants.add(`${text.slice(0, i)}#${text.slice(i + 1)}`);
      if (i + 1 < text.length) variants.add(`${text.slice(0, i)}${text[i + 1]}${text[i]}${text.slice(i + 2)}`);
    }
    variants.add(`${text} `);
    variants.add(text.slice(0, -1));
    const fingerprints = new Set([...variants].map(textFingerprint));
    expect(fingerprints.size).toBe(variants.size);
  });

  it("takes the scan's text filter answer only for a buffer equal to the disk", () => {
    const registers = `import mongoose from 'mongoose';\nexport const A = mongoose.model('A', new mongoose.Schema({}));\n`;
    // the same length, without the registration's text shape
    const registersNot = registers.replace('model(', 'mode1(');
    const root = tree({ 'package.json': '{}', 'src/a.ts': registersNot });
    const file = path.join(root, 'src/a.ts');
    const project = new ProjectIndex({ persistentCache: false }).projectFor(file)!;
    expect(project.diskScanOf(file, catalog, registersNot)?.mayRegister).toBe(false);
    expect(project.diskScanOf(file, catalog, registers)).toBeUndefined();
    expect(project.diskScanOf(file, catalog, `${registersNot} `)).toBeUndefined();
    expect(project.diskScanOf(path.join(root, 'src/missing.ts'), catalog, registersNot)).toBeUndefined();
  });

  it('gives the same registrations whatever order files are read in', () => {
    const files: Record<string, string> = { 'package.json': '{}' };
    for (let i = 0; i < 12; i++) files[`src/m${i}.ts`] = `import mongoose from 'mongoose';\nexport const M = mongoose.model('M${i % 3}', new mongoose.Schema({}));\n`;
    const root = tree(files);
    const forward = new ProjectIndex({ persistentCache: false }).projectFor(path.join(root, 'src/m0.ts'))!;
    const backward = new ProjectIndex({ persistentCache: false }).projectFor(path.join(root, 'src/m0.ts'))!;
    for (const file of [...backward.files()].reverse()) backward.parsedFacts(file, catalog);
    const summary = (project: typeof forward) =>
      [...project.registrationsByKey(catalog)].map(([key, refs]) => [key, refs.map((ref) => path.basename(ref.file))]).sort();
    expect(summary(backward)).toEqual(summary(forward));
    expect(summary(forward)[0]).toEqual(['mongoose|default||M0', ['m0.ts', 'm3.ts', 'm6.ts', 'm9.ts']]);
  });

  it('writes a persistent cache under node_modules/.cache, reuses it, and ignores a corrupt or foreign one', () => {
    const original = `import mongoose from 'mongoose';\nexport const A = mongoose.model('Aaaa', new mongoose.Schema({}));\n`;
    const root = tree({ 'package.json': '{}', 'node_modules/.keep': '', 'src/a.ts': original });
    const file = path.join(root, 'src/a.ts');
    // A whole-second modification time survives being set again exactly.
    fs.utimesSync(file, 1_700_000_000, 1_700_000_000);
    new ProjectIndex().projectFor(file)!.registrationsByKey(catalog);
    const cacheDir = path.join(root, 'node_modules/.cache/eslint-plugin-test-isolation');
    const [cacheName] = fs.readdirSync(cacheDir);
    expect(cacheName).toMatch(/^index-[0-9a-f]{16}\.json$/);
    const cacheFile = path.join(cacheDir, cacheName!);

    // Same size and modification time, other content: only a cache could still know the old name.
    fs.writeFileSync(file, original.replace('Aaaa', 'Bbbb'));
    fs.utimesSync(file, 1_700_000_000, 1_700_000_000);
    const keys = (index: ProjectIndex) => [...index.projectFor(file)!.registrationsByKey(catalog).keys()];
    expect(keys(new ProjectIndex())).toEqual(['mongoose|default||Aaaa']);
    expect(keys(new ProjectIndex({ persistentCache: false }))).toEqual(['mongoose|default||Bbbb']);

    // Facts read under another configuration (resolved imports depend on it) are not taken from the cache.
    const cached = fs.readFileSync(cacheFile, 'utf8');
    fs.writeFileSync(path.join(root, 'package.json'), '{ "name": "renamed" }');
    expect(keys(new ProjectIndex())).toEqual(['mongoose|default||Bbbb']);
    expect(fs.readdirSync(cacheDir)).toEqual([cacheName]);
    fs.writeFileSync(path.join(root, 'package.json'), '{}');
    fs.writeFileSync(cacheFile, cached);
    expect(keys(new ProjectIndex())).toEqual(['mongoose|default||Aaaa']);

    fs.writeFileSync(cacheFile, '{ not json');
    expect(keys(new ProjectIndex())).toEqual(['mongoose|default||Bbbb']);
    const foreign = { format: 1, plugin: 'someone-else', key: 'x', root, files: {} };
    fs.writeFileSync(cacheFile, JSON.stringify(foreign));
    expect(keys(new ProjectIndex())).toEqual(['mongoose|default||Bbbb']);
    const wrongShape = JSON.parse(fs.readFileSync(cacheFile, 'utf8')) as Record<string, unknown>;
    expect(wrongShape.plugin).toBe('eslint-plugin-test-isolation');
    wrongShape.files = { 'src/a.ts': { mtimeMs: 'yesterday' } };
    fs.writeFileSync(cacheFile, JSON.stringify(wrongShape));
    expect(keys(new ProjectIndex())).toEqual(['mongoose|default||Bbbb']);
    expect(cacheFileFor(path.join(root, 'src'), cacheKey('1', 'x', root))).toBeUndefined();
  });

  it('ignores a cache whose parsed facts have fields of the wrong shape, rather than following them', () => {
    const root = tree({
      'package.json': '{}',
      'node_modules/.keep': '',
      'src/a.ts': `import mongoose from 'mongoose';\nexport const A = mongoose.model('A', new mongoose.Schema({}));\nexport class Store { constructor(private readonly db: unknown) {} }\n`,
      'src/b.ts': `import { A } from './a';\n`,
    });
    const file = path.join(root, 'src/a.ts');
    const importer = path.join(root, 'src/b.ts');
    new ProjectIndex().projectFor(file)!.registrationsByKey(catalog);
    const cacheDir = path.join(root, 'node_modules/.cache/eslint-plugin-test-isolation');
    const cacheFile = path.join(cacheDir, fs.readdirSync(cacheDir)[0]!);
    const written = JSON.parse(fs.readFileSync(cacheFile, 'utf8')) as { files: Record<string, { parsed: Record<string, unknown> }> };
    const parsed = written.files[path.join('src', 'a.ts')]!.parsed;
    expect(parsed.exportNames).toContain('A');
    const tampered = [
      { exports: { A: { reexport: 5 } } },
      { exports: { A: { resource: ['PrismaClient'] } } },
      { classes: [{ ...(parsed.classes as object[])[0], superClassImport: 'x' }] },
      { classes: [{ ...(parsed.classes as object[])[0], constructorParameters: [{ decorators: [], optional: false, rest: false, readonly: true, accessibility: 7 }] }] },
    ];
    for (const change of tampered) {
      fs.writeFileSync(cacheFile, JSON.stringify({ ...written, files: { [path.join('src', 'a.ts')]: { ...written.files[path.join('src', 'a.ts')], parsed: { ...parsed, ...change } } } }));
      const project = new ProjectIndex().projectFor(file)!;
      expect(project.exportedResource(importer, { module: './a', exportName: 'A' }, catalog)).toBeUndefined();
      expect(project.importIdentity(importer, { module: './a', exportName: 'A' }, catalog)).toBe(`${file}#A`);
      expect(project.exportedDeclaration(importer, { module: './a', exportName: 'Store' }, catalog)?.class?.constructorParameters?.[0]?.accessibility).toBe('private');
    }
  });

  it('parses JSON with comments and rejects what is not an object', () => {
    expect(parseJsonWithComments('{ "a": "//not a comment", /* c */ "b": [1, 2,], }')).toEqual({ a: '//not a comment', b: [1, 2] });
    expect(parseJsonWithComments('[1]')).toBeUndefined();
    expect(parseJsonWithComments('{')).toBeUndefined();
  });
});

describe('edits between two lint runs in one process', () => {
  const lint = (code: string, filename: string) =>
    new Linter({ cwd: path.dirname(filename) }).verify(
      code,
      [
        {
          files: ['**/*.ts'],
          languageOptions: { parser: tsParser },
          plugins: { 'test-isolation': plugin as never },
          rules: { 'test-isolation/no-duplicate-entity': 'error' },
        },
      ],
      { filename },
    );

  it('stops reporting a duplicate removed from the other file, and reports one added', () => {
    const a = `import mongoose from 'mongoose';\nexport const User = mongoose.model('User', new mongoose.Schema({}));\n`;
    const root = tree({ 'package.json': '{}', 'src/a.ts': a, 'src/b.ts': a });
    const b = path.join(root, 'src/b.ts');
    expect(lint(a, b).map((message) => message.messageId)).toEqual(['duplicateRegistration']);

    writeFiles(root, { 'src/a.ts': `export const removed = true;\n` });
    touchLater(path.join(root, 'src/a.ts'));
    expect(lint(a, b)).toEqual([]);

    writeFiles(root, { 'src/c.ts': a });
    expect(lint(a, b).map((message) => message.message)).toEqual([
      expect.stringContaining("mongoose model 'User' is also registered at src/c.ts:2") as unknown as string,
    ]);
  });

  it('reads the tsconfig again when it changes: a folder it starts to include is searched, one it drops is not', () => {
    const a = `import mongoose from 'mongoose';\nexport const User = mongoose.model('User', new mongoose.Schema({}));\n`;
    const root = tree({ 'package.json': '{}', 'tsconfig.json': '{ "include": ["src"] }', 'src/a.ts': a, 'lib/b.ts': a });
    const file = path.join(root, 'src/a.ts');
    expect(lint(a, file)).toEqual([]);

    writeFiles(root, { 'tsconfig.json': '{ "include": ["src", "lib"] }' });
    touchLater(path.join(root, 'tsconfig.json'));
    expect(lint(a, file).map((message) => message.message)).toEqual([
      expect.stringContaining("mongoose model 'User' is also registered at lib/b.ts:2") as unknown as string,
    ]);

    writeFiles(root, { 'tsconfig.json': '{ "include": ["src"] }' });
    touchLater(path.join(root, 'tsconfig.json'), 4);
    expect(lint(a, file)).toEqual([]);
  });

  it('reads a config the tsconfig extends again when it changes', () => {
    const a = `import mongoose from 'mongoose';\nexport const User = mongoose.model('User', new mongoose.Schema({}));\n`;
    const root = tree({
      'package.json': '{}',
      'tsconfig.json': '{ "extends": "./tsconfig.base.json" }',
      'tsconfig.base.json': '{ "include": ["${configDir}/src"] }',
      'src/a.ts': a,
      'lib/b.ts': a,
    });
    const file = path.join(root, 'src/a.ts');
    expect(lint(a, file)).toEqual([]);

    writeFiles(root, { 'tsconfig.base.json': '{ "include": ["${configDir}/src", "${configDir}/lib"] }' });
    touchLater(path.join(root, 'tsconfig.base.json'));
    expect(lint(a, file).map((message) => message.messageId)).toEqual(['duplicateRegistration']);
  });

  it('reads registrations from an edited buffer of the same length as a disk text without them', () => {
    const a = `import mongoose from 'mongoose';\nexport const User = mongoose.model('User', new mongoose.Schema({}));\n`;
    const unregistered = a.replace('model(', 'mode1(');
    const root = tree({ 'package.json': '{}', 'src/a.ts': a, 'src/b.ts': unregistered });
    const b = path.join(root, 'src/b.ts');
    expect(lint(unregistered, b)).toEqual([]);
    expect(lint(a, b).map((message) => message.messageId)).toEqual(['duplicateRegistration']);
  });
});
