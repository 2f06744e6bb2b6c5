import path from 'node:path';

import { globListMatcher } from '../util/glob';

import { type ResourceCatalog, type ResourceSpec, getCatalog } from './catalog';

/** `settings['test-isolation']` as users write it in their flat config. */
export interface TestIsolationSettings {
  /** Globs (relative to the ESLint working directory) of files that are test code; replaces the defaults. */
  testFiles?: string[];
  /** Globs of files that run once before all workers (`globalSetup`), on top of the defaults. */
  globalSetupFiles?: string[];
  /** Extra resources, or extra methods for a built-in resource of the same name. */
  resources?: ResourceSpec[];
}

export const SETTINGS_KEY = 'test-isolation';

export const defaultTestFiles: readonly string[] = [
  '**/*.{test,spec}.?(c|m)[jt]s?(x)',
  '**/__tests__/**',
  '**/test/**',
  '**/tests/**',
  '**/e2e/**',
  '**/{vitest,jest,test,playwright}.setup.*',
  '**/{vitest,jest}.setup-*.*',
  '**/setup{Tests,-tests,Files}.*',
  '**/{global-setup,global-teardown,globalSetup,globalTeardown,global.setup,global.teardown}.*',
];

export const defaultGlobalSetupFiles: readonly string[] = [
  '**/{global-setup,global-teardown,globalSetup,globalTeardown,global.setup,global.teardown}.*',
];

export interface ResolvedSettings {
  catalog: ResourceCatalog;
  isTestFile(filename: string, cwd: string): boolean;
  isGlobalSetupFile(filename: string, cwd: string): boolean;
}

const resolvedCache = new WeakMap<object, ResolvedSettings>();
let defaultResolved: ResolvedSettings | undefined;

/** Reads and validates the plugin's settings once per settings object. */
export function resolveSettings(allSettings: Readonly<Record<string, unknown>> | undefined): ResolvedSettings {
  const raw = allSettings?.[SETTINGS_KEY];
  if (raw === undefined) {
    defaultResolved ??= buildResolved({});
    return defaultResolved;
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new SettingsError('must be an object');
  }
  let resolved = resolvedCache.get(raw);
  if (!resolved) {
    resolved = buildResolved(validateSettings(raw as Record<string, unknown>));
    resolvedCache.set(raw, resolved);
  }
  return resolved;
}

function buildResolved(settings: TestIsolationSettings): ResolvedSettings {
  const testMatcher = globListMatcher(settings.testFiles ?? defaultTestFiles, { dot: true });
  const globalSetupMatcher = globListMatcher([...defaultGlobalSetupFiles, ...(settings.globalSetupFiles ?? [])], { dot: true });
  return {
    catalog: getCatalog(settings.resources),
    isTestFile: memoisedByPath((filename, cwd) => testMatcher(relativePath(filename, cwd))),
    isGlobalSetupFile: memoisedByPath((filename, cwd) => globalSetupMatcher(relativePath(filename, cwd))),
  };
}

/**
 * A path's answer, kept per working directory: every rule asks about every linted file, and a
 * lookup costs less than making the path relative and matching the globs again.
 */
function memoisedByPath(answer: (filename: string, cwd: string) => boolean): (filename: string, cwd: string) => boolean {
  const byDirectory = new Map<string, Map<string, boolean>>();
  return (filename, cwd) => {
    let known = byDirectory.get(cwd);
    if (!known || known.size > 100_000) {
      known = new Map();
      byDirectory.set(cwd, known);
    }
    let result = known.get(filename);
    if (result === undefined) {
      result = answer(filename, cwd);
      known.set(filename, result);
    }
    return result;
  };
}

/** A file's path relative to the ESLint working directory, with `/` separators: what globs are matched against. */
export function relativePath(filename: string, cwd: string): string {
  let relative = filename;
  if (path.isAbsolute(filename)) {
    // Linted files are normalised paths under the working directory: slice instead of `path.relative`, which re-normalises both on every call.
    const prefix = cwd.endsWith(path.sep) ? cwd : cwd + path.sep;
    const rest = filename.startsWith(prefix) ? filename.slice(prefix.length) : undefined;
    relative = rest !== undefined && !dotSegment.test(rest) ? rest : path.relative(cwd, filename);
  }
  return path.sep === '/' ? relative : relative.split(path.sep).join('/');
}

const dotSegment = /(^|[\\/])\.\.?([\\/]|$)/;

export class SettingsError extends Error {
  constructor(message: string) {
    super(`eslint-plugin-test-isolation: settings['${SETTINGS_KEY}'] ${message}.`);
    this.name = 'SettingsError';
  }
}

const stringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

// picomatch rejects an empty pattern with an error that names neither the setting nor the plugin.
const globArray = (value: unknown): value is string[] => stringArray(value) && value.every((glob) => glob !== '');

const resourceArrayKeys = [
  'packages',
  'open',
  'work',
  'release',
  'syncRelease',
  'ownedBy',
  'typeNames',
  'sessionTypeNames',
  'boundTypeNames',
  'returnsSelf',
] as const;
const acquireKeys = new Set(['export', 'new', 'call', 'then', 'returnsBuilder', 'lazyWithoutArguments', 'module', 'packages', 'wraps', 'opensWith']);
const resourceKeys = new Set<string>([
  ...resourceArrayKeys,
  'name',
  'acquire',
  'yields',
  'sessionCallbacks',
  'sessionResults',
  'session',
  'inProcess',
  'lazy',
  'kind',
  'registers',
]);

/** Validates settings by hand so a mistake names the exact path, like a rule schema error would. */
export function validateSettings(raw: Record<string, unknown>): TestIsolationSettings {
  for (const key of Object.keys(raw)) {
    if (!['testFiles', 'globalSetupFiles', 'resources'].includes(key)) {
      throw new SettingsError(`has an unknown property '${key}' (expected testFiles, globalSetupFiles or resources)`);
    }
  }
  for (const key of ['testFiles', 'globalSetupFiles'] as const) {
    if (raw[key] !== undefined && !globArray(raw[key])) {
      throw new SettingsError(`.${key} must be an array of glob strings`);
    }
  }
  if (raw.resources !== undefined) {
    if (!Array.isArray(raw.resources)) throw new SettingsError('.resources must be an array');
    raw.resources.forEach((resource: unknown, index) => validateResource(resource, `.resources[${index}]`));
  }
  return raw;
}

function validateResource(resource: unknown, at: string): void {
  if (typeof resource !== 'object' || resource === null || Array.isArray(resource)) {
    throw new SettingsError(`${at} must be an object`);
  }
  const entry = resource as Record<string, unknown>;
  for (const key of Object.keys(entry)) {
    if (!resourceKeys.has(key)) throw new SettingsError(`${at} has an unknown property '${key}'`);
  }
  if (typeof entry.name !== 'string' || entry.name === '') throw new SettingsError(`${at}.name must be a non-empty string`);
  if (!globArray(entry.packages) || entry.packages.length === 0) {
    throw new SettingsError(`${at}.packages must be a non-empty array of module names`);
  }
  for (const key of resourceArrayKeys) {
    if (entry[key] !== undefined && !stringArray(entry[key])) throw new SettingsError(`${at}.${key} must be an array of strings`);
  }
  if (entry.session !== undefined && typeof entry.session !== 'boolean') throw new SettingsError(`${at}.session must be a boolean`);
  for (const key of ['inProcess', 'lazy'] as const) {
    if (entry[key] !== undefined && typeof entry[key] !== 'boolean') throw new SettingsError(`${at}.${key} must be a boolean`);
  }
  if (entry.kind !== undefined && typeof entry.kind !== 'string') throw new SettingsError(`${at}.kind must be a string`);
  for (const key of ['yields', 'sessionCallbacks', 'sessionResults'] as const) {
    const map = entry[key];
    if (map === undefined) continue;
    if (typeof map !== 'object' || map === null || Array.isArray(map) || !Object.values(map).every((v) => typeof v === 'string')) {
      throw new SettingsError(`${at}.${key} must map member names to resource names`);
    }
  }
  if (entry.registers !== undefined) validateRegisters(entry.registers, `${at}.registers`);
  if (entry.acquire !== undefined) {
    if (!Array.isArray(entry.acquire)) throw new SettingsError(`${at}.acquire must be an array`);
    entry.acquire.forEach((acquire: unknown, index) => {
      const where = `${at}.acquire[${index}]`;
      if (typeof acquire !== 'object' || acquire === null || Array.isArray(acquire)) throw new SettingsError(`${where} must be an object`);
      const item = acquire as Record<string, unknown>;
      for (const key of Object.keys(item)) {
        if (!acquireKeys.has(key)) throw new SettingsError(`${where} has an unknown property '${key}'`);
      }
      if (typeof item.export !== 'string') throw new SettingsError(`${where}.export must be a string`);
      for (const key of ['new', 'module', 'returnsBuilder', 'lazyWithoutArguments'] as const) {
        if (item[key] !== undefined && typeof item[key] !== 'boolean') throw new SettingsError(`${where}.${key} must be a boolean`);
      }
      for (const key of ['call', 'then', 'wraps', 'opensWith'] as const) {
        if (item[key] !== undefined && typeof item[key] !== 'string') throw new SettingsError(`${where}.${key} must be a string`);
      }
      if (item.packages !== undefined && !globArray(item.packages)) throw new SettingsError(`${where}.packages must be an array of module names`);
    });
  }
}

const registerForms = new Set(['call', 'new', 'decorator', 'method', 'staticInit', 'staticProperty', 'schemaTable']);
const registerKeys = new Set([
  'form', 'export', 'method', 'packages', 'name', 'namespace', 'minArguments', 'identityArgument', 'connection',
  'registry', 'orm', 'entityKind', 'throwsOnRepeat', 'deferred', 'duplicateEffect',
]);
const nameSourceKeys = new Set(['argument', 'property', 'className', 'renamedBy', 'case']);

function validateRegisters(registers: unknown, at: string): void {
  if (!Array.isArray(registers)) throw new SettingsError(`${at} must be an array`);
  registers.forEach((register: unknown, index) => {
    const where = `${at}[${index}]`;
    if (typeof register !== 'object' || register === null || Array.isArray(register)) throw new SettingsError(`${where} must be an object`);
    const item = register as Record<string, unknown>;
    for (const key of Object.keys(item)) {
      if (!registerKeys.has(key)) throw new SettingsError(`${where} has an unknown property '${key}'`);
    }
    if (typeof item.form !== 'string' || !registerForms.has(item.form)) {
      throw new SettingsError(`${where}.form must be one of ${[...registerForms].join(', ')}`);
    }
    for (const key of ['registry', 'orm', 'entityKind', 'duplicateEffect'] as const) {
      if (typeof item[key] !== 'string') throw new SettingsError(`${where}.${key} must be a string`);
    }
    for (const key of ['export', 'method'] as const) {
      if (item[key] !== undefined && typeof item[key] !== 'string') throw new SettingsError(`${where}.${key} must be a string`);
    }
    for (const key of ['minArguments', 'identityArgument'] as const) {
      if (item[key] !== undefined && !Number.isInteger(item[key])) throw new SettingsError(`${where}.${key} must be an integer`);
    }
    for (const key of ['throwsOnRepeat', 'deferred'] as const) {
      if (item[key] !== undefined && typeof item[key] !== 'boolean') throw new SettingsError(`${where}.${key} must be a boolean`);
    }
    if (item.packages !== undefined && !globArray(item.packages)) throw new SettingsError(`${where}.packages must be an array of module names`);
    for (const key of ['name', 'namespace'] as const) {
      if (item[key] === undefined && key === 'namespace') continue;
      if (!Array.isArray(item[key])) throw new SettingsError(`${where}.${key} must be an array of name sources`);
      (item[key] as unknown[]).forEach((source, i) => validateNameSource(source, `${where}.${key}[${i}]`));
    }
    if (item.connection !== undefined) validateNameSource(item.connection, `${where}.connection`);
  });
}

function validateNameSource(source: unknown, at: string): void {
  if (typeof source !== 'object' || source === null || Array.isArray(source)) throw new SettingsError(`${at} must be an object`);
  const item = source as Record<string, unknown>;
  for (const key of Object.keys(item)) {
    if (!nameSourceKeys.has(key)) throw new SettingsError(`${at} has an unknown property '${key}'`);
  }
  if (item.argument !== undefined && !Number.isInteger(item.argument)) throw new SettingsError(`${at}.argument must be an integer`);
  if (item.property !== undefined && typeof item.property !== 'string') throw new SettingsError(`${at}.property must be a string`);
  if (item.className !== undefined && typeof item.className !== 'boolean') throw new SettingsError(`${at}.className must be a boolean`);
  if (item.renamedBy !== undefined && !stringArray(item.renamedBy)) throw new SettingsError(`${at}.renamedBy must be an array of strings`);
  if (item.case !== undefined && item.case !== 'snake') throw new SettingsError(`${at}.case must be 'snake'`);
}
