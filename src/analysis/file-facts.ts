import { type TSESTree } from '@typescript-eslint/utils';

import { declarationOf, isFunctionNode, isStringLiteral, requiredModuleName, unwrapAwaited, unwrapExpression } from './ast';
import type { ResourceCatalog, ResourceSpec } from './catalog';
import { type RegistrationResolver, type RegistrationSite, findRegistrations, mayContainRegistration } from './entities';
import { type ImportFact, lineStartsOf, positionAt } from './import-scan';
import { type ModuleScope, patternIdentifiers } from './module-scope';
import { AcquisitionMatcher, type ImportedBinding } from './resources';
import { walk } from './traverse';
import { AST_NODE_TYPES } from '../util/node-types';

/** An entity registration as the index stores it: plain data, comparable across files. */
export interface RegistrationFact {
  /** `registry|connection|namespace|name`. */
  key: string;
  registry: string;
  orm: string;
  entityKind: string;
  name: string;
  /** The compared object (schema, class): absent when the ORM compares none, null when unknown. */
  identity?: string | null;
  line: number;
  column: number;
  repeatable: boolean;
  guarded: boolean;
  /** Inside a function (a test callback, a run-once helper) rather than at module level. */
  inFunction: boolean;
  /** The definition takes effect only when handed to the ORM (see `RegisterSpec.deferred`). */
  deferred: boolean;
}

/** A decorator as written: its name and the source text of each argument. */
export interface DecoratorFact {
  name: string;
  arguments: string[];
}

/** One parameter of an exported constructor or function, as written. */
export interface ParameterFact {
  /** The bound name; undefined for a destructuring pattern. */
  name?: string;
  /** The type annotation's source text: `EntityManager`, `Prisma.TransactionClient | undefined`. */
  type?: string;
  decorators: DecoratorFact[];
  /** `x?: T`. */
  optional: boolean;
  /** `x = defaultValue`, with the default's source text. */
  defaultValue?: string;
  rest: boolean;
  /** A TypeScript parameter property: `private readonly em: EntityManager`. */
  accessibility?: 'public' | 'private' | 'protected';
  readonly: boolean;
}

/** An exported class: what the injection rule needs to know about `new C(...)` in another file. */
export interface ClassFact {
  name: string;
  /** Names it is exported under (`default` for a default export). */
  exportNames: string[];
  line: number;
  decorators: DecoratorFact[];
  /** The `extends` clause's source text. */
  superClass?: string;
  /** Where the superclass comes from when it is imported. */
  superClassImport?: ImportedBinding;
  /** Undefined when the class declares no constructor (it inherits its superclass's). */
  constructorParameters?: ParameterFact[];
  /** The constructor has overload signatures: `constructorParameters` are those of the one that runs, and calls may match a shorter signature. */
  overloadedConstructor?: true;
}

/** An exported function (or `const f = (...) => ...`): factories like `createStore(db)`. */
export interface FunctionFact {
  name: string;
  exportNames: string[];
  line: number;
  parameters: ParameterFact[];
  async: boolean;
}

export interface ExportFact {
  /** The export holds a catalog resource created at module level. */
  resource?: string;
  /** The export is another module's: `export { db } from './db'` or an imported binding re-exported. */
  reexport?: { from: string; name: string };
}

/** Everything a parse of one file contributes to the index. Plain data, so it can be cached on disk. */
export interface ParsedFacts {
  imports: ImportFact[];
  registrations: RegistrationFact[];
  classes: ClassFact[];
  functions: FunctionFact[];
  exports: Record<string, ExportFact>;
  /** `export * from './x'` specifiers. */
  exportAll: string[];
  /** Every name the module exports itself (re-exports from a source are in `exports`). */
  exportNames: string[];
}

/** What the extraction needs from the index: following imports into other project files. */
export interface FactContext {
  file: string;
  catalog: ResourceCatalog;
  /** The catalog resource an imported binding holds, when another project file creates it at module level. */
  importedResource(binding: ImportedBinding): ResourceSpec | undefined;
  importIdentity(binding: ImportedBinding): string;
}

/** A module specifier in the syntax tree. */
export interface ImportSource {
  node: TSESTree.StringLiteral;
  kind: ImportFact['kind'];
  typeOnly: boolean;
}

/** The module specifiers of a program: declarations, re-exports, `import x = require()`, `require()`, `import()`. */
export function importSources(program: TSESTree.Program, text: string): ImportSource[] {
  const sources: ImportSource[] = [];
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration) {
      const typeOnly =
        statement.importKind === 'type' ||
        (statement.specifiers.length > 0 &&
          statement.specifiers.every((specifier) => specifier.type === AST_NODE_TYPES.ImportSpecifier && specifier.importKind === 'type'));
      sources.push({ node: statement.source, kind: 'import', typeOnly });
    } else if (
      (statement.type === AST_NODE_TYPES.ExportNamedDeclaration || statement.type === AST_NODE_TYPES.ExportAllDeclaration) &&
      statement.source
    ) {
      sources.push({ node: statement.source, kind: 'export', typeOnly: statement.exportKind === 'type' });
    } else if (statement.type === AST_NODE_TYPES.TSImportEqualsDeclaration) {
      const reference = statement.moduleReference;
      if (reference.type === AST_NODE_TYPES.TSExternalModuleReference && isStringLiteral(reference.expression)) {
        sources.push({ node: reference.expression, kind: 'require', typeOnly: statement.importKind === 'type' });
      }
    }
  }
  // `require(...)` and `import(...)` can sit anywhere; most files have neither.
  if (!/\b(?:require|import)\s*\(/.test(text)) return sources.sort((a, b) => a.node.range[0] - b.node.range[0]);
  walk(program, (node) => {
    if (node.type === AST_NODE_TYPES.ImportExpression && isStringLiteral(node.source)) {
      sources.push({ node: node.source, kind: 'dynamic', typeOnly: false });
    } else if (node.type === AST_NODE_TYPES.CallExpression && requiredModuleName(node) !== undefined) {
      sources.push({ node: node.arguments[0] as TSESTree.StringLiteral, kind: 'require', typeOnly: false });
    }
  });
  return sources.sort((a, b) => a.node.range[0] - b.node.range[0]);
}

function importFacts(sources: readonly ImportSource[], lineStarts: readonly number[]): ImportFact[] {
  return sources.map(({ node, kind, typeOnly }) => {
    const { line, column } = positionAt(lineStarts, node.range[0]);
    return { specifier: node.value, line, column, kind, typeOnly };
  });
}

export function registrationFact(site: RegistrationSite, lineStarts: readonly number[]): RegistrationFact {
  const { line, column } = positionAt(lineStarts, site.node.range[0]);
  const fact: RegistrationFact = {
    key: site.key,
    registry: site.register.registry,
    orm: site.register.orm,
    entityKind: site.register.entityKind,
    name: site.name,
    line,
    column,
    repeatable: site.repeatable,
    guarded: site.guarded,
    inFunction: site.container !== undefined,
    deferred: site.register.deferred === true,
  };
  if (site.identity !== undefined) fact.identity = site.identity;
  return fact;
}

/** Reads every fact of a parsed project file. */
export function extractFacts(program: TSESTree.Program, text: string, scope: ModuleScope, context: FactContext): ParsedFacts {
  return readProgram(program, text, scope, context).facts();
}

/**
 * The facts of a program and the registration sites behind them, read in two steps so the linted
 * file can stop after the first: `sites` (what the rules report on) now, `facts()` (what other
 * files learn) only when they are needed. Project files parsed by the index go through the same
 * path, so a file's own findings and what other files learn about it always agree.
 */
export function readProgram(
  program: TSESTree.Program,
  text: string,
  /** The module's scope, or how to build it when first needed (most linted files never need it). */
  scope: ModuleScope | (() => ModuleScope),
  context: FactContext,
  /** The text filter's answer when already known (the index scanned this very text). */
  mayRegister?: boolean,
): { sites: RegistrationSite[]; sources: ImportSource[]; resources: ModuleResources; facts: () => ParsedFacts } {
  const scopeOf = typeof scope === 'function' ? scope : () => scope;
  const resources = new ModuleResources(scopeOf, context);
  const resolver: RegistrationResolver = {
    file: context.file,
    catalog: context.catalog,
    resolve: (identifier) => scopeOf().resolve(identifier),
    resourceOf: (node) => resources.resourceOf(node),
    importIdentity: (binding) => context.importIdentity(binding),
  };
  const sites = (mayRegister ?? mayContainRegistration(text, context.catalog)) ? findRegistrations(program, resolver) : [];
  const sources = importSources(program, text);
  let facts: ParsedFacts | undefined;
  return {
    sites,
    sources,
    resources,
    facts: () => {
      if (facts) return facts;
      const lineStarts = lineStartsOf(text);
      facts = {
        imports: importFacts(sources, lineStarts),
        registrations: sites.map((site) => registrationFact(site, lineStarts)),
        classes: [],
        functions: [],
        exports: {},
        exportAll: [],
        exportNames: [],
      };
      collectExports(program, scopeOf(), resources, facts, text, lineStarts);
      return facts;
    },
  };
}

/**
 * Traces module-level values to catalog resources in a parsed file: the index's counterpart of
 * `FileResources`, limited to what syntax shows without a scope manager.
 */
export class ModuleResources {
  private readonly matcher: AcquisitionMatcher;
  private readonly scopeOf: () => ModuleScope;

  /** `scope` may be a function that builds it, called when first needed. */
  constructor(
    scope: ModuleScope | (() => ModuleScope),
    private readonly context: FactContext,
  ) {
    const scopeOf = typeof scope === 'function' ? scope : () => scope;
    this.scopeOf = scopeOf;
    this.matcher = new AcquisitionMatcher(
      context.catalog,
      (identifier) => scopeOf().importOf(identifier),
      (identifier) => scopeOf().constInitializerOf(identifier),
    );
  }

  /** The resource an expression creates here, from the catalog's acquisitions alone: `new DataSource(...)`. */
  acquisitionOf(expression: TSESTree.Node): ResourceSpec | undefined {
    return this.matcher.acquisitionOf(expression)?.spec;
  }

  /**
   * The catalog resource an expression holds. With `local`, imports from other project modules
   * are not followed: export facts stay a property of their own file, so extracting them never
   * parses the files they import.
   */
  resourceOf(expression: TSESTree.Node, options: { local?: boolean } = {}, depth = 0): ResourceSpec | undefined {
    if (depth > 6) return undefined;
    const value = unwrapAwaited(expression);
    const acquired = this.matcher.acquisitionOf(value);
    if (acquired) return acquired.spec;
    switch (value.type) {
      case AST_NODE_TYPES.Identifier: {
        const target = this.scopeOf().resolve(value);
        if (target?.kind === 'import') {
          const moduleResource = this.context.catalog.findAcquisition(target.binding.module, target.binding.exportName, {
            new: false,
            module: true,
          });
          if (moduleResource) return moduleResource.spec;
          return options.local ? undefined : this.context.importedResource(target.binding);
        }
        if (target?.kind === 'variable' && target.declarator.init && target.declarator.id.type === AST_NODE_TYPES.Identifier) {
          return this.resourceOf(target.declarator.init, options, depth + 1);
        }
        return undefined;
      }
      case AST_NODE_TYPES.MemberExpression:
      case AST_NODE_TYPES.CallExpression: {
        // `dataSource.manager`, `mongoose.connection`, `dataSource.createQueryRunner()`
        const member = value.type === AST_NODE_TYPES.CallExpression ? unwrapExpression(value.callee) : value;
        if (member.type !== AST_NODE_TYPES.MemberExpression || member.property.type !== AST_NODE_TYPES.Identifier || member.computed) return undefined;
        const owner = this.resourceOf(member.object, options, depth + 1);
        const yielded = owner?.yields?.[member.property.name];
        return yielded === undefined ? undefined : this.context.catalog.get(yielded);
      }
      // `globalThis.prisma ?? new PrismaClient()`, `cached || (cached = createPool())`
      case AST_NODE_TYPES.LogicalExpression:
        return this.resourceOf(value.right, options, depth + 1) ?? this.resourceOf(value.left, options, depth + 1);
      case AST_NODE_TYPES.ConditionalExpression:
        return this.resourceOf(value.consequent, options, depth + 1) ?? this.resourceOf(value.alternate, options, depth + 1);
      case AST_NODE_TYPES.AssignmentExpression:
        return this.resourceOf(value.right, options, depth + 1);
      default:
        return undefined;
    }
  }
}

function collectExports(
  program: TSESTree.Program,
  scope: ModuleScope,
  resources: ModuleResources,
  facts: ParsedFacts,
  text: string,
  lineStarts: readonly number[],
): void {
  const exportNamesOf = new Map<string, string[]>();
  const addExportName = (local: string, exported: string) => {
    const list = exportNamesOf.get(local) ?? [];
    list.push(exported);
    exportNamesOf.set(local, list);
  };
  const setValueExport = (exported: string, local: string) => {
    const target = scope.moduleBinding(local);
    if (target?.kind === 'import' && (target.binding.module.startsWith('.') || target.binding.module.startsWith('/'))) {
      facts.exports[exported] = { reexport: { from: target.binding.module, name: target.binding.exportName } };
      return;
    }
    if (target?.kind === 'variable' && target.declarator.init) {
      // `export const db = sharedDb` (imported): followed at query time, like `export { db } from`.
      const init = unwrapExpression(target.declarator.init);
      const aliased = init.type === AST_NODE_TYPES.Identifier ? scope.moduleBinding(init.name) : undefined;
      if (aliased?.kind === 'import' && (aliased.binding.module.startsWith('.') || aliased.binding.module.startsWith('/'))) {
        facts.exports[exported] = { reexport: { from: aliased.binding.module, name: aliased.binding.exportName } };
        return;
      }
      const resource = resources.resourceOf(target.declarator.init, { local: true });
      if (resource) facts.exports[exported] = { resource: resource.name };
    }
  };
  const declaredClasses: TSESTree.ClassDeclaration[] = [];
  const declaredFunctions: { name: string; node: TSESTree.FunctionLike; async: boolean; line: number }[] = [];
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration) {
      const declaration = statement.declaration;
      if (declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
        for (const declarator of declaration.declarations) {
          for (const id of patternIdentifiers(declarator.id)) {
            addExportName(id.name, id.name);
            if (declarator.id === id) setValueExport(id.name, id.name);
          }
        }
      } else if ((declaration?.type === AST_NODE_TYPES.ClassDeclaration || declaration?.type === AST_NODE_TYPES.FunctionDeclaration) && declaration.id) {
        addExportName(declaration.id.name, declaration.id.name);
      }
      for (const specifier of statement.specifiers) {
        const local = specifier.local.type === AST_NODE_TYPES.Identifier ? specifier.local.name : specifier.local.value;
        const exported = specifier.exported.type === AST_NODE_TYPES.Identifier ? specifier.exported.name : specifier.exported.value;
        if (statement.source) {
          facts.exports[exported] = { reexport: { from: statement.source.value, name: local } };
          continue;
        }
        addExportName(local, exported);
        setValueExport(exported, local);
      }
    } else if (statement.type === AST_NODE_TYPES.ExportAllDeclaration) {
      if (statement.exported) {
        const name = statement.exported.name;
        facts.exports[name] = { reexport: { from: statement.source.value, name: '*' } };
      } else {
        facts.exportAll.push(statement.source.value);
      }
    } else if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration) {
      const declaration = statement.declaration;
      if ((declaration.type === AST_NODE_TYPES.ClassDeclaration || declaration.type === AST_NODE_TYPES.FunctionDeclaration) && declaration.id) {
        addExportName(declaration.id.name, 'default');
      } else if (declaration.type === AST_NODE_TYPES.ClassDeclaration) {
        declaredClasses.push(declaration);
        addExportName('\0default-class', 'default');
      } else if (declaration.type === AST_NODE_TYPES.Identifier) {
        addExportName(declaration.name, 'default');
        setValueExport('default', declaration.name);
      } else {
        addExportName('\0default-value', 'default');
        const resource = resources.resourceOf(declaration, { local: true });
        if (resource) facts.exports.default = { resource: resource.name };
      }
    }
  }
  facts.exportNames = [...new Set([...exportNamesOf.values()].flat())].sort();
  for (const statement of program.body) {
    const declaration = declarationOf(statement);
    if (declaration.type === AST_NODE_TYPES.ClassDeclaration && declaration.id) declaredClasses.push(declaration);
    if (declaration.type === AST_NODE_TYPES.FunctionDeclaration && declaration.id) {
      declaredFunctions.push({ name: declaration.id.name, node: declaration, async: declaration.async, line: positionAt(lineStarts, declaration.range[0]).line });
    }
    if (declaration.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of declaration.declarations) {
        const init = declarator.init ? unwrapExpression(declarator.init) : undefined;
        if (declarator.id.type !== AST_NODE_TYPES.Identifier || !init) continue;
        if (isFunctionNode(init)) {
          declaredFunctions.push({ name: declarator.id.name, node: init, async: init.async, line: positionAt(lineStarts, declarator.range[0]).line });
        }
      }
    }
  }
  const textOf = (node: TSESTree.Node) => text.slice(node.range[0], node.range[1]);
  declaredClasses.sort((a, b) => a.range[0] - b.range[0]);
  for (const declaration of declaredClasses) {
    const name = declaration.id?.name ?? '\0default-class';
    const exportNames = exportNamesOf.get(name);
    if (!exportNames) continue;
    const constructors = declaration.body.body.filter(
      (member): member is TSESTree.MethodDefinition => member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor',
    );
    // Overload signatures have no body; the one with a body runs (a declaration has none: its first).
    const constructor = constructors.find((member) => member.value.type === AST_NODE_TYPES.FunctionExpression) ?? constructors[0];
    const fact: ClassFact = {
      name: declaration.id?.name ?? 'default',
      exportNames,
      line: positionAt(lineStarts, declaration.range[0]).line,
      // espree (the linted buffer of a plain JavaScript file) sets no decorators.
      decorators: (declaration.decorators ?? []).map((decorator) => decoratorFact(decorator, textOf)),
    };
    if (declaration.superClass) {
      fact.superClass = textOf(declaration.superClass);
      const superIdentifier = unwrapExpression(declaration.superClass);
      if (superIdentifier.type === AST_NODE_TYPES.Identifier) {
        const binding = scope.importOf(superIdentifier);
        if (binding) fact.superClassImport = binding;
      }
    }
    if (constructor) fact.constructorParameters = constructor.value.params.map((param) => parameterFact(param, textOf));
    if (constructors.length > 1) fact.overloadedConstructor = true;
    facts.classes.push(fact);
  }
  for (const fn of declaredFunctions) {
    const exportNames = exportNamesOf.get(fn.name);
    if (!exportNames) continue;
    facts.functions.push({
      name: fn.name,
      exportNames,
      line: fn.line,
      parameters: fn.node.params.map((param) => parameterFact(param, textOf)),
      async: fn.async,
    });
  }
}

function decoratorFact(decorator: TSESTree.Decorator, textOf: (node: TSESTree.Node) => string): DecoratorFact {
  const expression = unwrapExpression(decorator.expression);
  const callee = expression.type === AST_NODE_TYPES.CallExpression ? expression.callee : expression;
  return {
    name: textOf(callee),
    arguments: expression.type === AST_NODE_TYPES.CallExpression ? expression.arguments.map(textOf) : [],
  };
}

function parameterFact(param: TSESTree.Parameter, textOf: (node: TSESTree.Node) => string): ParameterFact {
  const fact: ParameterFact = { decorators: [], optional: false, rest: false, readonly: false };
  let node: TSESTree.Node = param;
  if (node.type === AST_NODE_TYPES.TSParameterProperty) {
    if (node.accessibility) fact.accessibility = node.accessibility;
    fact.readonly = node.readonly;
    fact.decorators = node.decorators.map((decorator) => decoratorFact(decorator, textOf));
    node = node.parameter;
  } else {
    fact.decorators = param.decorators?.map((decorator) => decoratorFact(decorator, textOf)) ?? [];
  }
  if (node.type === AST_NODE_TYPES.RestElement) {
    fact.rest = true;
    if (node.typeAnnotation) fact.type = textOf(node.typeAnnotation.typeAnnotation);
    node = node.argument;
  }
  if (node.type === AST_NODE_TYPES.AssignmentPattern) {
    fact.defaultValue = textOf(node.right);
    node = node.left;
  }
  if (node.type === AST_NODE_TYPES.Identifier) {
    fact.name = node.name;
    if (node.optional) fact.optional = true;
  }
  if ('typeAnnotation' in node && node.typeAnnotation && fact.type === undefined) {
    fact.type = textOf(node.typeAnnotation.typeAnnotation);
  }
  if ('optional' in node && node.optional === true) fact.optional = true;
  return fact;
}
