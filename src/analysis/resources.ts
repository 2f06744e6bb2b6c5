import { TSESLint, type TSESTree } from '@typescript-eslint/utils';

import {
  enclosingFunction,
  findVariableOf,
  flattenMemberChain,
  importBehind,
  isFunctionNode,
  isWithin,
  memberName,
  propertyKeyName,
  requiredModuleName,
  unwrapAwaited,
  unwrapExpression,
} from './ast';
import { type AcquireSpec, type MethodEffect, type ResourceCatalog, type ResourceSpec, isModuleResource, methodEffect } from './catalog';
import { getProjectIndex } from './project-index';
import { type FileTestInfo, getFileTestInfo } from './test-framework';
import { walk, walkOwnBody } from './traverse';
import { type TypeServices, getTypeServices } from './types';
import { AST_NODE_TYPES } from '../util/node-types';

const { DefinitionType } = TSESLint.Scope;

/** Where an imported binding comes from. */
export interface ImportedBinding {
  module: string;
  /** The export name: a name, `default`, or `*` for a namespace import. */
  exportName: string;
}

/** A value the recognition layer traced to a catalog resource. */
export interface ResourceRef {
  spec: ResourceSpec;
  /** The expression that created it (`new PrismaClient()`), when it is in this file. */
  origin?: TSESTree.Node;
  /** How it was traced: created here, a module resource, another resource's member, a fixture, an import, or its type. */
  via: 'acquire' | 'module' | 'member' | 'fixture' | 'import' | 'type';
  /** For `via: 'acquire'`: the catalog entry that matched. */
  acquire?: AcquireSpec;
}

/**
 * An expression that makes a new resource each time it runs: a catalog acquisition, a call to a
 * same-file factory that returns one, `new` of a same-file class that holds one, or (with types)
 * `new X()` whose type is, or wraps, a catalog resource.
 */
export interface ResourceCreation {
  spec: ResourceSpec;
  node: TSESTree.Node;
  via: 'acquire' | 'factory' | 'wrapper' | 'type';
  /** How messages name what is created: `PrismaClient`, `UsageLogger (holds a PrismaClient)`. */
  label: string;
}

/** How messages name a resource: its class-like catalog name (`PrismaClient`, `pg.Pool`), or package and kind (`ioredis client`). */
export function resourceLabel(spec: ResourceSpec): string {
  return /^[a-z][\w/@:-]*$/.test(spec.name) && spec.kind ? `${spec.name} ${spec.kind}` : spec.name;
}

/** `a PrismaClient`, `an ioredis client`. */
export function withArticle(label: string): string {
  return `${/^[aeio]/i.test(label) ? 'an' : 'a'} ${label}`;
}

/** A call on a resource: `prisma.$connect()`, `pool.end()`, `mongoose.disconnect()`. */
export interface ResourceCall {
  ref: ResourceRef;
  method: string;
  effect: MethodEffect;
  /** The receiver's source text for messages (`prisma`), or the function name for module functions. */
  receiverText: string;
}

/**
 * Finds how an identifier was imported, given a way to find its variable. Shared by the lint-time
 * tracer (scope manager) and the project index (module-level imports only).
 */
export function importedBindingOfVariable(variable: TSESLint.Scope.Variable | undefined): ImportedBinding | undefined {
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!def) return undefined;
  if (def.type === DefinitionType.ImportBinding) {
    const spec = def.node;
    if (spec.type === AST_NODE_TYPES.TSImportEqualsDeclaration) {
      const ref = spec.moduleReference;
      if (ref.type === AST_NODE_TYPES.TSExternalModuleReference && ref.expression.type === AST_NODE_TYPES.Literal) {
        return { module: String(ref.expression.value), exportName: '*' };
      }
      return undefined;
    }
    const declaration = spec.parent;
    if (declaration.type !== AST_NODE_TYPES.ImportDeclaration || declaration.importKind === 'type') return undefined;
    return importedBindingOfSpecifier(spec, declaration.source.value);
  }
  if (def.type === DefinitionType.Variable && def.node.type === AST_NODE_TYPES.VariableDeclarator) {
    return requiredBinding(def.node, def.name);
  }
  return undefined;
}

export function importedBindingOfSpecifier(
  spec: TSESTree.ImportClause,
  module: string,
): ImportedBinding | undefined {
  if (spec.type === AST_NODE_TYPES.ImportSpecifier && spec.importKind === 'type') return undefined;
  return { module, exportName: importedNameOf(spec) };
}

/** The name an import specifier takes from its module: `default`, `*`, or the (possibly string) export name. Types included. */
export function importedNameOf(spec: TSESTree.ImportClause): string {
  switch (spec.type) {
    case AST_NODE_TYPES.ImportDefaultSpecifier:
      return 'default';
    case AST_NODE_TYPES.ImportNamespaceSpecifier:
      return '*';
    case AST_NODE_TYPES.ImportSpecifier:
      return spec.imported.type === AST_NODE_TYPES.Identifier ? spec.imported.name : spec.imported.value;
  }
}

/** `const x = require('m')` (whole module) or `const { a: x } = require('m')`. */
export function requiredBinding(declarator: TSESTree.VariableDeclarator, local: TSESTree.Identifier): ImportedBinding | undefined {
  const module = requiredModuleName(declarator.init);
  if (module === undefined) return undefined;
  if (declarator.id === local) return { module, exportName: 'default' };
  if (declarator.id.type !== AST_NODE_TYPES.ObjectPattern) return undefined;
  for (const property of declarator.id.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
    if (value === local) {
      const name = propertyKeyName(property);
      return name === undefined ? undefined : { module, exportName: name };
    }
  }
  return undefined;
}

/**
 * Recognises catalog acquisitions in an expression, given how to resolve an identifier to its
 * import. Pure syntax: used both at lint time and by the project index.
 */
export class AcquisitionMatcher {
  constructor(
    private readonly catalog: ResourceCatalog,
    private readonly importOf: (identifier: TSESTree.Identifier) => ImportedBinding | undefined,
    /** Follows a builder variable to its initialiser (`const app = express(); app.listen()`). */
    private readonly initializerOf: (identifier: TSESTree.Identifier) => TSESTree.Expression | undefined = () => undefined,
  ) {}

  /** The catalog resource an expression creates, if it creates one. */
  acquisitionOf(expression: TSESTree.Node): ResourceRef | undefined {
    const node = unwrapAwaited(expression);
    if (node.type === AST_NODE_TYPES.NewExpression) {
      const target = this.exportOf(node.callee);
      if (!target) return undefined;
      const match = this.catalog.findAcquisition(target.module, target.exportName, { new: true });
      return match && !match.acquire.then && !leavesOutOpeningOption(node, match.acquire.opensWith)
        ? { spec: match.spec, origin: node, via: 'acquire', acquire: match.acquire }
        : undefined;
    }
    if (node.type !== AST_NODE_TYPES.CallExpression) return undefined;
    const callee = unwrapExpression(node.callee);
    const direct = this.exportOf(callee);
    if (direct) {
      const match = this.catalog.findAcquisition(direct.module, direct.exportName, { new: false });
      if (match && !match.acquire.then && !this.wrapsGivenClient(node, match.acquire.wraps) && !leavesOutOpeningOption(node, match.acquire.opensWith)) {
        return { spec: match.spec, origin: node, via: 'acquire', acquire: match.acquire };
      }
    }
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const method = memberName(callee);
    if (method === undefined) return undefined;
    // `MikroORM.init(...)`, `chromium.launch()`
    const owner = this.exportOf(callee.object);
    if (owner) {
      const match = this.catalog.findAcquisition(owner.module, owner.exportName, { new: false, call: method });
      if (match && !match.acquire.then) return { spec: match.spec, origin: node, via: 'acquire', acquire: match.acquire };
    }
    // `new GenericContainer(img).withExposedPorts(5432).start()`, `Test.createTestingModule(m).compile()`
    const builder = this.builderBase(callee.object, 0);
    if (builder?.acquire.then === method) return { spec: builder.spec, origin: node, via: 'acquire', acquire: builder.acquire };
    return undefined;
  }

  /**
   * For an acquisition that can wrap a client (`wraps`): whether this call is given one rather than
   * connection settings. A string, a template, or an environment variable is a connection string; an
   * object without the `wraps` option holds connection settings; anything else may be a client.
   */
  private wrapsGivenClient(call: TSESTree.CallExpression, option: string | undefined): boolean {
    if (option === undefined) return false;
    const first = call.arguments[0];
    if (!first) return false;
    let value = unwrapExpression(first);
    if (value.type === AST_NODE_TYPES.Identifier) value = this.initializerOf(value) ?? value;
    value = unwrapExpression(value);
    if (value.type === AST_NODE_TYPES.ObjectExpression) {
      return value.properties.some((property) => property.type !== AST_NODE_TYPES.Property || propertyKeyName(property) === option);
    }
    if (value.type === AST_NODE_TYPES.Literal || value.type === AST_NODE_TYPES.TemplateLiteral) return false;
    const chain = flattenMemberChain(value);
    const isEnvironment = chain?.root.type === AST_NODE_TYPES.Identifier && chain.root.name === 'process' && chain.members[0] === 'env';
    return !isEnvironment;
  }

  /** The import behind `X` or `ns.X` / `defaultExport.X`. */
  exportOf(node: TSESTree.Node): ImportedBinding | undefined {
    return importBehind(node, this.importOf);
  }

  private builderBase(node: TSESTree.Node, depth: number): ReturnType<ResourceCatalog['findAcquisition']> {
    if (depth > 12) return undefined;
    const value = unwrapAwaited(node);
    if (value.type === AST_NODE_TYPES.Identifier) {
      const init = this.initializerOf(value);
      return init ? this.builderBase(init, depth + 1) : undefined;
    }
    if (value.type === AST_NODE_TYPES.NewExpression) {
      const target = this.exportOf(value.callee);
      return target && this.catalog.findAcquisition(target.module, target.exportName, { new: true });
    }
    if (value.type !== AST_NODE_TYPES.CallExpression) return undefined;
    const callee = unwrapExpression(value.callee);
    const direct = this.exportOf(callee);
    if (direct) return this.catalog.findAcquisition(direct.module, direct.exportName, { new: false });
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const owner = this.exportOf(callee.object);
    const method = memberName(callee);
    if (owner && method !== undefined) {
      const match = this.catalog.findAcquisition(owner.module, owner.exportName, { new: false, call: method });
      if (match) return match;
    }
    // a configuration step in the chain: `.withExposedPorts(5432)`
    return this.builderBase(callee.object, depth + 1);
  }
}

/** For an acquisition that opens only with an option (`opensWith`): settings written in place without it, so nothing opens. */
function leavesOutOpeningOption(call: TSESTree.CallExpression | TSESTree.NewExpression, option: string | undefined): boolean {
  if (option === undefined) return false;
  const first = call.arguments[0] ? unwrapExpression(call.arguments[0]) : undefined;
  if (first?.type !== AST_NODE_TYPES.ObjectExpression) return false;
  return !first.properties.some((property) => property.type === AST_NODE_TYPES.SpreadElement || propertyKeyName(property) === option);
}

/** The name a callee chain starts at: `pg.Pool` → `pg`, `new X().withY().start` → `X`, `app.listen` → `app`. */
function calleeRoot(node: TSESTree.Node): string | undefined {
  let current = unwrapExpression(node);
  for (let depth = 0; depth < 20; depth++) {
    switch (current.type) {
      case AST_NODE_TYPES.Identifier:
        return current.name;
      case AST_NODE_TYPES.MemberExpression:
        current = unwrapExpression(current.object);
        break;
      case AST_NODE_TYPES.CallExpression:
      case AST_NODE_TYPES.NewExpression:
        current = unwrapExpression(current.callee);
        break;
      case AST_NODE_TYPES.AwaitExpression:
        current = unwrapExpression(current.argument);
        break;
      default:
        return undefined;
    }
  }
  return undefined;
}

/** A file's source and name: the linted file's rule context, or another file parsed to read its resources. */
export interface SourceFile {
  readonly sourceCode: Readonly<TSESLint.SourceCode>;
  readonly filename: string;
}

/** See `FileResources.catalogBindings`. */
export interface CatalogBindings {
  readonly names: ReadonlySet<string>;
  readonly moduleResourceNames: ReadonlySet<string>;
}

/** Traces values in one linted file to catalog resources. One per file, shared by every rule. */
export class FileResources {
  readonly matcher: AcquisitionMatcher;
  private readonly refCache = new WeakMap<TSESTree.Node, ResourceRef | null>();
  private readonly variableCache = new WeakMap<TSESLint.Scope.Variable, ResourceRef | null>();
  private memberAssignments: Map<string, TSESTree.Expression[]> | undefined;

  constructor(
    private readonly context: SourceFile,
    readonly info: FileTestInfo,
    readonly catalog: ResourceCatalog,
  ) {
    const { sourceCode } = context;
    this.matcher = new AcquisitionMatcher(
      catalog,
      (identifier) => importedBindingOfVariable(findVariableOf(sourceCode, identifier)),
      (identifier) => singleConstInitializer(findVariableOf(sourceCode, identifier)),
    );
  }

  /** The catalog resource an expression evaluates to, or undefined when it cannot be told. */
  resourceOf(expression: TSESTree.Node, types?: TypeServices): ResourceRef | undefined {
    const node = unwrapAwaited(expression);
    let cached = this.refCache.get(node);
    if (cached === undefined) {
      this.refCache.set(node, null); // guards cycles through assignments
      cached = this.computeResource(node) ?? null;
      this.refCache.set(node, cached);
    }
    if (cached) return cached;
    return types ? types.resourceOfType(node, this.catalog) : undefined;
  }

  private catalogImportCache: boolean | undefined;

  /**
   * Whether the file imports or requires any catalog package: without one, nothing in it (and no
   * same-file factory or wrapper) can create a catalog resource. A cheap first filter for rules.
   */
  importsCatalogModule(): boolean {
    this.catalogImportCache ??= this.findCatalogImport();
    return this.catalogImportCache;
  }

  private findCatalogImport(): boolean {
    for (const statement of this.context.sourceCode.ast.body) {
      if (statement.type === AST_NODE_TYPES.ImportDeclaration && statement.importKind !== 'type') {
        if (this.catalog.isResourceModule(statement.source.value)) return true;
      }
    }
    // `require('pg')` and `import('pg')` anywhere, found in the text: cheaper than walking the tree.
    const { text } = this.context.sourceCode;
    if (!text.includes('require(') && !text.includes('import(')) return false;
    for (const match of text.matchAll(/\b(?:require|import)\(\s*['"`]([^'"`]+)['"`]\s*\)/g)) {
      if (this.catalog.isResourceModule(match[1]!)) return true;
    }
    return false;
  }

  /** The module a creation's class or factory is imported from: `new Pool()` → `pg`, `MikroORM.init()` → `@mikro-orm/core`. */
  moduleOfCreation(node: TSESTree.Node): string | undefined {
    const value = unwrapAwaited(node);
    if (value.type !== AST_NODE_TYPES.CallExpression && value.type !== AST_NODE_TYPES.NewExpression) return undefined;
    const callee = unwrapExpression(value.callee);
    const direct = this.matcher.exportOf(callee);
    if (direct) return direct.module;
    return callee.type === AST_NODE_TYPES.MemberExpression ? this.matcher.exportOf(callee.object)?.module : undefined;
  }

  /** Whether a creation comes from a module this file mocks (`vi.mock('pg')`): it opens nothing real. */
  isMockedCreation(node: TSESTree.Node): boolean {
    const mocked = this.info.mockedModules();
    if (mocked.size === 0) return false;
    const module = this.moduleOfCreation(node);
    return module !== undefined && mocked.has(module);
  }

  /** What `expression` creates when it runs, if it creates a resource; see `ResourceCreation`. */
  creationOf(expression: TSESTree.Node, types?: TypeServices): ResourceCreation | undefined {
    const node = unwrapAwaited(expression);
    if (types) return this.computeCreation(node, types, 0);
    if (!this.mayCreate(node)) return undefined;
    // Several rules ask about the same calls.
    let cached = this.creationCache.get(node);
    if (cached === undefined) {
      cached = this.computeCreation(node, undefined, 0) ?? null;
      this.creationCache.set(node, cached);
    }
    return cached ?? undefined;
  }

  private catalogBindingsCache: CatalogBindings | undefined;

  /**
   * The names the file binds to catalog packages, in any scope (`import { Pool } from 'pg'`,
   * `const knex = require('knex')`, a `require()` inside a hook), and among them those bound to a
   * package that is itself a resource (mongoose). Empty when the file imports no catalog package.
   */
  catalogBindings(): CatalogBindings {
    if (!this.catalogBindingsCache) {
      const names = new Set<string>();
      const moduleResourceNames = new Set<string>();
      if (this.importsCatalogModule()) {
        for (const scope of this.context.sourceCode.scopeManager?.scopes ?? []) {
          for (const variable of scope.variables) {
            const binding = importedBindingOfVariable(variable);
            const specs = binding ? this.catalog.specsForModule(binding.module) : [];
            if (specs.length === 0) continue;
            names.add(variable.name);
            if (specs.some(isModuleResource)) moduleResourceNames.add(variable.name);
          }
        }
      }
      this.catalogBindingsCache = { names, moduleResourceNames };
    }
    return this.catalogBindingsCache;
  }

  private candidateNames: Set<string> | undefined;

  /**
   * A cheap syntactic gate before tracing: a creation's callee chain starts at a name imported from
   * a catalog package, a same-file function or class, or a variable initialised from one of those.
   */
  private mayCreate(node: TSESTree.Node): boolean {
    if (node.type !== AST_NODE_TYPES.CallExpression && node.type !== AST_NODE_TYPES.NewExpression) return false;
    if (!this.importsCatalogModule()) return false;
    this.candidateNames ??= this.collectCandidateNames();
    const root = calleeRoot(node.callee);
    return root !== undefined && this.candidateNames.has(root);
  }

  private collectCandidateNames(): Set<string> {
    const names = new Set<string>();
    const initialised: { name: string; init: TSESTree.Node }[] = [];
    for (const scope of this.context.sourceCode.scopeManager?.scopes ?? []) {
      for (const variable of scope.variables) {
        const def = variable.defs[0];
        if (!def) continue;
        if (def.type === DefinitionType.FunctionName || def.type === DefinitionType.ClassName) {
          names.add(variable.name);
          continue;
        }
        const binding = importedBindingOfVariable(variable);
        if (binding) {
          if (this.catalog.isResourceModule(binding.module)) names.add(variable.name);
          continue;
        }
        if (def.type === DefinitionType.Variable && def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init) {
          initialised.push({ name: variable.name, init: unwrapAwaited(def.node.init) });
        }
      }
    }
    // `const app = express()`, `const make = () => new Pool()`, `const Db = class {}`: follow a few links.
    for (let round = 0; round < 3; round++) {
      let added = false;
      for (const { name, init } of initialised) {
        if (names.has(name)) continue;
        const root = isFunctionNode(init) || init.type === AST_NODE_TYPES.ClassExpression ? name : calleeRoot(init);
        if (root !== undefined && (root === name || names.has(root))) {
          names.add(name);
          added = true;
        }
      }
      if (!added) break;
    }
    return names;
  }

  private readonly creationCache = new WeakMap<TSESTree.Node, ResourceCreation | null>();

  private computeCreation(node: TSESTree.Node, types: TypeServices | undefined, depth: number): ResourceCreation | undefined {
    if (depth > 4) return undefined;
    const acquired = this.matcher.acquisitionOf(node);
    if (acquired) return { spec: acquired.spec, node, via: 'acquire', label: resourceLabel(acquired.spec) };
    if (node.type === AST_NODE_TYPES.CallExpression) {
      // `mongoose.connect(uri)` opens the module's own default connection.
      const opened = this.resourceCall(node, types);
      if (opened?.effect === 'open' && opened.ref.via === 'module') {
        return { spec: opened.ref.spec, node, via: 'acquire', label: resourceLabel(opened.ref.spec) };
      }
      const callee = unwrapExpression(node.callee);
      const factory = callee.type === AST_NODE_TYPES.Identifier ? this.info.resolveLocalFunction(callee) : undefined;
      if (!factory || factory === enclosingFunction(node)) return undefined;
      for (const value of returnedValues(factory)) {
        const created = this.createdInside(value, factory, types, depth + 1);
        if (created) return { ...created, node, via: 'factory' };
      }
      return undefined;
    }
    if (node.type !== AST_NODE_TYPES.NewExpression) return undefined;
    const callee = unwrapExpression(node.callee);
    if (callee.type === AST_NODE_TYPES.Identifier) {
      const classNode = localClassOf(findVariableOf(this.context.sourceCode, callee));
      const held = classNode ? this.resourceHeldByClass(classNode, types, depth + 1) : undefined;
      if (held) return { spec: held.spec, node, via: 'wrapper', label: `${callee.name} (holds ${withArticle(held.label)})` };
      if (classNode) return undefined;
    }
    if (!types) return undefined;
    const typed = types.resourceOfType(node, this.catalog);
    if (typed) return { spec: typed.spec, node, via: 'type', label: resourceLabel(typed.spec) };
    const wrapped = types.resourceHeldByType(node, this.catalog);
    if (wrapped) {
      return { spec: wrapped.spec, node, via: 'type', label: `${wrapped.typeName} (holds ${withArticle(resourceLabel(wrapped.spec))})` };
    }
    return undefined;
  }

  /** A returned value of a factory: a creation, or a variable declared in the factory and initialised with one. */
  private createdInside(
    value: TSESTree.Node,
    factory: TSESTree.Node,
    types: TypeServices | undefined,
    depth: number,
  ): ResourceCreation | undefined {
    const node = unwrapAwaited(value);
    // `return replica ? new PrismaClient(options) : new PrismaClient()`: a creation on both branches
    if (node.type === AST_NODE_TYPES.ConditionalExpression) {
      const whenTrue = this.createdInside(node.consequent, factory, types, depth);
      return whenTrue && this.createdInside(node.alternate, factory, types, depth) ? whenTrue : undefined;
    }
    if (node.type === AST_NODE_TYPES.Identifier) {
      const init = singleConstInitializer(findVariableOf(this.context.sourceCode, node), true);
      return init && isWithin(init, factory) ? this.computeCreation(unwrapAwaited(init), types, depth) : undefined;
    }
    return this.computeCreation(node, types, depth);
  }

  private readonly classCache = new WeakMap<TSESTree.Node, ResourceCreation | null>();

  /** A same-file class that creates a resource in a field initialiser or its constructor, or extends a catalog class. */
  private resourceHeldByClass(
    classNode: TSESTree.ClassDeclaration | TSESTree.ClassExpression,
    types: TypeServices | undefined,
    depth: number,
  ): ResourceCreation | undefined {
    const cached = this.classCache.get(classNode);
    if (cached !== undefined) return cached ?? undefined;
    this.classCache.set(classNode, null);
    let found: ResourceCreation | undefined;
    if (classNode.superClass) {
      const base = this.matcher.exportOf(classNode.superClass);
      const match = base && this.catalog.findAcquisition(base.module, base.exportName, { new: true });
      if (match && !match.acquire.then) found = { spec: match.spec, node: classNode, via: 'wrapper', label: resourceLabel(match.spec) };
    }
    for (const member of classNode.body.body) {
      if (found) break;
      if (member.type === AST_NODE_TYPES.PropertyDefinition && !member.static && member.value) {
        found = this.computeCreation(unwrapAwaited(member.value), types, depth);
      } else if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor') {
        walkOwnBody(member.value, (node) => {
          if (
            !found &&
            node.type === AST_NODE_TYPES.AssignmentExpression &&
            node.left.type === AST_NODE_TYPES.MemberExpression &&
            unwrapExpression(node.left.object).type === AST_NODE_TYPES.ThisExpression
          ) {
            found = this.computeCreation(unwrapAwaited(node.right), types, depth);
          }
        });
      }
    }
    this.classCache.set(classNode, found ?? null);
    return found;
  }

  /** Classifies `receiver.method(...)` (or an imported module function) as a call on a resource. */
  resourceCall(call: TSESTree.CallExpression, types?: TypeServices): ResourceCall | undefined {
    const callee = unwrapExpression(call.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      const method = memberName(callee);
      // Decided by the method's name before the receiver is traced (which may parse another module).
      if (method === undefined || !this.catalog.resourceMethodNames.has(method)) return undefined;
      const ref = this.resourceOf(callee.object, types);
      if (!ref) return undefined;
      const effect = methodEffect(ref.spec, method);
      if (!effect) return undefined;
      return { ref, method, effect, receiverText: this.context.sourceCode.getText(callee.object) };
    }
    if (callee.type === AST_NODE_TYPES.Identifier) {
      const binding = importedBindingOfVariable(findVariableOf(this.context.sourceCode, callee));
      if (!binding) return undefined;
      const found = this.catalog.findModuleFunction(binding.module, binding.exportName);
      if (!found) return undefined;
      return { ref: { spec: found.spec, via: 'module' }, method: binding.exportName, effect: found.effect, receiverText: callee.name };
    }
    return undefined;
  }

  private computeResource(node: TSESTree.Node): ResourceRef | undefined {
    const acquired = this.importsCatalogModule() ? this.matcher.acquisitionOf(node) : undefined;
    if (acquired) return acquired;
    switch (node.type) {
      case AST_NODE_TYPES.Identifier:
        return this.resourceOfIdentifier(node);
      case AST_NODE_TYPES.MemberExpression:
        return this.resourceOfMember(node);
      case AST_NODE_TYPES.CallExpression: {
        // `dataSource.createQueryRunner()`, `browser.newPage()`, `orm.em.fork()`
        const callee = unwrapExpression(node.callee);
        if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
        return this.yieldedBy(callee);
      }
      default:
        return undefined;
    }
  }

  private yieldedBy(member: TSESTree.MemberExpression): ResourceRef | undefined {
    const name = memberName(member);
    if (name === undefined) return undefined;
    const owner = this.resourceOf(member.object);
    const yielded = owner?.spec.yields?.[name];
    const spec = yielded === undefined ? undefined : this.catalog.get(yielded);
    return spec ? { spec, origin: member.parent, via: 'member' } : undefined;
  }

  private resourceOfMember(member: TSESTree.MemberExpression): ResourceRef | undefined {
    const yielded = this.yieldedBy(member);
    if (yielded) return yielded;
    // `ctx.db` / `this.db` assigned in a hook
    const key = memberKey(member);
    if (key === undefined) return undefined;
    for (const assigned of this.assignmentsTo(key)) {
      const ref = this.resourceOf(assigned);
      if (ref) return ref;
    }
    return undefined;
  }

  private resourceOfIdentifier(identifier: TSESTree.Identifier): ResourceRef | undefined {
    const variable = findVariableOf(this.context.sourceCode, identifier);
    if (!variable) return undefined;
    let cached = this.variableCache.get(variable);
    if (cached === undefined) {
      this.variableCache.set(variable, null);
      cached = this.computeVariableResource(variable) ?? null;
      this.variableCache.set(variable, cached);
    }
    return cached ?? undefined;
  }

  private computeVariableResource(variable: TSESLint.Scope.Variable): ResourceRef | undefined {
    if (variable.defs.length !== 1) return undefined;
    const def = variable.defs[0]!;
    const binding = importedBindingOfVariable(variable);
    if (binding) {
      const moduleResource = this.catalog.findAcquisition(binding.module, binding.exportName, { new: false, module: true });
      if (moduleResource) return { spec: moduleResource.spec, via: 'module' };
      if (binding.module.startsWith('.') || binding.module.startsWith('/')) {
        const spec = getProjectIndex().exportedResource(this.context.filename, binding, this.catalog);
        if (spec) return { spec, via: 'import' };
      }
      return undefined;
    }
    if (def.type === DefinitionType.Parameter) {
      return def.name.type === AST_NODE_TYPES.Identifier ? this.resourceOfParameter(def.name) : undefined;
    }
    if (def.type === DefinitionType.Variable && def.node.type === AST_NODE_TYPES.VariableDeclarator) {
      const declarator = def.node;
      if (declarator.id.type === AST_NODE_TYPES.Identifier) {
        if (declarator.init) {
          const ref = this.resourceOf(declarator.init);
          if (ref) return ref;
        }
        // `let db; beforeAll(() => { db = new Pool() })`
        for (const reference of variable.references) {
          if (!reference.isWrite() || reference.identifier.parent.type !== AST_NODE_TYPES.AssignmentExpression) continue;
          const assignment = reference.identifier.parent;
          if (assignment.left !== reference.identifier || assignment.operator !== '=') continue;
          const ref = this.resourceOf(assignment.right);
          if (ref) return ref;
        }
        return undefined;
      }
      // `const { em } = orm`, `const { manager } = dataSource`
      if (declarator.id.type === AST_NODE_TYPES.ObjectPattern && declarator.init) {
        const key = destructuredKey(declarator.id, def.name);
        const owner = key === undefined ? undefined : this.resourceOf(declarator.init);
        const yielded = key === undefined ? undefined : owner?.spec.yields?.[key];
        const spec = yielded === undefined ? undefined : this.catalog.get(yielded);
        if (spec) return { spec, via: 'member' };
      }
    }
    return undefined;
  }

  /** A fixture a test or fixture function receives by destructuring its first parameter: `({ db }, use) => …`. */
  private resourceOfParameter(identifier: TSESTree.Identifier): ResourceRef | undefined {
    const pattern = identifier.parent;
    const property = pattern.type === AST_NODE_TYPES.Property ? pattern : pattern.parent;
    if (property?.type !== AST_NODE_TYPES.Property || property.parent.type !== AST_NODE_TYPES.ObjectPattern) return undefined;
    const objectPattern = property.parent;
    const fn = objectPattern.parent;
    if (!isFunctionNode(fn) || fn.params[0] !== objectPattern) return undefined;
    const name = propertyKeyName(property);
    const fixture = name === undefined ? undefined : this.info.fixturesAvailableTo(fn)?.get(name);
    if (!fixture) return undefined;
    if (fixture.file !== undefined) {
      // Defined in another module: its nodes are traced with that module's bindings, not this file's scopes.
      const values = fixtureValues(fixture.fn, fixture.value, fixture.form);
      const spec = getProjectIndex().projectFor(fixture.file)?.resourceInFile(fixture.file, values, this.catalog);
      return spec ? { spec, via: 'fixture' } : undefined;
    }
    for (const value of fixtureValues(fixture.fn, fixture.value, fixture.form)) {
      const ref = this.resourceOf(value);
      if (ref) return { ...ref, via: 'fixture' };
    }
    return undefined;
  }

  private assignmentsTo(key: string): TSESTree.Expression[] {
    this.memberAssignments ??= collectMemberAssignments(this.context.sourceCode.ast);
    return this.memberAssignments.get(key) ?? [];
  }
}

/** The values a fixture hands to tests: `use(x)` arguments (object form) or returned values (builder form). */
export function fixtureValues(
  fn: TSESTree.Node | undefined,
  value: TSESTree.Expression | undefined,
  form: 'object' | 'builder',
): TSESTree.Node[] {
  if (value) return [value];
  if (!fn || !isFunctionNode(fn)) return [];
  const found: TSESTree.Node[] = [];
  if (form === 'builder') {
    if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return [fn.body];
    walkOwnBody(fn, (node) => {
      if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument) found.push(node.argument);
    });
    return found;
  }
  const useParam = fn.params[1];
  if (useParam?.type !== AST_NODE_TYPES.Identifier) return [];
  walkOwnBody(fn, (node) => {
    if (
      node.type === AST_NODE_TYPES.CallExpression &&
      node.callee.type === AST_NODE_TYPES.Identifier &&
      node.callee.name === useParam.name &&
      node.arguments[0]
    ) {
      found.push(node.arguments[0]);
    }
  });
  return found;
}

function singleConstInitializer(
  variable: TSESLint.Scope.Variable | undefined,
  unlessReassigned = false,
): TSESTree.Expression | undefined {
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (def?.type !== DefinitionType.Variable || def.node.type !== AST_NODE_TYPES.VariableDeclarator) return undefined;
  if (unlessReassigned && variable!.references.some((reference) => reference.isWrite() && reference.init !== true)) return undefined;
  return def.node.id.type === AST_NODE_TYPES.Identifier ? (def.node.init ?? undefined) : undefined;
}

/** The class a variable names when it is declared in this file: `class X {}` or `const X = class {}`. */
function localClassOf(
  variable: TSESLint.Scope.Variable | undefined,
): TSESTree.ClassDeclaration | TSESTree.ClassExpression | undefined {
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!def) return undefined;
  if (def.type === DefinitionType.ClassName && def.node.type === AST_NODE_TYPES.ClassDeclaration) return def.node;
  if (def.type === DefinitionType.Variable && def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init) {
    const init = unwrapExpression(def.node.init);
    if (init.type === AST_NODE_TYPES.ClassExpression) return init;
  }
  return undefined;
}

/** The values a function returns: an expression body, or the arguments of its own `return` statements. */
export function returnedValues(fn: TSESTree.Node): TSESTree.Node[] {
  if (!isFunctionNode(fn)) return [];
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return [fn.body];
  const values: TSESTree.Node[] = [];
  walkOwnBody(fn, (node) => {
    if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument) values.push(node.argument);
  });
  return values;
}


function destructuredKey(pattern: TSESTree.ObjectPattern, local: TSESTree.Identifier): string | undefined {
  for (const property of pattern.properties) {
    if (property.type === AST_NODE_TYPES.Property && property.value === local) return propertyKeyName(property);
  }
  return undefined;
}

/** `this.db` → `this.db`; `ctx.db` (ctx a parameter) → `param:ctx.db`; anything else is not tracked. */
function memberKey(member: TSESTree.MemberExpression): string | undefined {
  const chain = flattenMemberChain(member);
  if (!chain || chain.members.length !== 1) return undefined;
  if (chain.root.type === AST_NODE_TYPES.ThisExpression) return `this.${chain.members[0]}`;
  if (chain.root.type === AST_NODE_TYPES.Identifier) return `${chain.root.name}.${chain.members[0]}`;
  return undefined;
}

function collectMemberAssignments(program: TSESTree.Program): Map<string, TSESTree.Expression[]> {
  const map = new Map<string, TSESTree.Expression[]>();
  walk(program, (node) => {
    if (
      node.type === AST_NODE_TYPES.AssignmentExpression &&
      node.operator === '=' &&
      node.left.type === AST_NODE_TYPES.MemberExpression
    ) {
      const key = memberKey(node.left);
      if (key !== undefined) {
        const list = map.get(key) ?? [];
        list.push(node.right);
        map.set(key, list);
      }
    }
  });
  return map;
}

const fileResourcesCache = new WeakMap<TSESTree.Program, FileResources>();

/** The file's resource tracer, shared by every rule that lints the file. */
export function getFileResources(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): FileResources {
  const ast = context.sourceCode.ast;
  let resources = fileResourcesCache.get(ast);
  if (!resources) {
    const info = getFileTestInfo(context);
    resources = new FileResources(context, info, info.settings.catalog);
    fileResourcesCache.set(ast, resources);
  }
  return resources;
}

export { getTypeServices };
