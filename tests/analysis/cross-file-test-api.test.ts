import path from 'node:path';

import type { TSESTree } from '@typescript-eslint/utils';
import { afterAll, describe, expect, it } from 'vitest';

import { getFileResources } from '../../src/analysis/resources';
import { getFileTestInfo } from '../../src/analysis/test-framework';
import { callsStartingWith, makeTree, probeFile, removeTree } from './tree-helpers';

const roots: string[] = [];
afterAll(() => roots.forEach(removeTree));

function tree(files: Record<string, string>): string {
  const root = makeTree({ 'package.json': '{ "name": "app" }', ...files });
  roots.push(root);
  return root;
}

/**
 * The catalog resource of each fixture a test in `e2e/q.spec.ts` destructures from the test API
 * that `e2e/fixtures.ts` exports: `test('q', async ({ db, user }) => …)`.
 */
function fixtureResources(root: string, names: readonly string[]): Record<string, string | undefined> {
  const code = `import { test } from './fixtures';\ntest('q', async ({ ${names.join(', ')} }) => { await db.query('select 1'); });\n`;
  return probeFile(code, path.join(root, 'e2e/q.spec.ts'), (context, program) => {
    const call = callsStartingWith(program, code, "test('q'")[0]!;
    const fn = call.arguments[1] as TSESTree.ArrowFunctionExpression;
    const pattern = fn.params[0] as TSESTree.ObjectPattern;
    const resources = getFileResources(context);
    return Object.fromEntries(
      pattern.properties.map((property) => {
        const local = (property as TSESTree.Property).value as TSESTree.Identifier;
        return [local.name, resources.resourceOf(local)?.spec.name];
      }),
    );
  });
}

const playwrightFixtures = `
import { test as base, expect } from '@playwright/test';
import { Pool } from 'pg';

export const test = base.extend<{ db: Pool; user: string }, { server: string }>({
  db: async ({}, use) => {
    const pool = new Pool();
    await use(pool);
    await pool.end();
  },
  user: 'alice',
  server: [async ({}, use) => { await use('http://localhost'); }, { scope: 'worker', auto: true }],
});
export { expect };
`;

describe('a test API built in another module', () => {
  it('recognises test(), test.beforeAll(), test.describe() and test.extend() on an imported playwright test', () => {
    const root = tree({ 'e2e/fixtures.ts': playwrightFixtures });
    const code = `
import { test, expect } from './fixtures';
test.beforeAll(async () => {});
test.describe('suite', () => {
  test('works', async ({ db, user }) => { expect(user).toBe('alice'); });
});
const extended = test.extend({ extra: async ({ db }, use) => { await use(db); } });
`;
    const file = path.join(root, 'e2e/login.ts');
    const result = probeFile(code, file, (context, program) => {
      const info = getFileTestInfo(context);
      const kindOf = (prefix: string) => info.parseCall(callsStartingWith(program, code, prefix)[0]!)?.kind;
      const testCall = info.parseCall(callsStartingWith(program, code, "test('works'")[0]!);
      const hook = info.parseCall(callsStartingWith(program, code, 'test.beforeAll')[0]!);
      return {
        isTestFile: info.isTestFile,
        beforeAll: hook?.kind,
        hook: hook?.hook,
        framework: hook?.framework,
        describe: kindOf("test.describe('suite'"),
        extend: kindOf('test.extend'),
        fixtures: [...(testCall?.availableFixtures?.values() ?? [])].map((fixture) => ({
          name: fixture.name,
          scope: fixture.scope,
          auto: fixture.auto,
          isFunction: fixture.fn !== undefined,
          file: fixture.file,
        })),
      };
    });
    expect(result).toEqual({
      isTestFile: true,
      beforeAll: 'hook',
      hook: 'beforeAll',
      framework: 'playwright',
      describe: 'suite',
      extend: 'fixtures',
      fixtures: [
        { name: 'db', scope: 'test', auto: false, isFunction: true, file: path.join(root, 'e2e/fixtures.ts') },
        { name: 'user', scope: 'test', auto: false, isFunction: false, file: path.join(root, 'e2e/fixtures.ts') },
        { name: 'server', scope: 'worker', auto: true, isFunction: true, file: path.join(root, 'e2e/fixtures.ts') },
      ],
    });
  });

  it('follows vitest test.extend exported under another name, through a re-exporting module', () => {
    const root = tree({
      'test/support/fixtures.ts': `
import { test as baseTest } from 'vitest';
const withServer = baseTest.extend({ server: async ({}, use) => { await use(1); } });
export const it = withServer.extend('port', { scope: 'file' }, async ({ server }) => server + 1);
`,
      'test/support/index.ts': `export { it } from './fixtures';\nexport * from './other';\n`,
      'test/support/other.ts': `export const unrelated = 1;\n`,
    });
    const code = `import { it } from './support';\nit('adds', ({ server, port }) => {});\nit.skip('skipped', () => {});\n`;
    const result = probeFile(code, path.join(root, 'test/math.ts'), (context, program) => {
      const info = getFileTestInfo(context);
      const call = info.parseCall(callsStartingWith(program, code, "it('adds'")[0]!);
      const skipped = info.parseCall(callsStartingWith(program, code, 'it.skip')[0]!);
      return {
        kind: call?.kind,
        framework: call?.framework,
        skipped: skipped?.modifiers,
        fixtures: [...(call?.availableFixtures?.values() ?? [])].map((f) => `${f.name}:${f.scope}:${f.form}`),
      };
    });
    expect(result).toEqual({ kind: 'test', framework: 'vitest', skipped: ['skip'], fixtures: ['server:test:object', 'port:file:builder'] });
  });

  it('merges tests from two fixture modules with mergeTests', () => {
    const root = tree({
      'e2e/db.ts': `import { test } from '@playwright/test';\nexport const dbTest = test.extend({ db: async ({}, use) => { await use(1); } });\n`,
      'e2e/api.ts': `import { test } from '@playwright/test';\nexport const apiTest = test.extend({ api: async ({}, use) => { await use(2); } });\n`,
      'e2e/all.ts': `import { mergeTests } from '@playwright/test';\nimport { dbTest } from './db';\nimport { apiTest } from './api';\nexport const test = mergeTests(dbTest, apiTest);\n`,
    });
    const code = `import { test } from './all';\ntest('x', async ({ db, api }) => {});\n`;
    const names = probeFile(code, path.join(root, 'e2e/x.spec.ts'), (context, program) => {
      const call = getFileTestInfo(context).parseCall(callsStartingWith(program, code, "test('x'")[0]!);
      return [...(call?.availableFixtures?.keys() ?? [])];
    });
    expect(names).toEqual(['db', 'api']);
  });

  it('traces a fixture value defined in another module to its catalog resource', () => {
    const root = tree({ 'e2e/fixtures.ts': playwrightFixtures });
    expect(fixtureResources(root, ['db', 'user'])).toEqual({ db: 'pg.Pool', user: undefined });
  });

  it('traces a fixture that another module names by one of its functions', () => {
    const root = tree({
      'e2e/fixtures.ts': `
import { test as base } from '@playwright/test';
import { Pool } from 'pg';
const db = async ({}, use) => {
  const pool = new Pool();
  await use(pool);
  await pool.end();
};
let swapped = async ({}, use) => { await use(new Pool()); };
export const test = base.extend<{ db: Pool; swapped: Pool }>({ db, swapped });
`,
    });
    // a binding that may be reassigned is not followed
    expect(fixtureResources(root, ['db', 'swapped'])).toEqual({ db: 'pg.Pool', swapped: undefined });
  });

  it('stays silent when the imported module exports something that is not a test API', () => {
    const root = tree({
      'src/helpers.ts': `export const test = (name: string) => name;\nexport function describe() {}\n`,
      'src/broken.ts': `export const test = base.extend({`,
    });
    const code = `import { test, describe } from './helpers';\nimport { test as broken } from './broken';\ntest('a');\ndescribe();\nbroken('b', () => {});\n`;
    const result = probeFile(code, path.join(root, 'src/use.ts'), (context, program) => {
      const info = getFileTestInfo(context);
      return {
        isTestFile: info.isTestFile,
        calls: ["test('a')", 'describe()', "broken('b'"].map((prefix) => info.parseCall(callsStartingWith(program, code, prefix)[0]!)?.kind),
      };
    });
    expect(result).toEqual({ isTestFile: false, calls: [undefined, undefined, undefined] });
  });

  it('recognises an imported test API called with a callback, a same-file function or a member chain, but not a plain helper call', () => {
    const root = tree({
      'src/fixtures.ts': `import { test as base } from 'vitest';\nexport const dbTest = base.extend({ db: async ({}, use) => { await use(1); } });\n`,
    });
    const code = [
      "import { dbTest } from './fixtures';",
      "import { seed } from './seed';",
      'async function scenario() {}',
      "dbTest('inline', async ({ db }) => {});",
      "dbTest('named', scenario);",
      "dbTest.skip('skipped', async () => {});",
      "dbTest.describe('suite', () => {});",
      "dbTest('pending');",
      'seed(1);',
      '',
    ].join('\n');
    const result = probeFile(code, path.join(root, 'src/users.test.ts'), (context, program) => {
      const info = getFileTestInfo(context);
      const kindOf = (prefix: string) => info.parseCall(callsStartingWith(program, code, prefix)[0]!)?.kind;
      return ["dbTest('inline'", "dbTest('named'", 'dbTest.skip', 'dbTest.describe', "dbTest('pending'", 'seed(1)'].map(kindOf);
    });
    // A direct call without any callback runs nothing the rules could check: it is not resolved.
    expect(result).toEqual(['test', 'test', 'test', 'suite', undefined, undefined]);
  });

  it('keeps working for a file outside any project and for relative paths that lead nowhere', () => {
    const root = tree({});
    const code = `import { test } from './missing';\ntest('a', () => {});\n`;
    const kind = probeFile(code, path.join(root, 'a.spec.ts'), (context, program) =>
      getFileTestInfo(context).parseCall(callsStartingWith(program, code, "test('a'")[0]!)?.kind,
    );
    expect(kind).toBeUndefined();
  });
});
