import { TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { findVariableOf, memberName, unwrapExpression } from './ast';
import { importedBindingOfVariable } from './resources';
import { AST_NODE_TYPES } from '../util/node-types';

const { DefinitionType } = TSESLint.Scope;

/**
 * A value the linter can compute without running the code, the same in every worker. Strings
 * built from `__dirname`, `process.cwd()` or `os.tmpdir()` are fixed too; those parts read as
 * `<dirname>`, `<cwd>` and `<tmp>`.
 */
export type StaticValue =
  | {
      kind: 'string';
      value: string;
      /** The literal that holds the end of the string, where an edit can append to it. */
      tail?: { node: TSESTree.StringLiteral | TSESTree.TemplateLiteral; value: string };
    }
  | { kind: 'number'; value: number; node: TSESTree.NumberLiteral }
  | { kind: 'object'; node: TSESTree.ObjectExpression };

export const TMP_PLACEHOLDER = '<tmp>';

const pathModules = new Set(['path', 'node:path', 'path/posix', 'node:path/posix']);
const osModules = new Set(['os', 'node:os']);

/**
 * Computes `node` when its value is fixed: literals, templates and `+` of fixed parts, `const`
 * bindings, `path.join`/`path.resolve`, `String(n)`. Anything read from the environment, a
 * parameter, a call or an import gives `undefined`: the value may differ per worker.
 */
export function staticValueOf(
  node: TSESTree.Node,
  sourceCode: Readonly<TSESLint.SourceCode>,
  depth = 0,
): StaticValue | undefined {
  if (depth > 8) return undefined;
  const value = unwrapExpression(node);
  switch (value.type) {
    case AST_NODE_TYPES.Literal:
      if (typeof value.value === 'string') {
        return { kind: 'string', value: value.value, tail: { node: value, value: value.value } };
      }
      if (typeof value.value === 'number') return { kind: 'number', value: value.value, node: value };
      return undefined;
    case AST_NODE_TYPES.TemplateLiteral: {
      let text = value.quasis[0]?.value.cooked ?? '';
      for (let index = 0; index < value.expressions.length; index++) {
        const part = staticValueOf(value.expressions[index]!, sourceCode, depth + 1);
        if (!part || part.kind === 'object') return undefined;
        text += String(part.value) + (value.quasis[index + 1]?.value.cooked ?? '');
      }
      const lastQuasi = value.quasis.at(-1)?.value.cooked ?? '';
      return { kind: 'string', value: text, tail: { node: value, value: lastQuasi } };
    }
    case AST_NODE_TYPES.BinaryExpression: {
      if (value.operator !== '+') return undefined;
      const left = staticValueOf(value.left, sourceCode, depth + 1);
      const right = staticValueOf(value.right, sourceCode, depth + 1);
      if (!left || !right || left.kind === 'object' || right.kind === 'object') return undefined;
      if (left.kind === 'number' && right.kind === 'number') return undefined;
      return {
        kind: 'string',
        value: String(left.value) + String(right.value),
        tail: right.kind === 'string' ? right.tail : undefined,
      };
    }
    case AST_NODE_TYPES.ObjectExpression:
      return { kind: 'object', node: value };
    case AST_NODE_TYPES.Identifier:
      return staticIdentifier(value, sourceCode, depth);
    case AST_NODE_TYPES.MemberExpression:
      // `import.meta.dirname`
      if (value.object.type === AST_NODE_TYPES.MetaProperty && ['dirname', 'filename'].includes(memberName(value) ?? '')) {
        return { kind: 'string', value: `<${memberName(value)}>` };
      }
      return undefined;
    case AST_NODE_TYPES.CallExpression:
      return staticCall(value, sourceCode, depth);
    default:
      return undefined;
  }
}

function staticIdentifier(
  identifier: TSESTree.Identifier,
  sourceCode: Readonly<TSESLint.SourceCode>,
  depth: number,
): StaticValue | undefined {
  const variable = findVariableOf(sourceCode, identifier);
  if (!variable || variable.defs.length === 0) {
    if (identifier.name === '__dirname' || identifier.name === '__filename') return { kind: 'string', value: `<${identifier.name}>` };
    return undefined;
  }
  const def = variable.defs.length === 1 ? variable.defs[0] : undefined;
  if (
    def?.type !== DefinitionType.Variable ||
    def.node.type !== AST_NODE_TYPES.VariableDeclarator ||
    def.node.parent.kind !== 'const' ||
    def.node.id.type !== AST_NODE_TYPES.Identifier ||
    !def.node.init
  ) {
    return undefined;
  }
  return staticValueOf(def.node.init, sourceCode, depth + 1);
}

function staticCall(call: TSESTree.CallExpression, sourceCode: Readonly<TSESLint.SourceCode>, depth: number): StaticValue | undefined {
  const callee = unwrapExpression(call.callee);
  const target = calleeTarget(callee, sourceCode);
  if (!target) return undefined;
  if (target.module === 'process' && target.name === 'cwd') return { kind: 'string', value: '<cwd>' };
  if (osModules.has(target.module) && target.name === 'tmpdir') return { kind: 'string', value: TMP_PLACEHOLDER };
  if (target.module === 'global' && target.name === 'String' && call.arguments.length === 1) {
    const part = staticValueOf(call.arguments[0]!, sourceCode, depth + 1);
    return part && part.kind !== 'object' ? { kind: 'string', value: String(part.value) } : undefined;
  }
  if (pathModules.has(target.module) && (target.name === 'join' || target.name === 'resolve')) {
    const parts: string[] = [];
    let tail: Extract<StaticValue, { kind: 'string' }>['tail'];
    for (const argument of call.arguments) {
      const part = staticValueOf(argument, sourceCode, depth + 1);
      if (part?.kind !== 'string') return undefined;
      parts.push(part.value);
      tail = part.tail;
    }
    return { kind: 'string', value: joinPath(parts, target.name === 'resolve'), tail };
  }
  return undefined;
}

/** `path.join` → `{ module: 'path', name: 'join' }`, `tmpdir` imported from `node:os` → `{ module: 'node:os', name: 'tmpdir' }`. */
function calleeTarget(
  callee: TSESTree.Node,
  sourceCode: Readonly<TSESLint.SourceCode>,
): { module: string; name: string } | undefined {
  if (callee.type === AST_NODE_TYPES.Identifier) {
    const variable = findVariableOf(sourceCode, callee);
    if (!variable || variable.defs.length === 0) return { module: 'global', name: callee.name };
    const binding = importedBindingOfVariable(variable);
    return binding && binding.exportName !== '*' && binding.exportName !== 'default'
      ? { module: binding.module, name: binding.exportName }
      : undefined;
  }
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const name = memberName(callee);
  const object = unwrapExpression(callee.object);
  if (name === undefined || object.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = findVariableOf(sourceCode, object);
  if (!variable || variable.defs.length === 0) return object.name === 'process' ? { module: 'process', name } : undefined;
  const binding = importedBindingOfVariable(variable);
  return binding && (binding.exportName === '*' || binding.exportName === 'default') ? { module: binding.module, name } : undefined;
}

function joinPath(parts: readonly string[], resolve: boolean): string {
  let start = 0;
  if (resolve) {
    for (let index = parts.length - 1; index >= 0; index--) {
      if (parts[index]!.startsWith('/') || parts[index]!.startsWith('<')) {
        start = index;
        break;
      }
    }
  }
  return parts
    .slice(start)
    .filter((part) => part !== '')
    .join('/')
    .replace(/\/+/g, '/');
}

/** Whether a fixed path lies in the system temp directory. */
export function isTempPath(path: string): boolean {
  return path.startsWith(TMP_PLACEHOLDER) || /^\/tmp\//.test(path) || /^\/var\/tmp\//.test(path);
}
