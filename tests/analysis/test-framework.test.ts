import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import type { FunctionNode } from '../../src/analysis/ast';
import { type FileTestInfo, type RunnerCallback, getFileTestInfo } from '../../src/analysis/test-framework';
import { type InspectOptions, type ParsedCall, callNamed, callsOf, inspect, parseCalls, summary, textOf } from './helpers';

const testFile: InspectOptions = { filename: 'src/db.test.ts' };
const sourceFile: InspectOptions = { filename: 'src/db.ts' };

/** The parse of the `index`-th call to `callee` in `code`. */
function parseOne(code: string, callee: string, options: InspectOptions = testFile, index = 0) {
  return callNamed(parseCalls(code, options), callee, index).parsed;
}

function kindOf(calls: readonly ParsedCall[], callee: string, index = 0) {
  return callNamed(calls, callee, index).parsed?.kind;
}

/** Runner callbacks of every call in `code`, as `[kind, label, callback source]`. */
function runnerCallbacks(code: string, options: InspectOptions = testFile): [RunnerCallback['kind'], string, string | undefined][] {
  return inspect(code, options, (context, program) => {
    const info = getFileTestInfo(context);
    return callsOf(program).flatMap((call) =>
      info.runnerCallbacksOf(call).map((cb): [RunnerCallback['kind'], string, string | undefined] => [cb.kind, cb.label, textOf(code, cb.fn)]),
    );
  });
}

function exportedCallbacks(code: string, options: InspectOptions = sourceFile) {
  return inspect(code, options, (context) =>
    getFileTestInfo(context)
      .exportedRunnerCallbacks()
      .map((cb) => ({ kind: cb.kind, label: cb.label, hook: cb.hook, fn: textOf(code, cb.fn), done: textOf(code, cb.doneParam) })),
  );
}

function fileInfo<T>(code: string, options: InspectOptions, read: (info: FileTestInfo) => T): T {
  return inspect(code, options, (context) => read(getFileTestInfo(context)));
}

describe('callKinds', () => {
  it('lists the kinds of test-framework call the file makes, nested ones included', () => {
    const code = `import { describe, it, beforeAll, expect } from 'vitest';
      describe('users', () => {
        beforeAll(() => {});
        it('reads', () => { expect(1).toBe(1); });
      });`;
    expect([...fileInfo(code, testFile, (info) => info.callKinds())].sort()).toEqual(['hook', 'suite', 'test']);
  });

  it('is empty for a helper that only imports a framework type', () => {
    const code = `import type { TestContext } from 'vitest';\nexport function seed(ctx: TestContext) { return helper(ctx); }`;
    expect([...fileInfo(code, testFile, (info) => info.callKinds())]).toEqual([]);
  });
});

describe('vitest', () => {
  it('recognises describe, suite, it and test imported from vitest', () => {
    const calls = parseCalls(
      `
      import { describe, suite, it, test } from 'vitest';
      describe('users', () => {
        suite('create', () => {
          it('works', () => {});
          test('also works', async () => {});
        });
      });
      `,
      testFile,
    );
    expect(summary(callNamed(calls, 'describe').parsed)).toEqual({ kind: 'suite', framework: 'vitest', modifiers: [] });
    expect(summary(callNamed(calls, 'suite').parsed)).toEqual({ kind: 'suite', framework: 'vitest', modifiers: [] });
    expect(summary(callNamed(calls, 'it').parsed)).toEqual({ kind: 'test', framework: 'vitest', modifiers: [] });
    expect(summary(callNamed(calls, 'test').parsed)).toEqual({ kind: 'test', framework: 'vitest', modifiers: [] });
  });

  it('finds the callback of tests and suites', () => {
    const code = `
      import { describe, test } from 'vitest';
      describe('users', () => { test('works', async () => { await 1; }); });
    `;
    const calls = parseCalls(code, testFile);
    expect(textOf(code, callNamed(calls, 'test').parsed?.callback)).toBe('async () => { await 1; }');
    expect(textOf(code, callNamed(calls, 'describe').parsed?.callback)).toContain("test('works'");
  });

  it.each([
    ['test.only', 'test', ['only']],
    ['test.skip', 'test', ['skip']],
    ['test.concurrent', 'test', ['concurrent']],
    ['test.sequential', 'test', ['sequential']],
    ['it.concurrent.only', 'test', ['concurrent', 'only']],
    ['test.fails', 'test', ['fails']],
    ['describe.only', 'suite', ['only']],
    ['describe.skip', 'suite', ['skip']],
    ['describe.concurrent', 'suite', ['concurrent']],
    ['describe.sequential', 'suite', ['sequential']],
    ['describe.shuffle', 'suite', ['shuffle']],
    ['suite.skip', 'suite', ['skip']],
  ])('recognises %s as a %s with its modifiers', (callee, kind, modifiers) => {
    const code = `import { describe, suite, it, test } from 'vitest';\n${callee}('name', () => {});`;
    expect(summary(parseOne(code, callee))).toEqual({ kind, framework: 'vitest', modifiers });
  });

  it('recognises test.todo without a callback', () => {
    const parsed = parseOne(`import { test } from 'vitest';\ntest.todo('later');`, 'test.todo');
    expect(summary(parsed)).toEqual({ kind: 'test', framework: 'vitest', modifiers: ['todo'] });
    expect(parsed?.callback).toBeUndefined();
  });

  it.each([
    ['test.each([[1, 2]])', 'test', ['each']],
    ['it.each([{ a: 1 }])', 'test', ['each']],
    ['test.for([[1, 2]])', 'test', ['for']],
    ['test.concurrent.each([[1]])', 'test', ['concurrent', 'each']],
    ['test.runIf(process.env.CI)', 'test', ['runIf']],
    ['test.skipIf(process.env.CI)', 'test', ['skipIf']],
    ['describe.each([[1]])', 'suite', ['each']],
    ['describe.runIf(true)', 'suite', ['runIf']],
    ['describe.skipIf(false)', 'suite', ['skipIf']],
  ])('recognises %s(name, fn) as a %s', (factory, kind, modifiers) => {
    const code = `import { describe, it, test } from 'vitest';\n${factory}('name %s', async (a) => { await a; });`;
    const calls = parseCalls(code, testFile);
    const outer = callNamed(calls, factory);
    expect(summary(outer.parsed)).toEqual({ kind, framework: 'vitest', modifiers });
    expect(textOf(code, outer.parsed?.callback)).toBe('async (a) => { await a; }');
  });

  it('does not count the inner call of test.each(table)(name, fn) as a second test', () => {
    const calls = parseCalls(`import { describe, test } from 'vitest';\ntest.each([[1]])('adds %i', (a) => {});\ndescribe.for([1])('x', () => {});`, testFile);
    const tests = calls.filter((call) => call.parsed?.kind === 'test' || call.parsed?.kind === 'suite');
    expect(tests.map((call) => call.callee)).toEqual(['test.each([[1]])', 'describe.for([1])']);
  });

  it('recognises factory modifiers through a namespace import', () => {
    const code = `import * as vt from 'vitest';\nvt.test.each([[1]])('adds %i', (a) => {});\nvt.describe.skipIf(true)('group', () => {});`;
    const calls = parseCalls(code, testFile);
    expect(calls.map((call) => [call.callee, call.parsed?.kind, call.parsed?.modifiers])).toEqual([
      ['vt.test.each([[1]])', 'test', ['each']],
      ['vt.test.each', undefined, undefined],
      ['vt.describe.skipIf(true)', 'suite', ['skipIf']],
      ['vt.describe.skipIf', undefined, undefined],
    ]);
  });

  it('finds the test callback after an options object or before a timeout', () => {
    const code = `import { test } from 'vitest';\ntest('a', { timeout: 10 }, async () => { await 1; });\ntest('b', async () => { await 2; }, 1000);`;
    const calls = parseCalls(code, testFile);
    expect(textOf(code, callNamed(calls, 'test', 0).parsed?.callback)).toBe('async () => { await 1; }');
    expect(textOf(code, callNamed(calls, 'test', 1).parsed?.callback)).toBe('async () => { await 2; }');
  });

  it('recognises the tagged-template form of test.each', () => {
    const code = "import { test } from 'vitest';\ntest.each`\n  a | b\n  ${1} | ${2}\n`('adds $a', ({ a }) => {});";
    const calls = parseCalls(code, testFile);
    const outer = calls.find((call) => call.callee.startsWith('test.each`'));
    expect(summary(outer?.parsed)).toEqual({ kind: 'test', framework: 'vitest', modifiers: ['each'] });
    expect(textOf(code, outer?.parsed?.callback)).toBe('({ a }) => {}');
  });

  it('recognises global and test-prefixed hooks', () => {
    const calls = parseCalls(
      `
      import { beforeAll, beforeEach, afterAll, afterEach, test } from 'vitest';
      beforeAll(() => {});
      beforeEach(() => {});
      afterAll(() => {});
      afterEach(() => {});
      test.beforeEach(() => {});
      test.afterAll(() => {});
      `,
      testFile,
    );
    const hooks = calls.map((call) => [call.callee, call.parsed?.kind, call.parsed?.hook, call.parsed?.framework]);
    expect(hooks).toEqual([
      ['beforeAll', 'hook', 'beforeAll', 'vitest'],
      ['beforeEach', 'hook', 'beforeEach', 'vitest'],
      ['afterAll', 'hook', 'afterAll', 'vitest'],
      ['afterEach', 'hook', 'afterEach', 'vitest'],
      ['test.beforeEach', 'hook', 'beforeEach', 'vitest'],
      ['test.afterAll', 'hook', 'afterAll', 'vitest'],
    ]);
  });

  it('finds a hook callback given by the name of a same-file function', () => {
    const code = `
      import { beforeAll, afterAll } from 'vitest';
      async function openDatabase() {}
      const closeDatabase = async () => {};
      beforeAll(openDatabase);
      afterAll(closeDatabase);
    `;
    const calls = parseCalls(code, testFile);
    expect(textOf(code, callNamed(calls, 'beforeAll').parsed?.callback)).toBe('async function openDatabase() {}');
    expect(textOf(code, callNamed(calls, 'afterAll').parsed?.callback)).toBe('async () => {}');
  });

  it('reports the cleanup function returned by beforeAll and beforeEach as a runner callback', () => {
    const code = `
      import { beforeAll, beforeEach, afterAll } from 'vitest';
      beforeAll(async () => {
        await open();
        return async () => { await close(); };
      });
      beforeEach(() => () => reset());
      afterAll(() => () => notACleanup());
    `;
    expect(runnerCallbacks(code)).toEqual([
      ['hook', 'beforeAll hook', expect.stringContaining('await open()')],
      ['cleanup', 'cleanup function returned by beforeAll', 'async () => { await close(); }'],
      ['hook', 'beforeEach hook', '() => () => reset()'],
      ['cleanup', 'cleanup function returned by beforeEach', '() => reset()'],
      ['hook', 'afterAll hook', '() => () => notACleanup()'],
    ]);
  });

  it('recognises aroundEach and aroundAll hooks', () => {
    const code = `
      import { aroundEach, aroundAll } from 'vitest';
      aroundEach(async (runTest) => { await runTest(); });
      aroundAll(async (runSuite) => { await runSuite(); });
    `;
    const calls = parseCalls(code, testFile);
    expect(summary(callNamed(calls, 'aroundEach').parsed)).toEqual({ kind: 'hook', framework: 'vitest', hook: 'aroundEach', modifiers: [] });
    expect(summary(callNamed(calls, 'aroundAll').parsed)).toEqual({ kind: 'hook', framework: 'vitest', hook: 'aroundAll', modifiers: [] });
    expect(kindOf(calls, 'runTest')).toBeUndefined();
  });

  it('recognises imported onTestFinished and onTestFailed', () => {
    const code = `
      import { onTestFinished, onTestFailed, test } from 'vitest';
      test('x', () => {
        onTestFinished(async () => { await close(); });
        onTestFailed(() => {});
      });
    `;
    const calls = parseCalls(code, testFile);
    expect(summary(callNamed(calls, 'onTestFinished').parsed)).toEqual({ kind: 'testEvent', framework: 'vitest', modifiers: [] });
    expect(kindOf(calls, 'onTestFailed')).toBe('testEvent');
    expect(runnerCallbacks(code)).toEqual([
      ['testEvent', 'onTestFinished callback', 'async () => { await close(); }'],
      ['testEvent', 'onTestFailed callback', '() => {}'],
    ]);
  });

  it('recognises onTestFinished from the test context, destructured or as a member', () => {
    const calls = parseCalls(
      `
      import { test, beforeEach, afterAll } from 'vitest';
      test('destructured', ({ onTestFinished }) => { onTestFinished(() => {}); });
      test('member', (ctx) => { ctx.onTestFinished(() => {}); ctx.onTestFailed(() => {}); });
      beforeEach(({ onTestFinished }) => { onTestFinished(() => {}); });
      afterAll((ctx) => { ctx.onTestFinished(() => {}); });
      function helper({ onTestFinished }) { onTestFinished(() => {}); }
      `,
      testFile,
    );
    expect(kindOf(calls, 'onTestFinished', 0)).toBe('testEvent');
    expect(kindOf(calls, 'ctx.onTestFinished', 0)).toBe('testEvent');
    expect(kindOf(calls, 'ctx.onTestFailed')).toBe('testEvent');
    expect(kindOf(calls, 'onTestFinished', 1)).toBe('testEvent');
    // afterAll gets a suite context, and a plain function's parameter is no test context
    expect(kindOf(calls, 'ctx.onTestFinished', 1)).toBeUndefined();
    expect(kindOf(calls, 'onTestFinished', 2)).toBeUndefined();
  });

  it('reads object-form fixtures with tuple options and static values', () => {
    const code = `
      import { test } from 'vitest';
      export const dbTest = test.extend<{ db: Db; server: Server; config: Config }>({
        db: async ({}, use) => { await use(new Db()); },
        server: [async ({ db }, use) => { await use(db); }, { scope: 'worker', auto: true }],
        file: [async ({}, use) => { await use(1); }, { scope: 'file' }],
        config: { url: 'postgres://' },
      });
    `;
    const parsed = parseOne(code, 'test.extend');
    expect(summary(parsed)).toEqual({ kind: 'fixtures', framework: 'vitest', modifiers: [] });
    expect(
      parsed?.fixtures?.map((fixture) => ({
        name: fixture.name,
        form: fixture.form,
        scope: fixture.scope,
        auto: fixture.auto,
        fn: textOf(code, fixture.fn),
        value: textOf(code, fixture.value),
      })),
    ).toEqual([
      { name: 'db', form: 'object', scope: 'test', auto: false, fn: 'async ({}, use) => { await use(new Db()); }', value: undefined },
      { name: 'server', form: 'object', scope: 'worker', auto: true, fn: 'async ({ db }, use) => { await use(db); }', value: undefined },
      { name: 'file', form: 'object', scope: 'file', auto: false, fn: 'async ({}, use) => { await use(1); }', value: undefined },
      { name: 'config', form: 'object', scope: 'test', auto: false, fn: undefined, value: "{ url: 'postgres://' }" },
    ]);
  });

  it('reads fixtures written as methods or wrapped in type assertions', () => {
    const code = `
      import { test } from 'vitest';
      const t = test.extend({
        async db({}, use) { await use(1); },
        pool: (async ({}, use) => { await use(2); }) as Fixture,
        tx: [async ({}, use) => { await use(3); }, { scope: 'worker' }] as const,
      });
    `;
    const fixtures = parseOne(code, 'test.extend')?.fixtures;
    expect(fixtures?.map((f) => [f.name, f.scope, textOf(code, f.fn)])).toEqual([
      ['db', 'test', '({}, use) { await use(1); }'],
      ['pool', 'test', 'async ({}, use) => { await use(2); }'],
      ['tx', 'worker', 'async ({}, use) => { await use(3); }'],
    ]);
  });

  it('reads fixtures named by a function of the module, in both forms and in tuples', () => {
    const code = `
      import { test } from 'vitest';
      import { imported } from './helpers';
      const network = async ({}, use) => { await use('net'); };
      async function bootRedis({}, use) { await use(1); }
      const config = { url: 'postgres://' };
      let swapped = async ({}, use) => { await use(2); };
      const t = test.extend({
        network,
        redis: [bootRedis, { scope: 'worker' }],
        config,
        swapped,
        imported,
      });
      const b = test.extend('pool', { scope: 'worker' }, bootRedis);
    `;
    const fixtures = parseOne(code, 'test.extend')?.fixtures;
    expect(fixtures?.map((f) => [f.name, f.scope, textOf(code, f.fn), textOf(code, f.value)])).toEqual([
      ['network', 'test', "async ({}, use) => { await use('net'); }", undefined],
      ['redis', 'worker', 'async function bootRedis({}, use) { await use(1); }', undefined],
      // a value, a binding that may be reassigned and an import are not followed
      ['config', 'test', undefined, 'config'],
      ['swapped', 'test', undefined, 'swapped'],
      ['imported', 'test', undefined, 'imported'],
    ]);
    const builder = parseOne(code, 'test.extend', testFile, 1)?.fixtures;
    expect(builder?.map((f) => [f.name, f.form, f.scope, textOf(code, f.fn)])).toEqual([
      ['pool', 'builder', 'worker', 'async function bootRedis({}, use) { await use(1); }'],
    ]);
  });

  it('finds the extend call that names a fixture function declared apart from it', () => {
    const code = `
      import { test } from 'vitest';
      const db = (async ({ onTestFinished }, use) => { onTestFinished(() => {}); await use(1); }) as Fixture;
      async function pool({}, { onCleanup }) { onCleanup(() => {}); return 2; }
      const notAFixture = async ({ onTestFinished }, use) => { onTestFinished(() => {}); };
      const keyed = { [notAFixture]: 1 };
      const t = test.extend({ db }).extend('pool', pool);
      t('x', ({ db, pool }) => {});
    `;
    const calls = parseCalls(code, testFile);
    expect(kindOf(calls, 'onTestFinished', 0)).toBe('testEvent');
    expect(kindOf(calls, 'onCleanup')).toBe('onCleanup');
    expect(kindOf(calls, 'onTestFinished', 1)).toBeUndefined();
    const answers = inspect(code, testFile, (context, program) => {
      const info = getFileTestInfo(context);
      const declared = (name: string): FunctionNode => {
        for (const statement of program.body) {
          if (statement.type === AST_NODE_TYPES.FunctionDeclaration && statement.id?.name === name) return statement;
          if (statement.type !== AST_NODE_TYPES.VariableDeclaration) continue;
          const declarator = statement.declarations.find((d) => d.id.type === AST_NODE_TYPES.Identifier && d.id.name === name);
          const init = declarator?.init?.type === AST_NODE_TYPES.TSAsExpression ? declarator.init.expression : declarator?.init;
          if (init?.type === AST_NODE_TYPES.ArrowFunctionExpression) return init;
        }
        throw new Error(`no function ${name}`);
      };
      const available = (name: string) => [...(info.fixturesAvailableTo(declared(name))?.keys() ?? [])].sort();
      return { db: available('db'), pool: available('pool'), notAFixture: available('notAFixture'), owner: info.callOwning(declared('db'))?.kind };
    });
    expect(answers).toEqual({ db: ['db'], pool: ['db', 'pool'], notAFixture: [], owner: 'fixtures' });
  });

  it('gives no runner callback for a hook whose callback is not in this file', () => {
    expect(runnerCallbacks(`import { beforeAll } from 'vitest';
import { setup } from './setup';
beforeAll(setup);`)).toEqual([]);
  });

  it('reports each fixture function as a runner callback', () => {
    const code = `
      import { test } from 'vitest';
      const dbTest = test.extend({
        db: async ({}, use) => { await use(1); },
        server: [async ({}, use) => { await use(2); }, { scope: 'worker' }],
        config: 3,
      });
    `;
    expect(runnerCallbacks(code)).toEqual([
      ['fixture', 'fixture "db"', 'async ({}, use) => { await use(1); }'],
      ['fixture', 'fixture "server"', 'async ({}, use) => { await use(2); }'],
    ]);
  });

  it('reads builder-form fixtures with and without options, and their onCleanup', () => {
    const code = `
      import { test } from 'vitest';
      const dbTest = test
        .extend('db', async ({}, { onCleanup }) => {
          const db = await open();
          onCleanup(async () => { await db.close(); });
          return db;
        })
        .extend('pool', { scope: 'worker', auto: true }, async ({ db }, ctx) => {
          ctx.onCleanup(() => pool.end());
          return pool;
        });
      dbTest('uses both', ({ db, pool }) => {});
    `;
    const calls = parseCalls(code, testFile);
    const builder = calls.filter((call) => call.parsed?.kind === 'fixtures');
    expect(builder.map((call) => call.parsed?.fixtures?.map((f) => [f.name, f.form, f.scope, f.auto]))).toEqual([
      [['pool', 'builder', 'worker', true]],
      [['db', 'builder', 'test', false]],
    ]);
    expect(kindOf(calls, 'onCleanup')).toBe('onCleanup');
    expect(kindOf(calls, 'ctx.onCleanup')).toBe('onCleanup');
    expect(textOf(code, callNamed(calls, 'onCleanup').parsed?.callback)).toBe('async () => { await db.close(); }');
    expect([...(callNamed(calls, 'dbTest').parsed?.availableFixtures?.keys() ?? [])]).toEqual(['db', 'pool']);
    expect(runnerCallbacks(code).map(([kind, label]) => [kind, label])).toEqual([
      ['fixture', 'fixture "pool"'],
      ['fixture', 'fixture "db"'],
      ['onCleanup', 'onCleanup callback'],
      ['onCleanup', 'onCleanup callback'],
    ]);
  });

  it('recognises onTestFinished from the context a fixture function receives', () => {
    const calls = parseCalls(
      `
      import { test } from 'vitest';
      const t = test.extend({
        db: async ({ onTestFinished }, use) => { onTestFinished(() => {}); await use(1); },
      });
      `,
      testFile,
    );
    expect(kindOf(calls, 'onTestFinished')).toBe('testEvent');
  });

  it('does not take onCleanup from the first parameter or outside a fixture', () => {
    const calls = parseCalls(
      `
      import { test } from 'vitest';
      const t = test.extend('db', async ({ onCleanup }) => { onCleanup(() => {}); return 1; });
      function notAFixture(deps, { onCleanup }) { onCleanup(() => {}); }
      `,
      testFile,
    );
    expect(kindOf(calls, 'onCleanup', 0)).toBeUndefined();
    expect(kindOf(calls, 'onCleanup', 1)).toBeUndefined();
  });

  it('collects fixtures through chained extend and override calls', () => {
    const code = `
      import { test as base } from 'vitest';
      const withDb = base.extend({ db: async ({}, use) => { await use(1); } });
      const withServer = withDb.extend({ server: async ({ db }, use) => { await use(db); } });
      const overridden = withServer.override({ db: async ({}, use) => { await use(2); } });
      overridden('all', ({ db, server }) => {});
      withDb('only db', ({ db }) => {});
      withServer.beforeEach(({ server }) => {});
    `;
    const calls = parseCalls(code, testFile);
    expect(kindOf(calls, 'withServer.override')).toBe('fixtures');
    const all = callNamed(calls, 'overridden').parsed;
    expect(all?.kind).toBe('test');
    expect([...(all?.availableFixtures?.keys() ?? [])].sort()).toEqual(['db', 'server']);
    // the override replaces the base definition of db
    expect(textOf(code, all?.availableFixtures?.get('db')?.fn)).toBe('async ({}, use) => { await use(2); }');
    expect([...(callNamed(calls, 'withDb').parsed?.availableFixtures?.keys() ?? [])]).toEqual(['db']);
    expect(summary(callNamed(calls, 'withServer.beforeEach').parsed)).toEqual({
      kind: 'hook',
      framework: 'vitest',
      hook: 'beforeEach',
      modifiers: [],
    });
  });

  it('answers fixturesAvailableTo for tests and for fixture functions, tuples included', () => {
    const code = `
      import { test } from 'vitest';
      const t = test.extend({ db: async ({}, use) => { await use(1); } }).extend({
        repo: [async ({ db }, use) => { await use(db); }, { scope: 'worker' }],
      });
      t('x', ({ repo }) => {});
    `;
    const answers = inspect(code, testFile, (context, program) => {
      const info = getFileTestInfo(context);
      const calls = callsOf(program);
      const testCall = calls.find((call) => context.sourceCode.getText(call.callee) === 't')!;
      // `test.extend({ db }).extend({ repo })`: the outer call is the initialiser of `t`
      const outerExtend = calls.find((call) => call.parent.type === AST_NODE_TYPES.VariableDeclarator)!;
      const repoFn = info.parseCall(outerExtend)?.fixtures?.[0]?.fn;
      const testFn = info.parseCall(testCall)?.callback;
      return {
        test: [...(testFn ? (info.fixturesAvailableTo(testFn)?.keys() ?? []) : [])].sort(),
        repo: [...(repoFn ? (info.fixturesAvailableTo(repoFn)?.keys() ?? []) : [])].sort(),
      };
    });
    expect(answers).toEqual({ test: ['db', 'repo'], repo: ['db', 'repo'] });
  });

  it('recognises namespace imports and renamed imports', () => {
    const calls = parseCalls(
      `
      import * as vt from 'vitest';
      import { test as spec, beforeAll as setupAll, describe as group } from 'vitest';
      vt.describe('a', () => {});
      vt.test.only('b', () => {});
      vt.beforeEach(() => {});
      vt.vi.fn();
      group('c', () => {});
      spec.skip('d', () => {});
      setupAll(() => {});
      `,
      testFile,
    );
    expect(summary(callNamed(calls, 'vt.describe').parsed)).toEqual({ kind: 'suite', framework: 'vitest', modifiers: [] });
    expect(summary(callNamed(calls, 'vt.test.only').parsed)).toEqual({ kind: 'test', framework: 'vitest', modifiers: ['only'] });
    expect(callNamed(calls, 'vt.beforeEach').parsed?.hook).toBe('beforeEach');
    expect(kindOf(calls, 'vt.vi.fn')).toBeUndefined();
    expect(kindOf(calls, 'group')).toBe('suite');
    expect(summary(callNamed(calls, 'spec.skip').parsed)).toEqual({ kind: 'test', framework: 'vitest', modifiers: ['skip'] });
    expect(callNamed(calls, 'setupAll').parsed?.hook).toBe('beforeAll');
  });

  it('recognises require destructuring, renamed, and a required namespace', () => {
    const calls = parseCalls(
      `
      const { test: check, beforeEach } = require('vitest');
      const vitest = require('vitest');
      check('a', () => {});
      beforeEach(() => {});
      vitest.afterAll(() => {});
      `,
      { filename: 'src/db.test.js' },
    );
    expect(summary(callNamed(calls, 'check').parsed)).toEqual({ kind: 'test', framework: 'vitest', modifiers: [] });
    expect(callNamed(calls, 'beforeEach').parsed?.hook).toBe('beforeEach');
    expect(callNamed(calls, 'vitest.afterAll').parsed?.hook).toBe('afterAll');
  });

  it('does not treat vi.fn(), expect(), expect.extend() or bench() as tests or hooks', () => {
    const calls = parseCalls(
      `
      import { vi, expect, test } from 'vitest';
      vi.fn();
      vi.mock('./db');
      expect(1).toBe(1);
      expect.extend({});
      test.extend;
      `,
      testFile,
    );
    expect(calls.map((call) => call.parsed?.kind)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });
});

describe('jest', () => {
  it('recognises jest globals in a test file', () => {
    const calls = parseCalls(
      `
      describe('a', () => {
        beforeAll((done) => done());
        it('b', () => {});
        fit('c', () => {});
        xit('d', () => {});
        test.each([1])('e %i', () => {});
      });
      xdescribe('f', () => {});
      `,
      testFile,
    );
    expect(summary(callNamed(calls, 'describe').parsed)).toEqual({ kind: 'suite', framework: 'globals', modifiers: [] });
    expect(summary(callNamed(calls, 'beforeAll').parsed)).toEqual({ kind: 'hook', framework: 'globals', hook: 'beforeAll', modifiers: [] });
    expect(kindOf(calls, 'it')).toBe('test');
    expect(kindOf(calls, 'fit')).toBe('test');
    expect(kindOf(calls, 'xit')).toBe('test');
    expect(kindOf(calls, 'test.each([1])')).toBe('test');
    expect(kindOf(calls, 'xdescribe')).toBe('suite');
  });

  it('gives a global hook its done parameter when it is named like one', () => {
    const code = `
      beforeAll((done) => { done(); });
      beforeEach((context) => {});
    `;
    const done = inspect(code, testFile, (context, program) => {
      const info = getFileTestInfo(context);
      return callsOf(program).map((call) => textOf(code, info.runnerCallbacksOf(call)[0]?.doneParam));
    });
    expect(done[0]).toBe('done');
    expect(done[1]).toBeUndefined();
  });

  it('recognises @jest/globals imports, including renamed ones', () => {
    const code = `
      import { describe, test as spec, beforeEach, afterAll as teardownAll, jest } from '@jest/globals';
      describe('a', () => {
        beforeEach((done) => {});
        spec.failing('b', () => {});
        teardownAll(async () => {});
        jest.fn();
      });
    `;
    const calls = parseCalls(code, sourceFile);
    expect(summary(callNamed(calls, 'describe').parsed)).toEqual({ kind: 'suite', framework: 'jest', modifiers: [] });
    expect(summary(callNamed(calls, 'spec.failing').parsed)).toEqual({ kind: 'test', framework: 'jest', modifiers: ['failing'] });
    expect(callNamed(calls, 'teardownAll').parsed?.hook).toBe('afterAll');
    expect(kindOf(calls, 'jest.fn')).toBeUndefined();
    const done = inspect(code, sourceFile, (context, program) => {
      const info = getFileTestInfo(context);
      const hook = callsOf(program).find((call) => info.parseCall(call)?.hook === 'beforeEach')!;
      return textOf(code, info.runnerCallbacksOf(hook)[0]?.doneParam);
    });
    expect(done).toBe('done');
  });

  it('does not give jest hooks a cleanup callback for a returned function', () => {
    const code = `import { beforeAll } from '@jest/globals';\nbeforeAll(() => () => close());`;
    expect(runnerCallbacks(code).map(([kind]) => kind)).toEqual(['hook']);
  });
});

describe('mocha', () => {
  it('recognises BDD hooks with and without a description', () => {
    const code = `
      import { describe, context, it, before, after, beforeEach, afterEach } from 'mocha';
      describe('a', function () {
        before(function () {});
        before('open the database', async function () {});
        after('close', function (done) { done(); });
        beforeEach(() => {});
        afterEach('reset', () => {});
        context('b', () => { it('c', () => {}); });
      });
    `;
    const calls = parseCalls(code, sourceFile);
    expect(calls.filter((call) => call.parsed?.kind === 'hook').map((call) => [call.parsed?.hook, textOf(code, call.parsed?.callback)])).toEqual([
      ['beforeAll', 'function () {}'],
      ['beforeAll', 'async function () {}'],
      ['afterAll', 'function (done) { done(); }'],
      ['beforeEach', '() => {}'],
      ['afterEach', '() => {}'],
    ]);
    expect(kindOf(calls, 'context')).toBe('suite');
    expect(summary(callNamed(calls, 'it').parsed)).toEqual({ kind: 'test', framework: 'mocha', modifiers: [] });
    const done = inspect(code, sourceFile, (context, program) => {
      const info = getFileTestInfo(context);
      return callsOf(program).flatMap((call) => info.runnerCallbacksOf(call).map((cb) => textOf(code, cb.doneParam)));
    });
    expect(done).toEqual([undefined, undefined, 'done', undefined, undefined]);
  });

  it('recognises the BDD aliases context and specify as globals', () => {
    const calls = parseCalls(
      `
      context('a', () => {
        specify('b', () => {});
      });
      `,
      testFile,
    );
    expect(summary(callNamed(calls, 'context').parsed)).toEqual({ kind: 'suite', framework: 'globals', modifiers: [] });
    expect(summary(callNamed(calls, 'specify').parsed)).toEqual({ kind: 'test', framework: 'globals', modifiers: [] });
  });

  it('recognises TDD suites and hooks, imported and global', () => {
    const imported = parseCalls(
      `
      const { suite, test, suiteSetup, suiteTeardown, setup, teardown } = require('mocha');
      suite('a', () => {
        suiteSetup(() => {});
        suiteTeardown(() => {});
        setup(() => {});
        teardown(() => {});
        test('b', () => {});
      });
      `,
      { filename: 'lib/db.js' },
    );
    expect(imported.map((call) => [call.callee, call.parsed?.kind, call.parsed?.hook, call.parsed?.framework])).toEqual([
      ['require', undefined, undefined, undefined],
      ['suite', 'suite', undefined, 'mocha'],
      ['suiteSetup', 'hook', 'beforeAll', 'mocha'],
      ['suiteTeardown', 'hook', 'afterAll', 'mocha'],
      ['setup', 'hook', 'beforeEach', 'mocha'],
      ['teardown', 'hook', 'afterEach', 'mocha'],
      ['test', 'test', undefined, 'mocha'],
    ]);
    const globals = parseCalls(`suite('a', () => { suiteSetup(() => {}); teardown(() => {}); });`, { filename: 'test/db.js' });
    expect(globals.map((call) => [call.parsed?.kind, call.parsed?.hook, call.parsed?.framework])).toEqual([
      ['suite', undefined, 'globals'],
      ['hook', 'beforeAll', 'globals'],
      ['hook', 'afterEach', 'globals'],
    ]);
  });

  it('finds root hook plugins: exports.mochaHooks object, with arrays of hooks', () => {
    const callbacks = exportedCallbacks(`
      exports.mochaHooks = {
        async beforeAll() { await open(); },
        afterEach: [function (done) { done(); }, async () => {}],
        notAHook() {},
      };
    `);
    expect(callbacks).toEqual([
      { kind: 'rootHook', label: 'mochaHooks.beforeAll', hook: 'beforeAll', fn: '() { await open(); }', done: undefined },
      { kind: 'rootHook', label: 'mochaHooks.afterEach', hook: 'afterEach', fn: 'function (done) { done(); }', done: 'done' },
      { kind: 'rootHook', label: 'mochaHooks.afterEach', hook: 'afterEach', fn: 'async () => {}', done: undefined },
    ]);
  });

  it('finds root hook plugins exported as a function returning the hooks', () => {
    const arrow = exportedCallbacks(`export const mochaHooks = () => ({ beforeEach(done) { done(); } });`);
    expect(arrow.map((cb) => [cb.kind, cb.hook, cb.done])).toEqual([['rootHook', 'beforeEach', 'done']]);
    const block = exportedCallbacks(`export function mochaHooks() { const x = 1; return { afterAll: async () => {} }; }`);
    expect(block.map((cb) => [cb.kind, cb.hook])).toEqual([['rootHook', 'afterAll']]);
    const viaModuleExports = exportedCallbacks(`module.exports = { mochaHooks: { beforeAll() {} } };`);
    expect(viaModuleExports.map((cb) => [cb.kind, cb.hook])).toEqual([['rootHook', 'beforeAll']]);
    const viaMember = exportedCallbacks(`module.exports.mochaHooks = { afterEach() {} };`);
    expect(viaMember.map((cb) => [cb.kind, cb.hook])).toEqual([['rootHook', 'afterEach']]);
  });

  it('finds mochaGlobalSetup and mochaGlobalTeardown', () => {
    const callbacks = exportedCallbacks(`
      export async function mochaGlobalSetup() { await start(); }
      exports.mochaGlobalTeardown = async function () { await stop(); };
      export const unrelated = () => {};
    `);
    expect(callbacks.map((cb) => [cb.kind, cb.label])).toEqual([
      ['globalFixture', 'mochaGlobalSetup'],
      ['globalFixture', 'mochaGlobalTeardown'],
    ]);
  });
});

describe('globalSetup files', () => {
  it('finds setup, teardown, and the teardown a default export returns, only in globalSetup files', () => {
    const code = `
      export async function setup() { await start(); }
      export async function teardown() { await stop(); }
    `;
    expect(exportedCallbacks(code, { filename: 'global-setup.ts' }).map((cb) => [cb.kind, cb.label])).toEqual([
      ['globalSetup', 'globalSetup setup'],
      ['globalSetup', 'globalSetup teardown'],
    ]);
    expect(exportedCallbacks(code, { filename: 'src/setup.ts' })).toEqual([]);
    const byDefault = exportedCallbacks(`export default async function () { await start(); return async () => { await stop(); }; }`, {
      filename: 'test/globalSetup.ts',
    });
    expect(byDefault.map((cb) => [cb.kind, cb.label, cb.fn])).toEqual([
      ['globalSetup', 'globalSetup function', expect.stringContaining('await start()')],
      ['globalSetup', 'teardown returned by globalSetup', 'async () => { await stop(); }'],
    ]);
  });

  it('uses the globalSetupFiles setting on top of the defaults', () => {
    const settings = { 'test-isolation': { globalSetupFiles: ['config/db-setup.ts'] } };
    const code = `export async function setup() {}`;
    expect(exportedCallbacks(code, { filename: 'config/db-setup.ts', settings })).toHaveLength(1);
    expect(exportedCallbacks(code, { filename: 'global-setup.ts', settings })).toHaveLength(1);
    expect(exportedCallbacks(code, { filename: 'config/other.ts', settings })).toHaveLength(0);
  });
});

describe('node:test', () => {
  it('recognises the default and named exports of node:test', () => {
    const calls = parseCalls(
      `
      import test, { describe, it, before, after, beforeEach, afterEach } from 'node:test';
      describe('a', () => {
        before(() => {});
        after(() => {});
        beforeEach(() => {});
        afterEach(() => {});
        it('b', () => {});
      });
      test('c', async () => {});
      test.skip('d', () => {});
      `,
      sourceFile,
    );
    expect(calls.map((call) => [call.callee, call.parsed?.kind, call.parsed?.hook, call.parsed?.framework])).toEqual([
      ['describe', 'suite', undefined, 'node:test'],
      ['before', 'hook', 'beforeAll', 'node:test'],
      ['after', 'hook', 'afterAll', 'node:test'],
      ['beforeEach', 'hook', 'beforeEach', 'node:test'],
      ['afterEach', 'hook', 'afterEach', 'node:test'],
      ['it', 'test', undefined, 'node:test'],
      ['test', 'test', undefined, 'node:test'],
      ['test.skip', 'test', undefined, 'node:test'],
    ]);
  });

  it('recognises const test = require("node:test")', () => {
    const calls = parseCalls(`const test = require('node:test');\ntest('a', (t) => { t.after(() => {}); });`, { filename: 'lib/db.js' });
    expect(kindOf(calls, 'test')).toBe('test');
    expect(callNamed(calls, 't.after').parsed?.hook).toBe('afterAll');
  });

  it('recognises t.before, t.after, t.beforeEach and t.afterEach on the test context', () => {
    const code = `
      import test from 'node:test';
      test('a', async (t) => {
        t.before(() => {});
        t.after(async () => { await close(); });
        t.beforeEach(() => {});
        t.afterEach((t2, done) => { done(); });
        t.diagnostic('x');
      });
    `;
    const calls = parseCalls(code, sourceFile);
    const onContext = calls.filter((call) => call.callee.startsWith('t.'));
    expect(onContext.map((call) => [call.callee, call.parsed?.kind, call.parsed?.hook])).toEqual([
      ['t.before', 'hook', 'beforeAll'],
      ['t.after', 'hook', 'afterAll'],
      ['t.beforeEach', 'hook', 'beforeEach'],
      ['t.afterEach', 'hook', 'afterEach'],
      ['t.diagnostic', undefined, undefined],
    ]);
    const done = inspect(code, sourceFile, (context, program) => {
      const info = getFileTestInfo(context);
      return callsOf(program).flatMap((call) => info.runnerCallbacksOf(call).map((cb) => textOf(code, cb.doneParam)));
    });
    expect(done).toEqual([undefined, undefined, undefined, 'done']);
  });

  it('recognises subtests t.test(name, fn) and the hooks on their own context', () => {
    const code = `
      import test from 'node:test';
      test('outer', async (t) => {
        await t.test('inner', async (st) => {
          st.after(() => {});
        });
      });
    `;
    const calls = parseCalls(code, sourceFile);
    expect(summary(callNamed(calls, 't.test').parsed)).toEqual({ kind: 'test', framework: 'node:test', modifiers: [] });
    expect(textOf(code, callNamed(calls, 't.test').parsed?.callback)).toContain('st.after');
    expect(callNamed(calls, 'st.after').parsed?.hook).toBe('afterAll');
  });

  it('does not take t.after from a vitest test context or a non-test function', () => {
    const calls = parseCalls(
      `
      import { test } from 'vitest';
      test('a', (t) => { t.after(() => {}); });
      function helper(t) { t.after(() => {}); }
      `,
      testFile,
    );
    expect(kindOf(calls, 't.after', 0)).toBeUndefined();
    expect(kindOf(calls, 't.after', 1)).toBeUndefined();
  });
});

describe('@playwright/test', () => {
  it('recognises test.beforeAll with and without a title', () => {
    const code = `
      import { test } from '@playwright/test';
      test.beforeAll(async ({ browser }) => {});
      test.beforeAll('seed the database', async () => { await seed(); });
      test.afterEach(async ({ page }) => {});
    `;
    const calls = parseCalls(code, { filename: 'e2e/login.ts' });
    expect(summary(callNamed(calls, 'test.beforeAll').parsed)).toEqual({
      kind: 'hook',
      framework: 'playwright',
      hook: 'beforeAll',
      modifiers: [],
    });
    expect(textOf(code, callNamed(calls, 'test.beforeAll', 1).parsed?.callback)).toBe('async () => { await seed(); }');
    expect(callNamed(calls, 'test.afterEach').parsed?.hook).toBe('afterEach');
  });

  it('recognises test.describe and its modes', () => {
    const calls = parseCalls(
      `
      import { test } from '@playwright/test';
      test.describe('a', () => {});
      test.describe.serial('b', () => {});
      test.describe.parallel.only('c', () => {});
      test.only('d', async ({ page }) => {});
      `,
      { filename: 'e2e/login.ts' },
    );
    expect(summary(callNamed(calls, 'test.describe').parsed)).toEqual({ kind: 'suite', framework: 'playwright', modifiers: [] });
    expect(summary(callNamed(calls, 'test.describe.serial').parsed)).toEqual({ kind: 'suite', framework: 'playwright', modifiers: ['serial'] });
    expect(callNamed(calls, 'test.describe.parallel.only').parsed?.modifiers).toEqual(['parallel', 'only']);
    expect(kindOf(calls, 'test.only')).toBe('test');
  });

  it('does not treat configure, use, step, expect or info as tests, suites or hooks', () => {
    const calls = parseCalls(
      `
      import { test, expect } from '@playwright/test';
      test.describe.configure({ mode: 'serial' });
      test.use({ locale: 'en-GB' });
      test('a', async ({ page }) => {
        await test.step('log in', async () => {});
        await expect(page).toHaveTitle('x');
        test.info();
      });
      `,
      { filename: 'e2e/login.ts' },
    );
    for (const callee of ['test.describe.configure', 'test.use', 'test.step', 'expect', 'test.info']) {
      expect(['test', 'suite', 'hook', 'fixtures', 'testEvent']).not.toContain(kindOf(calls, callee));
    }
    expect(kindOf(calls, 'test')).toBe('test');
  });

  it('reads base.extend<T, W>({...}) with test- and worker-scoped fixtures', () => {
    const code = `
      import { test as base, expect } from '@playwright/test';
      type Workers = { account: Account };
      export const test = base.extend<{ page2: Page }, Workers>({
        account: [async ({ browser }, use, workerInfo) => { await use(await create(workerInfo.workerIndex)); }, { scope: 'worker' }],
        page2: async ({ page, account }, use) => { await use(page); },
        autoLogin: [async ({ page }, use) => { await use(undefined); }, { auto: true }],
      });
      test('uses them', async ({ page2, account }) => {});
    `;
    const calls = parseCalls(code, { filename: 'e2e/fixtures.ts' });
    const extend = callNamed(calls, 'base.extend').parsed;
    expect(extend?.framework).toBe('playwright');
    expect(extend?.fixtures?.map((f) => [f.name, f.scope, f.auto])).toEqual([
      ['account', 'worker', false],
      ['page2', 'test', false],
      ['autoLogin', 'test', true],
    ]);
    expect([...(callNamed(calls, 'test').parsed?.availableFixtures?.keys() ?? [])]).toEqual(['account', 'page2', 'autoLogin']);
  });

  it('combines the fixtures of mergeTests(...)', () => {
    const calls = parseCalls(
      `
      import { test as base, mergeTests } from '@playwright/test';
      const dbTest = base.extend({ db: async ({}, use) => { await use(1); } });
      const apiTest = base.extend({ api: async ({}, use) => { await use(2); } });
      const test = mergeTests(dbTest, apiTest);
      test('both', async ({ db, api }) => {});
      test.beforeEach(async ({ db }) => {});
      `,
      { filename: 'e2e/all.ts' },
    );
    expect(kindOf(calls, 'mergeTests')).toBeUndefined();
    const both = callNamed(calls, 'test').parsed;
    expect(both?.framework).toBe('playwright');
    expect([...(both?.availableFixtures?.keys() ?? [])]).toEqual(['db', 'api']);
    expect(callNamed(calls, 'test.beforeEach').parsed?.hook).toBe('beforeEach');
  });

  it('recognises the default export of @playwright/test', () => {
    const calls = parseCalls(`import test from '@playwright/test';\ntest.describe('a', () => { test('b', async () => {}); });`, {
      filename: 'e2e/a.ts',
    });
    expect(kindOf(calls, 'test.describe')).toBe('suite');
    expect(kindOf(calls, 'test')).toBe('test');
  });
});

describe('bun:test', () => {
  it('recognises bun:test exports', () => {
    const calls = parseCalls(
      `
      import { describe, test, it, beforeAll, afterEach, expect, mock } from 'bun:test';
      describe('a', () => {
        beforeAll(() => {});
        afterEach(() => {});
        test.skip('b', () => {});
        it('c', () => { expect(1).toBe(1); });
        mock(() => {});
      });
      `,
      sourceFile,
    );
    expect(calls.map((call) => [call.callee, call.parsed?.kind, call.parsed?.hook, call.parsed?.framework])).toEqual([
      ['describe', 'suite', undefined, 'bun'],
      ['beforeAll', 'hook', 'beforeAll', 'bun'],
      ['afterEach', 'hook', 'afterEach', 'bun'],
      ['test.skip', 'test', undefined, 'bun'],
      ['it', 'test', undefined, 'bun'],
      ['expect(1).toBe', undefined, undefined, undefined],
      ['expect', undefined, undefined, undefined],
      ['mock', undefined, undefined, undefined],
    ]);
  });
});

describe('bindings and test files', () => {
  const unboundDescribe = `describe('a', () => { it('b', () => {}); beforeAll(() => {}); });`;

  it('recognises unbound globals only in test files', () => {
    expect(parseCalls(unboundDescribe, { filename: 'src/util.ts' }).map((call) => call.parsed)).toEqual([undefined, undefined, undefined]);
    expect(parseCalls(unboundDescribe, { filename: 'src/util.test.ts' }).map((call) => call.parsed?.kind)).toEqual(['suite', 'test', 'hook']);
    expect(parseCalls(unboundDescribe, { filename: 'src/__tests__/util.ts' }).map((call) => call.parsed?.kind)).toEqual(['suite', 'test', 'hook']);
  });

  it('treats a file that imports a test framework as test code', () => {
    const code = `import { vi } from 'vitest';\n${unboundDescribe}`;
    expect(fileInfo(code, sourceFile, (info) => [info.isTestFile, [...info.importedFrameworks]])).toEqual([true, ['vitest']]);
    expect(fileInfo(`const { mock } = require('node:test');`, sourceFile, (info) => info.isTestFile)).toBe(true);
    expect(fileInfo(`import { helper } from './helper';`, sourceFile, (info) => [info.isTestFile, [...info.importedFrameworks]])).toEqual([false, []]);
    expect(fileInfo(`import { helper } from './helper';`, testFile, (info) => [info.isTestFile, [...info.importedFrameworks]])).toEqual([true, []]);
  });

  it('does not treat a type-only import of a test framework as loading it', () => {
    const code = `import type { TestContext } from 'vitest';\nexport function helper(context: TestContext) {}\n${unboundDescribe}`;
    expect(fileInfo(code, sourceFile, (info) => info.isTestFile)).toBe(false);
    expect(parseCalls(code, sourceFile).map((call) => call.parsed)).toEqual([undefined, undefined, undefined]);
  });

  it('does not resolve through an import type binding', () => {
    const calls = parseCalls(
      `
      import type { beforeAll } from 'vitest';
      import { type afterAll } from 'vitest';
      import { test } from 'vitest';
      beforeAll(() => {});
      afterAll(() => {});
      `,
      sourceFile,
    );
    // Neither name is bound at run time, so these are calls to whatever global there is, not vitest's.
    expect(callNamed(calls, 'beforeAll').parsed?.framework).not.toBe('vitest');
    expect(callNamed(calls, 'afterAll').parsed?.framework).not.toBe('vitest');
  });

  it('does not treat a shadowing local function or parameter as the framework API', () => {
    const calls = parseCalls(
      `
      import { test } from 'vitest';
      function beforeAll(fn) { fn(); }
      beforeAll(() => {});
      function wrap(test) { test('inner', () => {}); }
      {
        const describe = (name, fn) => fn();
        describe('block', () => {});
      }
      test('outer', () => {});
      `,
      testFile,
    );
    expect(kindOf(calls, 'beforeAll')).toBeUndefined();
    expect(kindOf(calls, 'test', 0)).toBeUndefined();
    expect(kindOf(calls, 'describe')).toBeUndefined();
    expect(kindOf(calls, 'test', 1)).toBe('test');
  });

  it('does not treat imports from other modules as the framework API', () => {
    const calls = parseCalls(
      `
      import { describe, beforeAll } from './my-helpers';
      import { test } from 'node:assert';
      describe('a', () => {});
      beforeAll(() => {});
      test('b', () => {});
      `,
      testFile,
    );
    expect(calls.map((call) => call.parsed)).toEqual([undefined, undefined, undefined]);
  });

  it('resolves a const alias of a framework function or of a member chain', () => {
    const calls = parseCalls(
      `import { it, test } from 'vitest';\nconst spec = it;\nconst group = test.describe;\nspec('a', () => {});\ngroup('b', () => {});`,
      testFile,
    );
    expect(kindOf(calls, 'spec')).toBe('test');
    expect(kindOf(calls, 'group')).toBe('suite');
  });

  it('answers "unknown" for computed or odd callees without throwing', () => {
    const calls = parseCalls(
      `
      import { test } from 'vitest';
      const key = 'only';
      test[key]('a', () => {});
      test['skip']('b', () => {});
      (0, test)('c', () => {});
      test?.('d', () => {});
      new Function('x')();
      `,
      testFile,
    );
    expect(kindOf(calls, 'test[key]')).toBeUndefined();
    expect(callNamed(calls, "test['skip']").parsed?.modifiers).toEqual(['skip']);
    expect(kindOf(calls, 'test')).toBe('test');
  });
});
