import path from 'node:path';

import { TSESLint, type TSESTree } from '@typescript-eslint/utils';

import {
  type FunctionNode,
  findVariableOf,
  flattenMemberChain,
  isFunctionNode,
  isStringLiteral,
  isWithin,
  memberName,
  propertyKeyName,
  requiredModuleName,
  unwrapExpression,
  valueParent,
} from './ast';
import type { BindingTarget, ModuleScope } from './module-scope';
import { type ForeignProgram, type Project, foreignProgramOf, getProjectIndex, noteLint } from './project-index';
import { type ResolvedSettings, resolveSettings } from './settings';
import { walk } from './traverse';
import { AST_NODE_TYPES } from '../util/node-types';

const { DefinitionType } = TSESLint.Scope;

/** The test runners the plugin understands; `globals` is an unbound `describe`/`beforeAll` in a test file. */
export type Framework = 'vitest' | 'jest' | 'mocha' | 'node:test' | 'playwright' | 'bun' | 'globals';

export type HookName = 'beforeAll' | 'beforeEach' | 'afterAll' | 'afterEach' | 'aroundAll' | 'aroundEach';

/** What a framework export is. */
type ExportRole =
  | { role: 'test' }
  | { role: 'suite' }
  | { role: 'hook'; hook: HookName }
  | { role: 'testEvent'; event: 'onTestFinished' | 'onTestFailed' }
  | { role: 'mergeTests' };

const test = { role: 'test' } as const;
const suite = { role: 'suite' } as const;
const hook = (name: HookName): ExportRole => ({ role: 'hook', hook: name });
const commonHooks = {
  beforeAll: hook('beforeAll'),
  beforeEach: hook('beforeEach'),
  afterAll: hook('afterAll'),
  afterEach: hook('afterEach'),
};
const mochaStyleHooks = {
  before: hook('beforeAll'),
  after: hook('afterAll'),
  beforeEach: hook('beforeEach'),
  afterEach: hook('afterEach'),
};

/** Each framework's exports by name; `default` is the default export. */
const frameworkExports: Record<Exclude<Framework, 'globals'>, Record<string, ExportRole>> = {
  vitest: {
    test,
    it: test,
    describe: suite,
    suite,
    ...commonHooks,
    aroundAll: hook('aroundAll'),
    aroundEach: hook('aroundEach'),
    onTestFinished: { role: 'testEvent', event: 'onTestFinished' },
    onTestFailed: { role: 'testEvent', event: 'onTestFailed' },
  },
  jest: { test, it: test, xit: test, xtest: test, fit: test, describe: suite, xdescribe: suite, fdescribe: suite, ...commonHooks },
  mocha: {
    it: test,
    test,
    xit: test,
    specify: test,
    describe: suite,
    context: suite,
    suite,
    xdescribe: suite,
    ...mochaStyleHooks,
    suiteSetup: hook('beforeAll'),
    suiteTeardown: hook('afterAll'),
    setup: hook('beforeEach'),
    teardown: hook('afterEach'),
  },
  'node:test': { default: test, test, it: test, describe: suite, suite, ...mochaStyleHooks },
  playwright: { default: test, test, mergeTests: { role: 'mergeTests' } },
  bun: { test, it: test, describe: suite, ...commonHooks },
};

/** Unbound names a test file may use as globals (jest, vitest `globals: true`, mocha BDD and TDD). */
const globalExports: Record<string, ExportRole> = {
  test,
  it: test,
  xit: test,
  xtest: test,
  fit: test,
  describe: suite,
  xdescribe: suite,
  fdescribe: suite,
  suite,
  context: suite,
  specify: test,
  ...commonHooks,
  before: hook('beforeAll'),
  after: hook('afterAll'),
  suiteSetup: hook('beforeAll'),
  suiteTeardown: hook('afterAll'),
  setup: hook('beforeEach'),
  teardown: hook('afterEach'),
  onTestFinished: { role: 'testEvent', event: 'onTestFinished' },
  onTestFailed: { role: 'testEvent', event: 'onTestFailed' },
};
const frameworkModules: Record<string, Exclude<Framework, 'globals'>> = {
  vitest: 'vitest',
  '@jest/globals': 'jest',
  mocha: 'mocha',
  'node:test': 'node:test',
  '@playwright/test': 'playwright',
  'playwright/test': 'playwright',
  '@playwright/experimental-ct-react': 'playwright',
  '@playwright/experimental-ct-vue': 'playwright',
  '@playwright/experimental-ct-svelte': 'playwright',
  'bun:test': 'bun',
};

export function frameworkOfModule(moduleName: string): Exclude<Framework, 'globals'> | undefined {
  return Object.hasOwn(frameworkModules, moduleName) ? frameworkModules[moduleName] : undefined;
}

/**
 * How often the runner calls the callback given to a global test API or to one of its members, by
 * the name alone (for files read without a scope manager): `once` for tests, suites and
 * `beforeAll`/`afterAll` hooks (`it`, `describe`, `test.describe`, `suiteSetup`), `perTest` for
 * `beforeEach`/`afterEach` hooks, `perRow` for `each`/`for` tables; undefined for any other name.
 */
export function callbackRunsByName(name: string): 'once' | 'perTest' | 'perRow' | undefined {
  if (name === 'each' || name === 'for') return 'perRow';
  const role = Object.hasOwn(globalExports, name) ? globalExports[name] : undefined;
  if (role?.role === 'test' || role?.role === 'suite') return 'once';
  if (role?.role !== 'hook') return undefined;
  return role.hook === 'beforeEach' || role.hook === 'afterEach' ? 'perTest' : role.hook === 'beforeAll' || role.hook === 'afterAll' ? 'once' : undefined;
}

/** Modifiers whose call returns the test or suite function: `test.each(table)(name, fn)`. */
const factoryModifiers = new Set(['each', 'for', 'runIf', 'skipIf', 'if', 'todoIf']);

/** Modifiers that keep a test or suite a test or suite: `test.only`, `describe.each(table)`. */
const chainModifiers = new Set([
  'only',
  'skip',
  'todo',
  'concurrent',
  'sequential',
  'shuffle',
  'fails',
  'failing',
  'each',
  'for',
  'runIf',
  'skipIf',
  'if',
  'todoIf',
  'fixme',
  'fail',
  'slow',
  'serial',
  'parallel',
]);

/** A fixture definition inside `test.extend(...)`. */
export interface FixtureDefinition {
  name: string;
  /** The property (object form) or the call (builder form) that defines it. */
  node: TSESTree.Node;
  /** The fixture function, when the fixture is one. */
  fn?: FunctionNode;
  /** A static fixture value. */
  value?: TSESTree.Expression;
  form: 'object' | 'builder';
  scope: 'test' | 'worker' | 'file';
  auto: boolean;
  /**
   * The module that defines the fixture when it is not the linted file (`import { test } from
   * './fixtures'`): `node`, `fn` and `value` then belong to that file's syntax tree, which the
   * linted file's scope manager knows nothing about.
   */
  file?: string;
}

/** A recognised test-framework API: a test function (possibly extended with fixtures), suite, hook, … */
interface TestApi {
  framework: Framework;
  role: ExportRole;
  /** `extend` calls that built this test function, innermost (base) first. */
  extendCalls: readonly TSESTree.CallExpression[];
}

export type TestCallKind = 'test' | 'suite' | 'hook' | 'fixtures' | 'testEvent' | 'onCleanup' | 'other';

/** The answer to "what is this call", for every rule. */
export interface TestCall {
  node: TSESTree.CallExpression;
  kind: TestCallKind;
  framework: Framework;
  /** Canonical hook, for `kind: 'hook'`. */
  hook?: HookName;
  /** `test.only` → `['only']`. */
  modifiers: string[];
  /** The function argument the runner calls: the test body, suite body, hook or event callback. */
  callback?: FunctionNode;
  /** For `kind: 'fixtures'`: the fixtures this call defines. */
  fixtures?: FixtureDefinition[];
  /** For `kind: 'test'`: every fixture the test function offers (from all `extend` calls behind it). */
  availableFixtures?: ReadonlyMap<string, FixtureDefinition>;
}

/** A function the runner calls and awaits: where async resources are opened and closed. */
export interface RunnerCallback {
  fn: FunctionNode;
  kind: 'hook' | 'fixture' | 'cleanup' | 'testEvent' | 'onCleanup' | 'globalSetup' | 'rootHook' | 'globalFixture';
  framework: Framework;
  hook?: HookName;
  fixture?: FixtureDefinition;
  /** The parameter the runner passes as a `done` callback, when the function takes one. */
  doneParam?: TSESTree.Parameter;
  /** How messages name it: `beforeAll hook`, `fixture "db"`. */
  label: string;
  /** For `globalSetup` and `globalFixture`: whether the runner calls it after the run (a teardown). */
  teardown?: boolean;
}

/** When the runner calls a callback relative to the tests, and how often. */
export interface CallbackTiming {
  /** `setup` runs before tests, `teardown` after them, `wrap` on both sides of one `use()` (fixtures, `aroundEach`). */
  phase: 'setup' | 'teardown' | 'wrap';
  /**
   * `test`: once per test; `suite`: once per suite, file or worker; `global`: once per run;
   * `inherit`: as often as the fixture that registers it (`onCleanup`).
   */
  scope: 'test' | 'suite' | 'global' | 'inherit';
}

/** What the recognition layer knows about one file's test code. */
export class FileTestInfo {
  /** Test code: named as test code by the settings' globs, or importing a test framework or a project's test API. */
  readonly isTestFile: boolean;
  readonly settings: ResolvedSettings;
  /** The test frameworks the file imports or requires. */
  readonly importedFrameworks: ReadonlySet<Exclude<Framework, 'globals'>>;
  private readonly callCache = new WeakMap<TSESTree.CallExpression, TestCall | null>();
  private readonly variableCache = new WeakMap<TSESLint.Scope.Variable, TestApi | null>();
  private exportedCallbacksCache: RunnerCallback[] | undefined;
  private mockedModulesCache: ReadonlySet<string> | undefined;
  private globalSetupCache: boolean | undefined;
  private callKindsCache: ReadonlySet<TestCallKind> | undefined;
  private readonly namingExtendCalls = new Map<FunctionNode, TSESTree.CallExpression | null>();
  /** Whether the text may name a fixture function declared apart (`extend`, `override`, `scoped`). */
  private namesFixtures: boolean | undefined;

  constructor(
    private readonly sourceCode: Readonly<TSESLint.SourceCode>,
    private readonly filename: string,
    private readonly cwd: string,
    settings: ResolvedSettings,
  ) {
    this.settings = settings;
    this.importedFrameworks = frameworksImportedBy(sourceCode.ast);
    // The path is checked before a project's test API, which may read another module.
    this.isTestFile = this.importedFrameworks.size > 0 || settings.isTestFile(filename, cwd) || this.importsProjectTestApi();
  }

  /** Whether the settings name the file a `globalSetup` file, which runs once before all workers. */
  get isGlobalSetupFile(): boolean {
    this.globalSetupCache ??= this.settings.isGlobalSetupFile(this.filename, this.cwd);
    return this.globalSetupCache;
  }

  /**
   * The kinds of test-framework call the file makes (`test`, `suite`, `hook`, …), read from all its
   * calls when first asked: rules ask only when they have something to report.
   */
  callKinds(): ReadonlySet<TestCallKind> {
    if (!this.callKindsCache) {
      const kinds = new Set<TestCallKind>();
      walk(this.sourceCode.ast, (node) => {
        if (node.type === AST_NODE_TYPES.CallExpression) {
          const kind = this.parseCall(node)?.kind;
          if (kind) kinds.add(kind);
        }
      });
      this.callKindsCache = kinds;
    }
    return this.callKindsCache;
  }

  /** What `node` is as a test-framework call, or undefined when it is none. */
  parseCall(node: TSESTree.CallExpression): TestCall | undefined {
    if (!mayBeTestApiCall(node)) return undefined;
    let cached = this.callCache.get(node);
    if (cached === undefined) {
      cached = this.computeCall(node) ?? null;
      this.callCache.set(node, cached);
    }
    return cached ?? undefined;
  }

  /** The functions the runner calls because of this call: hook bodies, their cleanup returns, fixture functions, event callbacks. */
  runnerCallbacksOf(node: TSESTree.CallExpression): RunnerCallback[] {
    const call = this.parseCall(node);
    if (!call) return [];
    switch (call.kind) {
      case 'hook': {
        if (!call.callback || !call.hook) return [];
        // Messages name the hook as the user wrote it (`after`, `suiteTeardown`), not its canonical kind.
        const written = calleeLabel(node);
        const callbacks: RunnerCallback[] = [
          {
            fn: call.callback,
            kind: 'hook',
            framework: call.framework,
            hook: call.hook,
            doneParam: doneParameter(call.framework, call.callback),
            label: `${written} hook`,
          },
        ];
        if (
          (call.framework === 'vitest' || call.framework === 'globals') &&
          (call.hook === 'beforeAll' || call.hook === 'beforeEach')
        ) {
          for (const cleanup of returnedFunctions(call.callback)) {
            callbacks.push({
              fn: cleanup,
              kind: 'cleanup',
              framework: call.framework,
              hook: call.hook,
              label: `cleanup function returned by ${written}`,
            });
          }
        }
        return callbacks;
      }
      case 'fixtures':
        return (call.fixtures ?? []).flatMap((fixture): RunnerCallback[] =>
          fixture.fn
            ? [{ fn: fixture.fn, kind: 'fixture', framework: call.framework, fixture, label: `fixture "${fixture.name}"` }]
            : [],
        );
      case 'testEvent':
        return call.callback
          ? [{ fn: call.callback, kind: 'testEvent', framework: call.framework, label: `${calleeLabel(node)} callback` }]
          : [];
      case 'onCleanup':
        return call.callback
          ? [{ fn: call.callback, kind: 'onCleanup', framework: call.framework, label: 'onCleanup callback' }]
          : [];
      default:
        return [];
    }
  }

  /**
   * Callbacks the runner finds through a module's exports: mocha root hooks (`mochaHooks`),
   * `mochaGlobalSetup`/`mochaGlobalTeardown`, and the `setup`/`teardown`/default exports of a
   * `globalSetup` file.
   */
  exportedRunnerCallbacks(): RunnerCallback[] {
    this.exportedCallbacksCache ??= this.computeExportedCallbacks();
    return this.exportedCallbacksCache;
  }

  /** The fixtures a test function offers, for the test or fixture function `fn` that receives them. */
  fixturesAvailableTo(fn: FunctionNode): ReadonlyMap<string, FixtureDefinition> | undefined {
    const parent = fn.parent;
    if (parent.type === AST_NODE_TYPES.CallExpression) {
      const call = this.parseCall(parent);
      if (call?.kind === 'test') return call.availableFixtures;
      if (call?.kind === 'fixtures') return this.fixturesOfExtendCall(parent);
    }
    // A fixture function inside an object-form `extend({...})`, possibly in a `[fn, options]` tuple, or named there.
    const extendCall = enclosingExtendCall(fn) ?? this.extendCallNaming(fn);
    return extendCall ? this.fixturesOfExtendCall(extendCall) : undefined;
  }

  /**
   * When and how often the runner calls `callback`. `call` is the call that registered it when the
   * callback is a named function declared elsewhere; inline callbacks find it themselves.
   */
  timingOf(callback: RunnerCallback, call?: TSESTree.CallExpression): CallbackTiming {
    switch (callback.kind) {
      case 'hook':
      case 'rootHook':
      case 'cleanup': {
        const hookName = callback.hook ?? 'beforeAll';
        const phase = callback.kind === 'cleanup' ? 'teardown' : hookPhase[hookName];
        const registeredBy = call ?? (callback.fn.parent.type === AST_NODE_TYPES.CallExpression ? callback.fn.parent : undefined);
        // A hook registered inside a test (`t.after(...)` in node:test) runs once, for that test.
        if (registeredBy && this.enclosingTest(registeredBy)) return { phase, scope: 'test' };
        return { phase, scope: hookName.endsWith('Each') ? 'test' : 'suite' };
      }
      case 'fixture':
        return { phase: 'wrap', scope: callback.fixture?.scope === 'test' ? 'test' : 'suite' };
      case 'testEvent':
        return { phase: 'teardown', scope: 'test' };
      case 'onCleanup':
        return { phase: 'teardown', scope: 'inherit' };
      case 'globalSetup':
      case 'globalFixture':
        return { phase: callback.teardown ? 'teardown' : 'setup', scope: 'global' };
    }
  }

  /** The innermost `describe`/`suite` call whose body contains `node`. */
  enclosingSuite(node: TSESTree.Node): TestCall | undefined {
    return this.enclosingCallOfKind(node, 'suite');
  }

  /** The innermost test call whose body contains `node`. */
  enclosingTest(node: TSESTree.Node): TestCall | undefined {
    return this.enclosingCallOfKind(node, 'test');
  }

  private enclosingCallOfKind(node: TSESTree.Node, kind: TestCallKind): TestCall | undefined {
    for (let current = node.parent; current; current = current.parent) {
      if (current.type !== AST_NODE_TYPES.CallExpression) continue;
      const call = this.parseCall(current);
      if (call?.kind === kind && call.callback && call.callback !== node && isWithin(node, call.callback)) return call;
    }
    return undefined;
  }

  private fixturesOfExtendCall(node: TSESTree.CallExpression): ReadonlyMap<string, FixtureDefinition> | undefined {
    const call = this.parseCall(node);
    if (call?.kind !== 'fixtures') return undefined;
    const api = this.resolveCalleeApi(node.callee.type === AST_NODE_TYPES.MemberExpression ? node.callee.object : node.callee);
    const map = new Map(api ? this.collectFixtures(api.extendCalls) : []);
    for (const fixture of call.fixtures ?? []) map.set(fixture.name, fixture);
    return map;
  }

  private computeCall(node: TSESTree.CallExpression): TestCall | undefined {
    let callee = unwrapExpression(node.callee);
    const extraModifiers: string[] = [];
    // `test.each(table)(name, fn)`, `describe.skipIf(cond)(name, fn)`, test.each`table`(name, fn)
    if (callee.type === AST_NODE_TYPES.CallExpression || callee.type === AST_NODE_TYPES.TaggedTemplateExpression) {
      const inner = flattenMemberChain(callee.type === AST_NODE_TYPES.CallExpression ? callee.callee : callee.tag);
      const last = inner?.members.at(-1);
      if (!inner || !last || !factoryModifiers.has(last)) return undefined;
      extraModifiers.push(...inner.members);
      callee = inner.root;
      const resolved = this.resolveChain(callee, extraModifiers);
      if (!resolved || (resolved.kind !== 'test' && resolved.kind !== 'suite')) return undefined;
      return this.buildCall(node, resolved.api, resolved.kind, extraModifiers.filter((m) => chainModifiers.has(m)));
    }
    const chain = flattenMemberChain(callee);
    if (!chain) return undefined;
    let resolved: ReturnType<typeof classifyMembers>;
    if (chain.root.type === AST_NODE_TYPES.Identifier) {
      const contextCall = this.resolveContextMethod(node, chain.root, chain.members);
      if (contextCall) return contextCall;
      const variable = findVariableOf(this.sourceCode, chain.root);
      // `seedUsers(db)`: a direct call of an import without a callback is no test, and telling
      // whether the import is a project's test API would resolve and read another module.
      if (chain.members.length === 0 && isNonFrameworkImport(variable) && !this.hasCallbackArgument(node)) return undefined;
      resolved = this.resolveChainAt(chain.root, variable, chain.members);
    } else {
      // `test.extend({...}).extend({...})`: the chain starts at an extended test, not at a name.
      const api = this.resolveExpressionApi(chain.root, 0);
      resolved = api && classifyMembers(api, chain.members);
    }
    if (!resolved) return undefined;
    // `test.each(table)` only builds the test that the call around it defines.
    if (factoryModifiers.has(chain.members.at(-1) ?? '')) return undefined;
    return this.buildCall(node, resolved.api, resolved.kind, resolved.modifiers, resolved.hook);
  }

  /** Resolves `root.members...` to what it is: a test, suite, hook, fixture definition, … */
  private resolveChain(
    root: TSESTree.Node,
    members: readonly string[],
  ): { api: TestApi; kind: TestCallKind; modifiers: string[]; hook?: HookName } | undefined {
    if (root.type !== AST_NODE_TYPES.Identifier) return undefined;
    return this.resolveChainAt(root, findVariableOf(this.sourceCode, root), members);
  }

  /** `resolveChain` for a root name whose variable was looked up already. */
  private resolveChainAt(
    root: TSESTree.Identifier,
    variable: TSESLint.Scope.Variable | undefined,
    members: readonly string[],
  ): { api: TestApi; kind: TestCallKind; modifiers: string[]; hook?: HookName } | undefined {
    let api = this.apiOfVariable(root, variable);
    let rest = [...members];
    // `import * as vitest from 'vitest'; vitest.test(...)`
    if (!api) {
      const namespace = namespaceOf(variable);
      const first = rest[0];
      if (!namespace || first === undefined) return undefined;
      const role = roleOfExport(namespace, first);
      if (!role) return undefined;
      api = { framework: namespace, role, extendCalls: [] };
      rest = rest.slice(1);
    }
    return classifyMembers(api, rest);
  }

  private buildCall(
    node: TSESTree.CallExpression,
    api: TestApi,
    kind: TestCallKind,
    modifiers: string[],
    hookName?: HookName,
  ): TestCall {
    const call: TestCall = { node, kind, framework: api.framework, modifiers };
    if (kind === 'hook') call.hook = hookName;
    if (kind === 'fixtures') {
      call.fixtures = this.fixtureDefinitions(node);
    } else if (kind !== 'other') {
      call.callback = this.functionArgument(node);
    }
    if (kind === 'test') call.availableFixtures = this.collectFixtures(api.extendCalls);
    return call;
  }

  /** The fixtures an `extend` call defines; a fixture named by a function of its module is that function. */
  private fixtureDefinitions(node: TSESTree.CallExpression): FixtureDefinition[] {
    const foreign = foreignProgramOf(node);
    if (!foreign) return readFixtureDefinitions(node, (identifier) => this.resolveLocalFunction(identifier));
    const fixtures = readFixtureDefinitions(node, (identifier) => functionOfBinding(foreign.scope.resolve(identifier)));
    for (const fixture of fixtures) fixture.file = foreign.file;
    return fixtures;
  }

  private collectFixtures(extendCalls: readonly TSESTree.CallExpression[]): Map<string, FixtureDefinition> {
    const fixtures = new Map<string, FixtureDefinition>();
    for (const call of extendCalls) {
      for (const fixture of this.fixtureDefinitions(call)) fixtures.set(fixture.name, fixture);
    }
    return fixtures;
  }

  /**
   * The `extend` call that names `fn` as a fixture where `fn` is declared apart from it:
   * `const db = async ({}, use) => {…}; test.extend({ db })`, `test.extend('db', dbFixture)`.
   */
  private extendCallNaming(fn: FunctionNode): TSESTree.CallExpression | undefined {
    let cached = this.namingExtendCalls.get(fn);
    if (cached === undefined) {
      cached = this.findExtendCallNaming(fn) ?? null;
      this.namingExtendCalls.set(fn, cached);
    }
    return cached ?? undefined;
  }

  private findExtendCallNaming(fn: FunctionNode): TSESTree.CallExpression | undefined {
    // `function db() {}` or `const db = (() => {}) as Fixture`: the declarations `resolveLocalFunction` follows
    const declaration = fn.type === AST_NODE_TYPES.FunctionDeclaration ? fn : valueParent(fn).parent;
    if (!declaration) return undefined;
    const name =
      declaration.type === AST_NODE_TYPES.FunctionDeclaration || declaration.type === AST_NODE_TYPES.VariableDeclarator ? declaration.id : undefined;
    if (name?.type !== AST_NODE_TYPES.Identifier) return undefined;
    this.namesFixtures ??= /\b(?:extend|override|scoped)\b/.test(this.sourceCode.text);
    if (!this.namesFixtures) return undefined;
    const variable = this.sourceCode.getDeclaredVariables(declaration).find((declared) => declared.name === name.name);
    for (const reference of variable?.references ?? []) {
      const identifier = reference.identifier;
      const parent = identifier.parent;
      const call = enclosingExtendCall(identifier) ?? (parent?.type === AST_NODE_TYPES.CallExpression ? parent : undefined);
      if (call && this.parseCall(call)?.fixtures?.some((fixture) => fixture.fn === fn)) return call;
    }
    return undefined;
  }

  /** Whether an argument is or may name a function: a function, a same-file function's name, `obj.fn`, `fn.bind(x)`. */
  private hasCallbackArgument(node: TSESTree.CallExpression): boolean {
    if (this.functionArgument(node)) return true;
    return node.arguments.some((argument) => {
      const value = unwrapExpression(argument);
      if (value.type === AST_NODE_TYPES.MemberExpression) return true;
      return value.type === AST_NODE_TYPES.CallExpression && value.callee.type === AST_NODE_TYPES.MemberExpression && memberName(value.callee) === 'bind';
    });
  }

  /** The first argument that is, or names, a function. */
  private functionArgument(node: TSESTree.CallExpression): FunctionNode | undefined {
    for (const argument of node.arguments) {
      const value = unwrapExpression(argument);
      if (isFunctionNode(value)) return value;
      if (value.type === AST_NODE_TYPES.Identifier) {
        const fn = this.resolveLocalFunction(value);
        if (fn) return fn;
      }
    }
    return undefined;
  }

  /** `beforeAll(setupDatabase)` → the same-file declaration of `setupDatabase`. */
  resolveLocalFunction(identifier: TSESTree.Identifier): FunctionNode | undefined {
    const variable = findVariableOf(this.sourceCode, identifier);
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (!def) return undefined;
    // A parameter's definition node is its function too: only the function's own name resolves to it.
    if (def.type === DefinitionType.FunctionName && def.node.type === AST_NODE_TYPES.FunctionDeclaration) return def.node;
    if (
      def.node.type === AST_NODE_TYPES.VariableDeclarator &&
      def.node.parent.kind === 'const' &&
      def.node.init &&
      isFunctionNode(unwrapExpression(def.node.init))
    ) {
      return unwrapExpression(def.node.init) as FunctionNode;
    }
    return undefined;
  }

  /** Resolves an identifier to a framework API through imports, `require`, extended tests, or globals. */
  private resolveIdentifierApi(identifier: TSESTree.Identifier): TestApi | undefined {
    return this.apiOfVariable(identifier, findVariableOf(this.sourceCode, identifier));
  }

  private apiOfVariable(identifier: TSESTree.Identifier, variable: TSESLint.Scope.Variable | undefined): TestApi | undefined {
    if (!variable || variable.defs.length === 0) {
      if (!this.isTestFile) return undefined;
      const role = globalExports[identifier.name];
      return role ? { framework: 'globals', role, extendCalls: [] } : undefined;
    }
    return this.resolveVariableApi(variable, 0);
  }

  private resolveVariableApi(variable: TSESLint.Scope.Variable, depth: number): TestApi | undefined {
    const cached = this.variableCache.get(variable);
    if (cached !== undefined) return cached ?? undefined;
    this.variableCache.set(variable, null); // guards cycles
    const api = depth > 8 ? undefined : this.computeVariableApi(variable, depth);
    this.variableCache.set(variable, api ?? null);
    return api;
  }

  private computeVariableApi(variable: TSESLint.Scope.Variable, depth: number): TestApi | undefined {
    if (variable.defs.length !== 1) return undefined;
    const def = variable.defs[0]!;
    if (def.type === DefinitionType.ImportBinding) {
      const spec = def.node;
      if (spec.type !== AST_NODE_TYPES.ImportSpecifier && spec.type !== AST_NODE_TYPES.ImportDefaultSpecifier) return undefined;
      const declaration = spec.parent;
      if (declaration.type !== AST_NODE_TYPES.ImportDeclaration || declaration.importKind === 'type') return undefined;
      if (spec.type === AST_NODE_TYPES.ImportSpecifier && spec.importKind === 'type') return undefined;
      const imported =
        spec.type === AST_NODE_TYPES.ImportDefaultSpecifier
          ? 'default'
          : spec.imported.type === AST_NODE_TYPES.Identifier
            ? spec.imported.name
            : spec.imported.value;
      const framework = frameworkOfModule(declaration.source.value);
      if (!framework) return this.importedProjectApi(declaration.source.value, imported);
      const role = roleOfExport(framework, imported);
      return role ? { framework, role, extendCalls: [] } : undefined;
    }
    if (def.type !== DefinitionType.Variable || def.node.type !== AST_NODE_TYPES.VariableDeclarator) return undefined;
    const declarator = def.node;
    if (!declarator.init) return undefined;
    // const { test } = require('vitest')
    const required = requiredModuleName(declarator.init);
    if (required !== undefined) {
      const framework = frameworkOfModule(required);
      if (!framework) return undefined;
      // `const test = require('node:test')` binds the module itself, which node:test makes the test function.
      const imported = declarator.id === def.name ? 'default' : importedNameFromPattern(declarator.id, def.name);
      if (imported === undefined) return undefined;
      const role = roleOfExport(framework, imported);
      return role ? { framework, role, extendCalls: [] } : undefined;
    }
    if (declarator.id.type !== AST_NODE_TYPES.Identifier || declarator.parent.kind !== 'const') return undefined;
    return this.resolveExpressionApi(declarator.init, depth + 1);
  }

  /** `base.extend({...})`, `test.extend(...).extend(...)`, `mergeTests(a, b)`, or a plain alias. */
  private resolveExpressionApi(expression: TSESTree.Node, depth: number): TestApi | undefined {
    const value = unwrapExpression(expression);
    if (value.type === AST_NODE_TYPES.Identifier) {
      const variable = findVariableOf(this.sourceCode, value);
      if (!variable) return this.resolveIdentifierApi(value);
      return this.resolveVariableApi(variable, depth);
    }
    if (value.type === AST_NODE_TYPES.MemberExpression) {
      const chain = flattenMemberChain(value);
      if (!chain) return undefined;
      const resolved = this.resolveChain(chain.root, chain.members);
      return resolved && resolved.kind !== 'other' ? { ...resolved.api, role: roleOfKind(resolved) } : undefined;
    }
    if (value.type !== AST_NODE_TYPES.CallExpression) return undefined;
    const callee = unwrapExpression(value.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      const base = this.resolveExpressionApi(callee.object, depth + 1);
      const method = callee.property.type === AST_NODE_TYPES.Identifier ? callee.property.name : undefined;
      if (base?.role.role === 'test' && method && ['extend', 'override', 'scoped'].includes(method)) {
        return { ...base, extendCalls: [...base.extendCalls, value] };
      }
      return undefined;
    }
    if (callee.type === AST_NODE_TYPES.Identifier) {
      const merger = this.resolveIdentifierApi(callee);
      if (merger?.role.role !== 'mergeTests') return undefined;
      const parts = value.arguments.map((argument) => this.resolveExpressionApi(argument, depth + 1));
      if (parts.length === 0 || parts.some((part) => part?.role.role !== 'test')) return undefined;
      return {
        framework: merger.framework,
        role: test,
        extendCalls: parts.flatMap((part) => part!.extendCalls),
      };
    }
    return undefined;
  }

  /**
   * Calls on the context a runner passes in: node:test's `t.after(fn)`, vitest's
   * `ctx.onTestFinished(fn)` or a destructured `onTestFinished`, and `onCleanup` in a builder fixture.
   */
  private resolveContextMethod(
    node: TSESTree.CallExpression,
    root: TSESTree.Identifier,
    members: readonly string[],
  ): TestCall | undefined {
    const name = members.length === 1 ? members[0] : members.length === 0 ? root.name : undefined;
    if (name === undefined || !contextMethodNames.has(name)) return undefined;
    const variable = findVariableOf(this.sourceCode, root);
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (def?.type !== DefinitionType.Parameter || !isFunctionNode(def.node)) return undefined;
    const fn = def.node;
    // Which parameter declares the binding (`t` in `(t) =>`, `onCleanup` in `(deps, { onCleanup }) =>`).
    const binding = def.name;
    const paramIndex = fn.params.findIndex((param) => param.range[0] <= binding.range[0] && binding.range[1] <= param.range[1]);
    const isDestructured = members.length === 0;
    const owner = this.ownerOfFunction(fn);
    if (!owner) return undefined;
    if (name === 'onCleanup') {
      // builder-form fixture: `test.extend('db', async (deps, { onCleanup }) => …)`
      if (owner.kind !== 'fixtures' || paramIndex !== 1) return undefined;
      return { node, kind: 'onCleanup', framework: owner.framework, modifiers: [], callback: this.functionArgument(node) };
    }
    if (paramIndex !== 0) return undefined;
    if (name === 'onTestFinished' || name === 'onTestFailed') {
      const ownerAccepts =
        owner.kind === 'test' ||
        owner.kind === 'fixtures' ||
        (owner.kind === 'hook' && (owner.hook === 'beforeEach' || owner.hook === 'afterEach'));
      if (!ownerAccepts || owner.framework === 'node:test') return undefined;
      return { node, kind: 'testEvent', framework: owner.framework, modifiers: [], callback: this.functionArgument(node) };
    }
    // node:test: `t.before(fn)`, `t.after(fn)`, … and subtests `t.test(name, fn)` on the test context
    if (owner.framework !== 'node:test' || owner.kind !== 'test' || isDestructured) return undefined;
    const role = frameworkExports['node:test'][name];
    if (role?.role === 'test') {
      return { node, kind: 'test', framework: 'node:test', modifiers: [], callback: this.functionArgument(node) };
    }
    if (role?.role !== 'hook') return undefined;
    return { node, kind: 'hook', hook: role.hook, framework: 'node:test', modifiers: [], callback: this.functionArgument(node) };
  }

  /**
   * The test-framework call that runs `fn`: the test, suite, hook or event call whose callback it
   * is, or the `extend` call that defines it as a fixture.
   */
  callOwning(fn: FunctionNode): TestCall | undefined {
    return this.ownerOfFunction(fn);
  }

  /** Whether the runner finds `fn` through the module's exports (mocha root hooks, globalSetup exports). */
  isExportedRunnerCallback(fn: FunctionNode): boolean {
    return this.exportedRunnerCallbacks().some((callback) => callback.fn === fn);
  }

  /**
   * Whether the module has the shape of a `globalSetup` file (named `setup`/`teardown` function
   * exports), even where only a runner option that cannot be read statically names it.
   */
  exportsGlobalSetupFunctions(): boolean {
    return moduleExports(this.sourceCode.ast).some(
      ({ name, value }) => (name === 'setup' || name === 'teardown') && isFunctionNode(value),
    );
  }

  /**
   * Modules this file replaces with mocks: `vi.mock('pg')`, `jest.mock('ioredis')`, `vi.doMock`,
   * `jest.unstable_mockModule`, node:test's `mock.module('pg')`. What they export creates nothing real.
   */
  mockedModules(): ReadonlySet<string> {
    this.mockedModulesCache ??= /\b(?:vi|vitest|jest|mock)\.(?:mock|doMock|unstable_mockModule|module|setMock)\(/.test(this.sourceCode.text)
      ? findMockedModules(this.sourceCode.ast)
      : new Set();
    return this.mockedModulesCache;
  }

  /**
   * A test API another project module builds and exports: `export const test = base.extend({...})`
   * in `./fixtures`, imported here as `import { test } from './fixtures'`.
   */
  private importedProjectApi(module: string, exportName: string): TestApi | undefined {
    if (!path.isAbsolute(this.filename)) return undefined;
    const project = getProjectIndex().projectFor(this.filename);
    if (!project?.resolver.isProjectSpecifier(module)) return undefined;
    const resolution = project.resolve(this.filename, module);
    return resolution ? exportedTestApi(project, resolution.path, exportName, new Set()) : undefined;
  }

  /** Whether the file imports `test`, `it` or `describe` from a project module that builds one. */
  private importsProjectTestApi(): boolean {
    for (const statement of this.sourceCode.ast.body) {
      if (statement.type !== AST_NODE_TYPES.ImportDeclaration || statement.importKind === 'type') continue;
      const module = statement.source.value;
      if (frameworkOfModule(module)) continue;
      for (const spec of statement.specifiers) {
        if (spec.type !== AST_NODE_TYPES.ImportSpecifier || spec.importKind === 'type') continue;
        const imported = spec.imported.type === AST_NODE_TYPES.Identifier ? spec.imported.name : spec.imported.value;
        if (['test', 'it', 'describe'].includes(imported) && this.importedProjectApi(module, imported)) return true;
      }
    }
    return false;
  }

  /** The test call that passes `fn` its context: `fn` is that call's callback or one of its fixture functions. */
  private ownerOfFunction(fn: FunctionNode): TestCall | undefined {
    const parent = fn.parent;
    if (parent.type === AST_NODE_TYPES.CallExpression) {
      const call = this.parseCall(parent);
      if (call && (call.callback === fn || call.kind === 'fixtures')) return call;
      return undefined;
    }
    const extendCall = enclosingExtendCall(fn) ?? this.extendCallNaming(fn);
    return extendCall ? this.parseCall(extendCall) : undefined;
  }

  private resolveCalleeApi(node: TSESTree.Node): TestApi | undefined {
    return this.resolveExpressionApi(node, 0);
  }

  private computeExportedCallbacks(): RunnerCallback[] {
    const callbacks: RunnerCallback[] = [];
    for (const { name, value } of moduleExports(this.sourceCode.ast)) {
      const fn = isFunctionNode(value) ? value : undefined;
      if (name === 'mochaHooks') {
        callbacks.push(...mochaRootHooks(value));
      } else if ((name === 'mochaGlobalSetup' || name === 'mochaGlobalTeardown') && fn) {
        callbacks.push({
          fn,
          kind: 'globalFixture',
          framework: 'mocha',
          label: name,
          doneParam: undefined,
          teardown: name === 'mochaGlobalTeardown',
        });
      } else if (this.isGlobalSetupFile && fn && (name === 'setup' || name === 'teardown' || name === 'default')) {
        const label = name === 'default' ? 'globalSetup function' : `globalSetup ${name}`;
        callbacks.push({ fn, kind: 'globalSetup', framework: 'globals', label, teardown: name === 'teardown' });
        if (name !== 'teardown') {
          for (const teardown of returnedFunctions(fn)) {
            callbacks.push({
              fn: teardown,
              kind: 'globalSetup',
              framework: 'globals',
              label: 'teardown returned by globalSetup',
              teardown: true,
            });
          }
        }
      }
    }
    return callbacks;
  }
}

const contextMethodNames = new Set(['onTestFinished', 'onTestFailed', 'onCleanup', 'before', 'after', 'beforeEach', 'afterEach', 'test']);

function roleOfExport(framework: Framework, name: string): ExportRole | undefined {
  if (framework === 'globals') return globalExports[name];
  return Object.hasOwn(frameworkExports[framework], name) ? frameworkExports[framework][name] : undefined;
}

function roleOfKind(resolved: { api: TestApi; kind: TestCallKind; hook?: HookName }): ExportRole {
  if (resolved.kind === 'suite') return suite;
  if (resolved.kind === 'hook' && resolved.hook) return hook(resolved.hook);
  return resolved.api.role;
}

const hookPhase: Record<HookName, CallbackTiming['phase']> = {
  beforeAll: 'setup',
  beforeEach: 'setup',
  afterAll: 'teardown',
  afterEach: 'teardown',
  aroundAll: 'wrap',
  aroundEach: 'wrap',
};

const testMemberHooks: Record<string, HookName> = {
  beforeAll: 'beforeAll',
  beforeEach: 'beforeEach',
  afterAll: 'afterAll',
  afterEach: 'afterEach',
  aroundAll: 'aroundAll',
  aroundEach: 'aroundEach',
};

/**
 * Member names that may follow the root of a test-framework call: modifiers, hooks, `extend`, the
 * test object's own methods, context methods, and every framework export (for namespace imports,
 * `vitest.test(...)`). A call whose first member is another name (`expect(x).toBe()`, `repo.save()`)
 * is no test-framework call, told without resolving its root.
 */
const testApiMembers = new Set([
  ...chainModifiers,
  ...factoryModifiers,
  ...Object.keys(testMemberHooks),
  ...contextMethodNames,
  ...Object.values(frameworkExports).flatMap((exports) => Object.keys(exports)),
  'describe',
  'extend',
  'override',
  'scoped',
  'use',
  'step',
  'info',
  'setTimeout',
  'expect',
]);

function mayBeTestApiCall(node: TSESTree.CallExpression): boolean {
  let callee = unwrapExpression(node.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return true;
  let first: string | undefined;
  while (callee.type === AST_NODE_TYPES.MemberExpression) {
    first = memberName(callee);
    callee = unwrapExpression(callee.object);
  }
  return first !== undefined && testApiMembers.has(first);
}

/** The framework a namespace binding stands for: `import * as vitest from 'vitest'`, `const t = require('node:test')`. */
function namespaceOf(variable: TSESLint.Scope.Variable | undefined): Exclude<Framework, 'globals'> | undefined {
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!def) return undefined;
  if (def.type === DefinitionType.ImportBinding && def.node.type === AST_NODE_TYPES.ImportNamespaceSpecifier) {
    return frameworkOfModule(def.node.parent.source.value);
  }
  if (def.type === DefinitionType.Variable && def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.id.type === AST_NODE_TYPES.Identifier) {
    const required = requiredModuleName(def.node.init);
    return required === undefined ? undefined : frameworkOfModule(required);
  }
  return undefined;
}

/** Whether a binding is an import from a module that is no test framework. */
function isNonFrameworkImport(variable: TSESLint.Scope.Variable | undefined): boolean {
  const def = variable?.defs[0];
  return def?.type === DefinitionType.ImportBinding && def.parent?.type === AST_NODE_TYPES.ImportDeclaration && !frameworkOfModule(def.parent.source.value);
}

/** Classifies the member chain after a resolved API: `test.describe.only`, `test.beforeAll`, `test.extend`. */
function classifyMembers(
  api: TestApi,
  members: readonly string[],
): { api: TestApi; kind: TestCallKind; modifiers: string[]; hook?: HookName } | undefined {
  const { role } = api;
  const allModifiers = (list: readonly string[]) => list.every((member) => chainModifiers.has(member));
  switch (role.role) {
    case 'hook':
      return members.length === 0 ? { api, kind: 'hook', modifiers: [], hook: role.hook } : undefined;
    case 'testEvent':
      return members.length === 0 ? { api, kind: 'testEvent', modifiers: [] } : undefined;
    case 'suite':
      return allModifiers(members) ? { api, kind: 'suite', modifiers: [...members] } : undefined;
    case 'mergeTests':
      return undefined;
    case 'test': {
      const [first, ...rest] = members;
      if (first === undefined || allModifiers(members)) return { api, kind: 'test', modifiers: [...members] };
      if (first === 'describe') {
        return allModifiers(rest) ? { api, kind: 'suite', modifiers: rest } : { api, kind: 'other', modifiers: [] };
      }
      if (rest.length === 0 && testMemberHooks[first]) {
        return { api, kind: 'hook', modifiers: [], hook: testMemberHooks[first] };
      }
      if (rest.length === 0 && (first === 'extend' || first === 'override' || first === 'scoped')) {
        return { api, kind: 'fixtures', modifiers: [] };
      }
      return { api, kind: 'other', modifiers: [] };
    }
  }
}

/**
 * Reads `extend({...})` (object form, tuples included) or `extend('name', [options,] fn)` (builder
 * form). `resolveFunction` gives the function a fixture's name refers to (`{ db: dbFixture }`).
 */
function readFixtureDefinitions(
  node: TSESTree.CallExpression,
  resolveFunction: (identifier: TSESTree.Identifier) => FunctionNode | undefined,
): FixtureDefinition[] {
  const fixtureOf = (value: TSESTree.Node): Pick<FixtureDefinition, 'fn' | 'value'> => {
    if (isFunctionNode(value)) return { fn: value };
    const fn = value.type === AST_NODE_TYPES.Identifier ? resolveFunction(value) : undefined;
    return fn ? { fn } : { value: value as TSESTree.Expression };
  };
  const [first, second, third] = node.arguments;
  if (!first) return [];
  if (isStringLiteral(first)) {
    const fnArgument = third ?? second;
    const options = third && second?.type === AST_NODE_TYPES.ObjectExpression ? second : undefined;
    return [
      {
        name: first.value,
        node,
        ...(fnArgument ? fixtureOf(unwrapExpression(fnArgument)) : {}),
        form: 'builder',
        ...readFixtureOptions(options),
      },
    ];
  }
  const object = unwrapExpression(first);
  if (object.type !== AST_NODE_TYPES.ObjectExpression) return [];
  const fixtures: FixtureDefinition[] = [];
  for (const property of object.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const name = propertyKeyName(property);
    if (name === undefined) continue;
    let value = unwrapExpression(property.value);
    let options: TSESTree.ObjectExpression | undefined;
    if (value.type === AST_NODE_TYPES.ArrayExpression && value.elements.length === 2) {
      const [fnElement, optionsElement] = value.elements;
      if (fnElement && fnElement.type !== AST_NODE_TYPES.SpreadElement && optionsElement?.type === AST_NODE_TYPES.ObjectExpression) {
        value = unwrapExpression(fnElement);
        options = optionsElement;
      }
    }
    fixtures.push({
      name,
      node: property,
      ...fixtureOf(value),
      form: 'object',
      ...readFixtureOptions(options),
    });
  }
  return fixtures;
}

function readFixtureOptions(options: TSESTree.ObjectExpression | undefined): Pick<FixtureDefinition, 'scope' | 'auto'> {
  let scope: FixtureDefinition['scope'] = 'test';
  let auto = false;
  for (const property of options?.properties ?? []) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const key = propertyKeyName(property);
    const value = property.value;
    if (key === 'scope' && isStringLiteral(value) && (value.value === 'worker' || value.value === 'file')) scope = value.value;
    if (key === 'auto' && value.type === AST_NODE_TYPES.Literal && value.value === true) auto = true;
  }
  return { scope, auto };
}

/** The function a module-level binding of another module holds: `function db() {}`, `const db = async () => {}`. */
function functionOfBinding(target: BindingTarget | undefined): FunctionNode | undefined {
  if (target?.kind === 'function') return target.node;
  if (target?.kind !== 'variable' || !target.constant || !target.declarator.init) return undefined;
  const init = unwrapExpression(target.declarator.init);
  return isFunctionNode(init) ? init : undefined;
}

/** The `extend({...})` call whose object literal holds `node` (a fixture function or its name) as a fixture, directly or in a tuple. */
function enclosingExtendCall(fixture: TSESTree.Node): TSESTree.CallExpression | undefined {
  let node: TSESTree.Node = fixture;
  let parent = node.parent;
  while (parent && parent.type !== AST_NODE_TYPES.Property) {
    if (
      parent.type !== AST_NODE_TYPES.ArrayExpression &&
      parent.type !== AST_NODE_TYPES.TSAsExpression &&
      parent.type !== AST_NODE_TYPES.TSSatisfiesExpression
    ) {
      return undefined;
    }
    node = parent;
    parent = node.parent;
  }
  if (parent?.value !== node) return undefined; // a computed key is not a fixture
  const object = parent.parent;
  const call = object?.parent;
  if (object?.type !== AST_NODE_TYPES.ObjectExpression || call?.type !== AST_NODE_TYPES.CallExpression) return undefined;
  if (call.arguments[0] !== object) return undefined;
  const callee = unwrapExpression(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.property.type !== AST_NODE_TYPES.Identifier) return undefined;
  return ['extend', 'override', 'scoped'].includes(callee.property.name) ? call : undefined;
}

/** The name a destructuring pattern binds `localName` from: `{ test: t } = require(...)` → `test`. */
function importedNameFromPattern(pattern: TSESTree.Node, localName: TSESTree.Identifier): string | undefined {
  if (pattern.type !== AST_NODE_TYPES.ObjectPattern) return undefined;
  for (const property of pattern.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
    if (value === localName) return propertyKeyName(property);
  }
  return undefined;
}

/** The `done` parameter a hook gets where the framework passes one. */
function doneParameter(framework: Framework, fn: FunctionNode): TSESTree.Parameter | undefined {
  const [first, second] = fn.params;
  switch (framework) {
    case 'jest':
    case 'mocha':
      return first;
    case 'node:test':
      return second;
    case 'globals':
      return first?.type === AST_NODE_TYPES.Identifier && /^(done|cb|callback|next|finish)$/i.test(first.name) ? first : undefined;
    default:
      return undefined;
  }
}

/** Functions a callback returns: `return () => db.close()` or an arrow whose body is a function. */
function returnedFunctions(fn: FunctionNode): FunctionNode[] {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) {
    const body = unwrapExpression(fn.body);
    return isFunctionNode(body) ? [body] : [];
  }
  const found: FunctionNode[] = [];
  for (const statement of fn.body.body) {
    if (statement.type === AST_NODE_TYPES.ReturnStatement && statement.argument) {
      const value = unwrapExpression(statement.argument);
      if (isFunctionNode(value)) found.push(value);
    }
  }
  return found;
}

function calleeLabel(node: TSESTree.CallExpression): string {
  const chain = flattenMemberChain(node.callee);
  const last = chain?.members.at(-1) ?? (chain?.root.type === AST_NODE_TYPES.Identifier ? chain.root.name : undefined);
  return last ?? 'test event';
}

/** `export const x = …`, `export function x`, `export default …`, `exports.x = …`, `module.exports = …`. */
function moduleExports(program: TSESTree.Program): { name: string; value: TSESTree.Node }[] {
  const found: { name: string; value: TSESTree.Node }[] = [];
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration && statement.declaration) {
      const declaration = statement.declaration;
      if (declaration.type === AST_NODE_TYPES.FunctionDeclaration && declaration.id) {
        found.push({ name: declaration.id.name, value: declaration });
      } else if (declaration.type === AST_NODE_TYPES.VariableDeclaration) {
        for (const declarator of declaration.declarations) {
          if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.init) {
            found.push({ name: declarator.id.name, value: unwrapExpression(declarator.init) });
          }
        }
      }
    } else if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration) {
      found.push({ name: 'default', value: unwrapExpression(statement.declaration) });
    } else if (
      statement.type === AST_NODE_TYPES.ExpressionStatement &&
      statement.expression.type === AST_NODE_TYPES.AssignmentExpression &&
      statement.expression.operator === '='
    ) {
      const target = flattenMemberChain(statement.expression.left);
      const value = unwrapExpression(statement.expression.right);
      if (!target || target.root.type !== AST_NODE_TYPES.Identifier) continue;
      const path = [target.root.name, ...target.members].join('.');
      if (path === 'module.exports') {
        found.push({ name: 'default', value });
        if (value.type === AST_NODE_TYPES.ObjectExpression) {
          for (const property of value.properties) {
            if (property.type !== AST_NODE_TYPES.Property) continue;
            const name = propertyKeyName(property);
            if (name !== undefined) found.push({ name, value: unwrapExpression(property.value) });
          }
        }
      } else if (target.members.length === 1 && target.root.name === 'exports') {
        found.push({ name: target.members[0]!, value });
      } else if (path.startsWith('module.exports.') && target.members.length === 2) {
        found.push({ name: target.members[1]!, value });
      }
    }
  }
  return found;
}

const viModuleMethods = { mocks: ['mock', 'doMock'], other: ['unmock', 'doUnmock', 'importActual', 'importMock'] };

/**
 * The test frameworks' methods whose first argument is a module path, by the object they are called
 * on: those that replace the module with a mock, and the others (`unmock`, `importActual`, …).
 */
export const modulePathMethods: Readonly<Record<string, { mocks: readonly string[]; other: readonly string[] }>> = {
  vi: viModuleMethods,
  vitest: viModuleMethods,
  jest: {
    mocks: ['mock', 'doMock', 'setMock', 'unstable_mockModule'],
    other: ['unmock', 'dontMock', 'requireActual', 'requireMock', 'createMockFromModule'],
  },
  // node:test
  mock: { mocks: ['module'], other: [] },
};

function findMockedModules(program: TSESTree.Program): Set<string> {
  const modules = new Set<string>();
  walk(program, (node) => {
    if (node.type !== AST_NODE_TYPES.CallExpression || !isStringLiteral(node.arguments[0])) return;
    const chain = flattenMemberChain(node.callee);
    if (
      chain?.root.type === AST_NODE_TYPES.Identifier &&
      chain.members.length === 1 &&
      Object.hasOwn(modulePathMethods, chain.root.name) &&
      modulePathMethods[chain.root.name]!.mocks.includes(chain.members[0]!)
    ) {
      modules.add(node.arguments[0].value);
    }
  });
  return modules;
}

const rootHookNames: Record<string, HookName> = {
  beforeAll: 'beforeAll',
  beforeEach: 'beforeEach',
  afterAll: 'afterAll',
  afterEach: 'afterEach',
};

/** `mochaHooks = { beforeAll() {}, afterEach: [fn, fn] }` or a function returning such an object. */
function mochaRootHooks(value: TSESTree.Node): RunnerCallback[] {
  let object: TSESTree.Node | undefined = value;
  if (isFunctionNode(value)) {
    object = value.body.type === AST_NODE_TYPES.BlockStatement
      ? value.body.body.find((s): s is TSESTree.ReturnStatement => s.type === AST_NODE_TYPES.ReturnStatement)?.argument ?? undefined
      : value.body;
  }
  if (!object) return [];
  object = unwrapExpression(object);
  if (object.type !== AST_NODE_TYPES.ObjectExpression) return [];
  const callbacks: RunnerCallback[] = [];
  for (const property of object.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const name = propertyKeyName(property);
    const hookName = name === undefined ? undefined : rootHookNames[name];
    if (!hookName) continue;
    const value = unwrapExpression(property.value);
    const fns = value.type === AST_NODE_TYPES.ArrayExpression ? value.elements : [value];
    for (const element of fns) {
      if (element && isFunctionNode(element)) {
        callbacks.push({
          fn: element,
          kind: 'rootHook',
          framework: 'mocha',
          hook: hookName,
          doneParam: element.params[0],
          label: `mochaHooks.${hookName}`,
        });
      }
    }
  }
  return callbacks;
}

function frameworksImportedBy(program: TSESTree.Program): Set<Exclude<Framework, 'globals'>> {
  const found = new Set<Exclude<Framework, 'globals'>>();
  for (const statement of program.body) {
    // `import type` is erased: it does not load the framework.
    if (statement.type === AST_NODE_TYPES.ImportDeclaration && statement.importKind !== 'type') {
      const framework = frameworkOfModule(statement.source.value);
      if (framework) found.add(framework);
    }
    if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of statement.declarations) {
        const required = requiredModuleName(declarator.init);
        const framework = required === undefined ? undefined : frameworkOfModule(required);
        if (framework) found.add(framework);
      }
    }
  }
  return found;
}

const fileInfoCache = new WeakMap<TSESTree.Program, FileTestInfo>();

/** The file's test-framework facts, computed once per parsed file and shared by every rule. */
export function getFileTestInfo(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): FileTestInfo {
  const { sourceCode } = context;
  let info = fileInfoCache.get(sourceCode.ast);
  if (!info) {
    noteLint(sourceCode.ast);
    info = new FileTestInfo(sourceCode, context.filename, context.cwd, resolveSettings(context.settings));
    fileInfoCache.set(sourceCode.ast, info);
  }
  return info;
}

/**
 * What a module needs in its text to export a test API: a test framework's module, an `extend` or
 * `mergeTests` call, or syntax that passes on another module's binding. Most imported modules have
 * none of it and are not parsed.
 */
const mayExportTestApi =
  /\.extend\b|\bmergeTests\b|['"](?:vitest|@jest\/globals|mocha|node:test|@?playwright\/[\w/-]+|bun:test)['"]|\bexport\s*(?:\*|\{|default\s+[\w$]+\s*;?\s*$|(?:const|let|var)\s+[\w$]+\s*=\s*[\w$]+\s*;?\s*$)|\bexport\s*=|module\.exports|\bexports\./m;

/**
 * The test API a project module exports under `exportName`, read from that module's syntax tree
 * (parsed by the project index): `export const test = base.extend({...})`, a chain of `extend`
 * calls, `mergeTests(...)`, or a re-export from another project module.
 */
function exportedTestApi(project: Project, file: string, exportName: string, visited: Set<string>): TestApi | undefined {
  const key = `${file}#${exportName}`;
  if (visited.has(key) || visited.size > 16) return undefined;
  visited.add(key);
  if (!project.textMatches(file, mayExportTestApi)) return undefined;
  const foreign = project.program(file);
  if (!foreign) return undefined;
  for (const statement of foreign.program.body) {
    if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration) {
      if (statement.declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
        for (const declarator of statement.declaration.declarations) {
          if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.id.name === exportName && declarator.init) {
            return statement.declaration.kind === 'const' ? foreignExpressionApi(project, foreign, declarator.init, visited, 0) : undefined;
          }
        }
      }
      for (const specifier of statement.specifiers) {
        const exported = specifier.exported.type === AST_NODE_TYPES.Identifier ? specifier.exported.name : specifier.exported.value;
        if (exported !== exportName) continue;
        const local = specifier.local.type === AST_NODE_TYPES.Identifier ? specifier.local.name : specifier.local.value;
        if (statement.source) return foreignModuleApi(project, file, statement.source.value, local, visited);
        return foreignBindingApi(project, foreign, foreign.scope, local, visited, 0);
      }
    } else if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration && exportName === 'default') {
      return foreignExpressionApi(project, foreign, statement.declaration, visited, 0);
    } else if (statement.type === AST_NODE_TYPES.ExportAllDeclaration && !statement.exported) {
      const found = foreignModuleApi(project, file, statement.source.value, exportName, visited);
      if (found) return found;
    }
  }
  return undefined;
}

function foreignModuleApi(project: Project, fromFile: string, module: string, exportName: string, visited: Set<string>): TestApi | undefined {
  const framework = frameworkOfModule(module);
  if (framework) {
    const role = roleOfExport(framework, exportName);
    return role ? { framework, role, extendCalls: [] } : undefined;
  }
  if (!project.resolver.isProjectSpecifier(module)) return undefined;
  const resolution = project.resolve(fromFile, module);
  return resolution ? exportedTestApi(project, resolution.path, exportName, visited) : undefined;
}

function foreignBindingApi(
  project: Project,
  foreign: ForeignProgram,
  scope: ModuleScope,
  name: string,
  visited: Set<string>,
  depth: number,
): TestApi | undefined {
  const target = scope.moduleBinding(name);
  if (target?.kind === 'import') {
    return foreignModuleApi(project, foreign.file, target.binding.module, target.binding.exportName, visited);
  }
  if (target?.kind === 'variable' && target.constant && target.declarator.init && target.declarator.id.type === AST_NODE_TYPES.Identifier) {
    return foreignExpressionApi(project, foreign, target.declarator.init, visited, depth + 1);
  }
  return undefined;
}

/** `resolveExpressionApi` for another module's tree, where only module-level bindings are followed. */
function foreignExpressionApi(
  project: Project,
  foreign: ForeignProgram,
  expression: TSESTree.Node,
  visited: Set<string>,
  depth: number,
): TestApi | undefined {
  if (depth > 8) return undefined;
  const value = unwrapExpression(expression);
  if (value.type === AST_NODE_TYPES.Identifier) {
    const target = foreign.scope.resolve(value);
    if (target?.kind === 'import' && target.binding.exportName === '*') return undefined;
    return target ? foreignBindingApi(project, foreign, foreign.scope, value.name, visited, depth) : undefined;
  }
  if (value.type === AST_NODE_TYPES.MemberExpression) {
    const chain = flattenMemberChain(value);
    if (!chain || chain.root.type !== AST_NODE_TYPES.Identifier) return undefined;
    let base = foreignExpressionApi(project, foreign, chain.root, visited, depth + 1);
    let members = chain.members;
    if (!base) {
      // `import * as pw from '@playwright/test'; export const test = pw.test.extend(...)`
      const target = foreign.scope.resolve(chain.root);
      const framework = target?.kind === 'import' && target.binding.exportName === '*' ? frameworkOfModule(target.binding.module) : undefined;
      const role = framework && members[0] !== undefined ? roleOfExport(framework, members[0]) : undefined;
      if (!framework || !role) return undefined;
      base = { framework, role, extendCalls: [] };
      members = members.slice(1);
    }
    const resolved = classifyMembers(base, members);
    return resolved && resolved.kind !== 'other' ? { ...resolved.api, role: roleOfKind(resolved) } : undefined;
  }
  if (value.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const callee = unwrapExpression(value.callee);
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    const method = callee.property.type === AST_NODE_TYPES.Identifier ? callee.property.name : undefined;
    if (!method || !['extend', 'override', 'scoped'].includes(method)) return undefined;
    const base = foreignExpressionApi(project, foreign, callee.object, visited, depth + 1);
    return base?.role.role === 'test' ? { ...base, extendCalls: [...base.extendCalls, value] } : undefined;
  }
  if (callee.type === AST_NODE_TYPES.Identifier) {
    const merger = foreignExpressionApi(project, foreign, callee, visited, depth + 1);
    if (merger?.role.role !== 'mergeTests') return undefined;
    const parts = value.arguments.map((argument) => foreignExpressionApi(project, foreign, argument, visited, depth + 1));
    if (parts.length === 0 || parts.some((part) => part?.role.role !== 'test')) return undefined;
    return { framework: merger.framework, role: test, extendCalls: parts.flatMap((part) => part!.extendCalls) };
  }
  return undefined;
}
