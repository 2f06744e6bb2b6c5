// The `test-isolation fix` command and the singleton-to-factory codemod, run as users run them (the
// built bin in a child process) on copies of the fixture projects in tests/fixtures/cli/.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { applyPatch, parsePatch } from 'diff';
import { Project, ts } from 'ts-morph';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { repoRoot, runCli, temporaryDirectory, writeTree } from './run-cli';

const fixtures = path.join(repoRoot, 'tests/fixtures/cli');

/** The dry run on singleton-vitest: a factory, a hooks pair, a `test.extend` fixture, one file left alone. */
const vitestDryRun = `--- a/src/db.ts
+++ b/src/db.ts
@@ -1,4 +1,9 @@
 import { PrismaClient } from '@prisma/client';
 
+/** Creates a new PrismaClient; \`prisma\` below is one, and tests create and close their own. */
+export function createPrisma(options: ConstructorParameters<typeof PrismaClient>[0] = { datasourceUrl: process.env.DATABASE_URL }) {
+  return new PrismaClient(options);
+}
+
 /** The application's database client. */
-export const prisma = new PrismaClient({ datasourceUrl: process.env.DATABASE_URL });
+export const prisma = createPrisma();
--- a/tests/tenants.spec.ts
+++ b/tests/tenants.spec.ts
@@ -1,18 +1,27 @@
 import { expect, test as base } from 'vitest';
 
-import { prisma } from '../src/db';
+import { createPrisma } from '../src/db';
 
 interface Fixtures {
   tenant: string;
+  prisma: ReturnType<typeof createPrisma>;
 }
 
 const test = base.extend<Fixtures>({
   tenant: async ({}, use) => {
     await use('acme');
   },
+  prisma: [
+    async ({}, use) => {
+      const prisma = createPrisma();
+      await use(prisma);
+      await prisma.$disconnect();
+    },
+    { scope: 'file' },
+  ],
 });
 
-test('finds no users of a new tenant', async ({ tenant }) => {
+test('finds no users of a new tenant', async ({ tenant, prisma }) => {
   const users = await prisma.user.findMany({ where: { tenant } });
   expect(users).toEqual([]);
 });
--- a/tests/users.spec.ts
+++ b/tests/users.spec.ts
@@ -1,8 +1,18 @@
-import { describe, expect, it } from 'vitest';
+import { afterAll, beforeAll, describe, expect, it } from 'vitest';
 
-import { prisma } from '../src/db';
+import { createPrisma } from '../src/db';
 import { UserService } from '../src/users';
 
+let prisma: ReturnType<typeof createPrisma>;
+
+beforeAll(() => {
+  prisma = createPrisma();
+});
+
+afterAll(async () => {
+  await prisma.$disconnect();
+});
+
 describe('UserService', () => {
   it('counts the users', async () => {
     const service = new UserService(prisma);

singleton-to-factory: 3 files to change
  src/db.ts: \`prisma\` is built by a new exported factory, \`createPrisma()\`
  tests/tenants.spec.ts: \`prisma\` comes from a file-scoped \`test.extend\` fixture built by \`createPrisma()\`
  tests/users.spec.ts: \`prisma\` is created in beforeAll and closed in afterAll through \`createPrisma()\` (vitest)
Not changed (1):
  tests/module-load.spec.ts:3  uses \`prisma\` while the module loads (line 6); create it in a hook by hand
Dry run: no TypeScript errors added. Run again with --write to apply.
`;

/** The dry run on singleton-jest: `@jest/globals` hooks; a file that already closes the pool gets no second close. */
const jestDryRun = `--- a/src/pool.ts
+++ b/src/pool.ts
@@ -1,7 +1,12 @@
 import { Pool } from 'pg';
 
-export const pool = new Pool();
+/** Creates a new pg.Pool; \`pool\` below is one, and tests create and close their own. */
+export function createPool(options?: ConstructorParameters<typeof Pool>[0]) {
+  return new Pool(options);
+}
 
+export const pool = createPool();
+
 export async function countOrders(db: Pool = pool): Promise<number> {
   const { rows } = await db.query('select * from orders');
   return rows.length;
--- a/tests/invoices.spec.ts
+++ b/tests/invoices.spec.ts
@@ -1,7 +1,13 @@
-import { afterAll, describe, expect, it } from '@jest/globals';
+import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
 
-import { pool as db } from '../src/pool';
+import { createPool } from '../src/pool';
 
+let db: ReturnType<typeof createPool>;
+
+beforeAll(() => {
+  db = createPool();
+});
+
 describe('invoices', () => {
   it('starts with none', async () => {
     const { rows } = await db.query('select * from invoices');
--- a/tests/orders.spec.ts
+++ b/tests/orders.spec.ts
@@ -1,7 +1,17 @@
-import { describe, expect, it } from '@jest/globals';
+import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
 
-import { countOrders, pool } from '../src/pool';
+import { countOrders, createPool } from '../src/pool';
 
+let pool: ReturnType<typeof createPool>;
+
+beforeAll(() => {
+  pool = createPool();
+});
+
+afterAll(async () => {
+  await pool.end();
+});
+
 describe('orders', () => {
   it('starts with none', async () => {
     expect(await countOrders(pool)).toBe(0);

singleton-to-factory: 3 files to change
  src/pool.ts: \`pool\` is built by a new exported factory, \`createPool()\`
  tests/invoices.spec.ts: \`db\` is created in beforeAll through \`createPool()\` (jest); the file already closes it
  tests/orders.spec.ts: \`pool\` is created in beforeAll and closed in afterAll through \`createPool()\` (jest)
Dry run: no TypeScript errors added. Run again with --write to apply.
`;

let workspace: { dir: string; remove: () => void };

/** Copies the fixture projects to a temporary folder whose node_modules is this repository's, for vitest's types. */
beforeAll(() => {
  workspace = temporaryDirectory('test-isolation-fix-');
  fs.cpSync(fixtures, workspace.dir, { recursive: true });
  fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(workspace.dir, 'node_modules'), 'dir');
});
afterAll(() => workspace.remove());

function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files[path.relative(dir, path.join(entry.parentPath, entry.name))] = fs.readFileSync(path.join(entry.parentPath, entry.name), 'utf8');
  }
  return files;
}

function typeErrors(dir: string): string[] {
  const project = new Project({ tsConfigFilePath: path.join(dir, 'tsconfig.json') });
  return project.getPreEmitDiagnostics().map((diagnostic) => `${diagnostic.getSourceFile()?.getBaseName() ?? ''}: ${ts.flattenDiagnosticMessageText(diagnostic.compilerObject.messageText, ' ')}`);
}

/** Applies the diffs a dry run printed to the files they name, to compare with what --write wrote. */
function applyDryRun(dir: string, output: string): Record<string, string> {
  const files = snapshot(dir);
  const diffs = output.slice(0, output.indexOf('\nsingleton-to-factory: '));
  for (const patch of parsePatch(diffs)) {
    const file = patch.oldFileName!.replace(/^a\//, '');
    const patched = applyPatch(files[file]!, patch);
    expect(patched, file).not.toBe(false);
    files[file] = patched as string;
  }
  return files;
}

describe.each([
  { fixture: 'singleton-vitest', dryRun: () => vitestDryRun, changed: ['src/db.ts', 'tests/tenants.spec.ts', 'tests/users.spec.ts'] },
  { fixture: 'singleton-jest', dryRun: () => jestDryRun, changed: ['src/pool.ts', 'tests/invoices.spec.ts', 'tests/orders.spec.ts'] },
])('fix singleton-to-factory on $fixture', ({ fixture, dryRun, changed }) => {
  const dir = () => path.join(workspace.dir, fixture);

  it('type-checks before the change', () => {
    expect(typeErrors(dir())).toEqual([]);
  });

  it('prints the exact diff and summary in a dry run, and changes nothing', () => {
    const before = snapshot(dir());
    const run = runCli(['fix', 'singleton-to-factory'], dir());
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(dryRun());
    expect(run.code).toBe(0);
    expect(snapshot(dir())).toEqual(before);
  });

  it('--write applies exactly the diff of the dry run, and the result type-checks', () => {
    const expected = applyDryRun(dir(), dryRun());
    const run = runCli(['fix', 'singleton-to-factory', '--write'], dir());
    expect(run.stdout).toContain(`Wrote ${changed.length} files.`);
    expect(run.code).toBe(0);
    const after = snapshot(dir());
    expect(after).toEqual(expected);
    for (const file of changed) expect(after[file], file).not.toBe(fs.readFileSync(path.join(fixtures, fixture, file), 'utf8'));
    expect(typeErrors(dir())).toEqual([]);
  });

  it('finds nothing more to change afterwards', () => {
    const run = runCli(['fix', 'singleton-to-factory'], dir());
    expect(run.stdout).toMatch(/^singleton-to-factory: nothing to change\n/m);
    expect(run.code).toBe(0);
  });
});

describe('fix singleton-to-factory picks the hooks of the framework each test file uses', () => {
  it('node:test imports, playwright `test.beforeAll`, and jest-style globals', () => {
    const dir = path.join(workspace.dir, 'frameworks');
    writeTree(dir, {
      'tsconfig.json': JSON.stringify({
        compilerOptions: { target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', strict: true, skipLibCheck: true, noEmit: true, types: ['node'] },
        include: ['*.ts', 'src', 'tests'],
      }),
      // The packages' and the globals' types, just enough to type-check.
      'env.d.ts': [
        "declare module 'redis' {",
        '  export function createClient(options?: { url?: string }): { get(key: string): Promise<string | null>; quit(): Promise<void> };',
        '}',
        "declare module '@playwright/test' {",
        '  interface Test { (name: string, fn: () => Promise<void>): void; beforeAll(fn: () => unknown): void; afterAll(fn: () => unknown): void }',
        '  export const test: Test;',
        '}',
        'declare function it(name: string, fn: () => Promise<void>): void;',
        'declare function beforeAll(fn: () => unknown): void;',
        'declare function afterAll(fn: () => unknown): void;',
        '',
      ].join('\n'),
      'src/cache.ts': "import { createClient } from 'redis';\n\nexport const cache = createClient({ url: 'redis://localhost' });\n",
      'tests/node.spec.ts': [
        "import { it } from 'node:test';",
        '',
        "import { cache } from '../src/cache';",
        '',
        "it('reads', async () => {",
        "  await cache.get('a');",
        '});',
        '',
      ].join('\n'),
      'tests/e2e.spec.ts': [
        "import { test } from '@playwright/test';",
        '',
        "import { cache } from '../src/cache';",
        '',
        "test('reads', async () => {",
        "  await cache.get('a');",
        '});',
        '',
      ].join('\n'),
      'tests/globals.spec.ts': ["import { cache } from '../src/cache';", '', "it('reads', async () => {", "  await cache.get('a');", '});', ''].join('\n'),
    });
    const run = runCli(['fix', 'singleton-to-factory', '--write'], dir);
    expect(run.stdout).toContain('Wrote 4 files.');
    expect(run.code).toBe(0);
    const read = (file: string) => fs.readFileSync(path.join(dir, file), 'utf8');
    expect(read('tests/node.spec.ts')).toContain(
      "import { after, before, it } from 'node:test';\n\nimport { createCache } from '../src/cache';\n\nlet cache: ReturnType<typeof createCache>;\n\nbefore(() => {\n  cache = createCache();\n});\n\nafter(async () => {\n  await cache.quit();\n});\n",
    );
    expect(read('tests/e2e.spec.ts')).toContain('test.beforeAll(() => {\n  cache = createCache();\n});\n\ntest.afterAll(async () => {');
    expect(read('tests/globals.spec.ts')).toBe(
      "import { createCache } from '../src/cache';\n\nlet cache: ReturnType<typeof createCache>;\n\nbeforeAll(() => {\n  cache = createCache();\n});\n\nafterAll(async () => {\n  await cache.quit();\n});\n\nit('reads', async () => {\n  await cache.get('a');\n});\n",
    );
    expect(read('src/cache.ts')).toContain('export function createCache(options: Parameters<typeof createClient>[0] = { url: \'redis://localhost\' }) {');
    expect(typeErrors(dir)).toEqual([]);
  }, 180_000);
});

describe('fix refuses a change that adds TypeScript errors', () => {
  it('prints the new errors, exits 1 and writes nothing, even with --write', () => {
    const dir = path.join(workspace.dir, 'singleton-refused');
    const before = snapshot(dir);
    const run = runCli(['fix', 'singleton-to-factory', '--write'], dir);
    expect(run.stdout).toContain(
      "The change would add 1 TypeScript error, so it is not written:\n  src/cache.ts:4  TS2322: Type '{ port: number; }' is not assignable to type 'string'.\n",
    );
    expect(run.code).toBe(1);
    expect(snapshot(dir)).toEqual(before);
  });
});

describe('the README', () => {
  it('shows the real dry run of singleton-to-factory on singleton-vitest', () => {
    const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    expect(readme).toContain(`$ npx test-isolation fix singleton-to-factory\n${vitestDryRun}`);
  });
});

describe('fix usage errors', () => {
  it('names the available codemods for an unknown one, and exits 2', () => {
    const run = runCli(['fix', 'inject-everything']);
    expect(run.stderr).toBe('test-isolation: unknown codemod "inject-everything"; available: singleton-to-factory\n');
    expect(run.code).toBe(2);
  });

  it('asks for a codemod when none is given', () => {
    const run = runCli(['fix']);
    expect(run.stderr).toBe('test-isolation: name a codemod: singleton-to-factory\n');
    expect(run.code).toBe(2);
  });

  it('needs a tsconfig.json or jsconfig.json', () => {
    const dir = temporaryDirectory('test-isolation-fix-nots-');
    try {
      const run = runCli(['fix', 'singleton-to-factory'], dir.dir);
      expect(run.stderr).toBe(`test-isolation: not a TypeScript project: no tsconfig.json or jsconfig.json at or above ${dir.dir}\n`);
      expect(run.code).toBe(2);
    } finally {
      dir.remove();
    }
  });
});

describe('ts-morph stays out of lint runs', () => {
  it('is loaded neither by the plugin nor by the audit', () => {
    runCli(['--version']); // builds dist/ when needed
    const script = [
      "const plugin = require('./dist/index.js');",
      "const { main } = require('./dist/cli/main.js');",
      "const sink = { write() {} };",
      "main(['audit', 'examples/', '--format', 'json'], { cwd: process.cwd(), stdout: sink, stderr: sink }).then((code) => {",
      "  const loaded = Object.keys(require.cache).filter((file) => file.includes('/node_modules/ts-morph/') || file.includes('/node_modules/@ts-morph/'));",
      "  console.log(JSON.stringify({ rules: Object.keys(plugin.rules).length > 0, code, loaded }));",
      '});',
    ].join('\n');
    const result = spawnSync(process.execPath, ['-e', script], { cwd: repoRoot, encoding: 'utf8' });
    expect(JSON.parse(result.stdout)).toEqual({ rules: true, code: 1, loaded: [] });
  });
});
