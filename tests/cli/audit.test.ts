// The `test-isolation audit` command, run as users run it: the built bin in a child process.
import fs from 'node:fs';
import path from 'node:path';

import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { findUp } from '../../src/cli/project';
import { type CliRun, repoRoot, runCli, temporaryDirectory, writeTree } from './run-cli';

const rule = 'test-isolation/require-async-fixture';
const docsUrl = 'https://github.com/eslint-plugin-test-isolation/eslint-plugin-test-isolation/blob/main/docs/rules/require-async-fixture.md';

/** The defects planted in examples/ (see tests/e2e/demo.test.ts). */
const plantedFindings = [
  'examples/tests/audit-log.test.ts:11:3  `prisma.$connect()` is not awaited in this beforeAll hook',
  'examples/tests/audit-retention.test.ts:22:5  `use()` is not awaited in fixture "seededLog"',
  'examples/tests/user-search.test.ts:19:3  `pool.end()` is not awaited in this afterAll hook',
];

interface JsonReport {
  config: string;
  filesAudited: number;
  findings: { family: string; rule: string; file: string; line: number; column: number; message: string }[];
  summary: { family: string; rule: string; count: number; files: number }[];
  parseErrors: unknown[];
}

describe('audit examples/', () => {
  let stylish: CliRun;
  let json: CliRun;
  let report: JsonReport;

  beforeAll(() => {
    stylish = runCli(['audit', 'examples/']);
    json = runCli(['audit', 'examples/', '--format', 'json']);
    report = JSON.parse(json.stdout) as JsonReport;
  });

  it('prints the findings grouped by family and rule with file:line:column, and exits 1', () => {
    expect(stylish.stderr).toBe('');
    expect(stylish.code).toBe(1);
    const lines = stylish.stdout.split('\n');
    const familyLine = lines.indexOf('Sync fixtures that hold async resources');
    expect(familyLine).toBeGreaterThanOrEqual(0);
    expect(lines[familyLine + 1]).toMatch(new RegExp(`^  ${rule} \\(\\d+ findings\\)$`));
    for (const finding of plantedFindings) {
      const index = lines.findIndex((line) => line.startsWith(`    ${finding}`));
      expect(index, finding).toBeGreaterThan(familyLine + 1);
    }
  });

  it('ends with a summary table (family, rule, count, files) and a headline that agree with the JSON report', () => {
    const count = report.findings.length;
    const files = new Set(report.findings.map((finding) => finding.file)).size;
    const ofRule = report.findings.filter((finding) => finding.rule === rule);
    expect(ofRule.length).toBeGreaterThanOrEqual(plantedFindings.length);
    expect(stylish.stdout).toMatch(/^Family +Rule +Findings +Files$/m);
    expect(stylish.stdout).toMatch(
      new RegExp(`^Sync fixtures that hold async resources +${rule} +${ofRule.length} +${new Set(ofRule.map((finding) => finding.file)).size}$`, 'm'),
    );
    expect(stylish.stdout).toMatch(new RegExp(`^Total +${count} +${files}$`, 'm'));
    expect(stylish.stdout).toMatch(
      new RegExp(`^${count} findings in ${files} of ${report.filesAudited} files \\(recommended config, \\d+\\.\\d s\\)$`, 'm'),
    );
  });

  it('--format json lists each finding with its family, rule and place', () => {
    expect(json.code).toBe(1);
    expect(report.config).toBe('recommended');
    expect(report.parseErrors).toEqual([]);
    expect(report.findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ family: 'async-fixtures', rule, file: 'examples/tests/audit-log.test.ts', line: 11, column: 3 }),
        expect.objectContaining({ family: 'async-fixtures', rule, file: 'examples/tests/audit-retention.test.ts', line: 22 }),
        expect.objectContaining({ family: 'async-fixtures', rule, file: 'examples/tests/user-search.test.ts', line: 19 }),
      ]),
    );
    const ofRule = report.findings.filter((finding) => finding.rule === rule);
    expect(report.summary).toContainEqual({
      family: 'async-fixtures',
      rule,
      count: ofRule.length,
      files: new Set(ofRule.map((finding) => finding.file)).size,
    });
  });
});

describe('audit --format sarif', () => {
  const schemaFile = path.join(repoRoot, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
  // The schema's language pattern is not a valid `u` regular expression, so patterns are compiled without it.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaFile, 'utf8')) as object);

  interface SarifLog {
    version: string;
    runs: {
      tool: { driver: { name: string; rules: { id: string; helpUri?: string }[] } };
      results: { ruleId: string; ruleIndex: number; locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number } } }[] }[];
    }[];
  }
  let log: SarifLog;
  let run: CliRun;

  beforeAll(() => {
    run = runCli(['audit', 'examples/', '--format', 'sarif']);
    log = JSON.parse(run.stdout) as SarifLog;
  });

  it('validates against the SARIF 2.1.0 JSON schema', () => {
    expect(run.code).toBe(1);
    const valid = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('the schema check does reject a broken log', () => {
    const broken = structuredClone(log) as unknown as { runs: { results: { message?: unknown; level?: string }[] }[] };
    delete broken.runs[0]!.results[0]!.message;
    broken.runs[0]!.results[0]!.level = 'fatal';
    expect(validate(broken)).toBe(false);
  });

  it('names each rule with its help URL and places each result in the repository', () => {
    const [sarifRun] = log.runs;
    expect(sarifRun!.tool.driver.name).toBe('eslint-plugin-test-isolation');
    expect(sarifRun!.tool.driver.rules).toContainEqual(expect.objectContaining({ id: rule, helpUri: docsUrl }));
    const first = sarifRun!.results.find(
      (result) => result.locations[0]!.physicalLocation.artifactLocation.uri === 'examples/tests/audit-log.test.ts',
    );
    expect(first).toMatchObject({ ruleId: rule, locations: [{ physicalLocation: { artifactLocation: { uriBaseId: '%SRCROOT%' }, region: { startLine: 11 } } }] });
    expect(sarifRun!.tool.driver.rules[first!.ruleIndex]!.id).toBe(rule);
  });
});

describe('audit exit codes and options', () => {
  let project: { dir: string; remove: () => void };

  beforeAll(() => {
    project = temporaryDirectory('test-isolation-audit-');
    writeTree(project.dir, {
      'clean/package.json': '{ "name": "clean", "private": true }\n',
      'clean/src/db.ts': "import { Pool } from 'pg';\n\nexport function createPool(): Pool {\n  return new Pool();\n}\n",
      // The valid look-alike of a finding: awaited in async hooks.
      'clean/tests/db.test.ts': [
        "import { afterAll, beforeAll, it } from 'vitest';",
        "import { Pool } from 'pg';",
        '',
        'let pool: Pool;',
        'beforeAll(async () => {',
        '  pool = new Pool();',
        "  await pool.query('select 1');",
        '});',
        'afterAll(async () => {',
        '  await pool.end();',
        '});',
        "it('works', () => {});",
        '',
      ].join('\n'),
      'broken/package.json': '{ "name": "broken", "private": true }\n',
      'broken/tsconfig.json': '{ "compilerOptions": { "strict": true, "noEmit": true, "types": [] }, "include": ["tests"] }\n',
      'broken/tests/db.test.ts': [
        "import { afterAll, beforeAll, it } from 'vitest';",
        "import { Pool } from 'pg';",
        '',
        'let pool: Pool;',
        'beforeAll(() => {',
        '  pool = new Pool();',
        '});',
        'afterAll(() => {',
        '  pool.end();',
        '});',
        "it('works', () => {});",
        '',
      ].join('\n'),
      'no-project/src/a.ts': 'export const a = 1;\n',
    });
  });
  afterAll(() => project.remove());

  it('exits 0 on a clean project', () => {
    const run = runCli(['audit', 'clean'], project.dir);
    expect(run.stdout).toContain('0 findings in 0 of 2 files (recommended config,');
    expect(run.code).toBe(0);
  });

  it('exits 1 on findings, with paths relative to the working directory', () => {
    const run = runCli(['audit', 'broken'], project.dir);
    expect(run.stdout).toContain('    broken/tests/db.test.ts:9:3  `pool.end()` is not awaited in this afterAll hook');
    expect(run.code).toBe(1);
  });

  it('takes files as well as folders, as a pre-commit hook passes them', () => {
    const run = runCli(['audit', 'clean/src/db.ts', 'broken/tests/db.test.ts'], project.dir);
    expect(run.stdout).toContain('1 finding in 1 of 2 files');
    expect(run.code).toBe(1);
  });

  it.each([
    [['audit', 'clean', '--config', 'nope'], 'test-isolation: unknown config "nope"; use one of recommended, recommended-type-checked, strict, all'],
    [['audit', 'missing'], 'test-isolation: path not found: missing'],
    [['audit', 'clean', '--format', 'xml'], 'test-isolation: unknown format "xml"; use one of stylish, json, sarif'],
    [['audit', 'clean', '--output', 'nowhere/report.json'], 'test-isolation: cannot write nowhere/report.json: its folder does not exist'],
    [['lint'], 'test-isolation: unknown command "lint"; use audit or fix (see test-isolation --help)'],
  ])('exits 2 with a one-line reason: %j', (args, reason) => {
    const run = runCli(args, project.dir);
    expect(run.stderr).toBe(`${reason}\n`);
    expect(run.stdout).toBe('');
    expect(run.code).toBe(2);
  });

  it('exits 2 on an unknown option, with the reason on one line', () => {
    const run = runCli(['audit', '--colour'], project.dir);
    expect(run.stderr).toMatch(/^test-isolation: Unknown option '--colour'\.[^\n]*\n$/);
    expect(run.code).toBe(2);
  });

  it('exits 2 outside any project', () => {
    // Holds only when no folder above the temporary one has a package.json or tsconfig.json.
    expect(findUp(path.join(project.dir, 'no-project'), 'package.json')).toBeUndefined();
    const run = runCli(['audit', 'no-project'], project.dir);
    expect(run.stderr).toBe('test-isolation: not a project: no package.json, tsconfig.json or jsconfig.json at or above no-project\n');
    expect(run.code).toBe(2);
  });

  it('--output writes the report to a file and prints a one-line summary', () => {
    const run = runCli(['audit', 'broken', '--format', 'json', '--output', 'report.json'], project.dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^1 finding in 1 of 1 file \(recommended config, \d+\.\d s\); report written to report\.json\n$/);
    const written = JSON.parse(fs.readFileSync(path.join(project.dir, 'report.json'), 'utf8')) as JsonReport;
    expect(written.findings.map((finding) => `${finding.file}:${finding.line}`)).toEqual(['broken/tests/db.test.ts:9']);
  });

  it('--config recommended-type-checked finds the project\'s tsconfig.json for type information', () => {
    const run = runCli(['audit', 'broken', '--config', 'recommended-type-checked'], project.dir);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('    broken/tests/db.test.ts:9:3  `pool.end()` is not awaited in this afterAll hook');
    expect(run.stdout).toContain('(recommended-type-checked config,');
    expect(run.code).toBe(1);
  });

  it('--config all and strict run the rules those configs enable', () => {
    const run = runCli(['audit', 'broken', '--config', 'strict', '--format', 'json'], project.dir);
    expect((JSON.parse(run.stdout) as JsonReport).config).toBe('strict');
    expect(run.code).toBe(1);
  });

  it('--help and --version', () => {
    const help = runCli(['audit', '--help']);
    expect(help.stdout).toMatch(/^Usage: test-isolation audit \[paths\.\.\.\] \[options\]/);
    expect(help.code).toBe(0);
    const version = runCli(['--version']);
    const { version: packageVersion } = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    expect(version.stdout).toBe(`${packageVersion}\n`);
    const none = runCli([]);
    expect(none.stdout).toMatch(/^Usage: test-isolation <command>/);
    expect(none.code).toBe(2);
  });
});
