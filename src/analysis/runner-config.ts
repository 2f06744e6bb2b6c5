import fs from 'node:fs';
import path from 'node:path';

import { parse } from '@typescript-eslint/typescript-estree';
import { type TSESTree } from '@typescript-eslint/utils';

import { declarationOf, propertyKeyName, unwrapExpression } from './ast';
import type { Framework } from './test-framework';
import { AST_NODE_TYPES } from '../util/node-types';

/*
 * Test-runner configuration, read statically: the nearest vitest/vite, jest, playwright and mocha
 * config files above a linted file, and the package.json scripts that start the runner. Config
 * files are parsed, never executed; a value that is not a literal counts as unknown. Each file is
 * re-read only when its modification time or size changes.
 */

export type Runner = 'vitest' | 'jest' | 'playwright' | 'mocha' | 'node:test' | 'bun';

/** How a runner schedules test files for one linted file. */
export interface RunnerSchedule {
  /** The runner that runs the file, when it can be told. */
  runner: Runner | undefined;
  /** Set when the configuration makes the runner run files one at a time: what says so. */
  sequentialBecause?: string;
  /** Set when the runner runs each file more than once at the same time (several Playwright projects). */
  repeatsFilesBecause?: string;
  /** The directory of the package the file belongs to: where its other test files are. */
  projectRoot: string;
}

type ConfigRunner = Exclude<Runner, 'bun' | 'node:test'>;

interface RunnerFacts {
  /** What makes the runner run files one at a time, when something does. */
  sequential?: string;
  /** Mocha: whether `parallel: true` is set. */
  parallel?: boolean;
  /** Playwright: how many projects run each file. */
  projects?: number;
  /** Files named as `globalSetup`/`globalTeardown`, absolute. */
  globalSetup: string[];
}

interface ScriptFacts {
  name: string;
  runner: Exclude<Runner, 'bun'>;
  sequential?: string;
  parallel: boolean;
  /** The `--config` file, absolute. */
  config?: string;
}

interface ConfigFileFacts {
  runners: Partial<Record<ConfigRunner, RunnerFacts>>;
  scripts: ScriptFacts[];
}

const configFileNames: [RegExp, ConfigRunner | 'package'][] = [
  [/^vitest\.config\.[cm]?[jt]s$/, 'vitest'],
  [/^vite\.config\.[cm]?[jt]s$/, 'vitest'],
  [/^jest\.config\.([cm]?[jt]s|json)$/, 'jest'],
  [/^playwright\.config\.[cm]?[jt]s$/, 'playwright'],
  [/^\.mocharc\.(c?js|mjs|jsonc?|ya?ml)$/, 'mocha'],
  [/^package\.json$/, 'package'],
];

const MAX_CONFIG_BYTES = 256 * 1024;

class RunnerConfigReader {
  private readonly directories = new Map<string, { mtimeMs: number; files: string[] }>();
  private readonly files = new Map<string, { mtimeMs: number; size: number; facts: ConfigFileFacts | undefined }>();

  /** How the runner that runs `filename` schedules files. */
  scheduleOf(filename: string, frameworks: ReadonlySet<Exclude<Framework, 'globals'>>): RunnerSchedule {
    const found = this.nearestConfigs(filename);
    const rootFile = found.get('package')?.file ?? [...found.values()][0]?.file ?? path.resolve(filename);
    const projectRoot = path.dirname(rootFile);
    const runner = chooseRunner(frameworks, found);
    if (runner === undefined) {
      // Globals without a config we can read: stay quiet if any runner config here is sequential.
      for (const candidate of ['vitest', 'jest', 'mocha'] as const) {
        const because = this.sequentialBecause(candidate, filename, found);
        if (because) return { runner: undefined, sequentialBecause: because, projectRoot };
      }
      return { runner: undefined, projectRoot };
    }
    if (runner === 'bun') return { runner, sequentialBecause: 'bun runs test files one at a time', projectRoot };
    const projects = runner === 'playwright' ? (found.get('playwright')?.facts.runners.playwright?.projects ?? 0) : 0;
    return {
      runner,
      sequentialBecause: this.sequentialBecause(runner, filename, found),
      repeatsFilesBecause: projects > 1 ? `each of the ${projects} Playwright projects runs this file` : undefined,
      projectRoot,
    };
  }

  /** Whether a runner config names `filename` as its `globalSetup` or `globalTeardown`. */
  isConfiguredGlobalSetup(filename: string): boolean {
    const stem = withoutExtension(filename);
    for (const { facts } of this.nearestConfigs(filename).values()) {
      for (const runnerFacts of Object.values(facts.runners)) {
        if (runnerFacts.globalSetup.some((file) => withoutExtension(file) === stem)) return true;
      }
    }
    return false;
  }

  private sequentialBecause(runner: Exclude<Runner, 'bun'>, filename: string, found: NearestConfigs): string | undefined {
    const config = runner === 'node:test' ? undefined : found.get(runner);
    const facts = config?.facts.runners[runner as ConfigRunner];
    if (runner === 'mocha') {
      // mocha runs files one at a time unless told `parallel`.
      if (facts?.parallel) return undefined;
      const scripts = relevantScripts(runner, filename, found, config?.file);
      if (scripts.length > 0 && scripts.every((script) => script.parallel)) return undefined;
      return 'mocha runs test files one at a time unless `parallel` is set';
    }
    if (facts?.sequential) return `${path.basename(config!.file)}: ${facts.sequential}`;
    const scripts = relevantScripts(runner, filename, found, config?.file);
    if (scripts.length > 0 && scripts.every((script) => script.sequential !== undefined)) {
      return `package.json script "${scripts[0]!.name}": ${scripts[0]!.sequential}`;
    }
    return undefined;
  }

  /** The nearest config file of each runner (and the nearest package.json) above `filename`. */
  private nearestConfigs(filename: string): NearestConfigs {
    const found: NearestConfigs = new Map();
    let directory = path.dirname(path.resolve(filename));
    for (let depth = 0; depth < 40; depth++) {
      for (const file of this.configFilesIn(directory)) {
        const base = path.basename(file);
        const kind = configFileNames.find(([pattern]) => pattern.test(base))?.[1];
        if (!kind) continue;
        if (found.has(kind)) continue;
        const facts = this.factsOf(file, kind);
        if (!facts) continue;
        if (kind === 'package') {
          found.set('package', { file, facts });
          // package.json's own `jest` and `mocha` sections configure those runners.
          for (const runner of Object.keys(facts.runners) as ConfigRunner[]) {
            if (!found.has(runner)) found.set(runner, { file, facts });
          }
          continue;
        }
        // A vite.config without a `test` section does not configure vitest.
        if (!facts.runners[kind]) continue;
        found.set(kind, { file, facts });
      }
      const parent = path.dirname(directory);
      if (parent === directory) break;
      directory = parent;
    }
    return found;
  }

  private configFilesIn(directory: string): string[] {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(directory);
    } catch {
      return [];
    }
    const cached = this.directories.get(directory);
    if (cached && cached.mtimeMs === stat.mtimeMs) return cached.files;
    let names: string[];
    try {
      names = fs.readdirSync(directory);
    } catch {
      names = [];
    }
    // vitest.config wins over vite.config in the same directory, as in vitest itself.
    const files = names
      .filter((name) => configFileNames.some(([pattern]) => pattern.test(name)))
      .sort((a, b) => Number(a.startsWith('vite.')) - Number(b.startsWith('vite.')))
      .map((name) => path.join(directory, name));
    this.directories.set(directory, { mtimeMs: stat.mtimeMs, files });
    return files;
  }

  private factsOf(file: string, kind: ConfigRunner | 'package'): ConfigFileFacts | undefined {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch {
      this.files.delete(file);
      return undefined;
    }
    const cached = this.files.get(file);
    if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.facts;
    let facts: ConfigFileFacts | undefined;
    if (stat.isFile() && stat.size <= MAX_CONFIG_BYTES) {
      try {
        facts = readConfigFile(file, kind, fs.readFileSync(file, 'utf8'));
      } catch {
        facts = undefined;
      }
    }
    this.files.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, facts });
    return facts;
  }
}

type NearestConfigs = Map<ConfigRunner | 'package', { file: string; facts: ConfigFileFacts }>;

function chooseRunner(frameworks: ReadonlySet<Exclude<Framework, 'globals'>>, found: NearestConfigs): Runner | undefined {
  for (const framework of frameworks) {
    if (framework === 'vitest' || framework === 'jest' || framework === 'playwright' || framework === 'mocha' || framework === 'bun') {
      return framework;
    }
    if (framework === 'node:test') return 'node:test';
  }
  // Globals: the runner whose config is nearest among those that offer globals.
  const candidates = (['vitest', 'jest', 'mocha'] as const).filter((runner) => found.has(runner));
  if (candidates.length === 1) return candidates[0];
  const scripts = found.get('package')?.facts.scripts ?? [];
  const scripted = (['vitest', 'jest', 'mocha'] as const).filter((runner) => scripts.some((script) => script.runner === runner));
  return candidates.length === 0 && scripted.length === 1 ? scripted[0] : undefined;
}

/** The package.json scripts that run `filename` with `runner`: those whose `--config` covers it, else those without one. */
function relevantScripts(runner: Exclude<Runner, 'bun'>, filename: string, found: NearestConfigs, configFile: string | undefined): ScriptFacts[] {
  const scripts = (found.get('package')?.facts.scripts ?? []).filter((script) => script.runner === runner);
  const covering = scripts.filter((script) => script.config && isInside(filename, path.dirname(script.config)) && script.config !== configFile);
  if (covering.length > 0) return covering;
  return scripts.filter((script) => !script.config || script.config === configFile);
}

function isInside(file: string, directory: string): boolean {
  const relative = path.relative(directory, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

function withoutExtension(file: string): string {
  return file.replace(/\.[cm]?[jt]sx?$/, '');
}

// ------------------------------------------------------------------ reading one file

function readConfigFile(file: string, kind: ConfigRunner | 'package', text: string): ConfigFileFacts | undefined {
  const directory = path.dirname(file);
  if (kind === 'package') return readPackageJson(directory, text);
  if (kind === 'mocha' && /\.ya?ml$/.test(file)) {
    return { runners: { mocha: { parallel: /^\s*parallel:\s*true\b/m.test(text), globalSetup: [] } }, scripts: [] };
  }
  const config: ConfigSource | undefined = file.endsWith('.json') || file.endsWith('.jsonc') ? jsonSource(text) : moduleSource(text, file);
  if (!config) {
    // A runner's own config file configures it even when its contents cannot be read statically.
    const ownFile = kind !== 'vitest' || path.basename(file).startsWith('vitest.');
    return { runners: ownFile ? { [kind]: { globalSetup: [] } } : {}, scripts: [] };
  }
  const facts = readRunnerFacts(kind, config, directory, path.basename(file).startsWith('vitest.'));
  return { runners: facts ? { [kind]: facts } : {}, scripts: [] };
}

/** One way to look values up in a config, whether JSON or a parsed module. */
interface ConfigSource {
  /** A literal value at a property path, `unknown` when it is there but not a literal, `undefined` when absent. */
  get(keys: readonly string[]): unknown;
  has(keys: readonly string[]): boolean;
  /** String values at a path: a string, an array of strings, or `require.resolve('x')`. */
  strings(keys: readonly string[]): string[];
  /** The number of elements of an array literal at a path. */
  arrayLength(keys: readonly string[]): number | undefined;
}

const NOT_A_LITERAL = Symbol('not a literal');

function readRunnerFacts(kind: ConfigRunner, config: ConfigSource, directory: string, vitestConfigFile = false): RunnerFacts | undefined {
  const resolveAll = (files: string[]) =>
    files.map((file) => path.resolve(directory, file.replace(/^<rootDir>\/?/, '')));
  switch (kind) {
    case 'vitest': {
      // A vite.config configures vitest only through its `test` section.
      if (!vitestConfigFile && !config.has(['test'])) return undefined;
      const sequential = vitestSequential(config);
      return { sequential, globalSetup: resolveAll(config.strings(['test', 'globalSetup'])) };
    }
    case 'jest': {
      const maxWorkers = config.get(['maxWorkers']);
      const sequential =
        isOne(maxWorkers) ? `maxWorkers: ${String(maxWorkers)}` : config.get(['runInBand']) === true ? 'runInBand: true' : undefined;
      return { sequential, globalSetup: resolveAll([...config.strings(['globalSetup']), ...config.strings(['globalTeardown'])]) };
    }
    case 'playwright': {
      const workers = config.get(['workers']);
      return {
        sequential: isOne(workers) ? `workers: ${String(workers)}` : undefined,
        projects: config.arrayLength(['projects']),
        globalSetup: resolveAll([...config.strings(['globalSetup']), ...config.strings(['globalTeardown'])]),
      };
    }
    case 'mocha':
      return { parallel: config.get(['parallel']) === true, globalSetup: [] };
  }
}

function vitestSequential(config: ConfigSource): string | undefined {
  for (const root of [['test'], []]) {
    if (config.get([...root, 'fileParallelism']) === false) return 'fileParallelism: false';
    for (const key of ['maxWorkers', 'maxThreads', 'maxForks']) {
      const value = config.get([...root, key]);
      if (isOne(value)) return `${key}: ${String(value)}`;
    }
  }
  const pool = config.get(['test', 'pool']);
  const pools = typeof pool === 'string' ? [pool] : ['threads', 'forks', 'vmThreads', 'vmForks'];
  for (const name of pools) {
    for (const key of ['singleThread', 'singleFork']) {
      if (config.get(['test', 'poolOptions', name, key]) === true) return `poolOptions.${name}.${key}: true`;
    }
    for (const key of ['maxThreads', 'maxForks']) {
      const value = config.get(['test', 'poolOptions', name, key]);
      if (isOne(value)) return `poolOptions.${name}.${key}: ${String(value)}`;
    }
  }
  return undefined;
}

function isOne(value: unknown): boolean {
  return value === 1 || value === '1';
}

function jsonSource(text: string): ConfigSource | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\s*\/\/.*$/gm, ''));
  } catch {
    return undefined;
  }
  return plainSource(data);
}

function plainSource(data: unknown): ConfigSource {
  const at = (keys: readonly string[]): unknown => {
    let current = data;
    for (const key of keys) {
      if (typeof current !== 'object' || current === null || !Object.hasOwn(current, key)) return undefined;
      current = (current as Record<string, unknown>)[key];
    }
    return current;
  };
  return {
    get: (keys) => {
      const value = at(keys);
      return typeof value === 'object' && value !== null ? NOT_A_LITERAL : value;
    },
    has: (keys) => at(keys) !== undefined,
    strings: (keys) => {
      const value = at(keys);
      if (typeof value === 'string') return [value];
      return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
    },
    arrayLength: (keys) => {
      const value = at(keys);
      return Array.isArray(value) ? value.length : undefined;
    },
  };
}

/** A JS/TS config module: the object its default export or `module.exports` evaluates to, statically. */
function moduleSource(text: string, file: string): ConfigSource | undefined {
  let program: TSESTree.Program;
  try {
    program = parse(text, { jsx: file.endsWith('x'), range: true, loc: false, comment: false, errorOnUnknownASTType: false });
  } catch {
    return undefined;
  }
  const constants = new Map<string, TSESTree.Expression>();
  for (const statement of program.body) {
    const declaration = declarationOf(statement);
    if (declaration?.type !== AST_NODE_TYPES.VariableDeclaration) continue;
    for (const declarator of declaration.declarations) {
      if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.init) constants.set(declarator.id.name, declarator.init);
    }
  }
  const objects: TSESTree.ObjectExpression[] = [];
  for (const statement of program.body) {
    let exported: TSESTree.Node | undefined;
    if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration) exported = statement.declaration;
    else if (statement.type === AST_NODE_TYPES.TSExportAssignment) exported = statement.expression;
    else if (
      statement.type === AST_NODE_TYPES.ExpressionStatement &&
      statement.expression.type === AST_NODE_TYPES.AssignmentExpression &&
      isModuleExports(statement.expression.left)
    ) {
      exported = statement.expression.right;
    }
    if (exported) objects.push(...configObjects(exported, constants, 0));
  }
  if (objects.length === 0) return undefined;
  return astSource(objects, constants);
}

function isModuleExports(node: TSESTree.Node): boolean {
  return (
    node.type === AST_NODE_TYPES.MemberExpression &&
    node.object.type === AST_NODE_TYPES.Identifier &&
    node.object.name === 'module' &&
    node.property.type === AST_NODE_TYPES.Identifier &&
    node.property.name === 'exports'
  );
}

const configHelpers = new Set(['defineConfig', 'defineProject', 'mergeConfig', 'defineVitestConfig']);

/** `{…}`, `defineConfig({…})`, `defineConfig(() => ({…}))`, `mergeConfig(a, b)`, `config` → its object literals, in merge order. */
function configObjects(node: TSESTree.Node, constants: Map<string, TSESTree.Expression>, depth: number): TSESTree.ObjectExpression[] {
  if (depth > 6) return [];
  const value = unwrapExpression(node);
  switch (value.type) {
    case AST_NODE_TYPES.ObjectExpression:
      return [value];
    case AST_NODE_TYPES.Identifier: {
      const init = constants.get(value.name);
      return init ? configObjects(init, constants, depth + 1) : [];
    }
    case AST_NODE_TYPES.CallExpression: {
      const callee = unwrapExpression(value.callee);
      const name =
        callee.type === AST_NODE_TYPES.Identifier
          ? callee.name
          : callee.type === AST_NODE_TYPES.MemberExpression && callee.property.type === AST_NODE_TYPES.Identifier
            ? callee.property.name
            : undefined;
      if (name === undefined || !configHelpers.has(name)) return [];
      return value.arguments.flatMap((argument) => configObjects(argument, constants, depth + 1));
    }
    case AST_NODE_TYPES.ArrowFunctionExpression:
    case AST_NODE_TYPES.FunctionExpression:
    case AST_NODE_TYPES.FunctionDeclaration: {
      if (value.body.type !== AST_NODE_TYPES.BlockStatement) return configObjects(value.body, constants, depth + 1);
      const returned = value.body.body.find((statement): statement is TSESTree.ReturnStatement => statement.type === AST_NODE_TYPES.ReturnStatement);
      return returned?.argument ? configObjects(returned.argument, constants, depth + 1) : [];
    }
    case AST_NODE_TYPES.AwaitExpression:
      return configObjects(value.argument, constants, depth + 1);
    default:
      return [];
  }
}

function astSource(objects: TSESTree.ObjectExpression[], constants: Map<string, TSESTree.Expression>): ConfigSource {
  /** The value node at a path; later objects win, as in `mergeConfig`. */
  const at = (keys: readonly string[]): TSESTree.Node | undefined => {
    for (let index = objects.length - 1; index >= 0; index--) {
      const found = lookup(objects[index]!, keys, constants, 0);
      if (found) return found;
    }
    return undefined;
  };
  return {
    get: (keys) => {
      const node = at(keys);
      if (!node) return undefined;
      const value = unwrapExpression(node);
      if (value.type === AST_NODE_TYPES.Literal) return value.value;
      if (value.type === AST_NODE_TYPES.Identifier && value.name === 'undefined') return undefined;
      return NOT_A_LITERAL;
    },
    has: (keys) => at(keys) !== undefined,
    strings: (keys) => {
      const node = at(keys);
      if (!node) return [];
      const value = unwrapExpression(node);
      const items = value.type === AST_NODE_TYPES.ArrayExpression ? value.elements : [value];
      return items.flatMap((item) => {
        if (!item) return [];
        let element = unwrapExpression(item);
        // `require.resolve('./global-setup')`
        if (element.type === AST_NODE_TYPES.CallExpression && element.arguments[0]) element = unwrapExpression(element.arguments[0]);
        return element.type === AST_NODE_TYPES.Literal && typeof element.value === 'string' ? [element.value] : [];
      });
    },
    arrayLength: (keys) => {
      const node = at(keys);
      const value = node ? unwrapExpression(node) : undefined;
      return value?.type === AST_NODE_TYPES.ArrayExpression ? value.elements.length : undefined;
    },
  };
}

function lookup(
  object: TSESTree.ObjectExpression,
  keys: readonly string[],
  constants: Map<string, TSESTree.Expression>,
  depth: number,
): TSESTree.Node | undefined {
  const [first, ...rest] = keys;
  if (first === undefined) return object;
  for (let index = object.properties.length - 1; index >= 0; index--) {
    const property = object.properties[index]!;
    if (property.type !== AST_NODE_TYPES.Property || propertyKeyName(property) !== first) continue;
    if (rest.length === 0) return property.value;
    let value = unwrapExpression(property.value);
    if (value.type === AST_NODE_TYPES.Identifier && depth < 4) {
      const init = constants.get(value.name);
      if (init) value = unwrapExpression(init);
    }
    return value.type === AST_NODE_TYPES.ObjectExpression ? lookup(value, rest, constants, depth + 1) : undefined;
  }
  return undefined;
}

// ------------------------------------------------------------------ package.json

function readPackageJson(directory: string, text: string): ConfigFileFacts | undefined {
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const runners: ConfigFileFacts['runners'] = {};
  if (typeof data.jest === 'object' && data.jest !== null) {
    runners.jest = readRunnerFacts('jest', plainSource(data.jest), directory);
  }
  if (typeof data.mocha === 'object' && data.mocha !== null) {
    runners.mocha = readRunnerFacts('mocha', plainSource(data.mocha), directory);
  }
  const scripts: ScriptFacts[] = [];
  if (typeof data.scripts === 'object' && data.scripts !== null) {
    for (const [name, command] of Object.entries(data.scripts as Record<string, unknown>)) {
      if (typeof command !== 'string' || /debug|watch/i.test(name)) continue;
      for (const segment of command.split(/&&|\|\||;|\|/)) {
        const script = readScript(name, segment, directory);
        if (script) scripts.push(script);
      }
    }
  }
  return { runners, scripts };
}

/** The command-line flags that make each runner run test files one at a time. */
const sequentialFlags: Record<ScriptFacts['runner'], readonly string[]> = {
  vitest: [
    '--no-file-parallelism',
    '--fileParallelism=false',
    '--file-parallelism=false',
    '--maxWorkers=1',
    '--max-workers=1',
    '--poolOptions.threads.singleThread',
    '--poolOptions.forks.singleFork',
    '--single-thread',
    '--no-threads',
  ],
  jest: ['--runInBand', '--run-in-band', '-i', '--maxWorkers=1', '--max-workers=1', '-w=1'],
  playwright: ['--workers=1', '-j=1'],
  'node:test': ['--test-concurrency=1', '--experimental-test-isolation=none', '--test-isolation=none'],
  mocha: [],
};

/** One command of a script: which runner it starts, with which flags. */
function readScript(name: string, command: string, directory: string): ScriptFacts | undefined {
  const tokens = command.trim().split(/\s+/).map((token) => token.replace(/^['"]|['"]$/g, ''));
  if (tokens.some((token) => token.startsWith('--inspect'))) return undefined;
  const is = (binary: string) => (token: string) => token === binary || token.endsWith(`/${binary}`) || token.endsWith(`/${binary}.js`) || token.endsWith(`/${binary}.mjs`);
  let runner: ScriptFacts['runner'] | undefined;
  if (tokens.some(is('vitest'))) runner = 'vitest';
  else if (tokens.some(is('jest'))) runner = 'jest';
  else if (tokens.some(is('mocha'))) runner = 'mocha';
  else if (tokens.some(is('playwright')) && tokens.includes('test')) runner = 'playwright';
  else if (tokens.some((token) => is('node')(token) || is('tsx')(token)) && tokens.includes('--test')) runner = 'node:test';
  if (!runner) return undefined;
  const flag = (names: readonly string[]): string | undefined => {
    for (let index = 0; index < tokens.length; index++) {
      const token = tokens[index]!;
      for (const flagName of names) {
        const [bare, expected] = flagName.split('=');
        if (token === flagName) return flagName;
        if (expected !== undefined && token === bare && tokens[index + 1] === expected) return flagName;
      }
    }
    return undefined;
  };
  let config: string | undefined;
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    if ((token === '--config' || token === '-c') && tokens[index + 1]) config = tokens[index + 1];
    else if (token.startsWith('--config=')) config = token.slice('--config='.length);
  }
  return {
    name,
    runner,
    sequential: flag(sequentialFlags[runner]),
    parallel: runner === 'mocha' && tokens.some((token) => token === '--parallel' || token === '-p'),
    config: config === undefined ? undefined : path.resolve(directory, config),
  };
}

let sharedReader: RunnerConfigReader | undefined;

function reader(): RunnerConfigReader {
  sharedReader ??= new RunnerConfigReader();
  return sharedReader;
}

/** How the test runner schedules the file `filename` (which imports `frameworks`), read from its configs. */
export function runnerScheduleOf(filename: string, frameworks: ReadonlySet<Exclude<Framework, 'globals'>>): RunnerSchedule {
  return reader().scheduleOf(filename, frameworks);
}

/** Whether a runner config names `filename` as its `globalSetup`/`globalTeardown` file. */
export function isConfiguredGlobalSetup(filename: string): boolean {
  return reader().isConfiguredGlobalSetup(filename);
}
