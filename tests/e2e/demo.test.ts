// The bundled example is what users run first (`npm run demo`). These tests pin exactly what the
// built plugin finds in examples/, so the demo can neither go silently empty nor gain a false
// positive: every expected finding below is a defect planted in the example on purpose.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { ESLint } from 'eslint';
import type { TSESLint } from '@typescript-eslint/utils';
import { beforeAll, describe, expect, it } from 'vitest';

import { ensureBuiltPackage, repoRoot } from './built-package';

const examples = path.join(repoRoot, 'examples');
const rule = 'test-isolation/require-async-fixture';
const teardownRule = 'test-isolation/require-resource-teardown';
const singletonRule = 'test-isolation/no-module-singleton';
const perWorkerRule = 'test-isolation/require-per-worker-resource';
const duplicateRule = 'test-isolation/no-duplicate-entity';
const doubleLoadRule = 'test-isolation/no-entity-double-load';
const sessionRule = 'test-isolation/no-uninjected-session';

const expectedFindings = [
  // The app's pg pool is created when src/db.ts is imported.
  { file: 'src/db.ts', line: 23, ruleId: singletonRule, messageId: 'moduleScopeResource' },
  // team-members.ts was copied from teams.ts and still names its table 'teams': each site is reported.
  { file: 'src/schema/team-members.ts', line: 7, ruleId: duplicateRule, messageId: 'duplicateRegistration' },
  { file: 'src/schema/teams.ts', line: 3, ruleId: duplicateRule, messageId: 'duplicateRegistration' },
  // The store imports the teams table from dist/ while team-members.ts imports the source.
  { file: 'src/team-store.ts', line: 8, ruleId: doubleLoadRule, messageId: 'buildOutputImport' },
  // A synchronous beforeAll drops `prisma.$connect()`.
  { file: 'tests/audit-log.test.ts', line: 11, ruleId: rule, messageId: 'unawaitedResourceCall' },
  // A fixture calls `use(...)` without await, so its teardown runs during the test.
  { file: 'tests/audit-retention.test.ts', line: 22, ruleId: rule, messageId: 'unawaitedUse' },
  // The setup file that runs in every worker empties one fixed database.
  { file: 'tests/setup.ts', line: 9, ruleId: perWorkerRule, messageId: 'fixedDatabaseName' },
  // A fixture opens a transaction and builds the store without it; tests/team-store.test.ts is the fixed twin.
  { file: 'tests/team-members.test.ts', line: 32, ruleId: sessionRule, messageId: 'missingSessionArgument' },
  // beforeEach opens a new pool for every test; afterAll ends only the last one.
  { file: 'tests/user-lookup.test.ts', line: 13, ruleId: teardownRule, messageId: 'teardownScopeMismatch' },
  // afterAll drops `pool.end()`.
  { file: 'tests/user-search.test.ts', line: 19, ruleId: rule, messageId: 'unawaitedResourceCall' },
];

const exampleFiles = [
  'src/audit-log.ts',
  'src/db.ts',
  'src/schema/team-members.ts',
  'src/schema/teams.ts',
  'src/team-store.ts',
  'src/user-repository.ts',
  'tests/audit-log.test.ts',
  'tests/audit-retention.test.ts',
  'tests/fixtures.ts',
  'tests/setup.ts',
  'tests/team-members.test.ts',
  'tests/team-store.test.ts',
  'tests/user-lookup.test.ts',
  'tests/user-repository.test.ts',
  'tests/user-search.test.ts',
  'vitest.config.ts',
];

let results: ESLint.LintResult[];

beforeAll(async () => {
  ensureBuiltPackage();
  const { default: plugin } = (await import(pathToFileURL(path.join(repoRoot, 'dist/index.mjs')).href)) as {
    default: { configs: { recommended: TSESLint.FlatConfig.Config[] } };
  };
  // The same lint as scripts/demo.mjs.
  const eslint = new ESLint({
    cwd: examples,
    overrideConfigFile: true,
    overrideConfig: [...plugin.configs.recommended, { ignores: ['stories/**', 'dist/**'] }] as ESLint.Options['overrideConfig'],
  });
  results = await eslint.lintFiles(['.']);
});

const relative = (file: string) => path.relative(examples, file).split(path.sep).join('/');

describe('the recommended config on examples/', () => {
  it('lints every file of the example', () => {
    expect(results.map((result) => relative(result.filePath)).sort()).toEqual(exampleFiles);
  });

  it('finds exactly the planted defects', () => {
    const findings = results.flatMap((result) =>
      result.messages.map((message) => ({
        file: relative(result.filePath),
        line: message.line,
        ruleId: message.ruleId,
        messageId: message.messageId,
      })),
    );
    expect(findings).toEqual(expectedFindings);
  });

  it('names the resource in each message', () => {
    const messages = results.flatMap((result) => result.messages.map((message) => message.message));
    expect(messages).toEqual([
      expect.stringContaining('`pool` creates a pg.Pool when the module is imported'),
      expect.stringContaining("drizzle table 'teams' is also registered at src/schema/teams.ts:3"),
      expect.stringContaining("drizzle table 'teams' is also registered at src/schema/team-members.ts:7"),
      expect.stringContaining(
        "'../dist/schema/teams.js' loads the build output dist/schema/teams.js, while the source src/schema/teams.ts is in the project (and src/schema/team-members.ts imports it)",
      ),
      expect.stringContaining('`prisma.$connect()` is not awaited in this beforeAll hook'),
      expect.stringContaining('`use()` is not awaited in fixture "seededLog"'),
      expect.stringContaining("`'postgres://localhost:5432/users_test'` names a fixed database or schema, and this code runs in every worker"),
      expect.stringContaining(
        '`new TeamStore()` is built without its session `connection` and falls back to `pool` while the test\'s session `tx` is in scope',
      ),
      expect.stringContaining('`pool` (pg.Pool) is opened in the `beforeEach` hook before every test but closed only once'),
      expect.stringContaining('`pool.end()` is not awaited in this afterAll hook'),
    ]);
  });
});

describe('scripts/demo.mjs', () => {
  it('prints the findings and a summary, and exits 0', () => {
    // execFileSync throws on a non-zero exit code, which fails the test.
    const output = execFileSync(process.execPath, [path.join(repoRoot, 'scripts/demo.mjs')], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    for (const finding of expectedFindings) {
      expect(output).toContain(`examples/${finding.file}`);
    }
    const filesWithFindings = new Set(expectedFindings.map((finding) => finding.file)).size;
    expect(output).toContain(`${expectedFindings.length} findings in ${filesWithFindings} of ${exampleFiles.length} files`);
  });
});
