import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { findVariableOf, isWithin, memberName, unwrapExpression, valueParent } from './ast';
import { type ResourceSpec, genericReleaseMethods } from './catalog';
import type { FileResources } from './resources';
import type { FileTestInfo, HookName } from './test-framework';
import type { TypeServices } from './types';
import { AST_NODE_TYPES } from '../util/node-types';

const genericReleaseNames = new Set(genericReleaseMethods);

const teardownHooks = new Set<HookName>(['afterAll', 'afterEach']);

/** The variable a created value is stored in: `const x = <node>`, `x = <node>`, `const x = await <node>`. */
export function bindingOf(
  node: TSESTree.Node,
  sourceCode: Readonly<TSESLint.SourceCode>,
): { variable: TSESLint.Scope.Variable; declarator?: TSESTree.VariableDeclarator } | undefined {
  let current = node;
  for (let depth = 0; depth < 4; depth++) {
    const { parent, child } = valueParent(current);
    // `const db = url ? new Pool({ connectionString: url }) : new Pool()`: either branch is what `db` holds
    if (parent?.type === AST_NODE_TYPES.AwaitExpression || (parent?.type === AST_NODE_TYPES.ConditionalExpression && parent.test !== child)) {
      current = parent;
      continue;
    }
    if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === child && parent.id.type === AST_NODE_TYPES.Identifier) {
      const variable = findVariableOf(sourceCode, parent.id);
      return variable ? { variable, declarator: parent } : undefined;
    }
    if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === child && parent.left.type === AST_NODE_TYPES.Identifier) {
      const variable = findVariableOf(sourceCode, parent.left);
      return variable ? { variable } : undefined;
    }
    return undefined;
  }
  return undefined;
}

/** Whether `variable` is exported from the module: `export const x`, `export { x }`, `module.exports = { x }`. */
export function isExported(variable: TSESLint.Scope.Variable): boolean {
  const def = variable.defs[0];
  if (def?.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.parent.parent.type === AST_NODE_TYPES.ExportNamedDeclaration) {
    return true;
  }
  return variable.references.some((reference) => {
    const parent = reference.identifier.parent;
    if (parent.type === AST_NODE_TYPES.ExportSpecifier || parent.type === AST_NODE_TYPES.ExportDefaultDeclaration) return true;
    const { parent: valueOwner, child } = valueParent(reference.identifier);
    if (valueOwner?.type === AST_NODE_TYPES.Property && valueOwner.value === child) {
      return isModuleExportsTarget(valueOwner.parent.parent);
    }
    return valueOwner?.type === AST_NODE_TYPES.AssignmentExpression && valueOwner.right === child && isModuleExportsMember(valueOwner.left);
  });
}

/** Whether a module exports anything: ES `export`s, `export =`, or CommonJS `module.exports`/`exports.x` assignments. */
export function moduleHasExports(program: TSESTree.Program): boolean {
  for (const statement of program.body) {
    switch (statement.type) {
      case AST_NODE_TYPES.ExportNamedDeclaration:
      case AST_NODE_TYPES.ExportDefaultDeclaration:
      case AST_NODE_TYPES.ExportAllDeclaration:
      case AST_NODE_TYPES.TSExportAssignment:
        return true;
      case AST_NODE_TYPES.ExpressionStatement: {
        const expression = statement.expression;
        if (expression.type === AST_NODE_TYPES.AssignmentExpression && isModuleExportsMember(expression.left)) return true;
        // `Object.assign(module.exports, …)`, `Object.defineProperty(exports, …)`
        if (expression.type === AST_NODE_TYPES.CallExpression && expression.arguments.some((argument) => isModuleExportsObject(argument))) {
          return true;
        }
        break;
      }
      default:
        break;
    }
  }
  return false;
}

function isModuleExportsObject(node: TSESTree.Node): boolean {
  const value = unwrapExpression(node);
  return (value.type === AST_NODE_TYPES.Identifier && value.name === 'exports') || isModuleExportsMember(value);
}

function isModuleExportsTarget(node: TSESTree.Node | undefined): boolean {
  return node?.type === AST_NODE_TYPES.AssignmentExpression && isModuleExportsMember(node.left);
}

/** `module.exports`, `module.exports.x`, `exports.x`. */
function isModuleExportsMember(node: TSESTree.Node): boolean {
  const value = unwrapExpression(node);
  if (value.type !== AST_NODE_TYPES.MemberExpression) return false;
  const object = unwrapExpression(value.object);
  if (object.type === AST_NODE_TYPES.Identifier) {
    return (object.name === 'module' && memberName(value) === 'exports') || object.name === 'exports';
  }
  return isModuleExportsMember(object);
}

/**
 * Whether a test file closes what `variable` holds: a release method called on it anywhere, a
 * `using` declaration, or any use of it inside a teardown (`afterAll`/`afterEach`, a returned
 * cleanup function, `onTestFinished`, a fixture's code after `use`).
 */
export function isClosedInFile(variable: TSESLint.Scope.Variable, spec: ResourceSpec, info: FileTestInfo): boolean {
  const def = variable.defs[0];
  if (def?.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.parent.kind.includes('using')) return true;
  for (const reference of variable.references) {
    if (!reference.isRead()) continue;
    const { parent, child } = valueParent(reference.identifier);
    if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === child) {
      const method = memberName(parent);
      const call = valueParent(parent).parent;
      if (
        method !== undefined &&
        call?.type === AST_NODE_TYPES.CallExpression &&
        (isReleaseMethod(spec, method) || genericReleaseNames.has(method))
      ) {
        return true;
      }
    }
    if (isInTeardown(reference.identifier, info)) return true;
  }
  return false;
}

/**
 * The catalog releases a call makes or hands on: `mongoose.disconnect()`, and release methods passed
 * uncalled for the runner to call later (`afterAll(mongoose.disconnect)`, `mongoose.disconnect.bind(mongoose)`,
 * `afterAll(disconnect)` with `disconnect` imported from mongoose).
 */
export function catalogReleasesIn(
  call: TSESTree.CallExpression,
  resources: FileResources,
  types?: TypeServices,
): { spec: ResourceSpec; node: TSESTree.Node }[] {
  const names = resources.catalog.releaseMethodNames;
  const releases: { spec: ResourceSpec; node: TSESTree.Node }[] = [];
  const callee = unwrapExpression(call.callee);
  const calledName = callee.type === AST_NODE_TYPES.MemberExpression ? memberName(callee) : callee.type === AST_NODE_TYPES.Identifier ? callee.name : undefined;
  if (calledName !== undefined && names.has(calledName)) {
    const found = resources.resourceCall(call, types);
    if (found && isReleaseMethod(found.ref.spec, found.method)) releases.push({ spec: found.ref.spec, node: call });
  }
  const handedOn = calledName === 'bind' && callee.type === AST_NODE_TYPES.MemberExpression ? [callee.object, ...call.arguments] : call.arguments;
  for (const candidate of handedOn) {
    const value = unwrapExpression(candidate);
    if (value.type === AST_NODE_TYPES.MemberExpression) {
      const method = memberName(value);
      if (method === undefined || !names.has(method)) continue;
      const ref = resources.resourceOf(value.object, types);
      if (ref && isReleaseMethod(ref.spec, method)) releases.push({ spec: ref.spec, node: value });
    } else if (value.type === AST_NODE_TYPES.Identifier && names.has(value.name)) {
      const binding = resources.matcher.exportOf(value);
      const found = binding && resources.catalog.findModuleFunction(binding.module, binding.exportName);
      if (found && (found.effect === 'release' || found.effect === 'syncRelease')) releases.push({ spec: found.spec, node: value });
    }
  }
  return releases;
}

function isReleaseMethod(spec: ResourceSpec, method: string): boolean {
  return (spec.release?.includes(method) ?? false) || (spec.syncRelease?.includes(method) ?? false);
}

/** Whether `node` runs when the runner tears down: in an after-hook, a returned cleanup, an event callback or root hook. */
function isInTeardown(node: TSESTree.Node, info: FileTestInfo): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type !== AST_NODE_TYPES.CallExpression) continue;
    for (const callback of info.runnerCallbacksOf(current)) {
      if (!isWithin(node, callback.fn)) continue;
      if (callback.kind === 'cleanup' || callback.kind === 'testEvent' || callback.kind === 'onCleanup') return true;
      if (callback.kind === 'hook' && callback.hook && teardownHooks.has(callback.hook)) return true;
    }
  }
  return info
    .exportedRunnerCallbacks()
    .some((callback) => isWithin(node, callback.fn) && (callback.hook === undefined || teardownHooks.has(callback.hook)));
}
