import { type TSESTree } from '@typescript-eslint/utils';

import { declarationOf, isFunctionNode } from './ast';
import { type ImportedBinding, importedBindingOfSpecifier, requiredBinding } from './resources';
import { AST_NODE_TYPES } from '../util/node-types';

/** What an identifier refers to, as far as syntax alone can tell. */
export type BindingTarget =
  | { kind: 'import'; binding: ImportedBinding }
  /** A `const`/`let`/`var` declarator, at module level (`module: true`) or inside a function or block. */
  | { kind: 'variable'; declarator: TSESTree.VariableDeclarator; constant: boolean; module: boolean }
  | { kind: 'class'; node: TSESTree.ClassDeclaration; module: boolean }
  | { kind: 'function'; node: TSESTree.FunctionDeclaration; module: boolean }
  /** A parameter, catch binding, destructured local, loop variable: a value syntax cannot follow. */
  | { kind: 'opaque' };

/**
 * The bindings of one parsed file, for code that runs without ESLint's scope manager (the project
 * index). Module-level bindings are collected once; an identifier inside a function is first looked
 * up in the functions and blocks around it, so a parameter named `model` never passes for mongoose's.
 */
export class ModuleScope {
  private readonly moduleBindings = new Map<string, BindingTarget>();

  constructor(
    readonly program: TSESTree.Program,
    /** The program's source text, for cheap text filters before walking it. */
    readonly text: string,
  ) {
    for (const statement of program.body) {
      const declaration = declarationOf(statement);
      if (declaration.type === AST_NODE_TYPES.ImportDeclaration) {
        if (declaration.importKind === 'type') continue;
        for (const specifier of declaration.specifiers) {
          const binding = importedBindingOfSpecifier(specifier, declaration.source.value);
          if (binding) this.moduleBindings.set(specifier.local.name, { kind: 'import', binding });
        }
      } else if (declaration.type === AST_NODE_TYPES.TSImportEqualsDeclaration) {
        const reference = declaration.moduleReference;
        if (reference.type === AST_NODE_TYPES.TSExternalModuleReference && reference.expression.type === AST_NODE_TYPES.Literal) {
          this.moduleBindings.set(declaration.id.name, {
            kind: 'import',
            binding: { module: String(reference.expression.value), exportName: '*' },
          });
        }
      } else {
        collectDeclared(declaration, true, this.moduleBindings);
      }
    }
  }

  /** What `identifier` refers to where it is written. */
  resolve(identifier: TSESTree.Identifier): BindingTarget | undefined {
    const local = findLocalBinding(identifier);
    if (local) return local;
    return this.moduleBindings.get(identifier.name);
  }

  /** A module-level binding by name. */
  moduleBinding(name: string): BindingTarget | undefined {
    return this.moduleBindings.get(name);
  }

  importOf(identifier: TSESTree.Identifier): ImportedBinding | undefined {
    const target = this.resolve(identifier);
    return target?.kind === 'import' ? target.binding : undefined;
  }

  /** The initialiser of a `const` bound to a plain identifier. */
  constInitializerOf(identifier: TSESTree.Identifier): TSESTree.Expression | undefined {
    const target = this.resolve(identifier);
    if (target?.kind !== 'variable' || !target.constant || target.declarator.id.type !== AST_NODE_TYPES.Identifier) return undefined;
    return target.declarator.init ?? undefined;
  }
}

/** Names a statement declares into the scope that contains it. */
function collectDeclared(statement: TSESTree.Node, isModule: boolean, into: Map<string, BindingTarget>): void {
  switch (statement.type) {
    case AST_NODE_TYPES.VariableDeclaration:
      for (const declarator of statement.declarations) {
        if (declarator.id.type === AST_NODE_TYPES.Identifier) {
          const required = isModule ? requiredBinding(declarator, declarator.id) : undefined;
          into.set(
            declarator.id.name,
            required
              ? { kind: 'import', binding: required }
              : { kind: 'variable', declarator, constant: statement.kind === 'const', module: isModule },
          );
        } else {
          for (const name of patternIdentifiers(declarator.id)) {
            const required = isModule ? requiredBinding(declarator, name) : undefined;
            into.set(name.name, required ? { kind: 'import', binding: required } : { kind: 'opaque' });
          }
        }
      }
      break;
    case AST_NODE_TYPES.ClassDeclaration:
      if (statement.id) into.set(statement.id.name, { kind: 'class', node: statement, module: isModule });
      break;
    case AST_NODE_TYPES.FunctionDeclaration:
      if (statement.id) into.set(statement.id.name, { kind: 'function', node: statement, module: isModule });
      break;
    case AST_NODE_TYPES.TSEnumDeclaration:
    case AST_NODE_TYPES.TSModuleDeclaration:
      if (statement.id.type === AST_NODE_TYPES.Identifier) into.set(statement.id.name, { kind: 'opaque' });
      break;
    default:
      break;
  }
}

/** Identifiers bound by a destructuring pattern or parameter. */
export function patternIdentifiers(pattern: TSESTree.Node | null | undefined): TSESTree.Identifier[] {
  const found: TSESTree.Identifier[] = [];
  const visit = (node: TSESTree.Node | null | undefined): void => {
    if (!node) return;
    switch (node.type) {
      case AST_NODE_TYPES.Identifier:
        found.push(node);
        break;
      case AST_NODE_TYPES.ObjectPattern:
        for (const property of node.properties) visit(property.type === AST_NODE_TYPES.Property ? property.value : property);
        break;
      case AST_NODE_TYPES.ArrayPattern:
        for (const element of node.elements) visit(element);
        break;
      case AST_NODE_TYPES.RestElement:
        visit(node.argument);
        break;
      case AST_NODE_TYPES.AssignmentPattern:
        visit(node.left);
        break;
      case AST_NODE_TYPES.TSParameterProperty:
        visit(node.parameter);
        break;
      default:
        break;
    }
  };
  visit(pattern);
  return found;
}

const blockBindings = new WeakMap<TSESTree.Node, Map<string, BindingTarget>>();

/** The nearest declaration of `identifier`'s name between it and module level. */
function findLocalBinding(identifier: TSESTree.Identifier): BindingTarget | undefined {
  const name = identifier.name;
  let child: TSESTree.Node = identifier;
  let node = identifier.parent;
  while (node && node.type !== AST_NODE_TYPES.Program) {
    if (isFunctionNode(node)) {
      if (node.params.some((param) => patternIdentifiers(param).some((id) => id.name === name))) return { kind: 'opaque' };
      if (node.type === AST_NODE_TYPES.FunctionExpression && node.id?.name === name) return { kind: 'opaque' };
    } else if (
      node.type === AST_NODE_TYPES.BlockStatement ||
      node.type === AST_NODE_TYPES.StaticBlock ||
      node.type === AST_NODE_TYPES.SwitchStatement ||
      node.type === AST_NODE_TYPES.TSModuleBlock
    ) {
      let declared = blockBindings.get(node);
      if (!declared) {
        declared = new Map<string, BindingTarget>();
        // A switch's cases share one block scope.
        const statements = node.type === AST_NODE_TYPES.SwitchStatement ? node.cases.flatMap((c) => c.consequent) : node.body;
        for (const statement of statements) collectDeclared(statement, false, declared);
        blockBindings.set(node, declared);
      }
      const found = declared.get(name);
      if (found) return found;
    } else if (node.type === AST_NODE_TYPES.CatchClause) {
      if (patternIdentifiers(node.param).some((id) => id.name === name)) return { kind: 'opaque' };
    } else if (
      (node.type === AST_NODE_TYPES.ForStatement && node.init?.type === AST_NODE_TYPES.VariableDeclaration) ||
      ((node.type === AST_NODE_TYPES.ForInStatement || node.type === AST_NODE_TYPES.ForOfStatement) &&
        node.left.type === AST_NODE_TYPES.VariableDeclaration)
    ) {
      const declaration = (node.type === AST_NODE_TYPES.ForStatement ? node.init : node.left) as TSESTree.VariableDeclaration;
      if (declaration.declarations.some((d) => patternIdentifiers(d.id).some((id) => id.name === name))) return { kind: 'opaque' };
    } else if (node.type === AST_NODE_TYPES.ClassExpression && node.id?.name === name && child !== node.id) {
      return { kind: 'opaque' };
    }
    child = node;
    node = node.parent;
  }
  return undefined;
}

