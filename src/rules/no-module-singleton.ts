import path from 'node:path';

import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import {
  type FunctionNode,
  declarationOf,
  findVariableOf,
  isFunctionNode,
  isWithin,
  memberName,
  propertyKeyName,
  unwrapExpression,
  valueParent,
} from '../analysis/ast';
import type { ResourceCatalog } from '../analysis/catalog';
import { executionTimeOf, walkLoadAndCollection } from '../analysis/execution-time';
import { bindingOf, catalogReleasesIn, isClosedInFile, isExported, moduleHasExports } from '../analysis/lifecycle';
import { type ResourceCreation, getFileResources, returnedValues, withArticle } from '../analysis/resources';
import { isDeclarationFile } from '../analysis/module-resolution';
import { getProjectIndex } from '../analysis/project-index';
import { relativePath } from '../analysis/settings';
import {
  functionNameNode,
  globalCacheOf,
  holdsNewMap,
  holdsObjectLiteral,
  isGuardedFill,
  isMemoizingCall,
  isModuleLevelMutable,
  isModuleLevelVariable,
  isProjectClassInstance,
  isTestResetName,
  memoizesValue,
  mutationsThrough,
  resetNameStrength,
  singletonClassOf,
  testEnvironmentBranchOf,
  testEnvironmentMeaning,
} from '../analysis/singletons';
import { walk } from '../analysis/traverse';
import { getTypeServices } from '../analysis/types';
import { createRule } from '../util/create-rule';
import { globListMatcher } from '../util/glob';
import { AST_NODE_TYPES } from '../util/node-types';

export type Options = [
  {
    /** Globs of composition roots where one instance is intended. */
    allow?: string[];
    /** Report module bindings that a function fills once with a resource. */
    checkLazySingletons?: boolean;
    /** Report classes that keep an instance of themselves in a static field. */
    checkSingletonClasses?: boolean;
    /** Accept resources cached on `globalThis`. */
    allowGlobalThisCache?: boolean;
    /** Use type information to recognise resources created through project classes. */
    typeAware?: boolean;
  },
];

export type MessageIds =
  | 'moduleScopeResource'
  | 'lazySingleton'
  | 'lazyCachePerKey'
  | 'singletonClass'
  | 'globalThisCache'
  | 'testOnlyReset'
  | 'collectionTimeResource';

export default createRule<Options, MessageIds>({
  name: 'no-module-singleton',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow resources and singletons created when a module is imported, which every test then shares',
      recommended: true,
      requiresTypeChecking: false,
    },
    messages: {
      moduleScopeResource:
        '{{what}} creates {{resource}} when the module is imported: every importer shares it, it outlives each test, and each parallel worker opens its own. Export a factory (`{{factory}}(options)`) and pass the instance in, or create it in a fixture.',
      lazySingleton:
        '{{fn}} creates one {{resource}} and keeps it in {{storage}}, so every caller gets the same instance: tests share its state and connections and cannot replace it. Export a factory that returns a new instance and pass it in, or create it in a fixture.',
      lazyCachePerKey:
        '{{fn}} creates one {{resource}} per key and keeps each in {{storage}}, so every caller asking for the same key gets the same instance: tests share their state and connections and cannot replace them. Export a factory that returns a new instance and pass it in, or create them in a fixture.',
      singletonClass:
        '`{{name}}` keeps one instance of itself in static `{{field}}` and hands it out through `{{accessor}}`: every test in a worker shares that instance and its state. Construct `{{name}}` where it is needed and pass it in, or create it in a fixture.',
      globalThisCache:
        'This {{resource}} is cached on `{{target}}`: that avoids opening a new one on every hot reload, but every test in a worker still shares it and its connections. In code that tests import, export a factory and pass the instance in (a fixture creates it in tests), or set `allowGlobalThisCache` if you accept the trade-off.',
      testOnlyReset:
        '{{what}} so tests can start over: tests then depend on the order they run in and on every test resetting it. Inject the dependency instead, so each test creates its own.',
      collectionTimeResource:
        'This {{resource}} is created {{where}}, while tests are being collected, outside any hook or fixture, and nothing in this file closes it: every test in the file shares it and it can keep the worker from exiting. Create it in `beforeAll` and close it in `afterAll`, or make it a fixture.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          allow: {
            type: 'array',
            items: { type: 'string' },
            description:
              'Globs (relative to the ESLint working directory) of composition roots where one instance is intended, such as `src/main.ts`; the rule does not report non-test code in them.',
          },
          checkLazySingletons: {
            type: 'boolean',
            description: 'Report module bindings that a function fills once with a resource and returns (`instance ??= new Pool()`).',
          },
          checkSingletonClasses: {
            type: 'boolean',
            description: 'Report classes that keep an instance of themselves in a static field and hand it out (`static getInstance()`).',
          },
          allowGlobalThisCache: {
            type: 'boolean',
            description: 'Accept resources cached on `globalThis`/`global` (the hot-reload pattern).',
          },
          typeAware: {
            type: 'boolean',
            description:
              'Use type information (requires `parserOptions.projectService`) to recognise `new X()` whose type is, or wraps, a catalog resource.',
          },
        },
      },
    ],
    defaultOptions: [
      { allow: [], checkLazySingletons: true, checkSingletonClasses: true, allowGlobalThisCache: false, typeAware: false },
    ],
  },
  create(context, [options]) {
    if (isDeclarationFile(context.filename)) return {};
    const resources = getFileResources(context);
    const { info } = resources;
    if (info.isGlobalSetupFile) return {};
    const { sourceCode } = context;
    const types = options.typeAware ? getTypeServices(context) : undefined;
    const reported = new Set<TSESTree.Node>();
    const reportedBindings = new Set<TSESLint.Scope.Variable>();
    let onlyACommandLoadsIt: boolean | undefined;

    function report(descriptor: TSESLint.ReportDescriptor<MessageIds> & { node: TSESTree.Node }): void {
      if (reported.has(descriptor.node)) return;
      // Asked at the first report: a module only a package.json script runs (the TypeORM CLI's
      // data source, a seed script) is a program, like one that exports nothing.
      onlyACommandLoadsIt ??= !info.isTestFile && runsOnlyAsCommand(context.filename, info.settings.catalog);
      if (onlyACommandLoadsIt) return;
      reported.add(descriptor.node);
      context.report(descriptor);
    }

    if (info.isTestFile) return testFileVisitors();
    const allowed = options.allow !== undefined && allowMatcherOf(options.allow)(relativePath(context.filename, context.cwd));
    // A module that exports nothing is a program (an entry point, a seed script): it owns what it creates.
    if (allowed || !moduleHasExports(sourceCode.ast)) return {};

    // ---------------------------------------------------------------- non-test modules

    /** A creation handed to another one (`new Kysely({ dialect: new PostgresDialect({ pool: new Pool() }) })`) is reported with it. */
    function isPartOfOuterCreation(node: TSESTree.Node): boolean {
      for (let current = node.parent; current && !isFunctionNode(current); current = current.parent) {
        if (
          (current.type === AST_NODE_TYPES.CallExpression || current.type === AST_NODE_TYPES.NewExpression) &&
          current.arguments.some((argument) => isWithin(node, argument)) &&
          resources.creationOf(current, types)
        ) {
          return true;
        }
        if (current.type.endsWith('Statement') || current.type === AST_NODE_TYPES.VariableDeclaration) return false;
      }
      return false;
    }

    function checkCreation(node: TSESTree.CallExpression | TSESTree.NewExpression): void {
      const creation = resources.creationOf(node, types);
      if (!creation || isPartOfOuterCreation(node)) return;
      const cache = globalCacheOf(node, sourceCode);
      if (cache) {
        if (!options.allowGlobalThisCache) {
          report({ node, messageId: 'globalThisCache', data: { resource: creation.label, target: sourceCode.getText(cache) } });
        }
        return;
      }
      const time = executionTimeOf(node, info);
      if (time.kind === 'moduleLoad') {
        if (testEnvironmentBranchOf(node)?.polarity === 'notTest') return;
        const binding = bindingOf(node, sourceCode);
        // one report for `const db = url ? new Pool(a) : new Pool(b)`
        if (binding && reportedBindings.has(binding.variable)) return;
        if (binding) reportedBindings.add(binding.variable);
        const name = binding?.variable.name ?? propertyNameOf(node);
        report({
          node,
          messageId: 'moduleScopeResource',
          data: {
            what: name === undefined ? 'This module' : `\`${name}\``,
            resource: withArticle(creation.label),
            factory: factoryName(name ?? creation.spec.kind ?? 'resource'),
          },
        });
        return;
      }
      if (time.kind === 'deferred' && time.fn && options.checkLazySingletons) checkMemoizedFactory(node, creation, time.fn);
    }

    /** `export const getDb = memoize(() => new Pool())`, `export const wss = singleton('wss', createServer)`. */
    function checkMemoizedFactory(node: TSESTree.Node, creation: ResourceCreation, fn: FunctionNode): void {
      const call = memoizingCallOf(fn);
      if (!call) return;
      if (!returnedValues(fn).some((value) => isWithin(node, value) || holdsCreation(value, node, fn))) return;
      const memoizer = sourceCode.getText(call.callee);
      if (memoizesValue(call)) {
        // `singleton('redis', initRedis)` calls the factory at once and keeps the value under a name
        const factory = functionNameNode(fn)?.name;
        const fnLabel = factory === undefined ? `This \`${memoizer}()\` factory` : `\`${factory}()\``;
        report({ node, messageId: 'lazySingleton', data: { fn: fnLabel, resource: creation.label, storage: `the \`${memoizer}()\` cache` } });
        return;
      }
      const holder = valueParent(call).parent;
      const fnName =
        holder?.type === AST_NODE_TYPES.VariableDeclarator && holder.id.type === AST_NODE_TYPES.Identifier
          ? `\`${holder.id.name}()\``
          : `This \`${memoizer}\` factory`;
      report({ node, messageId: 'lazySingleton', data: { fn: fnName, resource: creation.label, storage: 'a memoised result' } });
    }

    /** The memoising call `fn` is handed to when the module loads: inline (`memoize(() => …)`) or by name (`singleton('wss', init)`). */
    function memoizingCallOf(fn: FunctionNode): TSESTree.CallExpression | undefined {
      const nameNode = functionNameNode(fn);
      const name = nameNode?.type === AST_NODE_TYPES.Identifier ? nameNode : undefined;
      const uses: TSESTree.Node[] = [fn, ...(name ? (findVariableOf(sourceCode, name)?.references.map((reference) => reference.identifier) ?? []) : [])];
      for (const use of uses) {
        const call = use.parent;
        if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.some((argument) => argument === use) || !isMemoizingCall(call)) continue;
        if (executionTimeOf(call, info).kind === 'moduleLoad') return call;
      }
      return undefined;
    }

    /** `const server = new X(); return server;` in `fn`: the returned binding holds the creation. */
    function holdsCreation(value: TSESTree.Node, creation: TSESTree.Node, fn: FunctionNode): boolean {
      const returned = unwrapExpression(value);
      if (returned.type !== AST_NODE_TYPES.Identifier) return false;
      const variable = findVariableOf(sourceCode, returned);
      const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      return def?.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init != null && isWithin(def.node, fn) && isWithin(creation, def.node.init);
    }

    /** `if (!instance) instance = new X()`, `instance ??= create()`, `return instance || (instance = …)`. */
    function checkLazyFill(node: TSESTree.AssignmentExpression): void {
      const storage = lazyStorageOf(node.left);
      if (!storage) return;
      const time = executionTimeOf(node, info);
      if (time.kind !== 'deferred' || !time.fn || !isGuardedFill(node, storage.variable, time.fn)) return;
      const creation = createdValue(node.right, time.fn);
      if (!creation || globalCacheOf(creation.node, sourceCode)) return;
      report({
        node,
        messageId: storage.perKey ? 'lazyCachePerKey' : 'lazySingleton',
        data: { fn: functionLabel(time.fn), resource: creation.label, storage: storage.label },
      });
    }

    /** `instance` (a module-level `let`), or `cache.redis` / `cache[key]` (one per key) on a module-level object literal. */
    function lazyStorageOf(target: TSESTree.Node): { variable: TSESLint.Scope.Variable; label: string; perKey: boolean } | undefined {
      if (target.type === AST_NODE_TYPES.Identifier) {
        const variable = findVariableOf(sourceCode, target);
        return variable && isModuleLevelMutable(variable) ? { variable, label: `the module-level \`${variable.name}\``, perKey: false } : undefined;
      }
      if (target.type !== AST_NODE_TYPES.MemberExpression || target.object.type !== AST_NODE_TYPES.Identifier) return undefined;
      const variable = findVariableOf(sourceCode, target.object);
      if (!variable || !isModuleLevelVariable(variable) || !holdsObjectLiteral(variable)) return undefined;
      return { variable, label: `the module-level object \`${variable.name}\``, perKey: target.computed && !isConstantKey(target.property) };
    }

    /** A key written as a literal (`cache['redis']`, `pools.set('main', …)`): one entry, not one per key. */
    function isConstantKey(key: TSESTree.Node): boolean {
      const value = unwrapExpression(key);
      return value.type === AST_NODE_TYPES.Literal || (value.type === AST_NODE_TYPES.TemplateLiteral && value.expressions.length === 0);
    }

    /** `pools.set(key, new Pool())` on a module-level `Map`. */
    function checkMapCache(node: TSESTree.CallExpression): void {
      const callee = unwrapExpression(node.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression || memberName(callee) !== 'set' || node.arguments.length !== 2) return;
      const object = unwrapExpression(callee.object);
      if (object.type !== AST_NODE_TYPES.Identifier) return;
      const variable = findVariableOf(sourceCode, object);
      if (!variable || !isModuleLevelVariable(variable) || !holdsNewMap(variable)) return;
      const time = executionTimeOf(node, info);
      if (time.kind !== 'deferred' || !time.fn) return;
      const creation = createdValue(node.arguments[1]!, time.fn);
      if (!creation) return;
      report({
        node,
        messageId: isConstantKey(node.arguments[0]!) ? 'lazySingleton' : 'lazyCachePerKey',
        data: { fn: functionLabel(time.fn), resource: creation.label, storage: `the module-level map \`${variable.name}\`` },
      });
    }

    /** A creation, or a variable of `fn` given one (`const pool = new Pool(); instance = pool`). */
    function createdValue(value: TSESTree.Node, fn: FunctionNode): ResourceCreation | undefined {
      const node = unwrapExpression(value);
      // `client.connect().then(() => client)`: a promise of the client, memoised like the client
      const resolved = resolvedValueOf(node);
      if (resolved) return createdValue(resolved, fn);
      if (node.type !== AST_NODE_TYPES.Identifier) return resources.creationOf(node, types);
      const variable = findVariableOf(sourceCode, node);
      const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      if (def?.node.type !== AST_NODE_TYPES.VariableDeclarator || !isWithin(def.node, fn)) return undefined;
      for (const reference of variable!.references) {
        const assigned = reference.writeExpr;
        const creation = reference.isWrite() && assigned ? resources.creationOf(assigned, types) : undefined;
        if (creation) return creation;
      }
      return undefined;
    }

    function checkClass(node: TSESTree.ClassDeclaration | TSESTree.ClassExpression): void {
      if (node.type === AST_NODE_TYPES.ClassDeclaration && node.declare) return;
      const singleton = singletonClassOf(node);
      if (!singleton) return;
      if (options.checkSingletonClasses) {
        report({
          node: singleton.nameNode,
          messageId: 'singletonClass',
          data: { name: singleton.name, field: singleton.field, accessor: singleton.accessor },
        });
      }
      for (const reset of singleton.resets) {
        report({
          node: reset.nameNode,
          messageId: 'testOnlyReset',
          data: { what: `\`${reset.name}\` replaces the \`${singleton.name}\` singleton` },
        });
      }
      for (const condition of singleton.testBranches) {
        report({
          node: condition,
          messageId: 'testOnlyReset',
          data: { what: `This test-environment branch replaces the \`${singleton.name}\` singleton` },
        });
      }
    }

    /** Resets of module-level singleton bindings: `export function resetForTesting() { instance = undefined }`. */
    function checkModuleResets(program: TSESTree.Program): void {
      for (const statement of program.body) {
        const declaration = declarationOf(statement);
        if (declaration.type !== AST_NODE_TYPES.VariableDeclaration || declaration.declare) continue;
        for (const declarator of declaration.declarations) {
          for (const variable of sourceCode.scopeManager?.getDeclaredVariables(declarator) ?? []) {
            checkStorage(variable, declarator);
          }
        }
      }
    }

    function checkStorage(variable: TSESLint.Scope.Variable, declarator: TSESTree.VariableDeclarator): void {
      // `export const db = process.env.NODE_ENV === 'test' ? createTestDb() : new PrismaClient()`
      const init = declarator.init ? unwrapExpression(declarator.init) : undefined;
      if (init?.type === AST_NODE_TYPES.ConditionalExpression && isTestBranching(init.test)) {
        if (resources.creationOf(init.consequent, types) || resources.creationOf(init.alternate, types)) {
          report({
            node: init.test,
            messageId: 'testOnlyReset',
            data: { what: `This test-environment branch chooses what the singleton \`${variable.name}\` holds` },
          });
        }
      }
      // `export const logger = new UsageLogger()`: an instance of a project class, not a catalog resource
      const holdsInstance = init !== undefined && isProjectClassInstance(init, sourceCode);
      if (isModuleLevelMutable(variable)) checkWrites(variable, init, holdsInstance);
      if (holdsInstance) checkInstanceClears(variable);
    }

    /** Fills, replacements and test-environment branches of a module-level `let`/`var`. */
    function checkWrites(variable: TSESLint.Scope.Variable, init: TSESTree.Node | undefined, holdsInstance: boolean): void {
      const writes = variable.references.filter((reference) => reference.isWrite() && !reference.init);
      let lazilyFilled = false;
      let holdsResource = init !== undefined && resources.creationOf(init, types) !== undefined;
      const fills = new Set<TSESTree.Node>();
      for (const write of writes) {
        const assignment = write.identifier.parent;
        if (assignment.type !== AST_NODE_TYPES.AssignmentExpression) continue;
        const time = executionTimeOf(assignment, info);
        const fn = time.kind === 'deferred' ? time.fn : undefined;
        if (fn && isGuardedFill(assignment, variable, fn)) {
          fills.add(assignment);
          // a memoised value of plain data (fetched keys, a loaded module, a path) is a cache, not a singleton to inject
          if (createdValue(assignment.right, fn) || isProjectClassInstance(assignment.right, sourceCode)) lazilyFilled = true;
        }
        if (resources.creationOf(assignment.right, types)) holdsResource = true;
      }
      if (!lazilyFilled && !holdsResource && !holdsInstance) return;
      for (const write of writes) {
        const assignment = write.identifier.parent;
        if (assignment.type !== AST_NODE_TYPES.AssignmentExpression || fills.has(assignment)) continue;
        const branch = testEnvironmentBranchOf(assignment);
        if (branch?.polarity === 'test') {
          report({
            node: branch.condition,
            messageId: 'testOnlyReset',
            data: { what: `This test-environment branch replaces the singleton \`${variable.name}\`` },
          });
          continue;
        }
        const time = executionTimeOf(assignment, info);
        const nameNode = time.kind === 'deferred' && time.fn ? functionNameNode(time.fn) : undefined;
        const strength = nameNode ? resetNameStrength(nameNode.name) : undefined;
        if (nameNode && (strength === 'testOnly' || (strength === 'reset' && holdsResource))) {
          report({
            node: nameNode,
            messageId: 'testOnlyReset',
            data: { what: `\`${nameNode.name}\` resets the singleton \`${variable.name}\`` },
          });
        }
      }
    }

    /** `export function resetForTesting() { logger.clear(); }`: a test-only reset that wipes a module-level instance's state. */
    function checkInstanceClears(variable: TSESLint.Scope.Variable): void {
      for (const mutation of mutationsThrough(variable)) {
        const time = executionTimeOf(mutation, info);
        const nameNode = time.kind === 'deferred' && time.fn ? functionNameNode(time.fn) : undefined;
        if (!nameNode || !isTestResetName(nameNode.name)) continue;
        report({
          node: nameNode,
          messageId: 'testOnlyReset',
          data: { what: `\`${nameNode.name}\` clears the singleton \`${variable.name}\`` },
        });
      }
    }

    // Resources come from catalog packages (or, with types, from any class): otherwise only classes and resets are checked.
    const mayCreate = types !== undefined || resources.importsCatalogModule();
    return {
      ...(mayCreate && {
        NewExpression: checkCreation,
        CallExpression(node: TSESTree.CallExpression) {
          checkCreation(node);
          if (options.checkLazySingletons) checkMapCache(node);
        },
        AssignmentExpression(node: TSESTree.AssignmentExpression) {
          if (options.checkLazySingletons) checkLazyFill(node);
        },
      }),
      ClassDeclaration: checkClass,
      ClassExpression: checkClass,
      'Program:exit': checkModuleResets,
    };

    // ---------------------------------------------------------------- test files

    function testFileVisitors(): TSESLint.RuleListener {
      const candidates: { node: TSESTree.Node; creation: ResourceCreation; where: string }[] = [];

      function checkTestCreation(node: TSESTree.CallExpression | TSESTree.NewExpression): void {
        const creation = resources.creationOf(node, types);
        if (!creation || isPartOfOuterCreation(node) || resources.isMockedCreation(node)) return;
        const time = executionTimeOf(node, info);
        if (time.kind !== 'moduleLoad' && time.kind !== 'collection') return;
        if (globalCacheOf(node, sourceCode) || testEnvironmentBranchOf(node)?.polarity === 'notTest') return;
        const binding = bindingOf(node, sourceCode);
        if (binding && (isExported(binding.variable) || isClosedInFile(binding.variable, creation.spec, info))) return;
        if (!binding && isHandedOver(node)) return;
        candidates.push({
          node,
          creation,
          where: time.kind === 'moduleLoad' ? 'at module scope' : 'directly in a `describe` body',
        });
      }

      /**
       * An unbound creation handed to something else may be closed by it: a call or `new` argument,
       * directly or inside an options object (`new Kysely({ dialect: new PostgresDialect({ pool: new Pool() }) })`).
       * A test framework's own call (`test.extend({ db: new Pool() })`) does not close anything.
       */
      function isHandedOver(node: TSESTree.Node): boolean {
        let current: TSESTree.Node = node;
        for (let depth = 0; depth < 8; depth++) {
          const { parent, child } = valueParent(current);
          if (!parent) return false;
          if (parent.type === AST_NODE_TYPES.ReturnStatement) return true;
          if (parent.type === AST_NODE_TYPES.CallExpression || parent.type === AST_NODE_TYPES.NewExpression) {
            return parent.callee !== child && !(parent.type === AST_NODE_TYPES.CallExpression && info.parseCall(parent));
          }
          if (
            !(parent.type === AST_NODE_TYPES.Property && parent.value === child) &&
            parent.type !== AST_NODE_TYPES.ObjectExpression &&
            parent.type !== AST_NODE_TYPES.ArrayExpression
          ) {
            return false;
          }
          current = parent;
        }
        return false;
      }

      // Only files the runner collects tests from: helpers, type tests and scripts under test folders run no hooks.
      const definesTestStructure = () => {
        const kinds = info.callKinds();
        return kinds.has('test') || kinds.has('suite') || kinds.has('hook') || kinds.has('fixtures');
      };
      /** `mongoose.disconnect()` anywhere in the file closes what an unbound `mongoose.connect()` opened. */
      function releasedSpecs(): Set<string> {
        const released = new Set<string>();
        walk(sourceCode.ast, (node) => {
          if (node.type !== AST_NODE_TYPES.CallExpression) return;
          for (const release of catalogReleasesIn(node, resources, types)) released.add(release.spec.name);
        });
        return released;
      }

      if (types === undefined && !resources.importsCatalogModule()) return {};
      return {
        'Program:exit'(program: TSESTree.Program) {
          // Only what runs at load or collection time can be reported: the functions the runner
          // calls later (tests, hooks, fixtures) are not walked.
          walkLoadAndCollection(program, info, (node) => {
            if (node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression) checkTestCreation(node);
          });
          if (candidates.length === 0 || !definesTestStructure()) return;
          let released: Set<string> | undefined;
          for (const { node, creation, where } of candidates) {
            if (!bindingOf(node, sourceCode) && (released ??= releasedSpecs()).has(creation.spec.name)) continue;
            report({ node, messageId: 'collectionTimeResource', data: { resource: creation.label, where } });
          }
        },
      };
    }
  },
});

/** What `promise.then(() => value)` resolves to: `value`, when the callback returns it directly. */
function resolvedValueOf(node: TSESTree.Node): TSESTree.Expression | undefined {
  if (node.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.MemberExpression || memberName(node.callee) !== 'then') return undefined;
  const callback = node.arguments[0];
  if (callback?.type !== AST_NODE_TYPES.ArrowFunctionExpression || callback.body.type === AST_NODE_TYPES.BlockStatement) return undefined;
  return callback.body;
}

/** A condition with a branch that runs only under tests. */
function isTestBranching(condition: TSESTree.Node): boolean {
  const meaning = testEnvironmentMeaning(condition);
  return meaning.whenTrue === 'test' || meaning.whenFalse === 'test';
}

/** `{ db: new PrismaClient() }`, `{ 'db': … }` → `db`. */
function propertyNameOf(node: TSESTree.Node): string | undefined {
  const { parent, child } = valueParent(node);
  if ((parent?.type === AST_NODE_TYPES.Property || parent?.type === AST_NODE_TYPES.PropertyDefinition) && parent.value === child) {
    return propertyKeyName(parent);
  }
  return undefined;
}

/** `prisma` → `createPrisma`. */
function factoryName(name: string): string {
  const words = name.replace(/^[_$]+/, '').split(/[^A-Za-z0-9]+/).filter(Boolean);
  return `create${words.map((word) => word[0]!.toUpperCase() + word.slice(1)).join('') || 'Resource'}`;
}

function functionLabel(fn: FunctionNode): string {
  const name = functionNameNode(fn);
  if (!name) return 'This function';
  return `\`${name.type === AST_NODE_TYPES.PrivateIdentifier ? `#${name.name}` : name.name}()\``;
}

const allowMatchers = new WeakMap<readonly string[], (file: string) => boolean>();

/** The `allow` globs compiled once per configured list: ESLint hands every file the same options. */
function allowMatcherOf(allow: readonly string[]): (file: string) => boolean {
  let matcher = allowMatchers.get(allow);
  if (!matcher) {
    matcher = globListMatcher(allow, { dot: true });
    allowMatchers.set(allow, matcher);
  }
  return matcher;
}

function runsOnlyAsCommand(file: string, catalog: ResourceCatalog): boolean {
  return path.isAbsolute(file) && getProjectIndex().projectFor(file)?.runsOnlyAsCommand(file, catalog) === true;
}
