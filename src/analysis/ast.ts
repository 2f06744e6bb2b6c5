import { ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { ImportedBinding } from './resources';
import { AST_NODE_TYPES } from '../util/node-types';

export type FunctionNode =
  | TSESTree.ArrowFunctionExpression
  | TSESTree.FunctionDeclaration
  | TSESTree.FunctionExpression;

export function isFunctionNode(node: TSESTree.Node | null | undefined): node is FunctionNode {
  return (
    node?.type === AST_NODE_TYPES.ArrowFunctionExpression ||
    node?.type === AST_NODE_TYPES.FunctionExpression ||
    node?.type === AST_NODE_TYPES.FunctionDeclaration
  );
}

/** Strips wrappers that do not change the value: `x!`, `x as T`, `<T>x`, `x satisfies T`, `a?.b` chains. */
export function unwrapExpression(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (;;) {
    switch (current.type) {
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
      case AST_NODE_TYPES.TSInstantiationExpression:
        current = current.expression;
        break;
      case AST_NODE_TYPES.ChainExpression:
        current = current.expression;
        break;
      default:
        return current;
    }
  }
}

/** `unwrapExpression`, also through `await`: the value an awaited expression settles from. */
export function unwrapAwaited(node: TSESTree.Node): TSESTree.Node {
  let value = unwrapExpression(node);
  while (value.type === AST_NODE_TYPES.AwaitExpression) value = unwrapExpression(value.argument);
  return value;
}

/** The global class a binding is created from (`Map` for `const cache = new Map()`), when its declaration says so. */
export function constructedClassName(variable: TSESLint.Scope.Variable | undefined): string | undefined {
  const def = variable?.defs[0];
  if (def?.node.type !== AST_NODE_TYPES.VariableDeclarator || !def.node.init) return undefined;
  const init = unwrapExpression(def.node.init);
  return init.type === AST_NODE_TYPES.NewExpression && init.callee.type === AST_NODE_TYPES.Identifier ? init.callee.name : undefined;
}

/** The parent of a node, skipping the value-preserving wrappers that `unwrapExpression` strips. */
export function valueParent(node: TSESTree.Node): { parent: TSESTree.Node | undefined; child: TSESTree.Node } {
  let child = node;
  let parent = node.parent;
  while (
    parent &&
    (parent.type === AST_NODE_TYPES.TSAsExpression ||
      parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      parent.type === AST_NODE_TYPES.TSSatisfiesExpression ||
      parent.type === AST_NODE_TYPES.TSTypeAssertion ||
      parent.type === AST_NODE_TYPES.ChainExpression)
  ) {
    child = parent;
    parent = parent.parent;
  }
  return { parent, child };
}

/** The name of a non-computed member or a computed member with a string literal key. */
export function memberName(node: TSESTree.MemberExpression): string | undefined {
  if (!node.computed) {
    return node.property.type === AST_NODE_TYPES.Identifier ? node.property.name : undefined;
  }
  if (node.property.type === AST_NODE_TYPES.Literal && typeof node.property.value === 'string') {
    return node.property.value;
  }
  if (
    node.property.type === AST_NODE_TYPES.TemplateLiteral &&
    node.property.expressions.length === 0 &&
    node.property.quasis.length === 1
  ) {
    return node.property.quasis[0]?.value.cooked ?? undefined;
  }
  return undefined;
}

/** The name a call or `new` calls: `f()` → `f`, `a.b.f()` → `f`; undefined for any other callee. */
export function calleeNameOf(node: TSESTree.CallExpression | TSESTree.NewExpression): string | undefined {
  const callee = unwrapExpression(node.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  return callee.type === AST_NODE_TYPES.MemberExpression ? memberName(callee) : undefined;
}

/** The import behind `X`, `ns.X` or `defaultExport.X`, given what an identifier imports. */
export function importBehind(
  node: TSESTree.Node,
  importOf: (identifier: TSESTree.Identifier) => ImportedBinding | undefined,
): ImportedBinding | undefined {
  const value = unwrapExpression(node);
  if (value.type === AST_NODE_TYPES.Identifier) return importOf(value);
  if (value.type === AST_NODE_TYPES.MemberExpression) {
    const object = unwrapExpression(value.object);
    const name = memberName(value);
    if (object.type !== AST_NODE_TYPES.Identifier || name === undefined) return undefined;
    const base = importOf(object);
    if (base && (base.exportName === '*' || base.exportName === 'default')) return { module: base.module, exportName: name };
  }
  return undefined;
}

/** The static name of an object property or class member key. */
export function propertyKeyName(node: TSESTree.Property | TSESTree.MethodDefinition | TSESTree.PropertyDefinition): string | undefined {
  if (!node.computed) {
    if (node.key.type === AST_NODE_TYPES.Identifier) return node.key.name;
    if (node.key.type === AST_NODE_TYPES.Literal) return String(node.key.value);
    return undefined;
  }
  if (node.key.type === AST_NODE_TYPES.Literal && typeof node.key.value === 'string') return node.key.value;
  return undefined;
}

/**
 * A member chain flattened from its root: `test.describe.only` gives root `test` and members
 * `['describe', 'only']`. Returns undefined when a link is computed with a non-literal key.
 */
export function flattenMemberChain(node: TSESTree.Node): { root: TSESTree.Node; members: string[] } | undefined {
  const members: string[] = [];
  let current = unwrapExpression(node);
  while (current.type === AST_NODE_TYPES.MemberExpression) {
    const name = memberName(current);
    if (name === undefined) return undefined;
    members.unshift(name);
    current = unwrapExpression(current.object);
  }
  return { root: current, members };
}

/** Finds the variable an identifier refers to, from the scope the identifier is in. */
export function findVariableOf(
  sourceCode: Readonly<TSESLint.SourceCode>,
  identifier: TSESTree.Identifier,
): TSESLint.Scope.Variable | undefined {
  // `getScope` gives the innermost scope containing the identifier; walking up the scopes' name
  // tables resolves it lexically without scanning every reference of a large module scope.
  let scope: TSESLint.Scope.Scope | null = sourceCode.getScope(identifier);
  while (scope) {
    const variable = scope.set.get(identifier.name);
    if (variable) return variable;
    scope = scope.upper;
  }
  return undefined;
}

/** `require('x')` → `'x'`. */
export function requiredModuleName(node: TSESTree.Node | null | undefined): string | undefined {
  if (!node) return undefined;
  const call = unwrapExpression(node);
  if (
    call.type === AST_NODE_TYPES.CallExpression &&
    call.callee.type === AST_NODE_TYPES.Identifier &&
    call.callee.name === 'require' &&
    call.arguments.length === 1 &&
    call.arguments[0]?.type === AST_NODE_TYPES.Literal &&
    typeof call.arguments[0].value === 'string'
  ) {
    return call.arguments[0].value;
  }
  return undefined;
}

/** The statement list of a function body, or undefined for an expression-bodied arrow. */
export function functionStatements(fn: FunctionNode): TSESTree.Statement[] | undefined {
  return fn.body.type === AST_NODE_TYPES.BlockStatement ? fn.body.body : undefined;
}

/** The node's innermost enclosing function, or undefined at module level. */
export function enclosingFunction(node: TSESTree.Node): FunctionNode | undefined {
  let current = node.parent;
  while (current) {
    if (isFunctionNode(current)) return current;
    current = current.parent;
  }
  return undefined;
}

/** Whether `inner` lies inside `outer` (or is it). */
export function isWithin(inner: TSESTree.Node, outer: TSESTree.Node): boolean {
  return inner.range[0] >= outer.range[0] && inner.range[1] <= outer.range[1];
}

export function isStringLiteral(node: TSESTree.Node | undefined): node is TSESTree.StringLiteral {
  return node?.type === AST_NODE_TYPES.Literal && typeof node.value === 'string';
}

export { ASTUtils };

/** What a top-level statement declares: the declaration inside `export …` or `export default …`, else the statement. */
export function declarationOf(statement: TSESTree.ProgramStatement): TSESTree.Node {
  if ((statement.type === AST_NODE_TYPES.ExportNamedDeclaration || statement.type === AST_NODE_TYPES.ExportDefaultDeclaration) && statement.declaration) {
    return statement.declaration;
  }
  return statement;
}
