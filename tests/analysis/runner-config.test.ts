import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { isConfiguredGlobalSetup, runnerScheduleOf } from '../../src/analysis/runner-config';

const roots: string[] = [];
function project(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'runner-config-'));
  roots.push(root);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
  return root;
}
afterAll(() => {
  for (const root of roots) fs.rmSync(root, { recursive: true, force: true });
});

const vitest = new Set(['vitest'] as const);
const jest = new Set(['jest'] as const);
const playwright = new Set(['playwright'] as const);
const none = new Set<never>();

describe('runnerScheduleOf', () => {
  it.each([
    ['defineConfig({ test: { fileParallelism: false } })', 'fileParallelism: false'],
    ['{ test: { maxWorkers: 1 } }', 'maxWorkers: 1'],
    ["{ test: { maxWorkers: '1' } }", 'maxWorkers: 1'],
    ['defineConfig(() => ({ test: { poolOptions: { forks: { singleFork: true } } } }))', 'poolOptions.forks.singleFork: true'],
    ["mergeConfig(base, defineConfig({ test: { pool: 'threads', poolOptions: { threads: { singleThread: true } } } }))", 'poolOptions.threads.singleThread: true'],
  ])('reads vitest %s', (config, because) => {
    const root = project({ 'vitest.config.ts': `import { defineConfig, mergeConfig } from 'vitest/config';\nexport default ${config};` });
    expect(runnerScheduleOf(path.join(root, 'src/a.test.ts'), vitest)).toMatchObject({
      runner: 'vitest',
      sequentialBecause: `vitest.config.ts: ${because}`,
      projectRoot: root,
    });
  });

  it.each([
    '{ test: { fileParallelism: !process.env.CI } }',
    "{ test: { pool: 'forks', poolOptions: { threads: { singleThread: true } } } }",
    '{ test: { maxWorkers: 4 } }',
    'config',
  ])('keeps vitest parallel for %s', (config) => {
    const root = project({ 'vitest.config.mts': `const config = makeConfig();\nexport default ${config};` });
    expect(runnerScheduleOf(path.join(root, 'a.test.ts'), vitest).sequentialBecause).toBeUndefined();
  });

  it('takes a vite.config only with a test section, and the nearest config', () => {
    const root = project({
      'vite.config.ts': 'export default { test: { fileParallelism: false } };',
      'web/vite.config.ts': 'export default { plugins: [] };',
      'api/vitest.config.ts': 'export default { test: {} };',
    });
    expect(runnerScheduleOf(path.join(root, 'web/a.test.ts'), vitest).sequentialBecause).toBe('vite.config.ts: fileParallelism: false');
    expect(runnerScheduleOf(path.join(root, 'api/a.test.ts'), vitest).sequentialBecause).toBeUndefined();
  });

  it('reads jest configs, package.json sections and scripts', () => {
    const config = project({ 'jest.config.js': 'module.exports = { maxWorkers: 1 };' });
    expect(runnerScheduleOf(path.join(config, 'a.test.ts'), jest).sequentialBecause).toBe('jest.config.js: maxWorkers: 1');
    const section = project({ 'package.json': JSON.stringify({ jest: { maxWorkers: '1' } }) });
    expect(runnerScheduleOf(path.join(section, 'a.test.ts'), jest).sequentialBecause).toBe('package.json: maxWorkers: 1');
    const script = project({ 'package.json': JSON.stringify({ scripts: { test: 'jest -i --coverage', 'test:debug': 'jest --watch' } }) });
    expect(runnerScheduleOf(path.join(script, 'a.test.ts'), jest).sequentialBecause).toBe('package.json script "test": -i');
    const mixed = project({ 'package.json': JSON.stringify({ scripts: { test: 'jest', 'test:ci': 'jest --runInBand' } }) });
    expect(runnerScheduleOf(path.join(mixed, 'a.test.ts'), jest).sequentialBecause).toBeUndefined();
  });

  it('applies a script with --config to the files below that config', () => {
    const root = project({
      'package.json': JSON.stringify({ scripts: { test: 'jest', 'test:e2e': 'jest --config ./test/jest-e2e.json --runInBand' } }),
      'test/jest-e2e.json': '{}',
    });
    expect(runnerScheduleOf(path.join(root, 'test/app.e2e-spec.ts'), none).sequentialBecause).toContain('--runInBand');
    expect(runnerScheduleOf(path.join(root, 'src/app.spec.ts'), none).sequentialBecause).toBeUndefined();
  });

  it('reads playwright workers and projects', () => {
    const one = project({ 'playwright.config.ts': "export default defineConfig({ workers: 1, globalSetup: require.resolve('./setup') });" });
    expect(runnerScheduleOf(path.join(one, 'e2e/a.spec.ts'), playwright).sequentialBecause).toBe('playwright.config.ts: workers: 1');
    expect(isConfiguredGlobalSetup(path.join(one, 'setup.ts'))).toBe(true);
    const projects = project({ 'playwright.config.ts': "export default { workers: process.env.CI ? 1 : undefined, projects: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] };" });
    expect(runnerScheduleOf(path.join(projects, 'e2e/a.spec.ts'), playwright)).toMatchObject({
      sequentialBecause: undefined,
      repeatsFilesBecause: 'each of the 3 Playwright projects runs this file',
    });
  });

  it('treats mocha and bun as sequential unless mocha is told to run in parallel', () => {
    const mocha = project({ '.mocharc.json': '{ "spec": "test" }' });
    expect(runnerScheduleOf(path.join(mocha, 'test/a.spec.js'), none).sequentialBecause).toContain('mocha');
    const parallel = project({ '.mocharc.js': 'module.exports = { parallel: true };' });
    expect(runnerScheduleOf(path.join(parallel, 'test/a.spec.js'), none).sequentialBecause).toBeUndefined();
    expect(runnerScheduleOf(path.join(parallel, 'a.test.ts'), new Set(['bun'] as const)).sequentialBecause).toContain('bun');
  });

  it('reads node --test concurrency from scripts', () => {
    const root = project({ 'package.json': JSON.stringify({ scripts: { test: 'node --test --test-concurrency 1 test/' } }) });
    expect(runnerScheduleOf(path.join(root, 'test/a.test.mjs'), new Set(['node:test'] as const)).sequentialBecause).toContain('--test-concurrency=1');
  });

  it('names vitest and jest globalSetup files, and re-reads a changed config', () => {
    const root = project({ 'vitest.config.ts': "export default { test: { globalSetup: ['./tests/global.ts'] } };" });
    expect(isConfiguredGlobalSetup(path.join(root, 'tests/global.ts'))).toBe(true);
    expect(isConfiguredGlobalSetup(path.join(root, 'tests/other.ts'))).toBe(false);
    const file = path.join(root, 'vitest.config.ts');
    fs.writeFileSync(file, "export default { test: { fileParallelism: false, globalSetup: './tests/other.ts' } };");
    const later = new Date(Date.now() + 5000);
    fs.utimesSync(file, later, later);
    expect(isConfiguredGlobalSetup(path.join(root, 'tests/other.ts'))).toBe(true);
    expect(runnerScheduleOf(path.join(root, 'a.test.ts'), vitest).sequentialBecause).toBe('vitest.config.ts: fileParallelism: false');
  });

  it('never fails on configs it cannot parse', () => {
    const root = project({ 'vitest.config.ts': 'export default {{{', 'package.json': '{ not json' });
    expect(runnerScheduleOf(path.join(root, 'a.test.ts'), vitest)).toMatchObject({ runner: 'vitest', sequentialBecause: undefined });
  });

  it('never fails on a package.json that is valid JSON but not an object', () => {
    for (const text of ['null', '[]', '"jest"', '1']) {
      const root = project({ 'package.json': text });
      expect(runnerScheduleOf(path.join(root, 'a.test.ts'), jest), text).toMatchObject({ runner: 'jest', sequentialBecause: undefined });
    }
  });
});
