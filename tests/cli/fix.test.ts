// The `test-isolation fix` command and its codemods, run as users run them (the built bin in a child
// process) on copies of the fixture projects in tests/fixtures/cli/.
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

/** The dry run of inject-session on inject-vitest: a default value and a `??` fallback made required; a factory left optional because one call site has no session. */
const injectVitestDryRun = `--- a/src/app.ts
+++ b/src/app.ts
@@ -1,12 +1,13 @@
 import { AuditLog } from './audit-log';
+import { getDefaultDb, prisma } from './db';
 import { createMailer } from './format';
 import { createReports } from './reports';
 import { UserStore } from './user-store';
 
 export function buildServices() {
   return {
-    users: new UserStore(),
-    audit: new AuditLog(),
+    users: new UserStore(prisma),
+    audit: new AuditLog(getDefaultDb()),
     reports: createReports(),
     mailer: createMailer(),
   };
--- a/src/audit-log.ts
+++ b/src/audit-log.ts
@@ -1,12 +1,10 @@
 import type { PrismaClient } from '@prisma/client';
 
-import { getDefaultDb } from './db';
-
 export class AuditLog {
   private readonly db: PrismaClient;
 
-  constructor(db?: PrismaClient) {
-    this.db = db ?? getDefaultDb();
+  constructor(db: PrismaClient) {
+    this.db = db;
   }
 
   entries(): Promise<number> {
--- a/src/user-store.ts
+++ b/src/user-store.ts
@@ -1,10 +1,8 @@
 import type { PrismaClient } from '@prisma/client';
 
-import { prisma } from './db';
-
 export class UserStore {
   constructor(
-    private readonly db: PrismaClient = prisma,
+    private readonly db: PrismaClient,
     private readonly pageSize = 20,
   ) {}
 
--- a/tests/reports.spec.ts
+++ b/tests/reports.spec.ts
@@ -19,7 +19,7 @@
   });
 
   it('counts the users', async () => {
-    const reports = createReports(undefined, 'Everyone');
+    const reports = createReports(db, 'Everyone');
     expect(await reports.userCount()).toBe(0);
     expect(summary.title).toBe('Users');
     expect(await createMailer().send('a@example.com')).toBe('a@example.com');
--- a/tests/users.spec.ts
+++ b/tests/users.spec.ts
@@ -14,12 +14,12 @@
 });
 
 test('lists no users at first', async ({ db }) => {
-  const store = new UserStore();
+  const store = new UserStore(db);
   expect(await store.list()).toEqual([]);
   expect(formatCount(await db.user.count())).toBe('0');
 });
 
 test('records nothing yet', async ({ db }) => {
-  const audit = new AuditLog(undefined);
+  const audit = new AuditLog(db);
   expect(await audit.entries()).toBe(await db.user.count());
 });

inject-session: 5 files to change
  src/app.ts: line 8: \`new UserStore()\` passes \`prisma\`, its former default
  src/app.ts: line 9: \`new AuditLog()\` passes \`getDefaultDb()\`, its former default
  src/audit-log.ts: line 5: \`db\` of \`AuditLog\` is required, no longer falling back to \`getDefaultDb()\`
  src/user-store.ts: line 5: \`db\` of \`UserStore\` is required, no longer falling back to \`prisma\`
  tests/reports.spec.ts: line 22: \`createReports(undefined, 'Everyone')\` gets the test's session \`db\`
  tests/users.spec.ts: line 17: \`new UserStore()\` gets the test's session \`db\`
  tests/users.spec.ts: line 23: \`new AuditLog(undefined)\` gets the test's session \`db\`
Not changed (2):
  src/reports.ts:3  \`db\` of \`createReports\` stays optional: 1 call site could not be updated
  tests/reports.spec.ts:8  no session of the test is in scope for \`createReports()\`; pass \`db\` by hand
Dry run: no TypeScript errors added. Run again with --write to apply.
`;

/** The dry run of inject-session on inject-jest: `@jest/globals` hooks, a namespace import, an untyped default that becomes `typeof prisma`; a class used as a value and through spread arguments stays optional. */
const injectJestDryRun = `--- a/src/invoices.ts
+++ b/src/invoices.ts
@@ -1,6 +1,6 @@
 import { prisma } from './db';
 
-export function createInvoiceService(db = prisma) {
+export function createInvoiceService(db: typeof prisma) {
   return {
     total: async () => (await db.order.count()) * 100,
   };
--- a/src/order-store.ts
+++ b/src/order-store.ts
@@ -1,9 +1,7 @@
 import { PrismaClient } from '@prisma/client';
 
-import { prisma } from './db';
-
 export class OrderStore {
-  constructor(private readonly db: PrismaClient = prisma) {}
+  constructor(private readonly db: PrismaClient) {}
 
   count(): Promise<number> {
     return this.db.order.count();
--- a/src/worker.ts
+++ b/src/worker.ts
@@ -1,8 +1,9 @@
+import { prisma } from './db';
 import { createInvoiceService } from './invoices';
 import * as orders from './order-store';
 
 export async function nightlyTotals(): Promise<number[]> {
-  const store = new orders.OrderStore();
-  const invoices = createInvoiceService();
+  const store = new orders.OrderStore(prisma);
+  const invoices = createInvoiceService(prisma);
   return [await store.count(), await invoices.total()];
 }
--- a/tests/orders.spec.ts
+++ b/tests/orders.spec.ts
@@ -17,14 +17,14 @@
   });
 
   it('starts with no orders', async () => {
-    expect(await new OrderStore().count()).toBe(0);
+    expect(await new OrderStore(db).count()).toBe(0);
   });
 
   it('bills nothing yet', async () => {
-    expect(await createInvoiceService().total()).toBe(0);
+    expect(await createInvoiceService(db).total()).toBe(0);
   });
 
   it('ships nothing yet', async () => {
-    expect(await new ShipmentStore().pending()).toBe(0);
+    expect(await new ShipmentStore(db).pending()).toBe(0);
   });
 });

inject-session: 4 files to change
  src/invoices.ts: line 3: \`db\` of \`createInvoiceService\` is required, no longer falling back to \`prisma\`
  src/order-store.ts: line 5: \`db\` of \`OrderStore\` is required, no longer falling back to \`prisma\`
  src/worker.ts: line 5: \`new orders.OrderStore()\` passes \`prisma\`, its former default
  src/worker.ts: line 6: \`createInvoiceService()\` passes \`prisma\`, its former default
  tests/orders.spec.ts: line 20: \`new OrderStore()\` gets the test's session \`db\`
  tests/orders.spec.ts: line 24: \`createInvoiceService()\` gets the test's session \`db\`
  tests/orders.spec.ts: line 28: \`new ShipmentStore()\` gets the test's session \`db\`
Not changed (3):
  src/shipment-store.ts:5  \`db\` of \`ShipmentStore\` stays optional: 2 call sites could not be updated
  src/shipment-store.ts:14  uses \`ShipmentStore\` as a value, not in a call, so its calls cannot be followed; pass the session by hand
  src/shipment-store.ts:17  \`new ShipmentStore(...args)\` spreads its arguments; pass the session by hand
Dry run: no TypeScript errors added. Run again with --write to apply.
`;

/**
 * The dry run of canonical-imports on canonical-vitest: the file writes `.js`, so the new specifiers do too (the
 * extensionless type-only import included); `vi.mock`, `import()` and a case-different path; a `dist` file without
 * a source, a package named `lib` and a path built at run time stay.
 */
const canonicalVitestDryRun = `--- a/tests/models.spec.ts
+++ b/tests/models.spec.ts
@@ -1,6 +1,6 @@
 import { expect, it } from 'vitest';
 
-import { User } from '../src/models/User';
+import { User } from '../src/models/user';
 
 it('keeps the email', () => {
   expect(new User('a@example.com').email).toBe('a@example.com');
--- a/tests/signup.spec.ts
+++ b/tests/signup.spec.ts
@@ -2,11 +2,11 @@
 import { describe, expect, it, vi } from 'vitest';
 
 import { legacyDomain } from '../dist/legacy.js';
-import type { User as BuiltUser } from '../dist/models/user';
-import { User } from '../dist/models/user.js';
+import type { User as BuiltUser } from '../src/models/user.js';
+import { User } from '../src/models/user.js';
 import { signUp } from '../src/services/signup.js';
 
-vi.mock('../dist/mailer.js', () => ({ sendWelcome: vi.fn() }));
+vi.mock('../src/mailer.js', () => ({ sendWelcome: vi.fn() }));
 
 describe('signUp', () => {
   it('creates the user', async () => {
@@ -15,7 +15,7 @@
   });
 
   it('loads the mailer lazily', async () => {
-    const { sendWelcome } = await import('../dist/mailer.js');
+    const { sendWelcome } = await import('../src/mailer.js');
     expect(sendWelcome).toBeDefined();
   });
 });

canonical-imports: 2 files to change
  tests/models.spec.ts: line 3: '../src/models/User' → '../src/models/user' (the file is src/models/user.ts)
  tests/signup.spec.ts: line 5: '../dist/models/user' → '../src/models/user.js' (dist/models/user.js is built from src/models/user.ts)
  tests/signup.spec.ts: line 6: '../dist/models/user.js' → '../src/models/user.js' (dist/models/user.js is built from src/models/user.ts)
  tests/signup.spec.ts: line 9: '../dist/mailer.js' → '../src/mailer.js' (dist/mailer.js is built from src/mailer.ts)
  tests/signup.spec.ts: line 18: '../dist/mailer.js' → '../src/mailer.js' (dist/mailer.js is built from src/mailer.ts)
Not changed (1):
  tests/models.spec.ts:11  builds the module path ../dist/models/\${name}.js at run time, through a build folder; point it at the sources by hand
Dry run: no TypeScript errors added. Run again with --write to apply.
`;

/** The dry run of canonical-imports on canonical-jest: the tsconfig `outDir`, extensionless specifiers, `export … from`, `jest.mock`, `jest.unstable_mockModule`, `require()` and `import()` types; a `lib/` folder that is source stays. */
const canonicalJestDryRun = `--- a/tests/fixtures.ts
+++ b/tests/fixtures.ts
@@ -1 +1 @@
-export { Order } from '../compiled/models';
+export { Order } from '../src/models';
--- a/tests/pricing.spec.ts
+++ b/tests/pricing.spec.ts
@@ -4,15 +4,15 @@
 import { cents } from '../lib/money';
 import { Order } from './fixtures';
 
-jest.mock('../compiled/models/order');
+jest.mock('../src/models/order');
 
 describe('withTax', () => {
   it('adds the tax', () => {
-    const { withTax } = require('../compiled/pricing') as typeof import('../compiled/pricing');
+    const { withTax } = require('../src/pricing') as typeof import('../src/pricing');
     expect(withTax(new Order(100), 0.2).total).toBe(120);
     expect(cents(1.2)).toBe(120);
     expect(slugify('A B')).toBe('a-b');
   });
 });
 
-jest.unstable_mockModule('../compiled/pricing', () => ({}));
+jest.unstable_mockModule('../src/pricing', () => ({}));

canonical-imports: 2 files to change
  tests/fixtures.ts: line 1: '../compiled/models' → '../src/models' (compiled/models/index.js is built from src/models/index.ts)
  tests/pricing.spec.ts: line 7: '../compiled/models/order' → '../src/models/order' (compiled/models/order.js is built from src/models/order.ts)
  tests/pricing.spec.ts: line 11: '../compiled/pricing' → '../src/pricing' (compiled/pricing.js is built from src/pricing.ts)
  tests/pricing.spec.ts: line 11: '../compiled/pricing' → '../src/pricing' (compiled/pricing.js is built from src/pricing.ts)
  tests/pricing.spec.ts: line 18: '../compiled/pricing' → '../src/pricing' (compiled/pricing.js is built from src/pricing.ts)
Dry run: no TypeScript errors added. Run again with --write to apply.
`;

/** inject-session on inject-refused: the test's transaction client is its session, but not of the type the store takes. */
const injectRefusedRun = `--- a/src/user-store.ts
+++ b/src/user-store.ts
@@ -1,10 +1,8 @@
 import { PrismaClient } from '@prisma/client';
 
-import { prisma } from './db';
-
 // Takes the full client: the transaction client a test has in scope does not fit this type.
 export class UserStore {
-  constructor(private readonly db: PrismaClient = prisma) {}
+  constructor(private readonly db: PrismaClient) {}
 
   count(): Promise<number> {
     return this.db.user.count();
--- a/tests/users.spec.ts
+++ b/tests/users.spec.ts
@@ -5,7 +5,7 @@
 
 it('counts inside a transaction', async () => {
   await prisma.$transaction(async (tx) => {
-    const store = new UserStore();
+    const store = new UserStore(tx);
     expect(await store.count()).toBe(await tx.user.count());
   });
 });

inject-session: 2 files to change
  src/user-store.ts: line 6: \`db\` of \`UserStore\` is required, no longer falling back to \`prisma\`
  tests/users.spec.ts: line 8: \`new UserStore()\` gets the test's session \`tx\`

The change would add 1 TypeScript error, so it is not safe to write:
  tests/users.spec.ts:8  TS2345: Argument of type 'TransactionClient' is not assignable to parameter of type 'PrismaClient'. Type 'TransactionClient' is missing the following properties from type 'PrismaClient': $connect, $disconnect, $transaction
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
function applyDryRun(dir: string, codemod: string, output: string): Record<string, string> {
  const files = snapshot(dir);
  const diffs = output.slice(0, output.indexOf(`\n${codemod}: `));
  for (const patch of parsePatch(diffs)) {
    const file = patch.oldFileName!.replace(/^a\//, '');
    const patched = applyPatch(files[file]!, patch);
    expect(patched, file).not.toBe(false);
    files[file] = patched as string;
  }
  return files;
}

/** A fixture project and what a codemod does to it. */
interface FixtureCase {
  codemod: string;
  fixture: string;
  dryRun: string;
  changed: string[];
  /** Files with TypeScript errors before the change: the ones the codemod fixes. */
  filesWithErrorsBefore?: string[];
  /** Run again after --write, it reports the same sites it could not change. */
  skipsAgain?: boolean;
}

const fixtureCases: FixtureCase[] = [
  {
    codemod: 'singleton-to-factory',
    fixture: 'singleton-vitest',
    dryRun: vitestDryRun,
    changed: ['src/db.ts', 'tests/tenants.spec.ts', 'tests/users.spec.ts'],
  },
  {
    codemod: 'singleton-to-factory',
    fixture: 'singleton-jest',
    dryRun: jestDryRun,
    changed: ['src/pool.ts', 'tests/invoices.spec.ts', 'tests/orders.spec.ts'],
  },
  {
    codemod: 'inject-session',
    fixture: 'inject-vitest',
    dryRun: injectVitestDryRun,
    changed: ['src/app.ts', 'src/audit-log.ts', 'src/user-store.ts', 'tests/reports.spec.ts', 'tests/users.spec.ts'],
    skipsAgain: true,
  },
  {
    codemod: 'inject-session',
    fixture: 'inject-jest',
    dryRun: injectJestDryRun,
    changed: ['src/invoices.ts', 'src/order-store.ts', 'src/worker.ts', 'tests/orders.spec.ts'],
    skipsAgain: true,
  },
  {
    codemod: 'canonical-imports',
    fixture: 'canonical-vitest',
    dryRun: canonicalVitestDryRun,
    changed: ['tests/models.spec.ts', 'tests/signup.spec.ts'],
    // The import in the wrong letter case: unresolved on a case-sensitive disk, a casing error on another.
    filesWithErrorsBefore: ['models.spec.ts'],
    skipsAgain: true,
  },
  {
    codemod: 'canonical-imports',
    fixture: 'canonical-jest',
    dryRun: canonicalJestDryRun,
    changed: ['tests/fixtures.ts', 'tests/pricing.spec.ts'],
  },
];

describe.each(fixtureCases)('fix $codemod on $fixture', ({ codemod, fixture, dryRun, changed, filesWithErrorsBefore = [], skipsAgain = false }) => {
  const dir = () => path.join(workspace.dir, fixture);

  it('type-checks before the change, but for the errors the codemod fixes', () => {
    expect(typeErrors(dir()).map((error) => error.slice(0, error.indexOf(':')))).toEqual(filesWithErrorsBefore);
  });

  it('prints the exact diff and summary in a dry run, and changes nothing', () => {
    const before = snapshot(dir());
    const run = runCli(['fix', codemod], dir());
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(dryRun);
    expect(run.code).toBe(0);
    expect(snapshot(dir())).toEqual(before);
  });

  it('--write applies exactly the diff of the dry run, and the result type-checks', () => {
    const expected = applyDryRun(dir(), codemod, dryRun);
    const run = runCli(['fix', codemod, '--write'], dir());
    expect(run.stdout).toContain(`Wrote ${changed.length} files.`);
    expect(run.code).toBe(0);
    const after = snapshot(dir());
    expect(after).toEqual(expected);
    for (const file of changed) expect(after[file], file).not.toBe(fs.readFileSync(path.join(fixtures, fixture, file), 'utf8'));
    expect(typeErrors(dir())).toEqual([]);
  });

  it(`finds nothing more to change afterwards${skipsAgain ? ', and names again what it left alone' : ''}`, () => {
    const run = runCli(['fix', codemod], dir());
    const notChanged = dryRun.slice(dryRun.indexOf('Not changed'), dryRun.indexOf('Dry run:'));
    expect(run.stdout).toBe(`${codemod}: nothing to change\n${skipsAgain ? notChanged : ''}`);
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

describe('fix inject-session on less common forms', () => {
  const stores = [
    "import type { PrismaClient } from '@prisma/client';",
    '',
    "import * as db from './db';",
    "import { getDefaultDb } from './db';",
    '',
    '/** Built by {@link UserStore.create} too. */',
    'export class UserStore {',
    '  constructor(private readonly client: PrismaClient = db.prisma) {}',
    '',
    '  static create(): UserStore {',
    '    return new UserStore();',
    '  }',
    '',
    '  count(): Promise<number> {',
    '    return this.client.user.count();',
    '  }',
    '}',
    '',
    'export class OrderStore {',
    '  private readonly client: PrismaClient;',
    '',
    '  constructor(client?: PrismaClient) {',
    '    client ??= getDefaultDb();',
    '    this.client = client;',
    '  }',
    '',
    '  count(): Promise<number> {',
    '    return this.client.order.count();',
    '  }',
    '}',
    '',
  ].join('\n');
  const app = (build: string) =>
    [
      "import { OrderStore, UserStore } from './stores';",
      '',
      'export function isStore(value: unknown): boolean {',
      '  return value instanceof UserStore || UserStore.name === String(value);',
      '}',
      '',
      'export function build() {',
      build,
      '}',
      '',
    ].join('\n');

  function writeProject(dir: string, build: string): void {
    writeTree(dir, {
      'tsconfig.json': JSON.stringify({
        compilerOptions: { target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', strict: true, skipLibCheck: true, noEmit: true, types: ['node'], noUnusedLocals: true },
        include: ['src', 'tests', '../types'],
      }),
      'src/db.ts': fs.readFileSync(path.join(fixtures, 'inject-vitest/src/db.ts'), 'utf8'),
      'src/stores.ts': stores,
      'src/app.ts': app(build),
      'src/index.ts': "export { UserStore as Users } from './stores';\n",
      'tests/users.spec.ts': [
        "import { PrismaClient } from '@prisma/client';",
        "import { expect, it } from 'vitest';",
        '',
        "import { Users } from '../src';",
        '',
        "it('counts the users', async () => {",
        '  const client = new PrismaClient();',
        '  expect(await new Users().count()).toBe(0);',
        '});',
        '',
      ].join('\n'),
      'tests/stores.spec.ts': [
        "import { PrismaClient } from '@prisma/client';",
        "import { beforeEach, expect, it } from 'vitest';",
        '',
        "import { OrderStore, UserStore } from '../src/stores';",
        '',
        'let client: PrismaClient;',
        '',
        'beforeEach(() => {',
        '  client = new PrismaClient();',
        '});',
        '',
        "it('counts', async () => {",
        '  expect(await new UserStore().count()).toBe(await new OrderStore().count());',
        '});',
        '',
      ].join('\n'),
    });
  }

  it('leaves a parameter optional when a caller has another binding of its default\'s name', () => {
    const dir = path.join(workspace.dir, 'inject-shadowed');
    writeProject(dir, "  const db = 'not the module';\n  return [new UserStore, new OrderStore(undefined), db];");
    const run = runCli(['fix', 'inject-session'], dir);
    expect(run.stdout).toContain(
      [
        'Not changed (2):',
        '  src/app.ts:9  `db` is another binding here, so `new UserStore` cannot be handed `db.prisma`; pass it by hand',
        '  src/stores.ts:7  `client` of `UserStore` stays optional: 1 call site could not be updated',
        '',
      ].join('\n'),
    );
    expect(run.stdout).toContain("+  return [new UserStore, new OrderStore(getDefaultDb()), db];\n");
    expect(run.stdout).toContain('+  expect(await new UserStore(client).count()).toBe(await new OrderStore(client).count());\n');
    expect(run.code).toBe(0);
  });

  it('a namespace import, `??=`, `new C` without parentheses, a call in the declaring module, an aliased re-export; statics, `instanceof` and doc links are no calls', () => {
    const dir = path.join(workspace.dir, 'inject-forms');
    writeProject(dir, '  return [new UserStore, new OrderStore(undefined)];');
    const run = runCli(['fix', 'inject-session', '--write'], dir);
    expect(run.stdout).toContain('Wrote 4 files.\n');
    expect(run.stdout).toContain("  tests/users.spec.ts: line 8: `new Users()` gets the test's session `client`\n");
    expect(run.stdout).not.toContain('Not changed');
    const read = (file: string) => fs.readFileSync(path.join(dir, file), 'utf8');
    expect(read('src/app.ts')).toBe(
      "import { getDefaultDb } from './db';\nimport * as db from './db';\n" + app('  return [new UserStore(db.prisma), new OrderStore(getDefaultDb())];'),
    );
    // The namespace import stays: `UserStore.create()` now passes `db.prisma`.
    expect(read('src/stores.ts')).toBe(
      stores
        .replace("import { getDefaultDb } from './db';\n", '')
        .replace(' = db.prisma) {}', ') {}')
        .replace('return new UserStore();', 'return new UserStore(db.prisma);')
        .replace('client?: PrismaClient) {\n    client ??= getDefaultDb();\n', 'client: PrismaClient) {\n'),
    );
    expect(typeErrors(dir)).toEqual([]);
  });
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

  it('inject-session: a session the plugin recognises but whose type the parameter does not take', () => {
    const dir = path.join(workspace.dir, 'inject-refused');
    const before = snapshot(dir);
    const dryRun = runCli(['fix', 'inject-session'], dir);
    expect(dryRun.stdout).toBe(injectRefusedRun);
    expect(dryRun.code).toBe(1);
    const run = runCli(['fix', 'inject-session', '--write'], dir);
    expect(run.stdout).toBe(injectRefusedRun.replace('so it is not safe to write', 'so it is not written'));
    expect(run.code).toBe(1);
    expect(snapshot(dir)).toEqual(before);
    expect(typeErrors(dir)).toEqual([]);
  });
});

describe('the README', () => {
  const readme = () => fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');

  it.each([
    { codemod: 'singleton-to-factory', output: () => vitestDryRun },
    { codemod: 'inject-session', output: () => injectVitestDryRun },
    { codemod: 'canonical-imports', output: () => canonicalVitestDryRun },
  ])('shows the real dry run of $codemod on its vitest fixture', ({ codemod, output }) => {
    expect(readme()).toContain(`$ npx test-isolation fix ${codemod}\n${output()}`);
  });
});

describe('fix usage errors', () => {
  it('names the available codemods for an unknown one, and exits 2', () => {
    const run = runCli(['fix', 'inject-everything']);
    expect(run.stderr).toBe(
      'test-isolation: unknown codemod "inject-everything"; available: inject-session, singleton-to-factory, canonical-imports\n',
    );
    expect(run.code).toBe(2);
  });

  it('asks for a codemod when none is given', () => {
    const run = runCli(['fix']);
    expect(run.stderr).toBe('test-isolation: name a codemod: inject-session, singleton-to-factory, canonical-imports\n');
    expect(run.code).toBe(2);
  });

  it('lists the codemods in its help', () => {
    const run = runCli(['fix', '--help']);
    expect(run.stdout).toContain(
      [
        'Codemods:',
        '  inject-session              Make an optional session parameter required; tests pass their session, the app its old default',
        '  singleton-to-factory        Turn a module-level resource into a factory; tests create and close their own',
        '  canonical-imports           Import modules through their source path, not a build folder or another letter case',
        '',
      ].join('\n'),
    );
    expect(run.code).toBe(0);
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
