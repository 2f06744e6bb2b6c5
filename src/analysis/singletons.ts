import { TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { type FunctionNode, calleeNameOf, constructedClassName, findVariableOf, isFunctionNode, isWithin, memberName, unwrapExpression, valueParent } from './ast';
import { importedBindingOfVariable } from './resources';
import { walkOwnBody } from './traverse';
import { AST_NODE_TYPES } from '../util/node-types';

/*
 * Recognition of the shapes module-level state takes: global-object caches, lazily filled
 * module bindings, singleton classes, test-only resets and test-environment branches. Pure syntax.
 */

const globalObjectNames = new Set(['globalThis', 'global', 'window', 'self']);

/**
 * Whether `node` is the global object: an unshadowed `globalThis`/`global`/`window`/`self`
 * (a `declare`d one counts), or a `const` alias of it (`const g = globalThis as unknown as {…}`).
 */
export function isGlobalObject(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, depth = 0): boolean {
  const value = unwrapExpression(node);
  if (value.type !== AST_NODE_TYPES.Identifier || depth > 3) return false;
  const variable = findVariableOf(sourceCode, value);
  if (!variable || variable.defs.length === 0) return globalObjectNames.has(value.name);
  if (variable.defs.every((def) => isAmbientDefinition(def.node))) return globalObjectNames.has(value.name);
  const def = variable.defs.length === 1 ? variable.defs[0] : undefined;
  if (
    def?.node.type === AST_NODE_TYPES.VariableDeclarator &&
    def.node.parent.kind === 'const' &&
    def.node.id.type === AST_NODE_TYPES.Identifier &&
    def.node.init
  ) {
    return isGlobalObject(def.node.init, sourceCode, depth + 1);
  }
  return false;
}

function isAmbientDefinition(node: TSESTree.Node): boolean {
  for (let current: TSESTree.Node | undefined = node; current; current = current.parent) {
    if ('declare' in current && current.declare === true) return true;
  }
  return false;
}

/** `globalThis.prisma`, `global.__db`, `globalForPrisma.prisma`: a property of the global object. */
export function isGlobalMember(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): node is TSESTree.MemberExpression {
  const value = unwrapExpression(node);
  return value.type === AST_NODE_TYPES.MemberExpression && isGlobalObject(value.object, sourceCode);
}

/**
 * The global-object property a value created at `node` is cached on: `globalThis.x ??= node`,
 * `g.x ?? node`, `g.x || (g.x = node)`, `if (!g.x) g.x = node`, or `const v = g.x ?? node; g.x = v`.
 */
export function globalCacheOf(
  node: TSESTree.Node,
  sourceCode: Readonly<TSESLint.SourceCode>,
): TSESTree.MemberExpression | undefined {
  let current: TSESTree.Node = node;
  for (let depth = 0; depth < 8; depth++) {
    const { parent, child } = valueParent(current);
    if (!parent) return undefined;
    switch (parent.type) {
      case AST_NODE_TYPES.AwaitExpression:
        current = parent;
        continue;
      case AST_NODE_TYPES.LogicalExpression:
        if (parent.right === child && parent.operator !== '&&' && isGlobalMember(parent.left, sourceCode)) {
          return unwrapExpression(parent.left) as TSESTree.MemberExpression;
        }
        current = parent;
        continue;
      case AST_NODE_TYPES.ConditionalExpression: {
        if (parent.test === child) return undefined;
        const tested = memberIn(parent.test, sourceCode);
        if (tested) return tested;
        current = parent;
        continue;
      }
      case AST_NODE_TYPES.AssignmentExpression:
        if (parent.right === child && isGlobalMember(parent.left, sourceCode)) {
          return unwrapExpression(parent.left) as TSESTree.MemberExpression;
        }
        if (parent.right === child) {
          current = parent;
          continue;
        }
        return undefined;
      case AST_NODE_TYPES.VariableDeclarator:
        return parent.init === child && parent.id.type === AST_NODE_TYPES.Identifier
          ? bindingCachedOnGlobal(parent.id, sourceCode)
          : undefined;
      default:
        return undefined;
    }
  }
  return undefined;
}

/** A global member read in a condition: `globalThis.db ? globalThis.db : …`. */
function memberIn(test: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.MemberExpression | undefined {
  let value = unwrapExpression(test);
  if (value.type === AST_NODE_TYPES.UnaryExpression && value.operator === '!') value = unwrapExpression(value.argument);
  return isGlobalMember(value, sourceCode) ? (unwrapExpression(value) as TSESTree.MemberExpression) : undefined;
}

/** `const prisma = …; globalThis.prisma = prisma` (the Next.js pattern). */
function bindingCachedOnGlobal(
  id: TSESTree.Identifier,
  sourceCode: Readonly<TSESLint.SourceCode>,
): TSESTree.MemberExpression | undefined {
  const variable = findVariableOf(sourceCode, id);
  for (const reference of variable?.references ?? []) {
    if (!reference.isRead()) continue;
    const { parent, child } = valueParent(reference.identifier);
    if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === child && isGlobalMember(parent.left, sourceCode)) {
      return unwrapExpression(parent.left) as TSESTree.MemberExpression;
    }
  }
  return undefined;
}

// ------------------------------------------------------------------ test-environment branches

/** What running a branch says about the environment: under a test runner (`test`) or certainly not (`notTest`). */
export type TestEnvironmentPolarity = 'test' | 'notTest';

/** What a condition says about the test environment when it is true and when it is false. */
export interface ConditionMeaning {
  whenTrue?: TestEnvironmentPolarity;
  whenFalse?: TestEnvironmentPolarity;
}

const testRunnerEnvironmentVariables = new Set(['VITEST', 'VITEST_WORKER_ID', 'VITEST_POOL_ID', 'JEST_WORKER_ID', 'TEST_WORKER_INDEX', 'TEST_PARALLEL_INDEX']);

/**
 * What a condition says about the test environment. `process.env.NODE_ENV === 'test'` and
 * `process.env.VITEST` mean `test` when true and `notTest` when false. `NODE_ENV === 'production'`
 * and entry-point guards (`require.main === module`, `import.meta.main`) mean `notTest` when true
 * and nothing when false: the code may then run in development or under tests.
 */
export function testEnvironmentMeaning(condition: TSESTree.Node): ConditionMeaning {
  const value = unwrapExpression(condition);
  switch (value.type) {
    case AST_NODE_TYPES.UnaryExpression: {
      if (value.operator !== '!') return {};
      const inner = testEnvironmentMeaning(value.argument);
      return { whenTrue: inner.whenFalse, whenFalse: inner.whenTrue };
    }
    case AST_NODE_TYPES.LogicalExpression: {
      const left = testEnvironmentMeaning(value.left);
      const right = testEnvironmentMeaning(value.right);
      // `a && b` is true when both are; `a || b` is false when both are.
      if (value.operator === '&&') return { whenTrue: both(left.whenTrue, right.whenTrue), whenFalse: agreed(left.whenFalse, right.whenFalse) };
      if (value.operator === '||') return { whenTrue: agreed(left.whenTrue, right.whenTrue), whenFalse: both(left.whenFalse, right.whenFalse) };
      return {};
    }
    case AST_NODE_TYPES.BinaryExpression:
      return binaryMeaning(value);
    case AST_NODE_TYPES.MemberExpression: {
      const name = environmentVariableName(value);
      if (name !== undefined && testRunnerEnvironmentVariables.has(name)) return { whenTrue: 'test', whenFalse: 'notTest' };
      // `import.meta.vitest` (in-source testing), `import.meta.main` (Deno, Bun: the entry point)
      if (isImportMeta(value.object)) {
        const property = memberName(value);
        if (property === 'vitest') return { whenTrue: 'test', whenFalse: 'notTest' };
        if (property === 'main') return { whenTrue: 'notTest' };
      }
      return {};
    }
    default:
      return {};
  }
}

/** Both parts hold: either one's meaning holds, unless they contradict. */
function both(a: TestEnvironmentPolarity | undefined, b: TestEnvironmentPolarity | undefined): TestEnvironmentPolarity | undefined {
  if (a && b && a !== b) return undefined;
  return a ?? b;
}

/** One of the parts holds: only a meaning both share is certain. */
function agreed(a: TestEnvironmentPolarity | undefined, b: TestEnvironmentPolarity | undefined): TestEnvironmentPolarity | undefined {
  return a === b ? a : undefined;
}

function binaryMeaning(node: TSESTree.BinaryExpression): ConditionMeaning {
  const negated = node.operator === '!==' || node.operator === '!=';
  if (!negated && node.operator !== '===' && node.operator !== '==') return {};
  const meaning = (whenEqual: ConditionMeaning): ConditionMeaning =>
    negated ? { whenTrue: whenEqual.whenFalse, whenFalse: whenEqual.whenTrue } : whenEqual;
  // `require.main === module`, `module === require.main`: the module runs as the program.
  if (isRequireMain(node.left) || isRequireMain(node.right)) return meaning({ whenTrue: 'notTest' });
  // `import.meta.url === pathToFileURL(process.argv[1]).href` and its spellings.
  if (mentionsImportMetaUrl(node.left) !== mentionsImportMetaUrl(node.right) && (mentionsArgv(node.left) || mentionsArgv(node.right))) {
    return meaning({ whenTrue: 'notTest' });
  }
  const [variable, literal] = environmentComparison(node);
  if (variable === undefined || literal === undefined) return {};
  if (variable === 'NODE_ENV' || variable === 'MODE') {
    if (literal === 'test') return meaning({ whenTrue: 'test', whenFalse: 'notTest' });
    if (literal === 'production' || literal === 'development') return meaning({ whenTrue: 'notTest' });
  }
  return {};
}

function environmentComparison(node: TSESTree.BinaryExpression): [string | undefined, string | undefined] {
  const left = unwrapExpression(node.left);
  const right = unwrapExpression(node.right);
  const literalOf = (side: TSESTree.Node) => (side.type === AST_NODE_TYPES.Literal && typeof side.value === 'string' ? side.value : undefined);
  const nameOf = (side: TSESTree.Node) => (side.type === AST_NODE_TYPES.MemberExpression ? environmentVariableName(side) : undefined);
  return [nameOf(left) ?? nameOf(right), literalOf(right) ?? literalOf(left)];
}

/** `process.env.NAME`, `process.env['NAME']`, `import.meta.env.NAME` → `NAME`. */
export function environmentVariableName(node: TSESTree.MemberExpression): string | undefined {
  const object = unwrapExpression(node.object);
  if (object.type !== AST_NODE_TYPES.MemberExpression || memberName(object) !== 'env') return undefined;
  const base = unwrapExpression(object.object);
  const isProcess = base.type === AST_NODE_TYPES.Identifier && base.name === 'process';
  if (!isProcess && !isImportMeta(base)) return undefined;
  return memberName(node);
}

function isImportMeta(node: TSESTree.Node): boolean {
  return node.type === AST_NODE_TYPES.MetaProperty && node.meta.name === 'import' && node.property.name === 'meta';
}

function isRequireMain(node: TSESTree.Node): boolean {
  const value = unwrapExpression(node);
  return (
    value.type === AST_NODE_TYPES.MemberExpression &&
    value.object.type === AST_NODE_TYPES.Identifier &&
    value.object.name === 'require' &&
    memberName(value) === 'main'
  );
}

function mentionsImportMetaUrl(node: TSESTree.Node): boolean {
  return someDescendant(node, (n) => n.type === AST_NODE_TYPES.MemberExpression && isImportMeta(n.object) && memberName(n) === 'url');
}

function mentionsArgv(node: TSESTree.Node): boolean {
  return someDescendant(
    node,
    (n) => n.type === AST_NODE_TYPES.MemberExpression && memberName(n) === 'argv' && n.object.type === AST_NODE_TYPES.Identifier && n.object.name === 'process',
  );
}

function someDescendant(node: TSESTree.Node, test: (node: TSESTree.Node) => boolean): boolean {
  let found = false;
  walkOwnBody(node, (n) => {
    if (!found && test(n)) found = true;
  });
  return found;
}

/**
 * The test-environment branch `node` sits in, nearest first: the condition and what it says about
 * this branch (`if (process.env.NODE_ENV === 'test') { node }` → `test`; in its `else` → `notTest`).
 * Stops at the enclosing function.
 */
export function testEnvironmentBranchOf(
  node: TSESTree.Node,
): { condition: TSESTree.Node; polarity: TestEnvironmentPolarity } | undefined {
  let child: TSESTree.Node = node;
  for (let current = node.parent; current && !isFunctionNode(current); current = current.parent) {
    let condition: TSESTree.Node | undefined;
    let inAlternate = false;
    if (current.type === AST_NODE_TYPES.IfStatement || current.type === AST_NODE_TYPES.ConditionalExpression) {
      if (child !== current.test) {
        condition = current.test;
        inAlternate = child === current.alternate;
      }
    } else if (current.type === AST_NODE_TYPES.LogicalExpression && child === current.right && current.operator !== '??') {
      condition = current.left;
      inAlternate = current.operator === '||';
    }
    if (condition) {
      const meaning = testEnvironmentMeaning(condition);
      const polarity = inAlternate ? meaning.whenFalse : meaning.whenTrue;
      if (polarity) return { condition, polarity };
    }
    child = current;
  }
  return undefined;
}

// ------------------------------------------------------------------ module-level storage

/** Whether a variable is declared at the top level of the module (not in a function or block). */
export function isModuleLevelVariable(variable: TSESLint.Scope.Variable): boolean {
  const def = variable.defs.length === 1 ? variable.defs[0] : undefined;
  if (def?.node.type !== AST_NODE_TYPES.VariableDeclarator) return false;
  const declaration = def.node.parent;
  const container = declaration.parent;
  return (
    container.type === AST_NODE_TYPES.Program ||
    (container.type === AST_NODE_TYPES.ExportNamedDeclaration && container.parent.type === AST_NODE_TYPES.Program)
  );
}

/** A module binding created as a `new Map()` or `new WeakMap()`: a cache a function can fill per key. */
export function holdsNewMap(variable: TSESLint.Scope.Variable): boolean {
  const created = constructedClassName(variable);
  return created === 'Map' || created === 'WeakMap';
}

/** A module `const` bound to an object literal (`const cache: Record<string, Redis> = {}`): a cache a function can fill per property. */
export function holdsObjectLiteral(variable: TSESLint.Scope.Variable): boolean {
  const def = variable.defs.length === 1 ? variable.defs[0] : undefined;
  if (def?.node.type !== AST_NODE_TYPES.VariableDeclarator || def.node.parent.kind !== 'const' || !def.node.init) return false;
  return unwrapExpression(def.node.init).type === AST_NODE_TYPES.ObjectExpression;
}

/** `let`/`var` at module level: a binding a function can fill. */
export function isModuleLevelMutable(variable: TSESLint.Scope.Variable): boolean {
  const def = variable.defs[0];
  return (
    isModuleLevelVariable(variable) &&
    def?.node.type === AST_NODE_TYPES.VariableDeclarator &&
    def.node.parent.kind !== 'const' &&
    def.node.id.type === AST_NODE_TYPES.Identifier
  );
}

/**
 * Whether a write to a module binding inside `fn` fills it only once: the operator is `??=`/`||=`,
 * or `fn` tests the binding in a condition (`if (!x)`, `x ?? (x = …)`, `if (x) return x`).
 */
export function isGuardedFill(
  assignment: TSESTree.AssignmentExpression,
  variable: TSESLint.Scope.Variable,
  fn: FunctionNode,
): boolean {
  if (assignment.operator === '??=' || assignment.operator === '||=') return true;
  if (assignment.operator !== '=') return false;
  return variable.references.some(
    (reference) =>
      reference.isRead() &&
      reference.identifier.type === AST_NODE_TYPES.Identifier &&
      isWithin(reference.identifier, fn) &&
      isInCondition(reference.identifier, fn),
  );
}

function isInCondition(identifier: TSESTree.Identifier, fn: FunctionNode): boolean {
  let child: TSESTree.Node = identifier;
  for (let current: TSESTree.Node | undefined = identifier.parent; current && current !== fn; current = current.parent) {
    if (
      ((current.type === AST_NODE_TYPES.IfStatement || current.type === AST_NODE_TYPES.ConditionalExpression) && current.test === child) ||
      (current.type === AST_NODE_TYPES.LogicalExpression && current.left === child)
    ) {
      return true;
    }
    if (isFunctionNode(current)) return false;
    child = current;
  }
  return false;
}

const memoizers = new Set(['memoize', 'memoizeOne', 'memoizee', 'once', 'pMemoize', 'mem', 'moize', 'lazy', 'singleton', 'remember']);
/** Memoisers that call the factory at once and return its value, kept under a name (`singleton('prisma', create)`). */
const valueMemoizers = new Set(['singleton', 'remember']);

/** `memoize(() => …)`, `_.once(fn)`, `lodash.memoize(fn)`: a call that makes `fn` run once and reuse its result. */
export function isMemoizingCall(call: TSESTree.CallExpression): boolean {
  const name = calleeNameOf(call);
  return name !== undefined && memoizers.has(name);
}

/** Whether a memoising call returns the value itself rather than a memoised function. */
export function memoizesValue(call: TSESTree.CallExpression): boolean {
  const name = calleeNameOf(call);
  return name !== undefined && valueMemoizers.has(name);
}

/** Names of functions that exist so tests can reset shared state. */
export function resetNameStrength(name: string): 'testOnly' | 'reset' | undefined {
  // "test" as a word of the name (`resetForTesting`, `RESET_FOR_TEST`), not inside one (`refreshLatest`)
  const words = name.match(/[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])/g) ?? [];
  if (words.some((word) => /^test/i.test(word)) || /^__[a-z]/i.test(name)) return 'testOnly';
  if (/^_*(reset|clear)/i.test(name)) return /instance|singleton/i.test(name) ? 'testOnly' : 'reset';
  return undefined;
}

/**
 * A name that says both "reset" and "for tests": `resetForTesting`, `__reset`, `_resetInstance`,
 * `clearInstance`. Stricter than `resetNameStrength`, for functions that only call into an instance.
 */
export function isTestResetName(name: string): boolean {
  return /reset|clear/i.test(name) && resetNameStrength(name) === 'testOnly';
}

/**
 * Whether `node` constructs an instance of one of the project's classes: `new UsageLogger()` where
 * the class is declared in this module or imported from a relative path. Built-ins (`new Map()`) and
 * packages are not: the resource catalog decides about those.
 */
export function isProjectClassInstance(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const value = unwrapExpression(node);
  if (value.type !== AST_NODE_TYPES.NewExpression) return false;
  const callee = unwrapExpression(value.callee);
  // `new loggers.UsageLogger()` through `import * as loggers from './loggers'`
  const root = callee.type === AST_NODE_TYPES.MemberExpression ? unwrapExpression(callee.object) : callee;
  if (root.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = findVariableOf(sourceCode, root);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!def) return false;
  if (callee === root) {
    if (def.type === TSESLint.Scope.DefinitionType.ClassName) return true;
    if (def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init && unwrapExpression(def.node.init).type === AST_NODE_TYPES.ClassExpression) {
      return true;
    }
  }
  const binding = importedBindingOfVariable(variable);
  if (!binding || (callee !== root && binding.exportName !== '*')) return false;
  return binding.module.startsWith('./') || binding.module.startsWith('../');
}

/**
 * Where code acts on the state of the object a module binding holds: a method called on it
 * (`logger.clear()`, `logger.events.clear()`) or one of its members assigned or deleted
 * (`logger.events = []`). Reading a member or passing the object along does not count.
 */
export function mutationsThrough(variable: TSESLint.Scope.Variable): TSESTree.Node[] {
  const found: TSESTree.Node[] = [];
  for (const reference of variable.references) {
    if (!reference.isRead()) continue;
    const identifier = reference.identifier;
    let top: TSESTree.Node = identifier;
    let { parent, child } = valueParent(identifier);
    while (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === child) {
      top = parent;
      ({ parent, child } = valueParent(parent));
    }
    if (top === identifier || !parent) continue;
    const acts =
      (parent.type === AST_NODE_TYPES.CallExpression && parent.callee === child) ||
      (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left === child) ||
      (parent.type === AST_NODE_TYPES.UpdateExpression && parent.argument === child) ||
      (parent.type === AST_NODE_TYPES.UnaryExpression && parent.operator === 'delete' && parent.argument === child);
    if (acts) found.push(parent);
  }
  return found;
}

/** The name a function is known by: its id, the variable or property it is assigned to, or its method key. */
export function functionNameNode(fn: FunctionNode): TSESTree.Identifier | TSESTree.PrivateIdentifier | undefined {
  if (fn.id) return fn.id;
  const parent = fn.parent;
  if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) return parent.id;
  if (
    (parent.type === AST_NODE_TYPES.Property ||
      parent.type === AST_NODE_TYPES.MethodDefinition ||
      parent.type === AST_NODE_TYPES.PropertyDefinition) &&
    !parent.computed &&
    (parent.key.type === AST_NODE_TYPES.Identifier || parent.key.type === AST_NODE_TYPES.PrivateIdentifier)
  ) {
    return parent.key;
  }
  return undefined;
}

// ------------------------------------------------------------------ singleton classes

/** A class that keeps one instance of itself in a static field and hands it out. */
export interface SingletonClass {
  classNode: TSESTree.ClassDeclaration | TSESTree.ClassExpression;
  name: string;
  /** Where the class is reported: its name. */
  nameNode: TSESTree.Node;
  /** The static field's key as written: `instance`, `#instance`. */
  field: string;
  accessor: string;
  /** Static methods that replace the stored instance outside the accessor. */
  resets: { method: TSESTree.MethodDefinition | TSESTree.PropertyDefinition; name: string; nameNode: TSESTree.Node }[];
  /** Assignments of the stored instance inside a test-environment branch. */
  testBranches: TSESTree.Node[];
}

type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;
type StaticMember = TSESTree.MethodDefinition | TSESTree.PropertyDefinition;

/** Recognises `static instance = new C()` / `static #instance?: C` with `static getInstance()` or `static get instance()`. */
export function singletonClassOf(classNode: ClassNode): SingletonClass | undefined {
  const nameNode = classNameNode(classNode);
  if (!nameNode) return undefined;
  const name = nameNode.name;
  const isSelf = (node: TSESTree.Node | null | undefined, inStatic: boolean): boolean => {
    const value = node ? unwrapExpression(node) : undefined;
    if (value?.type !== AST_NODE_TYPES.NewExpression) return false;
    const callee = unwrapExpression(value.callee);
    return (
      (callee.type === AST_NODE_TYPES.Identifier && callee.name === name) ||
      (inStatic && callee.type === AST_NODE_TYPES.ThisExpression)
    );
  };
  const staticKey = (node: TSESTree.Node, inStatic: boolean): string | undefined => {
    const value = unwrapExpression(node);
    if (value.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const object = unwrapExpression(value.object);
    const ownsIt = (object.type === AST_NODE_TYPES.Identifier && object.name === name) || (inStatic && object.type === AST_NODE_TYPES.ThisExpression);
    if (!ownsIt) return undefined;
    if (value.property.type === AST_NODE_TYPES.PrivateIdentifier) return `#${value.property.name}`;
    return memberName(value);
  };

  const eager = new Map<string, TSESTree.PropertyDefinition>();
  const lazy = new Map<string, { member: StaticMember; assignment: TSESTree.AssignmentExpression; guarded: boolean }>();
  const staticMethods: { member: StaticMember; fn: FunctionNode; name: string | undefined }[] = [];
  let privateConstructor = false;
  let constructorFn: FunctionNode | undefined;
  for (const member of classNode.body.body) {
    if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor') {
      privateConstructor = member.accessibility === 'private' || member.accessibility === 'protected';
      if (isFunctionNode(member.value)) constructorFn = member.value;
      continue;
    }
    if (!('static' in member) || !member.static) continue;
    if (member.type === AST_NODE_TYPES.PropertyDefinition) {
      const key = memberKeyName(member);
      if (key !== undefined && isSelf(member.value, true)) eager.set(key, member);
      const fn = member.value ? unwrapExpression(member.value) : undefined;
      if (fn && isFunctionNode(fn)) staticMethods.push({ member, fn, name: key });
    } else if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind !== 'set' && isFunctionNode(member.value)) {
      staticMethods.push({ member, fn: member.value, name: memberKeyName(member) });
    }
  }
  // Several static instances of itself (`static RED = new Color()`) make an enum, not a singleton.
  if (eager.size > 1) return undefined;
  /** Static methods other than the accessor and the fill that replace the stored instance, and test-only replacements. */
  const replacementsOf = (field: string, keeps: readonly (StaticMember | undefined)[]): Pick<SingletonClass, 'resets' | 'testBranches'> => {
    const resets: SingletonClass['resets'] = [];
    const testBranches: TSESTree.Node[] = [];
    for (const { member, fn, name: methodName } of staticMethods) {
      walkOwnBody(fn, (node) => {
        if (node.type !== AST_NODE_TYPES.AssignmentExpression || staticKey(node.left, true) !== field) return;
        const branch = testEnvironmentBranchOf(node);
        if (branch?.polarity === 'test') testBranches.push(branch.condition);
        if (keeps.includes(member) || methodName === undefined) return;
        if (resetNameStrength(methodName) && !resets.some((reset) => reset.method === member)) {
          resets.push({ method: member, name: methodName, nameNode: member.key });
        }
      });
    }
    return { resets, testBranches };
  };
  for (const { member, fn } of staticMethods) {
    walkOwnBody(fn, (node) => {
      if (node.type !== AST_NODE_TYPES.AssignmentExpression || !isSelf(node.right, true)) return;
      const key = staticKey(node.left, true);
      if (key === undefined || lazy.has(key)) return;
      const guarded = node.operator !== '=' || fnTestsKey(fn, key, staticKey);
      lazy.set(key, { member, assignment: node, guarded });
    });
  }
  const candidates = [...eager.keys(), ...lazy.keys()];
  for (const field of candidates) {
    const accessor = staticMethods.find(
      ({ member, fn }) => member !== eager.get(field) && returnsKey(fn, field, staticKey),
    );
    if (!accessor) continue;
    const eagerField = eager.get(field);
    const lazyFill = lazy.get(field);
    const accessorName = accessor.name ?? 'accessor';
    const convincing =
      lazyFill?.guarded === true ||
      privateConstructor ||
      (eagerField?.value?.type === AST_NODE_TYPES.NewExpression && eagerField.value.arguments.length === 0) ||
      /instance|singleton|shared|default|current/i.test(accessorName);
    if (!convincing) continue;
    return { classNode, name, nameNode, field, accessor: accessorName, ...replacementsOf(field, [accessor.member, lazyFill?.member]) };
  }
  // `constructor() { if (Db.instance) return Db.instance; Db.instance = this; }`: `new Db()` hands out the first instance.
  const constructorField = constructorFn && constructorStoredField(constructorFn, staticKey);
  if (constructorField !== undefined) {
    return { classNode, name, nameNode, field: constructorField, accessor: `new ${name}()`, ...replacementsOf(constructorField, []) };
  }
  return undefined;
}

/** The static field a constructor stores `this` in and returns when it is set: `C.instance = this` and `return C.instance`. */
function constructorStoredField(fn: FunctionNode, staticKey: StaticKeyOf): string | undefined {
  const stored = new Set<string>();
  const returned = new Set<string>();
  walkOwnBody(fn, (node) => {
    if (node.type === AST_NODE_TYPES.AssignmentExpression && unwrapExpression(node.right).type === AST_NODE_TYPES.ThisExpression) {
      const key = staticKey(node.left, false);
      if (key !== undefined) stored.add(key);
    } else if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument) {
      const key = staticKey(node.argument, false);
      if (key !== undefined) returned.add(key);
    }
  });
  return [...stored].find((key) => returned.has(key));
}

function classNameNode(classNode: ClassNode): TSESTree.Identifier | undefined {
  if (classNode.id) return classNode.id;
  const parent = classNode.parent;
  if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) return parent.id;
  return undefined;
}

function memberKeyName(member: StaticMember): string | undefined {
  if (member.computed) return undefined;
  if (member.key.type === AST_NODE_TYPES.PrivateIdentifier) return `#${member.key.name}`;
  if (member.key.type === AST_NODE_TYPES.Identifier) return member.key.name;
  if (member.key.type === AST_NODE_TYPES.Literal) return String(member.key.value);
  return undefined;
}

type StaticKeyOf = (node: TSESTree.Node, inStatic: boolean) => string | undefined;

function returnsKey(fn: FunctionNode, key: string, staticKey: StaticKeyOf): boolean {
  const returnsStored = (value: TSESTree.Node): boolean => {
    const node = unwrapExpression(value);
    if (staticKey(node, true) === key) return true;
    if (node.type === AST_NODE_TYPES.AssignmentExpression) return staticKey(node.left, true) === key;
    if (node.type === AST_NODE_TYPES.LogicalExpression) return returnsStored(node.left) || returnsStored(node.right);
    if (node.type === AST_NODE_TYPES.ConditionalExpression) return returnsStored(node.consequent) || returnsStored(node.alternate);
    return false;
  };
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return returnsStored(fn.body);
  let found = false;
  walkOwnBody(fn, (node) => {
    if (!found && node.type === AST_NODE_TYPES.ReturnStatement && node.argument && returnsStored(node.argument)) found = true;
  });
  return found;
}

function fnTestsKey(fn: FunctionNode, key: string, staticKey: StaticKeyOf): boolean {
  let found = false;
  walkOwnBody(fn, (node) => {
    if (found) return;
    const test =
      node.type === AST_NODE_TYPES.IfStatement || node.type === AST_NODE_TYPES.ConditionalExpression
        ? node.test
        : node.type === AST_NODE_TYPES.LogicalExpression
          ? node.left
          : undefined;
    if (!test) return;
    walkOwnBody(test, (inner) => {
      if (staticKey(inner, true) === key) found = true;
    });
  });
  return found;
}
