// Loads the built package, as users install it, in ESLint 10 (`eslint`) and ESLint 9 (`eslint-v9`,
// an npm alias), from ESM and CommonJS flat config files, in the spread and the object form.
// Each case is a temporary project whose node_modules links `eslint-plugin-test-isolation` to this
// repository, so the name resolves through package.json `exports` to dist/, never to src/.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

import { ESLint as ESLint10 } from 'eslint';
import { ESLint as ESLint9 } from 'eslint-v9';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ensureBuiltPackage, repoRoot } from './built-package';

type ESLintClass = typeof ESLint10 | typeof ESLint9;

interface LoadedPlugin {
  meta: { name: string; version: string; namespace: string };
  rules: Record<string, unknown>;
  configs: Record<string, { name?: string }[]>;
}

const majors: { name: string; major: string; ESLint: ESLintClass }[] = [
  { name: 'ESLint 10', major: '10', ESLint: ESLint10 },
  { name: 'ESLint 9', major: '9', ESLint: ESLint9 },
];

const objectFormConfig = `{
    files: ['**/*.{js,ts}'],
    plugins: { 'test-isolation': testIsolation },
    languageOptions: { parser: tsParser },
    rules: { 'test-isolation/require-async-fixture': 'error' },
  }`;

/** Each flat config file a user might write; `jsParser` is the parser the config leaves for `.js` files. */
const configFiles: { name: string; file: string; source: string; jsParser: string }[] = [
  {
    name: 'ESM config, recommended',
    file: 'eslint.config.mjs',
    source: `import testIsolation from 'eslint-plugin-test-isolation';

export default [...testIsolation.configs.recommended];
`,
    jsParser: 'espree',
  },
  {
    name: 'CommonJS config, recommended',
    file: 'eslint.config.cjs',
    source: `const testIsolation = require('eslint-plugin-test-isolation');

module.exports = [...testIsolation.configs.recommended];
`,
    jsParser: 'espree',
  },
  {
    name: 'ESM config, object form',
    file: 'eslint.config.mjs',
    source: `import tsParser from '@typescript-eslint/parser';
import testIsolation from 'eslint-plugin-test-isolation';

export default [
  ${objectFormConfig},
];
`,
    jsParser: 'typescript-eslint/parser',
  },
  {
    name: 'CommonJS config, object form',
    file: 'eslint.config.cjs',
    source: `const tsParser = require('@typescript-eslint/parser');
const testIsolation = require('eslint-plugin-test-isolation');

module.exports = [
  ${objectFormConfig},
];
`,
    jsParser: 'typescript-eslint/parser',
  },
  {
    // ESLint refuses two different objects under one plugin name ("Cannot redefine plugin"), so
    // this fails if the ESM and CommonJS entries ever stop being the same plugin object: a config
    // that imports the plugin must combine with a shared config that require()s it.
    name: 'ESM config mixing import and require()',
    file: 'eslint.config.mjs',
    source: `import { createRequire } from 'node:module';

import testIsolation from 'eslint-plugin-test-isolation';

const required = createRequire(import.meta.url)('eslint-plugin-test-isolation');

export default [
  { plugins: { 'test-isolation': testIsolation } },
  ...required.configs.recommended,
];
`,
    jsParser: 'espree',
  },
];

// TypeScript syntax on purpose: without the TypeScript parser this file is a parse error.
const tsTestFile = `import { afterAll, beforeAll } from 'vitest';
import { Pool } from 'pg';

const pool: Pool = new Pool({ max: 2 });

beforeAll(async () => {
  await pool.query('SELECT 1');
});

afterAll(() => {
  pool.end();
});
`;

// jest globals, CommonJS require, and a sync hook that drops a connect promise.
const jsTestFile = `const { Client } = require('pg');

const client = new Client();

beforeAll(() => {
  client.connect();
});

afterAll(async () => {
  await client.end();
});
`;

const expectedFindings = [
  { file: 'tests/db.test.js', line: 6, ruleId: 'test-isolation/require-async-fixture', messageId: 'unawaitedResourceCall' },
  { file: 'tests/db.test.ts', line: 11, ruleId: 'test-isolation/require-async-fixture', messageId: 'unawaitedResourceCall' },
];

const packageJson = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
};

const projects = new Map<string, string>();
let tmpRoot: string;

function link(target: string, linkPath: string): void {
  fs.mkdirSync(path.dirname(linkPath), { recursive: true });
  fs.symlinkSync(target, linkPath, 'dir');
}

beforeAll(() => {
  ensureBuiltPackage();
  tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'test-isolation-e2e-'));
  configFiles.forEach((config, index) => {
    const dir = path.join(tmpRoot, `project-${index}`);
    fs.mkdirSync(path.join(dir, 'tests'), { recursive: true });
    link(repoRoot, path.join(dir, 'node_modules/eslint-plugin-test-isolation'));
    link(path.join(repoRoot, 'node_modules/@typescript-eslint/parser'), path.join(dir, 'node_modules/@typescript-eslint/parser'));
    fs.writeFileSync(path.join(dir, config.file), config.source);
    fs.writeFileSync(path.join(dir, 'tests/db.test.ts'), tsTestFile);
    fs.writeFileSync(path.join(dir, 'tests/db.test.js'), jsTestFile);
    projects.set(config.name, dir);
  });
});

afterAll(() => {
  if (tmpRoot) fs.rmSync(tmpRoot, { recursive: true, force: true });
});

function projectDir(configName: string): string {
  const dir = projects.get(configName);
  if (!dir) throw new Error(`no temporary project for ${configName}`);
  return dir;
}

/** The parser's name: typescript-eslint's is in `meta`, espree (ESLint's default) has it at the top. */
function parserName(config: unknown): string | undefined {
  const parser = (config as { languageOptions?: { parser?: { meta?: { name?: string }; name?: string } } }).languageOptions
    ?.parser;
  return parser?.meta?.name ?? parser?.name;
}

it('links the package name to the built entry points', () => {
  const dir = projectDir(configFiles[0]!.name);
  const resolved = createRequire(path.join(dir, 'package.json')).resolve('eslint-plugin-test-isolation');
  expect(fs.realpathSync(resolved)).toBe(fs.realpathSync(path.join(repoRoot, 'dist/index.js')));
  expect(fs.existsSync(path.join(repoRoot, 'dist/index.mjs'))).toBe(true);
});

describe.each(majors)('$name', ({ ESLint, major }) => {
  it(`is ESLint ${major}`, () => {
    expect(ESLint.version.split('.')[0]).toBe(major);
  });

  describe.each(configFiles)('$name', (config) => {
    it('reports the same findings on a TypeScript and a JavaScript test file', async () => {
      const cwd = projectDir(config.name);
      const eslint = new ESLint({ cwd });
      const results = await eslint.lintFiles(['tests']);

      const findings = results
        .flatMap((result) =>
          result.messages.map((message) => ({
            file: path.relative(cwd, result.filePath).split(path.sep).join('/'),
            line: message.line,
            ruleId: message.ruleId,
            messageId: message.messageId,
          })),
        )
        .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
      expect(findings).toEqual(expectedFindings);
    });

    it('sets the TypeScript parser for .ts files', async () => {
      const eslint = new ESLint({ cwd: projectDir(config.name) });

      expect(parserName(await eslint.calculateConfigForFile('tests/db.test.ts'))).toBe('typescript-eslint/parser');
      expect(parserName(await eslint.calculateConfigForFile('tests/db.test.js'))).toBe(config.jsParser);
    });

    it('loads the plugin with its meta and named configs', async () => {
      const eslint = new ESLint({ cwd: projectDir(config.name) });
      const calculated = (await eslint.calculateConfigForFile('tests/db.test.ts')) as {
        plugins?: Record<string, LoadedPlugin>;
      };
      const plugin = calculated.plugins?.['test-isolation'];

      expect(plugin?.meta).toEqual({ name: packageJson.name, version: packageJson.version, namespace: 'test-isolation' });
      expect(Object.keys(plugin?.configs ?? {}).sort()).toEqual(['all', 'recommended', 'recommended-type-checked', 'strict']);
      for (const [configName, entries] of Object.entries(plugin?.configs ?? {})) {
        expect(entries.length).toBeGreaterThan(0);
        for (const entry of entries) expect(entry.name).toMatch(new RegExp(`^test-isolation/${configName}(/|$)`));
      }
    });
  });
});
