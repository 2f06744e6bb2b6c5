import path from 'node:path';

import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { afterAll, describe, expect, it, vi } from 'vitest';

import { getCatalog } from '../../src/analysis/catalog';
import { Project } from '../../src/analysis/project-index';
import { defaultSessionNamePattern, getFileSessions, isMockExpression } from '../../src/analysis/sessions';
import { walk } from '../../src/analysis/traverse';
import { type Context, makeTree, probeFile, removeTree, touchLater, writeFiles } from './tree-helpers';

const root = makeTree({
  'package.json': '{ "name": "app" }',
  'src/prisma.ts': `import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\n`,
  'src/user-store.ts': `import type { Prisma, PrismaClient } from '@prisma/client';
import { prisma } from './prisma';
export class UserStore {
  constructor(readonly label: string, private readonly db: PrismaClient | Prisma.TransactionClient = prisma) {}
}
`,
  'src/index.ts': `export { UserStore as Store } from './user-store';\n`,
  'src/data-source.ts': `import { DataSource } from 'typeorm';\nexport const AppDataSource = new DataSource({ type: 'postgres' });\n`,
  'src/repository.ts': `import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
export class UserService {
  constructor(@InjectRepository(Object) private readonly users: Repository<object>) {}
}
`,
});
afterAll(() => removeTree(root));

const options = { sessionTypes: [], sessionNamePattern: defaultSessionNamePattern };
const file = path.join(root, 'tests/users.test.ts');

/** The first node of a type whose source text starts with `prefix`. */
function nodeAt<T extends TSESTree.Node>(program: TSESTree.Program, code: string, type: T['type'], prefix: string): T {
  let found: T | undefined;
  walk(program, (node) => {
    if (!found && node.type === type && code.slice(node.range[0], node.range[1]).startsWith(prefix)) found = node as T;
  });
  if (!found) throw new Error(`no ${type} starting with ${prefix}`);
  return found;
}

describe('session recognition', () => {
  const code = `
import { beforeAll, beforeEach, it } from 'vitest';
import type { QueryRunner } from 'typeorm';
import { prisma } from '../src/prisma';
import { AppDataSource } from '../src/data-source';
import { Store } from '../src/index';
import { UserService } from '../src/repository';

let queryRunner: QueryRunner;
const view = AppDataSource.manager;
beforeAll(() => { new Store('early'); });
beforeEach(() => { queryRunner = AppDataSource.createQueryRunner(); });
it('works', async () => {
  await prisma.$transaction(async (tx) => {
    new Store('late');
  });
  new UserService();
});
`;

  it('tells which sessions the test owns and where they are live', () => {
    const result = probeFile(code, file, (context: Context, program) => {
      const sessions = getFileSessions(context, options);
      const names = (prefix: string) =>
        sessions.liveSessions(nodeAt(program, code, AST_NODE_TYPES.NewExpression, prefix)).map((binding) => binding.name).sort();
      const valueOf = (prefix: string) => {
        const value = sessions.sessionOf(nodeAt(program, code, AST_NODE_TYPES.Identifier, prefix));
        return value && { specs: value.kind.specs.map((spec) => spec.name), owned: value.owned, singleton: value.singleton === true };
      };
      return {
        early: names("new Store('early')"),
        late: names("new Store('late')"),
        service: names('new UserService()'),
        prisma: valueOf('prisma'),
        view: valueOf('view'),
      };
    });
    expect(result).toEqual({
      // beforeAll runs before beforeEach assigns the query runner
      early: [],
      late: ['queryRunner', 'tx'],
      service: ['queryRunner'],
      prisma: { specs: ['PrismaClient'], owned: false, singleton: true },
      view: { specs: ['typeorm.EntityManager'], owned: false, singleton: false },
    });
  });

  it('resolves project constructors through re-exports and reads their session parameters', () => {
    const result = probeFile(code, file, (context: Context, program) => {
      const sessions = getFileSessions(context, options);
      const calleeOf = (prefix: string) => {
        const callee = sessions.calleeOf(nodeAt(program, code, AST_NODE_TYPES.NewExpression, prefix));
        return callee && {
          kind: callee.kind,
          file: path.relative(root, callee.file),
          parameters: callee.sessionParameters.map((parameter) => ({
            index: parameter.index,
            name: parameter.name,
            via: parameter.via,
            fallback: parameter.fallback,
            specs: parameter.kind.specs.map((spec) => spec.name),
            packages: parameter.kind.packages,
          })),
        };
      };
      return { store: calleeOf("new Store('late')"), service: calleeOf('new UserService()') };
    });
    expect(result).toEqual({
      store: {
        kind: 'class',
        file: 'src/user-store.ts',
        parameters: [{ index: 1, name: 'db', via: 'type', fallback: 'prisma', specs: ['PrismaClient'], packages: getCatalog(undefined).get('PrismaClient')!.packages }],
      },
      service: {
        kind: 'class',
        file: 'src/repository.ts',
        parameters: [{ index: 0, name: 'users', via: 'decorator', fallback: undefined, specs: [], packages: ['typeorm'] }],
      },
    });
  });

  it('reads NestJS tokens that resolve to a session', () => {
    const tokens = `
import { DataSource, EntityManager } from 'typeorm';
import { getDataSourceToken } from '@nestjs/typeorm';
import { getConnectionToken } from '@nestjs/mongoose';
import { UserService } from '../src/repository';
const list = [DataSource, EntityManager, getDataSourceToken(), getConnectionToken(), UserService];
`;
    const result = probeFile(tokens, file, (context: Context, program) => {
      const sessions = getFileSessions(context, options);
      const array = nodeAt<TSESTree.ArrayExpression>(program, tokens, AST_NODE_TYPES.ArrayExpression, '[DataSource');
      return array.elements.map((element) => sessions.tokenKind(element!)?.specs.map((spec) => spec.name) ?? null);
    });
    expect(result).toEqual([['typeorm.DataSource'], ['typeorm.EntityManager'], ['typeorm.DataSource'], ['mongoose.Connection'], null]);
  });

  it('reads a type from the disk again after an edit, though its answer is kept between lints', () => {
    const project = makeTree({
      'package.json': '{ "name": "edited" }',
      'src/handle.ts': 'export interface Handle { query(sql: string): Promise<unknown> }\n',
      'src/store.ts': `import type { Handle } from './handle';
export class Store {
  constructor(private readonly handle: Handle) {}
}
`,
    });
    const test = `
import { it } from 'vitest';
import type { Handle } from '../src/handle';
import { Store } from '../src/store';
it('stores', async () => {
  const handle: Handle = await open();
  new Store();
});
`;
    const probe = () =>
      probeFile(test, path.join(project, 'tests/store.test.ts'), (context: Context, program) => {
        const sessions = getFileSessions(context, options);
        const construction = nodeAt<TSESTree.NewExpression>(program, test, AST_NODE_TYPES.NewExpression, 'new Store()');
        return {
          live: sessions.liveSessions(construction).map((binding) => binding.name),
          parameters: sessions.calleeOf(construction)?.sessionParameters.map((parameter) => parameter.name),
        };
      });
    try {
      expect(probe()).toEqual({ live: [], parameters: [] });
      expect(probe()).toEqual({ live: [], parameters: [] });
      writeFiles(project, { 'src/handle.ts': "import type { PrismaClient } from '@prisma/client';\nexport type Handle = PrismaClient;\n" });
      touchLater(path.join(project, 'src/handle.ts'));
      expect(probe()).toEqual({ live: ['handle'], parameters: ['handle'] });
    } finally {
      removeTree(project);
    }
  });

  it('answers a callee whose module casts to its parameter type from the facts, without reading the syntax tree of that module again', () => {
    const project = makeTree({
      'package.json': '{ "name": "casts" }',
      'src/refund.types.ts': 'export interface Refund { status: string }\n',
      'src/refund.mapper.ts': `import type { Refund } from './refund.types';
export function toDto(entity: Refund) {
  return { status: entity.status as Refund['status'] };
}
`,
    });
    const test = `
import { it } from 'vitest';
import { toDto } from '../src/refund.mapper';
it('maps', () => {
  toDto({ status: 'open' });
});
`;
    const program = vi.spyOn(Project.prototype, 'program');
    try {
      const parameters = probeFile(test, path.join(project, 'tests/refund.test.ts'), (context: Context, tree) => {
        const call = nodeAt<TSESTree.CallExpression>(tree, test, AST_NODE_TYPES.CallExpression, 'toDto(');
        return getFileSessions(context, options).calleeOf(call)?.sessionParameters;
      });
      expect(parameters).toEqual([]);
      // read once, for the index's facts; not again to resolve the declaration
      expect(program.mock.calls.filter(([file]) => file === path.join(project, 'src/refund.mapper.ts'))).toHaveLength(1);
    } finally {
      program.mockRestore();
      removeTree(project);
    }
  });

  it('recognises mocks and fakes', () => {
    const mocks = `
const values = [vi.fn(), jest.fn(), createMock<X>(), mockDeep<PrismaClient>(), {} as PrismaClient, new FakeDb(), sinon.createStubInstance(Db), new PrismaClient(), knex(config)];
`;
    const result = probeFile(mocks, file, (_context, program) => {
      const array = nodeAt<TSESTree.ArrayExpression>(program, mocks, AST_NODE_TYPES.ArrayExpression, '[vi.fn()');
      return array.elements.map((element) => isMockExpression(element!));
    });
    expect(result).toEqual([true, true, true, true, true, true, true, false, false]);
  });
});
