import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { runAudit } from '../../src/cli/audit';
import { rebasePattern } from '../../src/cli/files';
import { temporaryDirectory, writeTree } from './run-cli';

describe('rebasePattern', () => {
  it('moves a nested .gitignore pattern under its folder', () => {
    expect(rebasePattern('**/fixtures/', '/repo/sub', '/repo')).toBe('sub/**/fixtures/');
    expect(rebasePattern('!keep.ts', '/repo/sub', '/repo')).toBe('!sub/keep.ts');
    expect(rebasePattern('only-here.ts', '/repo', '/repo')).toBe('only-here.ts');
  });

  it("keeps an ancestor's patterns that reach into the root and drops the others", () => {
    expect(rebasePattern('**/*.log', '/repo', '/repo/packages/api')).toBe('**/*.log');
    expect(rebasePattern('packages/api/tmp/', '/repo', '/repo/packages/api')).toBe('tmp/');
    expect(rebasePattern('!packages/api/tmp/keep.ts', '/repo', '/repo/packages/api')).toBe('!tmp/keep.ts');
    expect(rebasePattern('packages/web/tmp/', '/repo', '/repo/packages/api')).toBeUndefined();
  });
});

describe('which files the audit lints', () => {
  let project: { dir: string; remove: () => void };
  const code = 'export const a = 1;\n';

  beforeAll(() => {
    project = temporaryDirectory('test-isolation-files-');
    writeTree(project.dir, {
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.gitignore': 'packages/api/tmp/\n*.log.ts\n',
      'packages/api/package.json': '{ "name": "api" }\n',
      'packages/api/.gitignore': 'generated/\n*.gen.ts\n!keep.gen.ts\nlocal-only\n',
      'packages/api/.eslintignore': 'legacy/\n',
      'packages/api/src/a.ts': code,
      'packages/api/src/b.gen.ts': code,
      'packages/api/src/keep.gen.ts': code,
      'packages/api/src/debug.log.ts': code,
      'packages/api/src/types.d.ts': 'export type T = 1;\n',
      'packages/api/src/view.tsx': 'export const view = <div />;\n',
      'packages/api/src/readme.md': '# not code\n',
      'packages/api/generated/client.ts': code,
      'packages/api/legacy/old.js': code,
      'packages/api/tmp/scratch.ts': code,
      'packages/api/local-only/z.ts': code,
      'packages/api/dist/index.js': code,
      'packages/api/build/index.js': code,
      'packages/api/coverage/lcov.js': code,
      'packages/api/.next/server.js': code,
      'packages/api/node_modules/pkg/index.js': code,
      'packages/api/sub/.gitignore': 'data/\n/only-here.ts\n',
      'packages/api/sub/data/seed.ts': code,
      'packages/api/sub/only-here.ts': code,
      'packages/api/sub/deeper/only-here.ts': code,
      'packages/api/sub/ok.mts': code,
      'packages/api/scripts/run.cjs': 'module.exports = 1;\n',
    });
  });
  afterAll(() => project.remove());

  it('skips build folders, node_modules, declaration files and what .gitignore and .eslintignore exclude', async () => {
    const report = await runAudit({ targets: ['packages/api'], config: 'recommended', cwd: project.dir });
    const files = report.files.map((file) => path.relative(path.join(project.dir, 'packages/api'), file)).sort();
    expect(files).toEqual([
      'scripts/run.cjs',
      'src/a.ts',
      'src/keep.gen.ts',
      'src/view.tsx',
      'sub/deeper/only-here.ts',
      'sub/ok.mts',
    ]);
    expect(report.projects).toEqual([path.join(project.dir, 'packages/api')]);
    expect(report.parseErrors).toEqual([]);
  });

  it('lints an explicitly named file only when it is not ignored', async () => {
    const report = await runAudit({
      targets: ['packages/api/src/a.ts', 'packages/api/generated/client.ts'],
      config: 'recommended',
      cwd: project.dir,
    });
    expect(report.files).toEqual([path.join(project.dir, 'packages/api/src/a.ts')]);
  });
});
