import fs from 'node:fs';
import path from 'node:path';

import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll } from 'vitest';

import rule from '../../src/rules/no-entity-double-load';
import { makeTree, removeTree } from '../analysis/tree-helpers';

const roots: string[] = [];
afterAll(() => roots.forEach(removeTree));

function project(files: Record<string, string>, packageJson = '{ "name": "app", "private": true }') {
  const root = makeTree({ 'package.json': packageJson, ...files });
  roots.push(root);
  return {
    root,
    at: (file: string) => path.join(root, file),
    text: (file: string) => fs.readFileSync(path.join(root, file), 'utf8'),
  };
}

const userEntity = `import { Entity, PrimaryGeneratedColumn } from 'typeorm';\n@Entity()\nexport class User { @PrimaryGeneratedColumn() id!: number; }\n`;
const postEntity = `import { Entity } from 'typeorm';\n@Entity()\nexport class Post {}\n`;

// A TypeScript service compiled to dist/ (outDir), with a stale build checked out beside it.
const app = project(
  {
    'tsconfig.json': `{ "compilerOptions": { "outDir": "dist", "rootDir": "src", "baseUrl": ".", "paths": { "@/*": ["src/*"] } }, "include": ["src", "test"] }`,
    'src/models/User.ts': userEntity,
    'src/models/post.entity.ts': postEntity,
    'src/models/index.ts': `export * from './User';\nexport * from './post.entity';\n`,
    'src/util/format.ts': `export const format = (value: string) => value.trim();\n`,
    'src/data-source.ts': `import { DataSource } from 'typeorm';\nimport { User } from './models/User';\nexport const dataSource = new DataSource({ type: 'postgres', entities: [User] });\n`,
    'src/app.ts': `import { User } from './models/User';\nexport const app = User;\n`,
    'src/services/users.ts': `import { User } from '../models/User';\nexport const users = [User];\n`,
    'src/routes/index.ts': `import { Post } from '../models';\nexport const routes = [Post];\n`,
    'dist/models/User.js': `"use strict";\nexports.User = class User {};\n`,
    'dist/models/index.js': `"use strict";\nObject.assign(exports, require('./User'), require('./post.entity'));\n`,
    'dist/models/post.entity.js': `"use strict";\nexports.Post = class Post {};\n`,
    'dist/util/format.js': `"use strict";\nexports.format = (v) => v.trim();\n`,
    'dist/data-source.js': `"use strict";\nexports.dataSource = {};\n`,
    'test/models.test.ts': `import { it } from 'vitest';\nimport { User } from '../src/models/User';\nit('loads', () => User);\n`,
  },
  '{ "name": "my-app", "exports": { ".": "./dist/index.js", "./models": "./dist/models/index.js" } }',
);

// A project without a tsconfig: `lib/` is source here (no twin), `build/` is output.
const plain = project({
  'src/entities/book.ts': `import { Entity } from '@mikro-orm/core';\n@Entity()\nexport class Book {}\n`,
  'build/entities/book.js': `exports.Book = class Book {};\n`,
  'lib/helpers.js': `exports.helper = () => 1;\n`,
  'src/util/Strings.ts': `export const upper = (s: string) => s.toUpperCase();\n`,
  'src/util/data.json': `{ "a": 1 }\n`,
  'src/Components/index.ts': `export const component = 1;\n`,
});

// A shared folder reached through a symbolic link as well as its real path.
const linked = project({
  'shared/account.ts': `import mongoose from 'mongoose';\nexport const Account = mongoose.model('Account', new mongoose.Schema({}));\n`,
  'shared/plain.ts': `export const plain = 1;\n`,
  'src/a.ts': `import { Account } from '../shared/account';\nexport const a = Account;\n`,
  'src/b.ts': `import { Account } from './linked/account';\nexport const b = Account;\n`,
});
fs.symlinkSync(path.join(linked.root, 'shared'), path.join(linked.root, 'src/linked'));

// ORM configurations.
const orm = project({
  'tsconfig.json': `{ "compilerOptions": { "outDir": "dist" }, "include": ["src"] }`,
  'src/user.entity.ts': userEntity,
  'src/post.entity.ts': postEntity,
  'src/entities.ts': `export { User } from './user.entity';\n`,
  'src/migrations/1-init.ts': `export class Init1 { async up() {} }\n`,
  'src/subscribers/audit.ts': `export class AuditSubscriber {}\n`,
  'src/book.entity.ts': `import { Entity } from '@mikro-orm/core';\n@Entity()\nexport class Book {}\n`,
  'src/order.model.ts': `import { Table, Model } from 'sequelize-typescript';\n@Table\nexport class Order extends Model {}\n`,
  'src/customer.model.ts': `import { Table, Model } from 'sequelize-typescript';\n@Table\nexport class Customer extends Model {}\n`,
});

// A typed project: the checker follows a default re-export to the class declaration.
const typed = project({
  'tsconfig.json': `{ "compilerOptions": { "strict": true, "experimentalDecorators": true, "skipLibCheck": true, "noEmit": true }, "include": ["src"] }`,
  'node_modules/typeorm/package.json': '{ "name": "typeorm", "types": "index.d.ts" }',
  'node_modules/typeorm/index.d.ts': `export declare function Entity(name?: string): ClassDecorator;\nexport declare class DataSource { constructor(options: { type: string; entities?: unknown[] }); }\n`,
  'src/user.entity.ts': userEntity,
  'src/user-default.ts': `import { User } from './user.entity';\nexport default User;\n`,
  'src/data-source.ts': `import { DataSource } from 'typeorm';\nimport { User } from './user.entity';\nimport SameUser from './user-default';\nexport const ds = new DataSource({ type: 'postgres', entities: [User, SameUser] });\n`,
});
const typedOptions = { parserOptions: { project: './tsconfig.json', tsconfigRootDir: typed.root } };

// Two files that differ only in case, as Linux allows.
const twins = project({ 'src/Item.ts': `export const Item = 1;\n`, 'src/item.ts': `export const item = 1;\n` });

const typeorm = `import { DataSource } from 'typeorm';\nimport { User } from './user.entity';\nimport { Post } from './post.entity';\n`;

const ruleTester = new RuleTester();

ruleTester.run('no-entity-double-load', rule, {
  valid: [
    // Correctly spelled imports.
    { filename: app.at('src/app.ts'), code: app.text('src/app.ts') },
    { filename: app.at('src/routes.ts'), code: `import { User } from '@/models/User';\nimport { format } from './util/format';\nexport { User, format };\n` },
    { filename: app.at('src/routes.ts'), code: `import { Post } from './models';\nexport { Post };\n` },
    // Packages are not project files, whatever their spelling.
    { filename: app.at('src/routes.ts'), code: `import React from 'React';\nimport { DataSource } from 'TypeORM';\nexport { React, DataSource };\n` },
    // Type-only imports load nothing.
    { filename: app.at('src/routes.ts'), code: `import type { User } from './models/user';\nexport type { Post } from './Models/post.entity';\nexport type U = User;\n` },
    // A build output without entities (checkAllModules off), and one with no source twin.
    { filename: app.at('src/routes.ts'), code: `import { format } from '../dist/util/format';\nexport { format };\n` },
    // A declaration file is erased: its imports load nothing.
    { filename: app.at('src/types.d.ts'), code: `import { User } from '../dist/models/User';\nexport declare const users: User[];\n` },
    { filename: linked.at('src/types.d.ts'), code: `import { Account } from './linked/account';\nexport declare const accounts: (typeof Account)[];\n` },
    { filename: plain.at('src/main.ts'), code: `const { helper } = require('../lib/helpers');\nexport { helper };\n` },
    // The package's own name reaching its build output, with no file importing the source of that module.
    { filename: app.at('test/e2e.test.ts'), code: `import { dataSource } from 'my-app';\nexport { dataSource };\n` },
    // The build output itself is not checked.
    { filename: app.at('dist/app.js'), code: `const { User } = require('./models/User');\nexports.app = User;\n` },
    // Case-correct JSON, folder index, and an unresolvable query suffix.
    { filename: plain.at('src/main.ts'), code: `import data from './util/data.json';\nimport { component } from './Components';\nimport worker from './worker?url';\nexport { data, component, worker };\n` },
    // Dynamic specifiers are not read.
    { filename: plain.at('src/main.ts'), code: `const name = './util/strings';\nexport const load = () => import(name);\nexport const req = (n: string) => require(n);\n` },
    // A file outside any project folder.
    { filename: '/eslint-plugin-test-isolation-nowhere/src/a.ts', code: `import { x } from './Missing';\nexport { x };\n` },
    // One path for the linked module, and a plain module imported both ways.
    { filename: linked.at('src/c.ts'), code: `import { plain } from '../shared/plain';\nexport { plain };\n` },
    { filename: linked.at('src/d.ts'), code: `import { plain } from './linked/plain';\nexport { plain };\n` },
    // ORM options that load each entity once.
    { filename: orm.at('src/data-source.ts'), code: `${typeorm}export const ds = new DataSource({ type: 'postgres', entities: [User, Post] });\n` },
    { filename: orm.at('src/data-source.ts'), code: `import { DataSource } from 'typeorm';\nexport const ds = new DataSource({ type: 'postgres', entities: ['src/**/*.entity.ts'] });\n` },
    { filename: orm.at('src/data-source.ts'), code: `import { DataSource } from 'typeorm';\nexport const ds = new DataSource({ type: 'postgres', entities: ['dist/**/*.entity.js'] });\n` },
    // NestJS's pattern stays inside src/ (or dist/ once compiled).
    { filename: orm.at('src/app.module.ts'), code: `import { TypeOrmModule } from '@nestjs/typeorm';\nexport const db = TypeOrmModule.forRoot({ entities: [__dirname + '/**/*.entity{.ts,.js}'] });\n` },
    { filename: orm.at('src/data-source.ts'), code: `${typeorm}export const ds = new DataSource({ type: 'postgres', entities: [Post, 'src/**/user.entity.ts'] });\n` },
    // MikroORM uses one of `entities` and `entitiesTs` at a time.
    {
      filename: orm.at('src/mikro-orm.config.ts'),
      code: `import { defineConfig } from '@mikro-orm/postgresql';\nexport default defineConfig({ entities: ['./dist/**/*.entity.js'], entitiesTs: ['./src/**/*.entity.ts'] });\n`,
    },
    // Unknown lists stay silent.
    { filename: orm.at('src/data-source.ts'), code: `import { DataSource } from 'typeorm';\nimport * as models from './entities';\nexport const ds = new DataSource({ type: 'postgres', entities: Object.values(models) });\n` },
    { filename: orm.at('src/data-source.ts'), code: `import { DataSource } from 'typeorm';\nexport const ds = new DataSource({ type: 'postgres', entities: [process.env.ENTITIES!, process.env.ENTITIES!] });\n` },
    // An object that merely has an `entities` key is not an ORM configuration.
    { filename: orm.at('src/data-source.ts'), code: `import { DataSource } from './my-data-source';\nimport { User } from './user.entity';\nexport const ds = new DataSource({ entities: [User, User] });\n` },
    { filename: orm.at('vitest.config.ts'), code: `import { defineConfig } from 'vitest/config';\nimport { User } from './src/user.entity';\nexport default defineConfig({ entities: [User, User] } as never);\n` },
    { filename: orm.at('src/options.ts'), code: `import type { Options } from './my-options';\nimport { User } from './user.entity';\nexport const options: Options = { entities: [User, User] };\n` },
    { filename: orm.at('src/config.ts'), code: `import { User } from './user.entity';\nexport const config = { entities: [User, User] };\n` },
    { filename: orm.at('src/data-source.ts'), code: `import { DataSource } from 'typeorm';\nimport { Init1 } from './migrations/1-init';\nexport const ds = new DataSource({ type: 'postgres', migrations: [Init1], subscribers: ['src/subscribers/*.ts'] });\n` },
    // Distinct sequelize-typescript models, and addModels on another instance.
    {
      filename: orm.at('src/sequelize.ts'),
      code: `import { Sequelize } from 'sequelize-typescript';\nimport { Order } from './order.model';\nimport { Customer } from './customer.model';\nexport const sequelize = new Sequelize({ models: [Order] });\nsequelize.addModels([Customer]);\n`,
    },
    {
      filename: orm.at('src/sequelize.ts'),
      code: `import { Sequelize } from 'sequelize-typescript';\nimport { Order } from './order.model';\nexport const a = new Sequelize({ models: [Order] });\nexport const b = new Sequelize({});\nb.addModels([Order]);\n`,
    },
    // Two classes that share a name but come from different files are two classes.
    {
      filename: orm.at('src/data-source.ts'),
      code: `import { DataSource } from 'typeorm';\nimport { User } from './user.entity';\nimport { User as LegacyUser } from './legacy/user.entity';\nexport const ds = new DataSource({ type: 'postgres', entities: [User, LegacyUser] });\n`,
    },
    // A require of a project module with the right case.
    { filename: plain.at('src/main.cjs'), code: `const { upper } = require('./util/Strings');\nmodule.exports = upper;\n` },
    // Imports of the source.
    { filename: app.at('test/models.test.ts'), code: app.text('test/models.test.ts') },
    { filename: app.at('src/routes.ts'), code: `export { User } from './models/User';\nexport * as models from './models';\n` },
    // Both spellings exist on disk: each import names its own file.
    { filename: twins.at('src/use.ts'), code: `import { Item } from './Item';\nimport { item } from './item';\nexport { Item, item };\n` },
  ],
  invalid: [
    {
      filename: app.at('src/routes.ts'),
      code: `import { User } from './models/user';\nexport { User };\n`,
      output: `import { User } from './models/User';\nexport { User };\n`,
      errors: [
        {
          messageId: 'caseMismatchImport',
          line: 1,
          column: 22,
          data: { specifier: './models/user', actual: 'src/models/User.ts', advice: "Write './models/User'." },
        },
      ],
    },
    {
      filename: app.at('src/routes.ts'),
      code: `import { Post } from "./Models/post.entity";\nexport { Post };\n`,
      output: `import { Post } from "./models/post.entity";\nexport { Post };\n`,
      errors: [{ messageId: 'caseMismatchImport', line: 1 }],
    },
    {
      filename: app.at('src/routes.ts'),
      code: `import { User } from './models/USER.js';\nexport { User };\n`,
      output: `import { User } from './models/User.js';\nexport { User };\n`,
      errors: [{ messageId: 'caseMismatchImport', line: 1 }],
    },
    {
      filename: app.at('src/routes.ts'),
      code: `import { Post } from './MODELS';\nexport { Post };\n`,
      output: `import { Post } from './models';\nexport { Post };\n`,
      errors: [{ messageId: 'caseMismatchImport', line: 1 }],
    },
    {
      filename: app.at('src/routes.ts'),
      code: `export * from './models/user';\n`,
      output: `export * from './models/User';\n`,
      errors: [{ messageId: 'caseMismatchImport', line: 1 }],
    },
    {
      filename: app.at('src/routes.cts'),
      code: `const { User } = require('./models/user');\nexport = User;\n`,
      output: `const { User } = require('./models/User');\nexport = User;\n`,
      errors: [{ messageId: 'caseMismatchImport', line: 1 }],
    },
    {
      filename: app.at('src/routes.ts'),
      code: `export const load = () => import('./models/user');\n`,
      output: `export const load = () => import('./models/User');\n`,
      errors: [{ messageId: 'caseMismatchImport', line: 1 }],
    },
    {
      filename: app.at('src/routes.ts'),
      code: `import { User } from '@/Models/User';\nexport { User };\n`,
      output: `import { User } from '@/models/User';\nexport { User };\n`,
      errors: [{ messageId: 'caseMismatchImport', line: 1 }],
    },
    {
      filename: app.at('src/services/admin.ts'),
      code: `import { User } from '../Models/user';\nexport { User };\n`,
      output: `import { User } from '../models/User';\nexport { User };\n`,
      errors: [{ messageId: 'caseMismatchImport', line: 1 }],
    },
    {
      // Any module: on Linux the import simply fails.
      filename: plain.at('src/main.ts'),
      code: `import { upper } from './util/strings';\nimport { component } from './components';\nexport { upper, component };\n`,
      output: `import { upper } from './util/Strings';\nimport { component } from './Components';\nexport { upper, component };\n`,
      errors: [
        { messageId: 'caseMismatchImport', line: 1 },
        { messageId: 'caseMismatchImport', line: 2 },
      ],
    },
    {
      filename: plain.at('src/main.ts'),
      code: `import strings = require('./util/STRINGS');\nexport { strings };\n`,
      output: `import strings = require('./util/Strings');\nexport { strings };\n`,
      errors: [{ messageId: 'caseMismatchImport', line: 1 }],
    },
    // buildOutputImport
    {
      filename: app.at('src/routes.ts'),
      code: `import { User } from '../dist/models/User';\nexport { User };\n`,
      errors: [
        {
          messageId: 'buildOutputImport',
          line: 1,
          data: {
            specifier: '../dist/models/User',
            output: 'dist/models/User.js',
            source: 'src/models/User.ts',
            siblings: ' (and src/app.ts imports it)',
            what: 'the entities it registers',
          },
          suggestions: [
            { messageId: 'suggestSourceImport', data: { specifier: './models/User' }, output: `import { User } from './models/User';\nexport { User };\n` },
          ],
        },
      ],
    },
    {
      filename: app.at('src/services/post.ts'),
      code: `import { Post } from '../../dist/models/post.entity.js';\nexport { Post };\n`,
      errors: [
        {
          messageId: 'buildOutputImport',
          suggestions: [{ messageId: 'suggestSourceImport', output: `import { Post } from '../models/post.entity.js';\nexport { Post };\n` }],
        },
      ],
    },
    {
      // The data source's compiled copy loads the compiled entities.
      filename: app.at('src/server.ts'),
      code: `import { dataSource } from '../dist/data-source';\nexport { dataSource };\n`,
      errors: [{ messageId: 'buildOutputImport', suggestions: [{ messageId: 'suggestSourceImport', output: `import { dataSource } from './data-source';\nexport { dataSource };\n` }] }],
    },
    {
      // Test code too, and through `require`.
      filename: app.at('test/legacy.test.ts'),
      code: `const { User } = require('../dist/models/User');\nexport { User };\n`,
      errors: [{ messageId: 'buildOutputImport', suggestions: [{ messageId: 'suggestSourceImport', output: `const { User } = require('../src/models/User');\nexport { User };\n` }] }],
    },
    {
      // The package's own name resolves to dist/ while other files import the source.
      filename: app.at('src/api.ts'),
      code: `import { User } from 'my-app/models';\nexport { User };\n`,
      errors: [
        {
          messageId: 'buildOutputImport',
          data: {
            specifier: 'my-app/models',
            output: 'dist/models/index.js',
            source: 'src/models/index.ts',
            siblings: ' (and src/routes/index.ts imports it)',
            what: 'the entities it registers',
          },
          suggestions: [{ messageId: 'suggestSourceImport', output: `import { User } from './models';\nexport { User };\n` }],
        },
      ],
    },
    {
      filename: plain.at('src/main.ts'),
      code: `import { Book } from '../build/entities/book';\nexport { Book };\n`,
      errors: [{ messageId: 'buildOutputImport', suggestions: [{ messageId: 'suggestSourceImport', output: `import { Book } from './entities/book';\nexport { Book };\n` }] }],
    },
    {
      filename: app.at('src/routes.ts'),
      code: `import { format } from '../dist/util/format';\nexport { format };\n`,
      options: [{ checkAllModules: true }],
      errors: [{ messageId: 'buildOutputImport', data: { specifier: '../dist/util/format', output: 'dist/util/format.js', source: 'src/util/format.ts', siblings: '', what: 'the module and its state' }, suggestions: [{ messageId: 'suggestSourceImport', output: `import { format } from './util/format';\nexport { format };\n` }] }],
    },
    // mixedImportIdentity
    {
      filename: linked.at('src/a.ts'),
      code: linked.text('src/a.ts'),
      errors: [
        {
          messageId: 'mixedImportIdentity',
          line: 1,
          data: { specifier: '../shared/account', module: 'shared/account.ts', path: 'shared/account.ts', other: 'src/b.ts:1', otherPath: 'src/linked/account.ts' },
        },
      ],
    },
    {
      filename: linked.at('src/b.ts'),
      code: linked.text('src/b.ts'),
      errors: [{ messageId: 'mixedImportIdentity', line: 1, data: { specifier: './linked/account', module: 'src/linked/account.ts', path: 'src/linked/account.ts', other: 'src/a.ts:1', otherPath: 'shared/account.ts' } }],
    },
    {
      filename: linked.at('src/both.ts'),
      code: `import { Account } from '../shared/account';\nimport { Account as Again } from './linked/account';\nexport { Account, Again };\n`,
      errors: [
        { messageId: 'mixedImportIdentity', line: 1 },
        { messageId: 'mixedImportIdentity', line: 2 },
      ],
    },
    // overlappingEntitySources
    {
      filename: orm.at('src/data-source.ts'),
      code: `${typeorm}export const ds = new DataSource({ type: 'postgres', entities: [User, Post, User] });\n`,
      errors: [
        {
          messageId: 'overlappingEntitySources',
          line: 4,
          column: 77,
          data: {
            orm: 'TypeORM',
            option: 'entities',
            problem: 'lists `User` twice',
            consequence: 'the entity then reaches the ORM from two places, and two copies of one entity class map the same table',
          },
        },
      ],
    },
    {
      filename: orm.at('src/data-source.ts'),
      code: `${typeorm}export const ds = new DataSource({ type: 'postgres', entities: [User, 'src/**/*.entity.ts'] });\n`,
      errors: [
        {
          messageId: 'overlappingEntitySources',
          line: 4,
          data: {
            orm: 'TypeORM',
            option: 'entities',
            problem: "lists `User` and also 'src/**/*.entity.ts', which matches its file src/user.entity.ts",
            consequence: 'the entity then reaches the ORM from two places, and two copies of one entity class map the same table',
          },
        },
      ],
    },
    {
      filename: orm.at('src/data-source.ts'),
      code: `import { DataSource } from 'typeorm';\nexport const ds = new DataSource({ type: 'postgres', entities: ['**/*.entity{.ts,.js}'] });\n`,
      errors: [
        {
          messageId: 'overlappingEntitySources',
          line: 2,
          data: {
            orm: 'TypeORM',
            option: 'entities',
            problem: "matches both the source src/book.entity.ts and its compiled output dist/book.entity.js with '**/*.entity{.ts,.js}'",
            consequence: 'the entity then reaches the ORM from two places, and two copies of one entity class map the same table',
          },
        },
      ],
    },
    {
      filename: orm.at('src/data-source.ts'),
      code: `import { DataSource } from 'typeorm';\nexport const ds = new DataSource({ type: 'postgres', entities: ['src/**/*.entity.ts', 'dist/**/*.entity.js'] });\n`,
      errors: [{ messageId: 'overlappingEntitySources', line: 2, column: 87 }],
    },
    {
      filename: orm.at('src/data-source.ts'),
      code: `import { DataSource } from 'typeorm';\nexport const ds = new DataSource({ type: 'postgres', entities: [__dirname + '/../**/*.entity{.ts,.js}'] });\n`,
      errors: [{ messageId: 'overlappingEntitySources', line: 2 }],
    },
    {
      filename: orm.at('src/data-source.ts'),
      code: `import { DataSource } from 'typeorm';\nimport path from 'node:path';\nexport const ds = new DataSource({ type: 'postgres', entities: [path.join(__dirname, '..', '**', '*.entity.{ts,js}')] });\n`,
      errors: [{ messageId: 'overlappingEntitySources', line: 3 }],
    },
    {
      filename: orm.at('src/data-source.ts'),
      code: `import { DataSource } from 'typeorm';\nimport { Init1 } from './migrations/1-init';\nimport { AuditSubscriber } from './subscribers/audit';\nexport const ds = new DataSource({\n  type: 'postgres',\n  migrations: [Init1, Init1],\n  subscribers: [AuditSubscriber, 'src/subscribers/*.ts'],\n});\n`,
      errors: [
        { messageId: 'overlappingEntitySources', line: 6, data: { orm: 'TypeORM', option: 'migrations', problem: 'lists `Init1` twice', consequence: "TypeORM refuses to run migrations listed twice ('Duplicate migrations')" } },
        { messageId: 'overlappingEntitySources', line: 7, column: 17 },
      ],
    },
    {
      filename: orm.at('src/connection.ts'),
      code: `import { createConnection } from 'typeorm';\nimport { User } from './user.entity';\nexport const connect = () => createConnection({ type: 'postgres', entities: [User, User] });\n`,
      errors: [{ messageId: 'overlappingEntitySources', line: 3 }],
    },
    {
      filename: orm.at('src/app.module.ts'),
      code: `import { TypeOrmModule } from '@nestjs/typeorm';\nimport { User } from './user.entity';\nexport const db = TypeOrmModule.forRoot({ type: 'postgres', entities: [User, User] });\n`,
      errors: [{ messageId: 'overlappingEntitySources', line: 3 }],
    },
    {
      filename: orm.at('src/app.module.ts'),
      code: `import { TypeOrmModule } from '@nestjs/typeorm';\nimport { User } from './user.entity';\nexport const db = TypeOrmModule.forRootAsync({\n  useFactory: () => ({ type: 'postgres', entities: [User, 'src/*.entity.ts'] }),\n});\n`,
      errors: [{ messageId: 'overlappingEntitySources', line: 4 }],
    },
    {
      filename: orm.at('src/ormconfig.ts'),
      code: `import type { DataSourceOptions } from 'typeorm';\nimport { User } from './user.entity';\nexport const options: DataSourceOptions = { type: 'postgres', entities: [User, User] };\n`,
      errors: [{ messageId: 'overlappingEntitySources', line: 3 }],
    },
    {
      // The same class through a re-export and an alias.
      filename: orm.at('src/data-source.ts'),
      code: `import { DataSource } from 'typeorm';\nimport { User } from './entities';\nimport { User as SameUser } from './user.entity';\nexport const ds = new DataSource({ type: 'postgres', entities: [User, SameUser] });\n`,
      errors: [{ messageId: 'overlappingEntitySources', line: 4, data: { orm: 'TypeORM', option: 'entities', problem: 'lists `SameUser` twice', consequence: 'the entity then reaches the ORM from two places, and two copies of one entity class map the same table' } }],
    },
    {
      filename: orm.at('src/data-source.ts'),
      code: `import { DataSource } from 'typeorm';\nimport { User } from './user.entity';\nconst entities = [User];\nexport const ds = new DataSource({ type: 'postgres', entities: [...entities, User] });\n`,
      errors: [{ messageId: 'overlappingEntitySources', line: 4 }],
    },
    {
      filename: orm.at('src/mikro-orm.ts'),
      code: `import { MikroORM } from '@mikro-orm/core';\nimport { Book } from './book.entity';\nexport const orm = MikroORM.init({ entities: [Book, './src/*.entity.ts'] });\n`,
      errors: [{ messageId: 'overlappingEntitySources', line: 3, data: { orm: 'MikroORM', option: 'entities', problem: "lists `Book` and also './src/*.entity.ts', which matches its file src/book.entity.ts", consequence: 'the entity then reaches the ORM from two places, and two copies of one entity class map the same table' } }],
    },
    {
      filename: orm.at('src/mikro-orm.config.ts'),
      code: `import { defineConfig } from '@mikro-orm/postgresql';\nexport default defineConfig({ entities: ['./**/*.entity.{js,ts}'] });\n`,
      errors: [{ messageId: 'overlappingEntitySources', line: 2 }],
    },
    {
      // A default re-export of the class is followed without types...
      filename: typed.at('src/data-source.ts'),
      code: typed.text('src/data-source.ts'),
      errors: [{ messageId: 'overlappingEntitySources', line: 4, column: 71 }],
    },
    {
      // ...and with the checker (RuleTester resolves a typed case's filename against tsconfigRootDir).
      filename: 'src/data-source.ts',
      code: typed.text('src/data-source.ts'),
      options: [{ typeAware: true }],
      languageOptions: typedOptions,
      errors: [{ messageId: 'overlappingEntitySources', line: 4, column: 71, data: { orm: 'TypeORM', option: 'entities', problem: 'lists `SameUser` twice', consequence: 'the entity then reaches the ORM from two places, and two copies of one entity class map the same table' } }],
    },
    {
      filename: orm.at('src/sequelize.ts'),
      code: `import { Sequelize } from 'sequelize-typescript';\nimport { Order } from './order.model';\nexport const sequelize = new Sequelize({ models: [Order] });\nsequelize.addModels([Order]);\n`,
      errors: [{ messageId: 'overlappingEntitySources', line: 4, data: { orm: 'sequelize-typescript', option: 'addModels', problem: 'lists `Order` twice', consequence: 'the model is then added twice, and two copies of one model class define the same table' } }],
    },
  ],
});
