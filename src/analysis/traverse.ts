import type { TSESTree } from '@typescript-eslint/utils';
import { visitorKeys } from '@typescript-eslint/visitor-keys';

import { type FunctionNode, isFunctionNode } from './ast';

/**
 * Visits `root` and its descendants depth-first, in source order. Nested functions for which
 * `enterFunctions` is (or answers) false are neither visited nor entered (the root itself always is).
 */
export function walk(
  root: TSESTree.Node,
  visit: (node: TSESTree.Node) => void,
  options: { enterFunctions: boolean | ((fn: FunctionNode) => boolean) } = { enterFunctions: true },
): void {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    visit(node);
    const keys = visitorKeys[node.type] ?? [];
    for (let k = keys.length - 1; k >= 0; k--) {
      const child = (node as unknown as Record<string, unknown>)[keys[k]!];
      if (Array.isArray(child)) {
        for (let i = child.length - 1; i >= 0; i--) pushChild(stack, child[i], options.enterFunctions);
      } else {
        pushChild(stack, child, options.enterFunctions);
      }
    }
  }
}

function pushChild(stack: TSESTree.Node[], child: unknown, enterFunctions: boolean | ((fn: FunctionNode) => boolean)): void {
  if (typeof child !== 'object' || child === null || typeof (child as { type?: unknown }).type !== 'string') return;
  const node = child as TSESTree.Node;
  if (enterFunctions !== true && isFunctionNode(node) && (enterFunctions === false || !enterFunctions(node))) return;
  stack.push(node);
}

/** Visits a function's own body: its statements and expressions, but not nested functions. */
export function walkOwnBody(fn: TSESTree.Node, visit: (node: TSESTree.Node) => void): void {
  const body = isFunctionNode(fn) ? fn.body : fn;
  walk(body, visit, { enterFunctions: false });
}
