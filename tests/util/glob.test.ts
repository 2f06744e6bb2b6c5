import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';

import { defaultGlobalSetupFiles, defaultTestFiles } from '../../src/analysis/settings';
import { globListMatcher, matchesGlob } from '../../src/util/glob';

const paths = [
  'src/db.ts',
  'src/users/user.service.spec.ts',
  'src/users/user.test.mjs',
  'src/users/user.test.tsx',
  'src/users/user.tests.ts',
  'test/setup.ts',
  'tests/helpers/db.ts',
  'packages/api/__tests__/pool.ts',
  'e2e/app.ts',
  'vitest.setup.ts',
  'jest.setup-env.js',
  'setupTests.ts',
  'global-setup.ts',
  'config/globalTeardown.mjs',
  '.hidden/test/x.ts',
  'src/.cache/a.spec.ts',
  'latest/file.ts',
  'contest/file.ts',
];

describe('globListMatcher', () => {
  it.each([
    ['default test files', defaultTestFiles],
    ['default globalSetup files', defaultGlobalSetupFiles],
    ['user globs', ['src/**/*.it.ts', 'tests/**', '!**/fixtures/**']],
  ])('agrees with picomatch on %s', (_, globs) => {
    const expected = picomatch([...globs], { dot: true });
    const actual = globListMatcher(globs, { dot: true });
    for (const path of paths) expect([path, actual(path)]).toEqual([path, expected(path)]);
  });

  it('matches nothing for an empty list', () => {
    expect(globListMatcher([])('src/a.ts')).toBe(false);
  });

  it('keeps dot segments out unless asked', () => {
    expect(globListMatcher(['**/test/**'])('.hidden/test/x.ts')).toBe(false);
    expect(globListMatcher(['**/test/**'], { dot: true })('.hidden/test/x.ts')).toBe(true);
  });
});

describe('matchesGlob', () => {
  it('matches package names as picomatch does', () => {
    expect(matchesGlob('@aws-sdk/client-s3', '@aws-sdk/*')).toBe(true);
    expect(matchesGlob('@aws-sdk/client-s3/sub', '@aws-sdk/*')).toBe(false);
    expect(matchesGlob('pg', 'pg')).toBe(true);
    expect(matchesGlob('pg-pool', 'pg')).toBe(false);
  });
});
