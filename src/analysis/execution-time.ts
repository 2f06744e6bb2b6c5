import { type TSESTree } from '@typescript-eslint/utils';

import { type FunctionNode, isFunctionNode } from './ast';
import type { FileTestInfo, TestCall } from './test-framework';
import { walk } from './traverse';
import { AST_NODE_TYPES } from '../util/node-types';

/**
 * When a piece of code runs, as far as test isolation cares:
 * - `moduleLoad`: when the module is imported (top level, top-level `await`, IIFEs, static class
 *   members, namespace bodies) — shared by everything that imports the module;
 * - `collection`: in a `describe` body, while the runner collects tests — still outside any hook;
 * - `runner`: in a test, hook, fixture or event callback the runner calls;
 * - `deferred`: in any other function, when somebody calls it.
 */
export type ExecutionTime =
  | { kind: 'moduleLoad' }
  | { kind: 'collection'; suite: TestCall }
  | { kind: 'runner'; call: TestCall | undefined; fn: FunctionNode }
  | { kind: 'deferred'; fn: FunctionNode | undefined };

/** When `node` runs, found by walking up through the functions and classes around it. */
export function executionTimeOf(node: TSESTree.Node, info: FileTestInfo): ExecutionTime {
  let suite: TestCall | undefined;
  let child: TSESTree.Node = node;
  let current: TSESTree.Node | undefined = node.parent;
  while (current) {
    if (isFunctionNode(current)) {
      // Default parameter values run when the function is called, like its body.
      if (isImmediatelyInvoked(current)) {
        child = current;
        current = current.parent;
        continue;
      }
      const owner = info.callOwning(current);
      if (owner?.kind === 'suite' && owner.callback === current) {
        suite ??= owner;
      } else if (owner && owner.kind !== 'other') {
        return { kind: 'runner', call: owner, fn: current };
      } else if (info.isExportedRunnerCallback(current)) {
        return { kind: 'runner', call: undefined, fn: current };
      } else {
        return { kind: 'deferred', fn: current };
      }
    } else if (
      (current.type === AST_NODE_TYPES.PropertyDefinition || current.type === AST_NODE_TYPES.AccessorProperty) &&
      child === current.value &&
      !current.static
    ) {
      // An instance field initialiser runs with the constructor.
      return { kind: 'deferred', fn: undefined };
    }
    child = current;
    current = current.parent;
  }
  return suite ? { kind: 'collection', suite } : { kind: 'moduleLoad' };
}

/**
 * Visits the code that runs when the module loads or while the runner collects its tests (what
 * `executionTimeOf` calls `moduleLoad` and `collection`, and a little more: instance field
 * initialisers): everything outside functions, immediately invoked functions and suite bodies.
 */
export function walkLoadAndCollection(program: TSESTree.Program, info: FileTestInfo, visit: (node: TSESTree.Node) => void): void {
  walk(program, visit, {
    enterFunctions: (fn) => {
      if (isImmediatelyInvoked(fn)) return true;
      const owner = info.callOwning(fn);
      return owner?.kind === 'suite' && owner.callback === fn;
    },
  });
}

/** `(() => {…})()`, `(async function () {…})()`, `void (async () => {…})()`, `(() => {…}).call(this)`. */
function isImmediatelyInvoked(fn: FunctionNode): boolean {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) return false;
  const parent = fn.parent;
  if (parent.type === AST_NODE_TYPES.CallExpression && parent.callee === fn) return true;
  if (
    parent.type === AST_NODE_TYPES.MemberExpression &&
    parent.object === fn &&
    !parent.computed &&
    parent.property.type === AST_NODE_TYPES.Identifier &&
    (parent.property.name === 'call' || parent.property.name === 'apply')
  ) {
    return parent.parent.type === AST_NODE_TYPES.CallExpression && parent.parent.callee === parent;
  }
  return false;
}
