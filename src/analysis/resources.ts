import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';

import {
  findVariableOf,
  flattenMemberChain,
  isFunctionNode,
  memberName,
  propertyKeyName,
  requiredModuleName,
  unwrapExpression,
} from './ast';
import { type MethodEffect, type ResourceCatalog, type ResourceSpec, methodEffect } from './catalog';
import { getProjectIndex } from './project-index';
import { type FileTestInfo, getFileTestInfo } from './test-framework';
import { walk, walkOwnBody } from './traverse';
import { type TypeServices, getTypeServices } from './types';

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
  switch (spec.type) {
    case AST_NODE_TYPES.ImportDefaultSpecifier:
      return { module, exportName: 'default' };
    case AST_NODE_TYPES.ImportNamespaceSpecifier:
      return { module, exportName: '*' };
    case AST_NODE_TYPES.ImportSpecifier:
      if (spec.importKind === 'type') return undefined;
      return {
        module,
        exportName: spec.imported.type === AST_NODE_TYPES.Identifier ? spec.imported.name : spec.imported.value,
      };
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
    const node = unwrapAwait(expression);
    if (node.type === AST_NODE_TYPES.NewExpression) {
      const target = this.exportOf(node.callee);
      if (!target) return undefined;
      const match = this.catalog.findAcquisition(target.module, target.exportName, { new: true });
      return match && !match.acquire.then ? { spec: match.spec, origin: node, via: 'acquire' } : undefined;
    }
    if (node.type !== AST_NODE_TYPES.CallExpression) return undefined;
    const callee = unwrapExpression(node.callee);
    const direct = this.exportOf(callee);
    if (direct) {
      const match = this.catalog.findAcquisition(direct.module, direct.exportName, { new: false });
      if (match && !match.acquire.then) return { spec: match.spec, origin: node, via: 'acquire' };
    }
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const method = memberName(callee);
    if (method === undefined) return undefined;
    // `MikroORM.init(...)`, `chromium.launch()`
    const owner = this.exportOf(callee.object);
    if (owner) {
      const match = this.catalog.findAcquisition(owner.module, owner.exportName, { new: false, call: method });
      if (match && !match.acquire.then) return { spec: match.spec, origin: node, via: 'acquire' };
    }
    // `new GenericContainer(img).withExposedPorts(5432).start()`, `Test.createTestingModule(m).compile()`
    const builder = this.builderBase(callee.object, 0);
    if (builder?.acquire.then === method) return { spec: builder.spec, origin: node, via: 'acquire' };
    return undefined;
  }

  /** The import behind `X` or `ns.X` / `defaultExport.X`. */
  exportOf(node: TSESTree.Node): ImportedBinding | undefined {
    const value = unwrapExpression(node);
    if (value.type === AST_NODE_TYPES.Identifier) return this.importOf(value);
    if (value.type === AST_NODE_TYPES.MemberExpression) {
      const object = unwrapExpression(value.object);
      const name = memberName(value);
      if (object.type !== AST_NODE_TYPES.Identifier || name === undefined) return undefined;
      const base = this.importOf(object);
      if (base && (base.exportName === '*' || base.exportName === 'default')) return { module: base.module, exportName: name };
    }
    return undefined;
  }

  private builderBase(node: TSESTree.Node, depth: number): ReturnType<ResourceCatalog['findAcquisition']> {
    if (depth > 12) return undefined;
    const value = unwrapAwait(node);
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

function unwrapAwait(node: TSESTree.Node): TSESTree.Node {
  let value = unwrapExpression(node);
  while (value.type === AST_NODE_TYPES.AwaitExpression) value = unwrapExpression(value.argument);
  return value;
}

/** Traces values in one linted file to catalog resources. One per file, shared by every rule. */
export class FileResources {
  readonly matcher: AcquisitionMatcher;
  private readonly refCache = new WeakMap<TSESTree.Node, ResourceRef | null>();
  private readonly variableCache = new WeakMap<TSESLint.Scope.Variable, ResourceRef | null>();
  private memberAssignments: Map<string, TSESTree.Expression[]> | undefined;

  constructor(
    private readonly context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
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
    const node = unwrapAwait(expression);
    let cached = this.refCache.get(node);
    if (cached === undefined) {
      this.refCache.set(node, null); // guards cycles through assignments
      cached = this.computeResource(node) ?? null;
      this.refCache.set(node, cached);
    }
    if (cached) return cached;
    return types ? types.resourceOfType(node, this.catalog) : undefined;
  }

  /** Classifies `receiver.method(...)` (or an imported module function) as a call on a resource. */
  resourceCall(call: TSESTree.CallExpression, types?: TypeServices): ResourceCall | undefined {
    const callee = unwrapExpression(call.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      const method = memberName(callee);
      if (method === undefined) return undefined;
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
    const acquired = this.matcher.acquisitionOf(node);
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

function singleConstInitializer(variable: TSESLint.Scope.Variable | undefined): TSESTree.Expression | undefined {
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (def?.type !== DefinitionType.Variable || def.node.type !== AST_NODE_TYPES.VariableDeclarator) return undefined;
  return def.node.id.type === AST_NODE_TYPES.Identifier ? (def.node.init ?? undefined) : undefined;
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
