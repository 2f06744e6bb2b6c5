import { describe, expect, it } from 'vitest';

import { isDeclarationFile } from '../../src/analysis/module-resolution';
import { SettingsError, resolveSettings } from '../../src/analysis/settings';
import { getFileTestInfo } from '../../src/analysis/test-framework';
import { callsOf, inspect } from './helpers';

const cwd = '/project';

describe('resolveSettings: test files', () => {
  const defaults = resolveSettings(undefined);

  it.each([
    'src/db.test.ts',
    'src/db.spec.tsx',
    'src/db.test.mjs',
    'src/db.spec.cjs',
    'db.test.js',
    'src/__tests__/db.ts',
    'test/db.ts',
    'packages/api/tests/helpers/db.ts',
    'e2e/login.ts',
    'vitest.setup.ts',
    'src/jest.setup.js',
    'global-setup.ts',
    'test/globalSetup.mts',
    '.config/tests/setup.ts',
  ])('treats %s as test code by default', (file) => {
    expect(defaults.isTestFile(file, cwd)).toBe(true);
    expect(defaults.isTestFile(`${cwd}/${file}`, cwd)).toBe(true);
  });

  it.each(['src/db.ts', 'src/testing.ts', 'src/contest/db.ts', 'src/latest.ts', 'src/db.test-utils.ts', 'src/db.test.json'])(
    'does not treat %s as test code by default',
    (file) => {
      expect(defaults.isTestFile(file, cwd)).toBe(false);
      expect(defaults.isTestFile(`${cwd}/${file}`, cwd)).toBe(false);
    },
  );

  it('matches absolute paths relative to the working directory, not from the filesystem root', () => {
    expect(defaults.isTestFile('/home/tests/project/src/db.ts', '/home/tests/project')).toBe(false);
    expect(defaults.isTestFile('/home/tests/project/tests/db.ts', '/home/tests/project')).toBe(true);
  });

  it('replaces the defaults with settings.testFiles', () => {
    const resolved = resolveSettings({ 'test-isolation': { testFiles: ['spec/**/*.ts'] } });
    expect(resolved.isTestFile('spec/db.ts', cwd)).toBe(true);
    expect(resolved.isTestFile('/project/spec/nested/db.ts', cwd)).toBe(true);
    expect(resolved.isTestFile('src/db.test.ts', cwd)).toBe(false);
  });

  it('decides which unbound calls are test globals through the configured globs', () => {
    const settings = { 'test-isolation': { testFiles: ['spec/**'] } };
    const kinds = (filename: string) =>
      inspect(`describe('a', () => {});`, { filename, settings }, (context, program) =>
        callsOf(program).map((call) => getFileTestInfo(context).parseCall(call)?.kind),
      );
    expect(kinds('spec/db.ts')).toEqual(['suite']);
    expect(kinds('src/db.test.ts')).toEqual([undefined]);
  });

  it('recognises globalSetup files by default and adds settings.globalSetupFiles to them', () => {
    expect(defaults.isGlobalSetupFile('global-setup.ts', cwd)).toBe(true);
    expect(defaults.isGlobalSetupFile('test/global.teardown.ts', cwd)).toBe(true);
    expect(defaults.isGlobalSetupFile('src/db.test.ts', cwd)).toBe(false);
    const resolved = resolveSettings({ 'test-isolation': { globalSetupFiles: ['config/start-db.ts'] } });
    expect(resolved.isGlobalSetupFile('config/start-db.ts', cwd)).toBe(true);
    expect(resolved.isGlobalSetupFile('global-setup.ts', cwd)).toBe(true);
  });
});

describe('resolveSettings: caching and catalog', () => {
  it('resolves one settings object once, and a different object on its own', () => {
    const raw = { testFiles: ['spec/**'] };
    const first = resolveSettings({ 'test-isolation': raw });
    expect(resolveSettings({ 'test-isolation': raw, other: 1 })).toBe(first);
    expect(resolveSettings({ 'test-isolation': { testFiles: ['spec/**'] } })).not.toBe(first);
    expect(resolveSettings(undefined)).toBe(resolveSettings({}));
  });

  it('adds user resources to the catalog', () => {
    const resolved = resolveSettings({
      'test-isolation': { resources: [{ name: 'AcmeDb', packages: ['@acme/db'], acquire: [{ export: 'AcmeDb', new: true }], release: ['shutdown'] }] },
    });
    expect(resolved.catalog.findAcquisition('@acme/db', 'AcmeDb', { new: true })?.spec.name).toBe('AcmeDb');
    expect(resolveSettings(undefined).catalog.get('AcmeDb')).toBeUndefined();
  });
});

describe('resolveSettings: validation', () => {
  const resolve = (raw: unknown) => () => resolveSettings({ 'test-isolation': raw });

  it.each<[string, unknown, string]>([
    ['not an object', 'strict', "settings['test-isolation'] must be an object"],
    ['an array', [], "settings['test-isolation'] must be an object"],
    ['null', null, "settings['test-isolation'] must be an object"],
    ['an unknown key', { testfiles: [] }, "unknown property 'testfiles'"],
    ['testFiles as a string', { testFiles: '**/*.test.ts' }, '.testFiles must be an array of glob strings'],
    ['testFiles with an empty glob', { testFiles: [''] }, '.testFiles must be an array of glob strings'],
    ['globalSetupFiles with a number', { globalSetupFiles: [1] }, '.globalSetupFiles must be an array of glob strings'],
    ['resources as an object', { resources: {} }, '.resources must be an array'],
    ['a resource that is a string', { resources: ['pg'] }, '.resources[0] must be an object'],
    ['a resource without a name', { resources: [{ packages: ['x'] }] }, '.resources[0].name must be a non-empty string'],
    ['a resource without packages', { resources: [{ name: 'X', packages: [] }] }, '.resources[0].packages must be a non-empty array'],
    ['a resource with an empty package', { resources: [{ name: 'X', packages: ['x', ''] }] }, '.resources[0].packages must be a non-empty array of module names'],
    ['acquire with an empty package glob', { resources: [{ name: 'X', packages: ['x'], acquire: [{ export: 'X', packages: [''] }] }] }, '.resources[0].acquire[0].packages must be an array of module names'],
    [
      'a register with an empty package glob',
      {
        resources: [
          {
            name: 'X',
            packages: ['x'],
            registers: [{ form: 'call', export: 'model', packages: [''], name: [{ argument: 0 }], registry: 'r', orm: 'x', entityKind: 'model', duplicateEffect: 'throws' }],
          },
        ],
      },
      '.resources[0].registers[0].packages must be an array of module names',
    ],
    ['a resource with an unknown key', { resources: [{ name: 'X', packages: ['x'], closes: ['end'] }] }, ".resources[0] has an unknown property 'closes'"],
    ['a release list that is a string', { resources: [{ name: 'X', packages: ['x'], release: 'end' }] }, '.resources[0].release must be an array of strings'],
    ['session that is a string', { resources: [{ name: 'X', packages: ['x'], session: 'yes' }] }, '.resources[0].session must be a boolean'],
    ['yields with a non-string value', { resources: [{ name: 'X', packages: ['x'], yields: { a: 1 } }] }, '.resources[0].yields must map'],
    ['acquire that is not an array', { resources: [{ name: 'X', packages: ['x'], acquire: { export: 'X' } }] }, '.resources[0].acquire must be an array'],
    ['acquire without export', { resources: [{ name: 'X', packages: ['x'], acquire: [{ new: true }] }] }, '.resources[0].acquire[0].export must be a string'],
    ['acquire with new as a string', { resources: [{ name: 'X', packages: ['x'], acquire: [{ export: 'X', new: 'yes' }] }] }, '.resources[0].acquire[0].new must be a boolean'],
    ['acquire with opensWith as a list', { resources: [{ name: 'X', packages: ['x'], acquire: [{ export: 'X', opensWith: ['url'] }] }] }, '.resources[0].acquire[0].opensWith must be a string'],
    ['acquire with an unknown key', { resources: [{ name: 'X', packages: ['x'], acquire: [{ export: 'X', method: 'm' }] }] }, ".resources[0].acquire[0] has an unknown property 'method'"],
  ])('rejects %s with an error naming the path', (_, raw, message) => {
    expect(resolve(raw)).toThrow(SettingsError);
    expect(resolve(raw)).toThrow(message);
  });

  it('prefixes every error with the plugin and settings key', () => {
    expect(resolve({ nope: true })).toThrow(/^eslint-plugin-test-isolation: settings\['test-isolation'\] has an unknown property 'nope'/);
  });

  it('accepts a complete, valid settings object', () => {
    expect(
      resolve({
        testFiles: ['**/*.spec.ts'],
        globalSetupFiles: ['setup/db.ts'],
        resources: [
          {
            name: 'AcmeDb',
            packages: ['@acme/db', '@acme/db-*'],
            acquire: [{ export: 'connect', then: 'ready', packages: ['@acme/db'] }, { export: 'AcmeDb', new: true, call: 'create' }],
            open: ['ready'],
            release: ['shutdown'],
            syncRelease: ['kill'],
            typeNames: ['AcmeDb'],
            sessionTypeNames: ['AcmeTx'],
            session: true,
            kind: 'client',
            yields: { tx: 'AcmeDb' },
          },
        ],
      }),
    ).not.toThrow();
  });

  it('fails a lint run with the settings error, not a crash elsewhere', () => {
    expect(() => inspect('x;', { filename: 'src/db.test.ts', settings: { 'test-isolation': { testFiles: 'x' } } }, (context) => getFileTestInfo(context))).toThrow(
      '.testFiles must be an array of glob strings',
    );
  });
});

describe('isDeclarationFile', () => {
  it('tells .d.ts, .d.mts and .d.cts files from code', () => {
    for (const file of ['types.d.ts', 'src/env.d.mts', '/p/x.d.cts']) expect(isDeclarationFile(file), file).toBe(true);
    for (const file of ['a.ts', 'a.d.tsx', 'dates.ts', 'src/d.ts', 'a.d.js']) expect(isDeclarationFile(file), file).toBe(false);
  });
});
