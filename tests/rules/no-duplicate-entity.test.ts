import fs from 'node:fs';
import path from 'node:path';

import { RuleTester } from '@typescript-eslint/rule-tester';
import * as espree from 'espree';
import { afterAll } from 'vitest';

import rule from '../../src/rules/no-duplicate-entity';
import { makeTree, removeTree } from '../analysis/tree-helpers';

const roots: string[] = [];
afterAll(() => roots.forEach(removeTree));

/** A project tree on disk; `at(file)` is the absolute path RuleTester lints the buffer as. */
function project(files: Record<string, string>) {
  const root = makeTree({ 'package.json': '{ "name": "app", "private": true }', ...files });
  roots.push(root);
  return {
    root,
    at: (file: string) => path.join(root, file),
    text: (file: string) => fs.readFileSync(path.join(root, file), 'utf8'),
  };
}

const mongooseUser = `import mongoose from 'mongoose';
const userSchema = new mongoose.Schema({ name: String });
export const User = mongoose.model('User', userSchema);
`;
const legacyUser = `import { model, Schema } from 'mongoose';
export default model('User', new Schema({ email: String }));
`;

const mongooseApp = project({
  'src/models/user.ts': mongooseUser,
  'src/legacy/user-model.ts': legacyUser,
  'src/models/post.ts': `import mongoose from 'mongoose';\nexport const Post = mongoose.model('Post', new mongoose.Schema({}));\n`,
  'src/models/shared-schema.ts': `import { Schema } from 'mongoose';\nexport const auditSchema = new Schema({ at: Date });\n`,
  'src/audit/a.ts': `import { model } from 'mongoose';\nimport { auditSchema } from '../models/shared-schema';\nexport const AuditA = model('Audit', auditSchema);\n`,
  'src/audit/b.ts': `import { model } from 'mongoose';\nimport { auditSchema } from '../models/shared-schema';\nexport const AuditB = model('Audit', auditSchema);\n`,
  'src/guarded/a.ts': `import mongoose from 'mongoose';\nexport const Tag = mongoose.models.Tag ?? mongoose.model('Tag', new mongoose.Schema({}));\n`,
  'src/guarded/b.ts': `import { model, models, Schema } from 'mongoose';\nexport const Tag = models.Tag || model('Tag', new Schema({}));\n`,
  'src/index.ts': `export { User } from './models/user';\nexport * from './models/post';\n`,
  'test/user.test.ts': `import { it } from 'vitest';\nimport mongoose from 'mongoose';\nit('a', () => { mongoose.model('Fixture', new mongoose.Schema({})); });\n`,
  'test/other.test.ts': `import { it } from 'vitest';\nimport mongoose from 'mongoose';\nit('b', () => { mongoose.model('Fixture', new mongoose.Schema({})); });\n`,
  'dist/models/user.js': `"use strict";\nconst mongoose = require('mongoose');\nexports.User = mongoose.model('Build', new mongoose.Schema({}));\n`,
  'src/models/build.ts': `import mongoose from 'mongoose';\nexport const Build = mongoose.model('Build', new mongoose.Schema({}));\n`,
});

const connections = project({
  'src/db.ts': `import mongoose from 'mongoose';\nexport const conn = mongoose.createConnection(process.env.URL!);\nexport const reporting = mongoose.createConnection(process.env.REPORTING_URL!);\n`,
  'src/db/index.ts': `export { conn } from '../db';\n`,
  'src/models/audit.ts': `import { Schema } from 'mongoose';\nimport { conn } from '../db';\nexport const Audit = conn.model('Audit', new Schema({}));\n`,
  'src/reports/audit.ts': `import { Schema } from 'mongoose';\nimport { reporting } from '../db';\nexport const Audit = reporting.model('Audit', new Schema({}));\n`,
});

const orms = project({
  'src/user/user.entity.ts': `import { Entity, PrimaryGeneratedColumn } from 'typeorm';\n@Entity()\nexport class User { @PrimaryGeneratedColumn() id!: number; }\n`,
  'src/admin/user.entity.ts': `import { Entity } from 'typeorm';\n@Entity('user')\nexport class AdminUser {}\n`,
  'src/profile/profile.entity.ts': `import { Entity } from 'typeorm';\n@Entity({ name: 'user_profile' })\nexport class Profile {}\n`,
  'src/photo/photo.schema.ts': `import { EntitySchema } from 'typeorm';\nexport const PhotoSchema = new EntitySchema({ name: 'Photo', columns: {} });\n`,
  'src/reporting/user.entity.ts': `import { Entity } from 'typeorm';\n@Entity({ name: 'user', schema: 'reporting' })\nexport class ReportingUser {}\n`,
  'src/library/book.ts': `import { Entity, PrimaryKey } from '@mikro-orm/core';\n@Entity()\nexport class Book { @PrimaryKey() id!: number; }\n`,
  'src/library/author.ts': `import { defineEntity } from '@mikro-orm/core';\nexport const Author = defineEntity({ name: 'Author', properties: {} });\n`,
  'src/db/schema.ts': `import { pgSchema, pgTable, serial } from 'drizzle-orm/pg-core';\nexport const users = pgTable('users', { id: serial('id') });\nconst auth = pgSchema('auth');\nexport const sessions = auth.table('sessions', { id: serial('id') });\n`,
  'src/sequelize.ts': `import { Sequelize } from 'sequelize';\nexport const sequelize = new Sequelize('sqlite::memory:');\nexport const archive = new Sequelize('sqlite::memory:');\n`,
  'src/models/account.ts': `import { DataTypes } from 'sequelize';\nimport { sequelize } from '../sequelize';\nexport const Account = sequelize.define('Account', { id: DataTypes.INTEGER });\n`,
  'src/models/invoice.ts': `import { Model } from 'sequelize';\nimport { sequelize } from '../sequelize';\nexport class Invoice extends Model {}\nInvoice.init({}, { sequelize, modelName: 'Invoice' });\n`,
  'src/typed/order.ts': `import { Table, Model } from 'sequelize-typescript';\n@Table\nexport class Order extends Model {}\n`,
  'src/objection/person.ts': `import { Model } from 'objection';\nexport class Person extends Model {\n  static tableName = 'persons';\n}\n`,
  'src/bookshelf.ts': `import Bookshelf from 'bookshelf';\nimport knex from 'knex';\nexport const bookshelf = Bookshelf(knex({ client: 'pg', connection: process.env.DATABASE_URL }));\n`,
  'src/bookshelf/user.ts': `import { bookshelf } from '../bookshelf';\nexport const BUser = bookshelf.model('BUser', { tableName: 'busers' });\n`,
  'src/goose/cat.ts': `import { getModelForClass, prop } from '@typegoose/typegoose';\nexport class Cat { @prop() name?: string; }\nexport const CatModel = getModelForClass(Cat);\n`,
  'src/custom/widget.ts': `import { Model } from 'my-orm';\n@Model('widget')\nexport class Widget {}\n`,
});

const many = project({
  'src/a.ts': `import { model, Schema } from 'mongoose';\nexport const A = model('Shared', new Schema({}));\n`,
  'src/b.ts': `import { model, Schema } from 'mongoose';\nexport const B = model('Shared', new Schema({}));\n`,
  'src/c.ts': `import { model, Schema } from 'mongoose';\nexport const C = model('Shared', new Schema({}));\n`,
  'src/d.ts': `import { model, Schema } from 'mongoose';\nexport const D = model('Shared', new Schema({}));\n`,
});

const excluded = project({
  'tsconfig.json': `{\n  // comments and trailing commas are fine\n  "compilerOptions": { "outDir": "out", },\n  "include": ["src"],\n  "exclude": ["src/scripts"],\n}\n`,
  'src/models/job.ts': `import mongoose from 'mongoose';\nexport const Job = mongoose.model('Job', new mongoose.Schema({}));\n`,
  'src/scripts/seed-job.ts': `import mongoose from 'mongoose';\nexport const Job = mongoose.model('Job', new mongoose.Schema({}));\n`,
  'tools/job.ts': `import mongoose from 'mongoose';\nexport const Job = mongoose.model('Job', new mongoose.Schema({}));\n`,
});

// A typed project with mongoose's declarations, so the checker knows a `Connection` field.
const typed = project({
  'tsconfig.json': `{ "compilerOptions": { "strict": true, "skipLibCheck": true, "noEmit": true }, "include": ["src"] }`,
  'node_modules/mongoose/package.json': '{ "name": "mongoose", "types": "index.d.ts" }',
  'node_modules/mongoose/index.d.ts': `export declare class Schema { constructor(definition: object); }\nexport declare class Connection { model(name: string, schema?: Schema): unknown; }\n`,
  'src/cats.ts': `import { Connection, Schema } from 'mongoose';\nexport class Cats {\n  constructor(private readonly connection: Connection) {}\n  model() {\n    return this.connection.model('Cat', new Schema({}));\n  }\n}\n`,
});
const typedOptions = { parserOptions: { project: './tsconfig.json', tsconfigRootDir: typed.root } };

const solo = project({});
const soloFile = solo.at('src/solo.ts');
const soloTest = solo.at('test/solo.test.ts');

/** Plain JavaScript, parsed by espree like ESLint's default: its classes have no `decorators` or `abstract`. */
const js = { languageOptions: { parser: espree } };
const plainJs = project({ 'src/person.js': `export const unused = 1;\n` });

const customSettings = {
  'test-isolation': {
    resources: [
      {
        name: 'my-orm',
        packages: ['my-orm'],
        registers: [
          {
            form: 'decorator',
            export: 'Model',
            name: [{ argument: 0 }, { className: true }],
            registry: 'my-orm',
            orm: 'MyORM',
            entityKind: 'model',
            duplicateEffect: 'MyORM keeps the last one',
          },
        ],
      },
    ],
  },
};

const shown = (_root: string, file: string, line: number) => `${file}:${line}`;

const ruleTester = new RuleTester();

ruleTester.run('no-duplicate-entity', rule, {
  valid: [
    // One registration per key.
    { filename: mongooseApp.at('src/models/post.ts'), code: mongooseApp.text('src/models/post.ts') },
    // A one-argument `model('User')` reads a registration.
    { filename: mongooseApp.at('src/services/users.ts'), code: `import mongoose from 'mongoose';\nexport const users = () => mongoose.model('User').find();\n` },
    // The same schema object registered twice: mongoose returns the first model.
    { filename: mongooseApp.at('src/audit/a.ts'), code: mongooseApp.text('src/audit/a.ts') },
    {
      filename: mongooseApp.at('src/audit/c.ts'),
      code: `import mongoose from 'mongoose';\nimport { auditSchema } from '../models/shared-schema';\nexport const AuditC = mongoose.model('Audit', auditSchema);\n`,
    },
    // Guarded registrations.
    { filename: mongooseApp.at('src/guarded/a.ts'), code: mongooseApp.text('src/guarded/a.ts') },
    { filename: mongooseApp.at('src/guarded/b.ts'), code: mongooseApp.text('src/guarded/b.ts') },
    {
      filename: mongooseApp.at('src/guarded/c.ts'),
      code: `import mongoose from 'mongoose';\nif (!mongoose.models.Tag) mongoose.model('Tag', new mongoose.Schema({}));\n`,
    },
    {
      filename: mongooseApp.at('src/guarded/d.ts'),
      code: `import mongoose from 'mongoose';\nexport function tagModel() {\n  if (mongoose.models.Tag) return mongoose.models.Tag;\n  return mongoose.model('Tag', new mongoose.Schema({}));\n}\n`,
    },
    {
      filename: mongooseApp.at('src/guarded/e.ts'),
      code: `import mongoose from 'mongoose';\nexport function tagModel() {\n  try {\n    return mongoose.model('Tag', new mongoose.Schema({}));\n  } catch {\n    return mongoose.model('Tag');\n  }\n}\n`,
    },
    {
      filename: mongooseApp.at('src/guarded/f.ts'),
      code: `import mongoose from 'mongoose';\nexport const Tag = mongoose.model('Tag', new mongoose.Schema({}), 'tags', { overwriteModels: true });\n`,
    },
    {
      filename: mongooseApp.at('src/guarded/g.ts'),
      code: `import mongoose from 'mongoose';\ndelete mongoose.models.Tag;\nexport const Tag = mongoose.model('Tag', new mongoose.Schema({}));\n`,
    },
    {
      filename: mongooseApp.at('src/guarded/h.ts'),
      code: `import mongoose from 'mongoose';\nconst existing = mongoose.connection.models['Tag'];\nexport const Tag = existing ? existing : mongoose.model('Tag', new mongoose.Schema({}));\n`,
    },
    // A declaration file runs nothing, whatever it contains.
    { filename: mongooseApp.at('src/models/user.d.ts'), code: mongooseUser },
    // Declarations only re-exported.
    { filename: mongooseApp.at('src/index.ts'), code: mongooseApp.text('src/index.ts') },
    // Registrations in different test files: each runs isolated.
    { filename: mongooseApp.at('test/user.test.ts'), code: mongooseApp.text('test/user.test.ts') },
    // The build output's copy is not a second registration.
    { filename: mongooseApp.at('src/models/build.ts'), code: mongooseApp.text('src/models/build.ts') },
    // Separate connections.
    { filename: connections.at('src/reports/audit.ts'), code: connections.text('src/reports/audit.ts') },
    { filename: connections.at('src/models/audit.ts'), code: connections.text('src/models/audit.ts') },
    // A separate drizzle schema, and a separate TypeORM schema.
    {
      filename: orms.at('src/db/auth.ts'),
      code: `import { pgTable, serial } from 'drizzle-orm/pg-core';\nexport const sessions = pgTable('sessions', { id: serial('id') });\n`,
    },
    { filename: orms.at('src/reporting/user.entity.ts'), code: orms.text('src/reporting/user.entity.ts') },
    // Different names.
    { filename: orms.at('src/library/book.ts'), code: orms.text('src/library/book.ts') },
    {
      filename: orms.at('src/models/archive.ts'),
      code: `import { archive } from '../sequelize';\nexport const Account = archive.define('Account', {});\n`,
    },
    { filename: orms.at('src/objection/animal.ts'), code: `import { Model } from 'objection';\nexport class Animal extends Model {\n  static get tableName() { return 'animals'; }\n}\n` },
    // The same typegoose class handed over twice is one model.
    {
      filename: orms.at('src/goose/cat-model.ts'),
      code: `import { getModelForClass } from '@typegoose/typegoose';\nimport { Cat } from './cat';\nexport const CatModel = getModelForClass(Cat);\n`,
    },
    // A name syntax cannot read is unknown.
    { filename: soloFile, code: `import mongoose from 'mongoose';\nexport const make = (name: string) => mongoose.model(name, new mongoose.Schema({}));\n` },
    // A parameter that shadows mongoose's `model`.
    { filename: soloFile, code: `import { model } from 'mongoose';\nexport function register(model: (n: string, s: unknown) => void) {\n  model('A', {});\n  model('A', {});\n}\n` },
    // Look-alikes of registration APIs that do not come from an ORM.
    { filename: soloFile, code: `function model(name: string, schema: object) { return { name, schema }; }\nexport const A = model('A', {});\nexport const B = model('A', {});\n` },
    { filename: soloFile, code: `import { Entity } from './decorators';\n@Entity('t')\nexport class A {}\n@Entity('t')\nexport class B {}\n` },
    { filename: soloFile, code: `import { Base } from './base';\nexport class A extends Base { static tableName = 't'; }\nexport class B extends Base { static tableName = 't'; }\n` },
    { filename: soloFile, code: `import { Schema } from 'mongoose';\nconst registry = new Map();\nexport const A = registry.model('A', new Schema({}));\nexport const B = registry.model('A', new Schema({}));\n` },
    { filename: soloFile, code: `import mongoose from 'mongoose';\n// mongoose.model('A', new mongoose.Schema({}));\nexport const A = mongoose.models.A;\nexport const text = "mongoose.model('A', new mongoose.Schema({}))";\n` },
    // Mutually exclusive branches.
    {
      filename: soloFile,
      code: `import { model, Schema } from 'mongoose';\nexport const Item = process.env.LEGACY ? model('Item', new Schema({ a: String })) : model('Item', new Schema({ b: String }));\n`,
    },
    // The same schema twice in one file.
    { filename: soloFile, code: `import { model, Schema } from 'mongoose';\nconst s = new Schema({});\nexport const A = model('A', s);\nexport const B = model('A', s);\n` },
    // A function with the module's schema, a never-called function, and one called once at module level.
    { filename: soloFile, code: `import { model, Schema } from 'mongoose';\nconst s = new Schema({});\nexport function getA() { return model('A', s); }\n` },
    { filename: soloFile, code: `import { model, Schema } from 'mongoose';\nfunction typeTest() { const A = model('A', new Schema({})); }\n` },
    { filename: soloFile, code: `import { model, Schema } from 'mongoose';\nfunction init() { model('A', new Schema({})); }\ninit();\n` },
    // Drizzle tables in two tests, TypeORM entity classes in two tests, and schema versions in a test file.
    {
      filename: soloTest,
      code: `import { test } from 'vitest';\nimport { pgTable } from 'drizzle-orm/pg-core';\ntest('a', () => { pgTable('t', {}); });\ntest('b', () => { pgTable('t', {}); });\n`,
    },
    // mocha's global BDD aliases run their callbacks once, like `describe` and `it`.
    {
      filename: soloTest,
      code: `import mongoose from 'mongoose';\ncontext('models', () => {\n  specify('a', () => { mongoose.model('A', new mongoose.Schema({})); });\n});\n`,
    },
    {
      filename: soloTest,
      code: `import { it } from 'vitest';\nimport { Entity } from 'typeorm';\nit('a', () => { @Entity('t') class A {} });\nit('b', () => { @Entity('t') class B {} });\n`,
    },
    {
      filename: soloTest,
      code: `import { EntitySchema } from '@mikro-orm/core';\nconst V1 = new EntitySchema({ name: 'A', properties: {} });\nconst V2 = new EntitySchema({ name: 'A', properties: {} });\n`,
    },
    // A test file that removes its models between tests.
    {
      filename: soloTest,
      code: `import { afterEach, it } from 'vitest';\nimport mongoose from 'mongoose';\nafterEach(() => { mongoose.deleteModel(/.*/); });\nit('a', () => { mongoose.model('T', new mongoose.Schema({})); });\nit('b', () => { mongoose.model('T', new mongoose.Schema({})); });\n`,
    },
    // Without types, a class field's connection is unknown.
    { filename: typed.at('src/cats.ts'), code: typed.text('src/cats.ts') },
    // A file the tsconfig leaves out does not count for the others.
    { filename: excluded.at('src/models/job.ts'), code: excluded.text('src/models/job.ts') },
    // Plain JavaScript classes, in a buffer that differs from the file on disk.
    {
      filename: plainJs.at('src/person.js'),
      code: `import { Model } from 'objection';\nexport class Person extends Model {\n  static tableName = 'persons';\n  constructor(knex, options = {}) { super(); }\n}\nexport default class extends Person {}\n`,
      ...js,
    },
  ],
  invalid: [
    {
      filename: mongooseApp.at('src/models/user.ts'),
      code: mongooseUser,
      errors: [
        {
          messageId: 'duplicateRegistration',
          line: 3,
          column: 21,
          data: {
            what: "mongoose model 'User'",
            others: shown(mongooseApp.root, 'src/legacy/user-model.ts', 2),
            effect: "mongoose throws OverwriteModelError ('Cannot overwrite model once compiled') when the second one loads",
          },
        },
      ],
    },
    {
      filename: mongooseApp.at('src/legacy/user-model.ts'),
      code: legacyUser,
      errors: [{ messageId: 'duplicateRegistration', line: 2, column: 16 }],
    },
    {
      // An unsaved buffer of a new file sees both others.
      filename: mongooseApp.at('src/admin/user.ts'),
      code: `import mongoose from 'mongoose';\nexport const AdminUser = mongoose.model('User', new mongoose.Schema({ admin: Boolean }));\n`,
      errors: [
        {
          messageId: 'duplicateRegistration',
          line: 2,
          data: {
            what: "mongoose model 'User'",
            others: `${shown(mongooseApp.root, 'src/legacy/user-model.ts', 2)} and ${shown(mongooseApp.root, 'src/models/user.ts', 3)}`,
            effect: "mongoose throws OverwriteModelError ('Cannot overwrite model once compiled') when the second one loads",
          },
        },
      ],
    },
    {
      // The same connection reached through a re-export and an alias.
      filename: connections.at('src/models/audit-copy.ts'),
      code: `import { Schema } from 'mongoose';\nimport { conn as connection } from '../db/index';\nexport const Audit = connection.model('Audit', new Schema({ copy: Boolean }));\n`,
      errors: [{ messageId: 'duplicateRegistration', line: 3 }],
    },
    {
      filename: orms.at('src/user/user.entity.ts'),
      code: orms.text('src/user/user.entity.ts'),
      errors: [{ messageId: 'duplicateRegistration', line: 2 }],
    },
    {
      filename: orms.at('src/admin/user.entity.ts'),
      code: orms.text('src/admin/user.entity.ts'),
      errors: [{ messageId: 'duplicateRegistration', line: 2 }],
    },
    {
      // TypeORM's default table name is the class name in snake_case.
      filename: orms.at('src/profile/user-profile.entity.ts'),
      code: `import { Entity } from 'typeorm';\n@Entity()\nexport class UserProfile {}\n`,
      errors: [{ messageId: 'duplicateRegistration', line: 2 }],
    },
    {
      filename: orms.at('src/photo/photo.entity.ts'),
      code: `import { Entity } from 'typeorm';\n@Entity('photo')\nexport class PhotoEntity {}\n`,
      errors: [{ messageId: 'duplicateRegistration', line: 2 }],
    },
    {
      filename: orms.at('src/reporting/user-copy.entity.ts'),
      code: `import { ViewEntity } from 'typeorm';\n@ViewEntity({ name: 'user', schema: 'reporting' })\nexport class ReportingView {}\n`,
      errors: [{ messageId: 'duplicateRegistration', line: 2 }],
    },
    {
      filename: orms.at('src/shop/book.ts'),
      code: `import { Entity } from '@mikro-orm/core';\n@Entity({ tableName: 'shop_book' })\nexport class Book {}\n`,
      errors: [{ messageId: 'duplicateRegistration', line: 2 }],
    },
    {
      filename: orms.at('src/library/author-class.ts'),
      code: `import { Entity } from '@mikro-orm/core';\n@Entity()\nexport class Author {}\n`,
      errors: [{ messageId: 'duplicateRegistration', line: 2 }],
    },
    {
      filename: orms.at('src/db/legacy-schema.ts'),
      code: `import { pgTable, pgSchema, text } from 'drizzle-orm/pg-core';\nexport const users = pgTable('users', { name: text('name') });\nexport const sessions = pgSchema('auth').table('sessions', {});\n`,
      errors: [
        { messageId: 'duplicateRegistration', line: 2 },
        { messageId: 'duplicateRegistration', line: 3 },
      ],
    },
    {
      filename: orms.at('src/models/account-copy.ts'),
      code: `import { sequelize } from '../sequelize';\nexport const Account = sequelize.define('Account', {});\n`,
      errors: [{ messageId: 'duplicateRegistration', line: 2 }],
    },
    {
      filename: orms.at('src/models/invoice-define.ts'),
      code: `import { sequelize } from '../sequelize';\nexport const Invoice = sequelize.define('Invoice', {});\n`,
      errors: [{ messageId: 'duplicateRegistration', line: 2 }],
    },
    {
      filename: orms.at('src/typed/order-copy.ts'),
      code: `import { Table, Model } from 'sequelize-typescript';\n@Table({ modelName: 'Order' })\nexport class LegacyOrder extends Model {}\n`,
      errors: [{ messageId: 'duplicateRegistration', line: 2 }],
    },
    {
      filename: orms.at('src/objection/employee.ts'),
      code: `import { Model } from 'objection';\nexport class Employee extends Model {\n  static tableName = 'persons';\n}\n`,
      errors: [{ messageId: 'duplicateRegistration', line: 3 }],
    },
    {
      filename: orms.at('src/bookshelf/user-copy.ts'),
      code: `import { bookshelf } from '../bookshelf';\nexport const Copy = bookshelf.model('BUser', { tableName: 'busers2' });\n`,
      errors: [{ messageId: 'duplicateRegistration', line: 2 }],
    },
    {
      // A different class under typegoose's name for it.
      filename: orms.at('src/goose/other-cat.ts'),
      code: `import { getModelForClass } from '@typegoose/typegoose';\nclass Cat {}\nexport const OtherCat = getModelForClass(Cat);\n`,
      errors: [{ messageId: 'duplicateRegistration', line: 3 }],
    },
    {
      // typegoose and mongoose share the default connection's registry.
      filename: orms.at('src/goose/cat-mongoose.ts'),
      code: `import mongoose from 'mongoose';\nexport const Cat = mongoose.model('Cat', new mongoose.Schema({}));\n`,
      errors: [{ messageId: 'duplicateRegistration', line: 2 }],
    },
    {
      // A registration API added in settings.
      filename: orms.at('src/custom/widget-copy.ts'),
      code: `import { Model } from 'my-orm';\n@Model('widget')\nexport class WidgetCopy {}\n`,
      settings: customSettings,
      errors: [{ messageId: 'duplicateRegistration', line: 2 }],
    },
    {
      filename: many.at('src/a.ts'),
      code: many.text('src/a.ts'),
      errors: [
        {
          messageId: 'duplicateRegistration',
          line: 2,
          data: {
            what: "mongoose model 'Shared'",
            others: `${shown(many.root, 'src/b.ts', 2)}, ${shown(many.root, 'src/c.ts', 2)} and ${shown(many.root, 'src/d.ts', 2)}`,
            effect: "mongoose throws OverwriteModelError ('Cannot overwrite model once compiled') when the second one loads",
          },
        },
      ],
    },
    {
      filename: many.at('src/e.ts'),
      code: `import { model, Schema } from 'mongoose';\nexport const E = model('Shared', new Schema({}));\n`,
      errors: [
        {
          messageId: 'duplicateRegistration',
          line: 2,
          data: {
            what: "mongoose model 'Shared'",
            others: `${shown(many.root, 'src/a.ts', 2)}, ${shown(many.root, 'src/b.ts', 2)} and 2 more places`,
            effect: "mongoose throws OverwriteModelError ('Cannot overwrite model once compiled') when the second one loads",
          },
        },
      ],
    },
    {
      // With includeTests, test files are compared too.
      filename: mongooseApp.at('test/user.test.ts'),
      code: mongooseApp.text('test/user.test.ts'),
      options: [{ includeTests: true }],
      errors: [{ messageId: 'duplicateRegistration', line: 3 }],
    },
    {
      // A file outside the tsconfig still sees the project.
      filename: excluded.at('tools/job.ts'),
      code: excluded.text('tools/job.ts'),
      errors: [{ messageId: 'duplicateRegistration', line: 2 }],
    },
    // duplicateInFile
    {
      filename: soloFile,
      code: `import mongoose from 'mongoose';\nexport const A = mongoose.model('User', new mongoose.Schema({ a: String }));\nexport const B = mongoose.model('User', new mongoose.Schema({ b: String }));\n`,
      errors: [
        {
          messageId: 'duplicateInFile',
          line: 2,
          data: {
            what: "mongoose model 'User'",
            line: '3',
            effect: "mongoose throws OverwriteModelError ('Cannot overwrite model once compiled') when the second one loads",
          },
        },
        { messageId: 'duplicateInFile', line: 3 },
      ],
    },
    {
      filename: soloFile,
      code: `import { Entity } from 'typeorm';\n@Entity('users')\nexport class A {}\n@Entity({ name: 'users' })\nexport class B {}\n`,
      errors: [
        { messageId: 'duplicateInFile', line: 2 },
        { messageId: 'duplicateInFile', line: 4 },
      ],
    },
    {
      filename: soloFile,
      code: `import { pgTable } from 'drizzle-orm/pg-core';\nexport const a = pgTable('users', {});\nexport const b = pgTable('users', {});\n`,
      errors: [
        { messageId: 'duplicateInFile', line: 2 },
        { messageId: 'duplicateInFile', line: 3 },
      ],
    },
    {
      // Two tests share mongoose's process-wide registry.
      filename: soloTest,
      code: `import { it } from 'vitest';\nimport mongoose from 'mongoose';\nit('a', () => { mongoose.model('T', new mongoose.Schema({ a: String })); });\nit('b', () => { mongoose.model('T', new mongoose.Schema({ b: String })); });\n`,
      errors: [
        { messageId: 'duplicateInFile', line: 3 },
        { messageId: 'duplicateInFile', line: 4 },
      ],
    },
    {
      filename: soloFile,
      code: `import mongoose from 'mongoose';\nconst conn = mongoose.createConnection('mongodb://x');\nexport const A = conn.model('A', new mongoose.Schema({}));\nexport const B = conn.model('A', new mongoose.Schema({}));\n`,
      errors: [
        { messageId: 'duplicateInFile', line: 3 },
        { messageId: 'duplicateInFile', line: 4 },
      ],
    },
    {
      filename: soloTest,
      code: `import { test } from 'vitest';\nimport { Sequelize } from 'sequelize';\nconst sequelize = new Sequelize('sqlite::memory:');\ntest('a', () => {\n  sequelize.define('User', {});\n  sequelize.define('User', {});\n});\n`,
      errors: [
        { messageId: 'duplicateInFile', line: 5 },
        { messageId: 'duplicateInFile', line: 6 },
      ],
    },
    // registrationInFunction
    {
      filename: soloFile,
      code: `import mongoose from 'mongoose';\nexport default async function handler() {\n  const User = mongoose.model('User', new mongoose.Schema({}));\n  return User.find();\n}\n`,
      errors: [{ messageId: 'registrationInFunction', line: 3, column: 16, data: { what: "mongoose model 'User'", name: 'User' } }],
    },
    {
      filename: soloFile,
      code: `import { model, Schema } from 'mongoose';\nexport function getModel() {\n  const schema = new Schema({});\n  return model('X', schema);\n}\n`,
      errors: [{ messageId: 'registrationInFunction', line: 4 }],
    },
    {
      filename: soloFile,
      code: `import mongoose from 'mongoose';\nexport class Repo {\n  model() { return mongoose.model('R', new mongoose.Schema({})); }\n}\n`,
      errors: [{ messageId: 'registrationInFunction', line: 3 }],
    },
    {
      filename: soloTest,
      code: `import { beforeEach } from 'vitest';\nimport mongoose from 'mongoose';\nbeforeEach(() => { mongoose.model('T', new mongoose.Schema({})); });\n`,
      errors: [{ messageId: 'registrationInFunction', line: 3 }],
    },
    {
      filename: soloFile,
      code: `import express from 'express';\nimport mongoose from 'mongoose';\nconst app = express();\napp.get('/', (req, res) => { mongoose.model('Hit', new mongoose.Schema({})); res.end(); });\n`,
      errors: [{ messageId: 'registrationInFunction', line: 4 }],
    },
    {
      filename: soloFile,
      code: `import mongoose from 'mongoose';\nconst conn = mongoose.createConnection('mongodb://x');\nexport const load = () => conn.model('Log', new mongoose.Schema({}));\n`,
      errors: [{ messageId: 'registrationInFunction', line: 3 }],
    },
    {
      filename: soloFile,
      code: `import mongoose from 'mongoose';\nexport class Store {\n  model = mongoose.model('S', new mongoose.Schema({}));\n}\n`,
      errors: [{ messageId: 'registrationInFunction', line: 3 }],
    },
    {
      // With types, `this.connection` is a mongoose Connection (RuleTester resolves a typed filename against tsconfigRootDir).
      filename: 'src/cats.ts',
      code: typed.text('src/cats.ts'),
      options: [{ typeAware: true }],
      languageOptions: typedOptions,
      errors: [{ messageId: 'registrationInFunction', line: 5, column: 12 }],
    },
    {
      // Called twice from module level.
      filename: soloFile,
      code: `import { model, Schema } from 'mongoose';\nfunction init() { model('A', new Schema({})); }\ninit();\ninit();\n`,
      errors: [{ messageId: 'registrationInFunction', line: 2 }],
    },
    // Plain JavaScript.
    {
      filename: solo.at('src/solo.js'),
      code: `import { Model } from 'objection';\nexport class A extends Model { static tableName = 'persons'; }\nexport class B extends Model { static tableName = 'persons'; }\n`,
      ...js,
      errors: [
        { messageId: 'duplicateInFile', line: 2 },
        { messageId: 'duplicateInFile', line: 3 },
      ],
    },
    {
      filename: solo.at('src/solo.js'),
      code: `import { getModelForClass } from '@typegoose/typegoose';\nexport const A = getModelForClass(class Cat {});\nexport const B = getModelForClass(class Cat {});\n`,
      ...js,
      errors: [
        { messageId: 'duplicateInFile', line: 2 },
        { messageId: 'duplicateInFile', line: 3 },
      ],
    },
  ],
});
