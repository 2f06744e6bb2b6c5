import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { findVariableOf, memberName, unwrapExpression, valueParent } from './ast';
import { AST_NODE_TYPES } from '../util/node-types';

/**
 * What happens to the promise an expression produces:
 * - `awaited`, `returned`: the caller waits for it;
 * - `consumed`: it is stored, passed on or otherwise used, so something else may wait for it;
 * - `voided`: explicitly discarded with `void`;
 * - `dropped`: an expression statement throws it away.
 * `chained` is true when it went through `.then/.catch/.finally` on the way.
 */
export interface PromiseFate {
  fate: 'awaited' | 'returned' | 'consumed' | 'voided' | 'dropped';
  chained: boolean;
  /** The outermost expression the promise flows into (`p.then(f)` for `p`), where a fix would go. */
  outermost: TSESTree.Node;
}

const promiseCombinators = new Set(['all', 'allSettled', 'race', 'any']);
const chainMethods = new Set(['then', 'catch', 'finally']);

export function promiseFate(expression: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): PromiseFate {
  let node: TSESTree.Node = expression;
  let chained = false;
  for (let depth = 0; depth < 50; depth++) {
    const { parent, child } = valueParent(node);
    const result = (fate: PromiseFate['fate']): PromiseFate => ({ fate, chained, outermost: child });
    if (!parent) return result('consumed');
    switch (parent.type) {
      case AST_NODE_TYPES.AwaitExpression:
        return result('awaited');
      case AST_NODE_TYPES.ReturnStatement:
        return result('returned');
      case AST_NODE_TYPES.ArrowFunctionExpression:
        return result(parent.body === child ? 'returned' : 'consumed');
      case AST_NODE_TYPES.UnaryExpression:
        return result(parent.operator === 'void' ? 'voided' : 'consumed');
      case AST_NODE_TYPES.ExpressionStatement:
        return result('dropped');
      case AST_NODE_TYPES.MemberExpression: {
        const method = parent.object === child ? memberName(parent) : undefined;
        const call = valueParent(parent).parent;
        if (method !== undefined && chainMethods.has(method) && call?.type === AST_NODE_TYPES.CallExpression) {
          chained = true;
          node = call;
          continue;
        }
        return result('consumed');
      }
      case AST_NODE_TYPES.ArrayExpression:
        node = parent;
        continue;
      case AST_NODE_TYPES.CallExpression:
      case AST_NODE_TYPES.NewExpression: {
        if (parent.callee !== child && isPromiseCombinator(parent.callee)) {
          node = parent;
          continue;
        }
        return result('consumed');
      }
      case AST_NODE_TYPES.SequenceExpression:
        if (parent.expressions.at(-1) === child) {
          node = parent;
          continue;
        }
        return result('dropped');
      case AST_NODE_TYPES.LogicalExpression:
        node = parent;
        continue;
      case AST_NODE_TYPES.ConditionalExpression:
        if (parent.test === child) return result('consumed');
        node = parent;
        continue;
      case AST_NODE_TYPES.VariableDeclarator:
        return result(parent.init === child && isUnusedBinding(parent, sourceCode) ? 'dropped' : 'consumed');
      default:
        return result('consumed');
    }
  }
  return { fate: 'consumed', chained, outermost: node };
}

function isPromiseCombinator(callee: TSESTree.Node): boolean {
  const value = unwrapExpression(callee);
  return (
    value.type === AST_NODE_TYPES.MemberExpression &&
    value.object.type === AST_NODE_TYPES.Identifier &&
    value.object.name === 'Promise' &&
    promiseCombinators.has(memberName(value) ?? '')
  );
}

/** `const p = db.connect()` with `p` never read afterwards. */
function isUnusedBinding(declarator: TSESTree.VariableDeclarator, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (declarator.id.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = findVariableOf(sourceCode, declarator.id);
  if (!variable) return false;
  return !variable.references.some((reference) => reference.isRead());
}
