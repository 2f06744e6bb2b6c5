import path from 'node:path';

import { TSESLint, type TSESTree } from '@typescript-eslint/utils';

import {
  type FunctionNode,
  declarationOf,
  findVariableOf,
  flattenMemberChain,
  isFunctionNode,
  isWithin,
  memberName,
  propertyKeyName,
  unwrapAwaited,
  unwrapExpression,
} from './ast';
import type { ResourceCatalog, ResourceSpec } from './catalog';
import type { ClassFact, ParameterFact } from './file-facts';
import { ModuleResources } from './file-facts';
import { isDeclarationFile } from './module-resolution';
import type { ModuleScope } from './module-scope';
import { type FileVersion, type ForeignProgram, type Project, getProjectIndex } from './project-index';
import { type FileResources, type ImportedBinding, fixtureValues, getFileResources, importedBindingOfVariable, importedNameOf } from './resources';
import type { FileTestInfo, FixtureDefinition } from './test-framework';
import { walk, walkOwnBody } from './traverse';
import { type CallSignature, type TypeServices, getTypeServices } from './types';
import { AST_NODE_TYPES } from '../util/node-types';

const { DefinitionType } = TSESLint.Scope;

/**
 * A kind of DB session: the catalog resources it names exactly, and the packages of its library.
 * Sessions of one library are interchangeable for "is a session of a matching kind in scope"; only an
 * exact resource match is safe to suggest. No packages at all means any library (a parameter
 * recognised by its name, or a type from the `sessionTypes` option).
 */
export interface SessionKind {
  specs: readonly ResourceSpec[];
  packages: readonly string[];
  /**
   * Named by a type bound to a session (`Repository<User>`) rather than a session type: a parameter
   * of that type is on the session path, but a variable of it is not a session the test opened.
   */
  boundOnly?: boolean;
}

const anySession: SessionKind = { specs: [], packages: [] };

/** A session value: what it is, and whether the test owns it (rather than it being the app's default singleton). */
export interface SessionValue {
  kind: SessionKind;
  /**
   * Created or opened by the test itself (an acquisition, a transaction, a fixture, a query runner,
   * a provider resolved from a testing module); false for an imported module-level singleton and
   * for views of it (`AppDataSource.manager`), which are what code under test falls back to anyway.
   */
  owned: boolean;
  /** An imported module-level singleton of the project (`import { prisma } from '../src/db'`). */
  singleton?: boolean;
}

/** A session binding visible and live at a point of test code: a candidate to hand to the code under test. */
export interface SessionBinding {
  variable: TSESLint.Scope.Variable;
  name: string;
  kind: SessionKind;
}

/** A parameter of a project constructor or function that takes a session. */
export interface SessionParameter {
  index: number;
  name: string | undefined;
  kind: SessionKind;
  /** How it was recognised: its type, a NestJS injection decorator, or its name. */
  via: 'type' | 'decorator' | 'name';
  /** The default the callee falls back to when the argument is left out (`defaultDb`). */
  fallback?: string;
  /** The default is itself a session the test owns (a helper in the test file defaulting to the test's client). */
  fallbackOwned?: boolean;
}

/** A project class or function that a call constructs or calls, resolved to its declaration. */
export interface ProjectCallee {
  kind: 'class' | 'function';
  file: string;
  sessionParameters: SessionParameter[];
}

export interface SessionOptions {
  /** Extra type names that denote a session. */
  sessionTypes: readonly string[];
  /** Parameter names that denote a session when a parameter has no type annotation. */
  sessionNamePattern: string;
}

export const defaultSessionNamePattern =
  '^_?(session|tx|trx|transaction|em|entityManager|manager|queryRunner|db|prisma|knex|connection|client)$';

/** NestJS decorators that inject something on a session's path, by package. */
const injectionDecorators: Record<string, Record<string, { spec?: string; packages?: string[] }>> = {
  '@nestjs/typeorm': {
    InjectRepository: { packages: ['typeorm'] },
    InjectDataSource: { spec: 'typeorm.DataSource' },
    InjectConnection: { spec: 'typeorm.DataSource' },
    InjectEntityManager: { spec: 'typeorm.EntityManager' },
  },
  '@nestjs/mongoose': { InjectModel: { packages: ['mongoose'] }, InjectConnection: { spec: 'mongoose.Connection' } },
  '@nestjs/sequelize': { InjectModel: { packages: ['sequelize'] }, InjectConnection: { spec: 'Sequelize' } },
  '@mikro-orm/nestjs': { InjectRepository: { packages: ['@mikro-orm/core'] }, InjectEntityManager: { spec: 'mikro-orm.EntityManager' } },
};

/** NestJS token factories whose token resolves to a session, by package. */
export const sessionTokenFactories: Record<string, Record<string, string>> = {
  '@nestjs/typeorm': {
    getDataSourceToken: 'typeorm.DataSource',
    getConnectionToken: 'typeorm.DataSource',
    getEntityManagerToken: 'typeorm.EntityManager',
  },
  '@nestjs/mongoose': { getConnectionToken: 'mongoose.Connection' },
  '@nestjs/sequelize': { getConnectionToken: 'Sequelize' },
};

/** Token factories for providers bound to a session (repositories, models), by package. */
export const boundTokenFactories: Record<string, Record<string, string[]>> = {
  '@nestjs/typeorm': { getRepositoryToken: ['typeorm'] },
  '@nestjs/mongoose': { getModelToken: ['mongoose'] },
  '@nestjs/sequelize': { getModelToken: ['sequelize'] },
  '@mikro-orm/nestjs': { getRepositoryToken: ['@mikro-orm/core'] },
};

/** Catalog resources that resolve providers by token: `moduleRef.get(DataSource)`. */
const containerSpecs = new Set(['nest.TestingModule', 'nest.INestApplication']);
const containerMethods = new Set(['get', 'resolve']);

/** The order in which the runner calls a piece of test code: a session assigned at one level is live at later ones. */
const Level = {
  Load: -1,
  BeforeAll: 0,
  BeforeEach: 1,
  Test: 2,
  AfterEach: 3,
  AfterAll: 4,
} as const;
type Level = (typeof Level)[keyof typeof Level];

export function sessionTypeNamesOf(spec: ResourceSpec): readonly string[] {
  if (!spec.session) return [];
  return [...(spec.sessionTypeNames ?? []), ...(spec.typeNames ?? [])];
}

function kindOfSpecs(specs: readonly ResourceSpec[]): SessionKind {
  return { specs, packages: [...new Set(specs.flatMap((spec) => spec.packages))] };
}

/** Whether a session of kind `value` can serve a parameter of kind `wanted`: same library, or either unknown. */
export function kindsOverlap(wanted: SessionKind, value: SessionKind): boolean {
  if (wanted.packages.length === 0 || value.packages.length === 0) return true;
  return wanted.packages.some((pkg) => value.packages.includes(pkg));
}

/** Whether a session of kind `value` is exactly what a parameter of kind `wanted` takes: safe to pass as is. */
export function kindsMatchExactly(wanted: SessionKind, value: SessionKind): boolean {
  if (wanted.specs.length === 0) return wanted.packages.length === 0;
  return value.specs.some((spec) => wanted.specs.includes(spec));
}

/** The session kind a catalog type name from `module` denotes (`EntityManager` from `typeorm`). */
function kindOfPackageType(catalog: ResourceCatalog, module: string, name: string): SessionKind | undefined {
  const last = name.slice(name.lastIndexOf('.') + 1);
  const specs = catalog.specsForModule(module);
  const sessions = specs.filter((spec) => {
    const names = sessionTypeNamesOf(spec);
    return names.includes(name) || names.includes(last);
  });
  if (sessions.length > 0) return kindOfSpecs(sessions);
  const bound = specs.filter((spec) => spec.boundTypeNames?.includes(last));
  if (bound.length > 0) return { specs: [], packages: [...new Set(bound.flatMap((spec) => spec.packages))], boundOnly: true };
  return undefined;
}

const distinctiveNamesCache = new WeakMap<ResourceCatalog, Map<string, ResourceSpec>>();

/**
 * Session type names that identify one resource even outside its package: a generated Prisma client
 * (`import { PrismaClient } from '../generated/prisma'`). Only a name that is the resource's own
 * name, or a qualified name, and that no other resource uses.
 */
function distinctiveSessionNames(catalog: ResourceCatalog): Map<string, ResourceSpec> {
  let names = distinctiveNamesCache.get(catalog);
  if (!names) {
    const count = new Map<string, number>();
    for (const spec of catalog.specs) for (const name of new Set(sessionTypeNamesOf(spec))) count.set(name, (count.get(name) ?? 0) + 1);
    names = new Map();
    for (const spec of catalog.specs) {
      for (const name of sessionTypeNamesOf(spec)) {
        if (count.get(name) === 1 && (name === spec.name || name.includes('.'))) names.set(name, spec);
      }
    }
    distinctiveNamesCache.set(catalog, names);
  }
  return names;
}

/** The type-level view of one parsed file: its imports (type-only ones included) and module-level type declarations. */
interface TypeScope {
  file: string;
  program: TSESTree.Program;
  imports: Map<string, ImportedBinding>;
  /** Non-generic type aliases: `type Session = Pick<Transaction, 'query'>`. */
  aliases: Map<string, TSESTree.TypeNode>;
  /** The `extends` clauses of non-generic interfaces, merged declarations together: `interface AppTx extends Prisma.TransactionClient {}`. */
  interfaces: Map<string, TSESTree.TSInterfaceHeritage[]>;
  /** Every type name the module declares itself, generic or not: such a name shadows a global utility type. */
  declared: Set<string>;
}

/**
 * Global utility types that keep what their first type argument is, as far as "is it a session"
 * goes: `Pick<Transaction, 'query'>` is still the transaction the default falls back to.
 */
const narrowingUtilityTypes = new Set(['Pick', 'Omit', 'Partial', 'Required', 'Readonly', 'NonNullable']);

const typeScopes = new WeakMap<TSESTree.Program, TypeScope>();

function typeScopeOf(program: TSESTree.Program, file: string): TypeScope {
  let scope = typeScopes.get(program);
  if (scope) return scope;
  const imports = new Map<string, ImportedBinding>();
  const aliases = new Map<string, TSESTree.TypeNode>();
  const interfaces = new Map<string, TSESTree.TSInterfaceHeritage[]>();
  const declared = new Set<string>();
  for (const statement of program.body) {
    const declaration = declarationOf(statement);
    if (declaration.type === AST_NODE_TYPES.ImportDeclaration) {
      for (const specifier of declaration.specifiers) {
        imports.set(specifier.local.name, { module: declaration.source.value, exportName: importedNameOf(specifier) });
      }
    } else if (declaration.type === AST_NODE_TYPES.TSImportEqualsDeclaration) {
      const reference = declaration.moduleReference;
      if (reference.type === AST_NODE_TYPES.TSExternalModuleReference && reference.expression.type === AST_NODE_TYPES.Literal) {
        imports.set(declaration.id.name, { module: String(reference.expression.value), exportName: '*' });
      }
    } else if (declaration.type === AST_NODE_TYPES.TSTypeAliasDeclaration) {
      declared.add(declaration.id.name);
      if (!declaration.typeParameters) aliases.set(declaration.id.name, declaration.typeAnnotation);
    } else if (declaration.type === AST_NODE_TYPES.TSInterfaceDeclaration) {
      declared.add(declaration.id.name);
      if (!declaration.typeParameters) interfaces.set(declaration.id.name, [...(interfaces.get(declaration.id.name) ?? []), ...declaration.extends]);
    } else if (
      (declaration.type === AST_NODE_TYPES.ClassDeclaration || declaration.type === AST_NODE_TYPES.TSEnumDeclaration) &&
      declaration.id
    ) {
      declared.add(declaration.id.name);
    }
  }
  scope = { file, program, imports, aliases, interfaces, declared };
  typeScopes.set(program, scope);
  return scope;
}

/** `Prisma.TransactionClient` → `['Prisma', 'TransactionClient']`. */
function entityNameParts(name: TSESTree.EntityName): string[] | undefined {
  if (name.type === AST_NODE_TYPES.Identifier) return [name.name];
  if (name.type === AST_NODE_TYPES.TSQualifiedName) {
    const left = entityNameParts(name.left);
    return left ? [...left, name.right.name] : undefined;
  }
  return undefined;
}

/** `extends Prisma.TransactionClient` of an interface: the heritage's name as parts. */
function heritageNameParts(expression: TSESTree.Expression): string[] | undefined {
  if (expression.type === AST_NODE_TYPES.Identifier) return [expression.name];
  if (expression.type === AST_NODE_TYPES.MemberExpression && !expression.computed && expression.property.type === AST_NODE_TYPES.Identifier) {
    const left = heritageNameParts(expression.object);
    return left ? [...left, expression.property.name] : undefined;
  }
  return undefined;
}

/** The kind of a union or intersection of session kinds: `EntityManager | QueryRunner` takes either. */
function combinedKind(kinds: readonly SessionKind[]): SessionKind | undefined {
  if (kinds.length <= 1) return kinds[0];
  if (kinds.some((kind) => kind.packages.length === 0)) return anySession;
  return { specs: [...new Set(kinds.flatMap((kind) => kind.specs))], packages: [...new Set(kinds.flatMap((kind) => kind.packages))] };
}

const mockSegment = /^(fn|spyOn|mocked|mock|mock[A-Z$_]\w*|createMock\w*|mockDeep|fake\w*|stub\w*|createStubInstance|createSpyObj|instance)$/;
const mockClass = /^(Mock|Fake|Stub|InMemory)/;
const mockTypeName = /mock|fake|stub/i;

/** Mocks and fakes: `vi.fn()`, `createMock<T>()`, `mockDeep<PrismaClient>()`, `{} as PrismaClient`, `new FakeDb()`. */
export function isMockExpression(node: TSESTree.Node): boolean {
  let value = unwrapExpression(node);
  while (value.type === AST_NODE_TYPES.AwaitExpression) value = unwrapExpression(value.argument);
  if (value.type === AST_NODE_TYPES.ObjectExpression) return true;
  if (value.type === AST_NODE_TYPES.NewExpression) {
    const chain = flattenMemberChain(value.callee);
    const last = chain?.members.at(-1) ?? (chain?.root.type === AST_NODE_TYPES.Identifier ? chain.root.name : undefined);
    return last !== undefined && mockClass.test(last);
  }
  if (value.type !== AST_NODE_TYPES.CallExpression) return false;
  const chain = flattenMemberChain(value.callee);
  if (!chain) return false;
  const names = [...(chain.root.type === AST_NODE_TYPES.Identifier ? [chain.root.name] : []), ...chain.members];
  return names.some((name) => mockSegment.test(name));
}

function hasFunctionArgument(call: TSESTree.CallExpression): boolean {
  return call.arguments.some((argument) => isFunctionNode(unwrapExpression(argument)));
}

function isUndefinedArgument(node: TSESTree.Node): boolean {
  const value = unwrapExpression(node);
  if (value.type === AST_NODE_TYPES.Identifier) return value.name === 'undefined';
  return value.type === AST_NODE_TYPES.UnaryExpression && value.operator === 'void' && value.argument.type === AST_NODE_TYPES.Literal;
}

/** The statement-level declaration of a class or function named `name` in a program. */
function topLevelDeclaration(
  program: TSESTree.Program,
  name: string,
): TSESTree.ClassDeclaration | TSESTree.ClassExpression | FunctionNode | undefined {
  for (const statement of program.body) {
    const declaration =
      declarationOf(statement);
    if (
      (declaration.type === AST_NODE_TYPES.ClassDeclaration || declaration.type === AST_NODE_TYPES.FunctionDeclaration) &&
      (declaration.id?.name ?? 'default') === name
    ) {
      return declaration;
    }
    if (declaration.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of declaration.declarations) {
        if (declarator.id.type !== AST_NODE_TYPES.Identifier || declarator.id.name !== name || !declarator.init) continue;
        const init = unwrapExpression(declarator.init);
        if (isFunctionNode(init) || init.type === AST_NODE_TYPES.ClassExpression) return init;
      }
    }
  }
  return undefined;
}

/** A constructor or function: its parameters, and its body when it has one (not an overload signature). */
interface ParameterOwner {
  params: TSESTree.Parameter[];
  body?: TSESTree.Node | null;
}

/** The constructor that runs: the implementation of an overloaded one, or a declared one in a `declare class`. */
function constructorOf(node: TSESTree.ClassDeclaration | TSESTree.ClassExpression): ParameterOwner | undefined {
  let declared: ParameterOwner | undefined;
  for (const member of node.body.body) {
    if (member.type !== AST_NODE_TYPES.MethodDefinition || member.kind !== 'constructor') continue;
    if (member.value.type === AST_NODE_TYPES.FunctionExpression) return member.value;
    declared ??= member.value;
  }
  return declared;
}

/**
 * What a function uses in place of its parameter `name` when the argument is left out, written in
 * its body rather than as a default: `name || x`, `name ?? x`, `name ??= x`, `name ? name : x`,
 * `if (!name) name = x`. A nested function that uses the same name counts too: reading a fallback
 * where there is none would only keep the rule quiet.
 */
function fallbackInBody(body: TSESTree.Node, name: string): TSESTree.Expression | undefined {
  const isName = (node: TSESTree.Node | null | undefined) => {
    const value = node ? unwrapExpression(node) : undefined;
    return value?.type === AST_NODE_TYPES.Identifier && value.name === name;
  };
  let found: TSESTree.Expression | undefined;
  walk(body, (node) => {
    if (found) return;
    if (node.type === AST_NODE_TYPES.LogicalExpression && node.operator !== '&&' && isName(node.left)) found = node.right;
    else if (node.type === AST_NODE_TYPES.AssignmentExpression && (node.operator === '??=' || node.operator === '||=') && isName(node.left)) found = node.right;
    else if (node.type === AST_NODE_TYPES.ConditionalExpression) {
      if (isName(node.test) && isName(node.consequent)) found = node.alternate;
      else if (testsMissing(node.test, name) && isName(node.alternate)) found = node.consequent;
    } else if (node.type === AST_NODE_TYPES.IfStatement && testsMissing(node.test, name)) {
      const only = node.consequent.type === AST_NODE_TYPES.BlockStatement && node.consequent.body.length === 1 ? node.consequent.body[0]! : node.consequent;
      const assignment = only.type === AST_NODE_TYPES.ExpressionStatement ? only.expression : undefined;
      if (assignment?.type === AST_NODE_TYPES.AssignmentExpression && assignment.operator === '=' && isName(assignment.left)) found = assignment.right;
    }
  });
  return found;
}

/** `!name`, `name == null`, `name === undefined`, `typeof name === 'undefined'`: true when the argument was left out. */
function testsMissing(test: TSESTree.Node, name: string): boolean {
  const value = unwrapExpression(test);
  const isName = (node: TSESTree.Node) => node.type === AST_NODE_TYPES.Identifier && node.name === name;
  if (value.type === AST_NODE_TYPES.UnaryExpression && value.operator === '!') return isName(unwrapExpression(value.argument));
  if (value.type !== AST_NODE_TYPES.BinaryExpression || (value.operator !== '==' && value.operator !== '===')) return false;
  const [subject, other] = isName(value.left) || value.left.type === AST_NODE_TYPES.UnaryExpression ? [value.left, value.right] : [value.right, value.left];
  if (subject.type === AST_NODE_TYPES.UnaryExpression && subject.operator === 'typeof') {
    return isName(subject.argument) && other.type === AST_NODE_TYPES.Literal && other.value === 'undefined';
  }
  if (!isName(subject)) return false;
  if (other.type === AST_NODE_TYPES.Identifier) return other.name === 'undefined';
  return other.type === AST_NODE_TYPES.Literal && other.value === null && value.operator === '==';
}

/** One parsed declaration and what is needed to read its parameters. */
interface DeclarationSite {
  kind: 'class' | 'function';
  file: string;
  node: TSESTree.ClassDeclaration | TSESTree.ClassExpression | FunctionNode;
  scope: TypeScope;
  classFact?: ClassFact;
  textOf: (node: TSESTree.Node) => string;
}

/**
 * Session recognition for one linted file: which bindings hold a DB session the test owns and
 * where they are live, which project constructors and factories take a session, and which imported
 * module-level singletons are the app's default connection. Shared by the rules and codemods that
 * need to know where a session should have been handed over.
 */
export class FileSessions {
  readonly info: FileTestInfo;
  readonly catalog: ResourceCatalog;
  /** Member names through which a value can give a resource: `createQueryRunner`, `manager`, `fork`, `get`, … */
  private readonly sessionMembers: ReadonlySet<string>;
  private readonly pattern: RegExp;
  private readonly extraTypes: ReadonlySet<string>;
  private readonly project: Project | undefined;
  private readonly variableCache = new WeakMap<TSESLint.Scope.Variable, SessionValue | null>();
  private readonly calleeCache = new WeakMap<TSESTree.Node, ProjectCallee | null>();
  private readonly declarationCache = new Map<string, ProjectCallee | null>();
  private levels: Map<FunctionNode, Level> | undefined;
  private readonly writeLevels = new WeakMap<TSESLint.Scope.Variable, Level | null>();

  constructor(
    private readonly context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
    readonly resources: FileResources,
    options: SessionOptions,
    private readonly types: TypeServices | undefined,
  ) {
    this.info = resources.info;
    this.catalog = resources.catalog;
    this.sessionMembers = sessionMembersOf(this.catalog);
    this.pattern = compilePattern(options.sessionNamePattern);
    this.extraTypes = new Set(options.sessionTypes);
    this.project = path.isAbsolute(context.filename) ? getProjectIndex().projectFor(context.filename) : undefined;
  }

  private get sourceCode(): Readonly<TSESLint.SourceCode> {
    return this.context.sourceCode;
  }

  // ------------------------------------------------------------------ session values

  /** The session an expression evaluates to, traced through this file's bindings, the catalog and the project index. */
  sessionOf(node: TSESTree.Node): SessionValue | undefined {
    const value = this.valueOf(node, 0);
    return value && value.kind !== undefined && this.isSessionKind(value) ? value : undefined;
  }

  /** Any catalog resource an expression holds (a pool, a testing module), with whether the test owns it. */
  resourceValue(node: TSESTree.Node): SessionValue | undefined {
    return this.valueOf(node, 0);
  }

  /**
   * Whether the expression opens a session of its own right there: `new PrismaClient()`,
   * `knex(config)`, `dataSource.createQueryRunner()`, `await pool.connect()`, `orm.em.fork()`,
   * `await knex.transaction()` (a provider resolved from a testing module is not new).
   */
  createsSession(node: TSESTree.Node): boolean {
    const value = unwrapAwaited(node);
    const acquired = this.resources.matcher.acquisitionOf(value);
    if (acquired) return acquired.spec.session === true;
    if (value.type !== AST_NODE_TYPES.CallExpression) return false;
    const callee = unwrapExpression(value.callee);
    const method = callee.type === AST_NODE_TYPES.MemberExpression ? memberName(callee) : undefined;
    if (callee.type !== AST_NODE_TYPES.MemberExpression || method === undefined) return false;
    const owner = this.valueOf(callee.object, 1);
    const derived = owner?.kind.specs.some((spec) => spec.yields?.[method] !== undefined || spec.sessionResults?.[method] !== undefined);
    return derived === true && this.sessionOf(value) !== undefined;
  }

  private isSessionKind(value: SessionValue): boolean {
    return value.kind.specs.length === 0 || value.kind.specs.some((spec) => spec.session === true);
  }

  /** Any catalog resource value, sessions and the resources they come from (a pool, an ORM, a testing module). */
  private valueOf(node: TSESTree.Node, depth: number): SessionValue | undefined {
    if (depth > 8) return undefined;
    const value = unwrapAwaited(node);
    if (isMockExpression(value)) return undefined;
    const acquired = this.resources.matcher.acquisitionOf(value);
    if (acquired) return { kind: kindOfSpecs([acquired.spec]), owned: true };
    switch (value.type) {
      case AST_NODE_TYPES.Identifier: {
        const variable = findVariableOf(this.sourceCode, value);
        return variable ? this.variableValue(variable) : undefined;
      }
      case AST_NODE_TYPES.MemberExpression: {
        // a view of its owner: `dataSource.manager`, `orm.em`, `queryRunner.manager`
        const name = memberName(value);
        const owner = name === undefined || !this.sessionMembers.has(name) ? undefined : this.valueOf(value.object, depth + 1);
        const yielded = name === undefined ? undefined : this.yieldOf(owner, name);
        return yielded && owner ? { kind: kindOfSpecs([yielded]), owned: owner.owned } : undefined;
      }
      case AST_NODE_TYPES.CallExpression:
        return this.callValue(value, depth);
      default:
        return undefined;
    }
  }

  private yieldOf(owner: SessionValue | undefined, member: string): ResourceSpec | undefined {
    for (const spec of owner?.kind.specs ?? []) {
      const yielded = spec.yields?.[member];
      const found = yielded === undefined ? undefined : this.catalog.get(yielded);
      if (found) return found;
    }
    return undefined;
  }

  private callValue(call: TSESTree.CallExpression, depth: number): SessionValue | undefined {
    const callee = unwrapExpression(call.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const method = memberName(callee);
    // only members that can give a resource are worth tracing the receiver for (it may mean reading another module)
    if (method === undefined || !this.sessionMembers.has(method)) return undefined;
    const owner = this.valueOf(callee.object, depth + 1);
    if (!owner) return undefined;
    for (const spec of owner.kind.specs) {
      // `prisma.$transaction(async (tx) => …)` gives what the callback returns, not a session.
      if (spec.sessionCallbacks?.[method] !== undefined && hasFunctionArgument(call)) return undefined;
      const result = spec.sessionResults?.[method];
      const resultSpec = result === undefined ? undefined : this.catalog.get(result);
      if (resultSpec) return { kind: kindOfSpecs([resultSpec]), owned: true };
      if (containerSpecs.has(spec.name) && containerMethods.has(method) && call.arguments[0]) {
        const kind = this.tokenKind(call.arguments[0]);
        return kind ? { kind, owned: true } : undefined;
      }
    }
    // `dataSource.createQueryRunner()`, `orm.em.fork()`, `pool.connect()`, `mongoose.startSession()`: a session of its own
    const yielded = this.yieldOf(owner, method);
    if (yielded) return { kind: kindOfSpecs([yielded]), owned: true };
    // `await new DataSource(options).initialize()`, `await createConnection(uri).asPromise()`
    return owner.kind.specs.some((spec) => spec.returnsSelf?.includes(method)) ? owner : undefined;
  }

  /** What a NestJS token resolves to when it is a session: `DataSource`, `getDataSourceToken()`, a `PrismaService`. */
  tokenKind(token: TSESTree.Node): SessionKind | undefined {
    const value = unwrapExpression(token);
    if (value.type === AST_NODE_TYPES.CallExpression) {
      const binding = this.importOf(value.callee);
      const spec = binding ? sessionTokenFactories[binding.module]?.[binding.exportName] : undefined;
      const found = spec === undefined ? undefined : this.catalog.get(spec);
      return found ? kindOfSpecs([found]) : undefined;
    }
    const binding = this.importOf(value);
    return binding ? this.kindOfImportedClass(this.context.filename, binding, 0) : undefined;
  }

  /** A class imported as a value: a catalog session class (`DataSource`), or a project class extending one (`PrismaService`). */
  private kindOfImportedClass(fromFile: string, binding: ImportedBinding, depth: number): SessionKind | undefined {
    if (depth > 4) return undefined;
    if (this.catalog.isResourceModule(binding.module)) {
      const kind = kindOfPackageType(this.catalog, binding.module, binding.exportName);
      return kind && kind.specs.length > 0 ? kind : undefined;
    }
    const declaration = this.projectDeclaration(fromFile, binding);
    const superImport = declaration?.classFact?.superClassImport;
    return superImport ? this.kindOfImportedClass(declaration.file, superImport, depth + 1) : undefined;
  }

  /** The import behind `X` or `ns.X`. */
  importOf(node: TSESTree.Node): ImportedBinding | undefined {
    return this.resources.matcher.exportOf(node);
  }

  /** The session a variable of this file holds, and whether the test owns it. */
  variableValue(variable: TSESLint.Scope.Variable): SessionValue | undefined {
    const cached = this.variableCache.get(variable);
    if (cached !== undefined) return cached ?? undefined;
    this.variableCache.set(variable, null); // guards cycles
    const value = this.computeVariableValue(variable);
    this.variableCache.set(variable, value ?? null);
    return value;
  }

  private computeVariableValue(variable: TSESLint.Scope.Variable): SessionValue | undefined {
    if (variable.defs.length !== 1) return undefined;
    const def = variable.defs[0]!;
    // `import { db } from …` and `const { db } = require(…)`
    const binding = importedBindingOfVariable(variable);
    if (binding) return this.importedValue(binding);
    if (def.type === DefinitionType.ImportBinding) return undefined;
    if (def.type === DefinitionType.Parameter) {
      return def.name.type === AST_NODE_TYPES.Identifier && isFunctionNode(def.node) ? this.parameterValue(def.name, def.node) : undefined;
    }
    if (def.type !== DefinitionType.Variable || def.node.type !== AST_NODE_TYPES.VariableDeclarator) return undefined;
    const declarator = def.node;
    if (declarator.id.type === AST_NODE_TYPES.ObjectPattern) {
      // `const { manager } = dataSource`, `const { em } = orm`
      const key = destructuredKey(declarator.id, def.name);
      const owner = key === undefined || !declarator.init ? undefined : this.valueOf(declarator.init, 0);
      const yielded = key === undefined ? undefined : this.yieldOf(owner, key);
      return yielded && owner ? { kind: kindOfSpecs([yielded]), owned: owner.owned } : undefined;
    }
    if (declarator.id.type !== AST_NODE_TYPES.Identifier) return undefined;
    const values = [...(declarator.init ? [declarator.init] : []), ...assignedValues(variable)];
    const real = values.filter((value) => !isMockExpression(value) && !isUndefinedArgument(value));
    if (real.length === 0) return undefined;
    for (const value of real) {
      const traced = this.valueOf(value, 0);
      if (traced) return traced;
    }
    const annotation = declarator.id.typeAnnotation?.typeAnnotation;
    const annotated = annotation ? this.kindOfType(annotation, this.ownTypeScope(), 0) : undefined;
    if (annotated && !annotated.boundOnly) return { kind: annotated, owned: true };
    return this.typedValue(def.name);
  }

  private importedValue(binding: ImportedBinding): SessionValue | undefined {
    const moduleResource = this.catalog.findAcquisition(binding.module, binding.exportName, { new: false, module: true });
    if (moduleResource) return { kind: kindOfSpecs([moduleResource.spec]), owned: false };
    // `import { connection } from 'mongoose'`: a member of the package's module-level resource
    const namespace = this.catalog.findAcquisition(binding.module, '*', { new: false, module: true });
    const member = namespace?.spec.yields?.[binding.exportName];
    const memberSpec = member === undefined ? undefined : this.catalog.get(member);
    if (memberSpec) return { kind: kindOfSpecs([memberSpec]), owned: false };
    const spec = this.importedSingleton(binding);
    return spec ? { kind: kindOfSpecs([spec]), owned: false, singleton: true } : undefined;
  }

  /** Whether a variable can hold a module-level singleton of the project: only an import from a project module can. */
  mayHoldProjectSingleton(variable: TSESLint.Scope.Variable): boolean {
    const binding = importedBindingOfVariable(variable);
    return binding !== undefined && this.project?.resolver.isProjectSpecifier(binding.module) === true;
  }

  /** The catalog resource a project module creates at module level and exports under `binding`. */
  importedSingleton(binding: ImportedBinding): ResourceSpec | undefined {
    if (!this.project?.resolver.isProjectSpecifier(binding.module)) return undefined;
    return this.project.exportedResource(this.context.filename, binding, this.catalog);
  }

  private parameterValue(identifier: TSESTree.Identifier, fn: FunctionNode): SessionValue | undefined {
    const fixture = this.destructuredFixture(identifier, fn);
    if (fixture) return this.fixtureValue(fixture);
    const transaction = this.transactionParameter(identifier, fn, (node) => this.valueOf(node, 1));
    if (transaction) return { kind: transaction, owned: true };
    const annotation = identifier.typeAnnotation?.typeAnnotation;
    const annotated = annotation ? this.kindOfType(annotation, this.ownTypeScope(), 0) : undefined;
    if (annotated && !annotated.boundOnly) return { kind: annotated, owned: true };
    return this.typedValue(identifier);
  }

  /** With types: a binding whose declared type is a catalog session type. */
  private typedValue(identifier: TSESTree.Identifier): SessionValue | undefined {
    if (!this.types) return undefined;
    const kind = this.kindOfTypeNames(this.types.typeNamesOf(identifier));
    return kind && !kind.boundOnly ? { kind, owned: true } : undefined;
  }

  private kindOfTypeNames(names: readonly { name: string; module: string | undefined }[]): SessionKind | undefined {
    if (names.some(({ name }) => mockTypeName.test(name))) return undefined;
    for (const { name, module } of names) {
      if (this.extraTypes.has(name)) return anySession;
      if (module !== undefined) {
        const kind = kindOfPackageType(this.catalog, module, name);
        if (kind) return kind;
      } else {
        const spec = distinctiveSessionNames(this.catalog).get(name);
        if (spec) return kindOfSpecs([spec]);
      }
    }
    return undefined;
  }

  /** `({ db }, use) => …` or `({ db }) => …` in a test: the fixture `db` is destructured from the context. */
  private destructuredFixture(identifier: TSESTree.Identifier, fn: FunctionNode): FixtureDefinition | undefined {
    let node: TSESTree.Node = identifier;
    if (node.parent?.type === AST_NODE_TYPES.AssignmentPattern) node = node.parent;
    const property = node.parent;
    if (property?.type !== AST_NODE_TYPES.Property || property.parent.type !== AST_NODE_TYPES.ObjectPattern) return undefined;
    if (fn.params[0] !== property.parent) return undefined;
    const name = propertyKeyName(property);
    return name === undefined ? undefined : this.info.fixturesAvailableTo(fn)?.get(name);
  }

  private fixtureValue(fixture: FixtureDefinition): SessionValue | undefined {
    if (fixture.file !== undefined) return this.foreignFixtureValue(fixture, fixture.file);
    const declared = this.declaredFixtureKind(fixture, this.ownTypeScope());
    for (const value of fixtureValues(fixture.fn, fixture.value, fixture.form)) {
      const traced = this.valueOf(value, 1);
      if (traced && this.isSessionKind(traced)) return traced;
    }
    return declared ? { kind: declared, owned: true } : undefined;
  }

  /** `test.extend<{ tx: Prisma.TransactionClient }>(…)`: the fixture's declared type. */
  private declaredFixtureKind(fixture: FixtureDefinition, scope: TypeScope): SessionKind | undefined {
    const call =
      fixture.node.type === AST_NODE_TYPES.CallExpression
        ? fixture.node
        : fixture.node.parent?.type === AST_NODE_TYPES.ObjectExpression && fixture.node.parent.parent?.type === AST_NODE_TYPES.CallExpression
          ? fixture.node.parent.parent
          : undefined;
    for (const parameter of call?.typeArguments?.params ?? []) {
      if (parameter.type !== AST_NODE_TYPES.TSTypeLiteral) continue;
      for (const member of parameter.members) {
        if (member.type !== AST_NODE_TYPES.TSPropertySignature || member.computed) continue;
        const key = member.key.type === AST_NODE_TYPES.Identifier ? member.key.name : member.key.type === AST_NODE_TYPES.Literal ? String(member.key.value) : undefined;
        const annotation = member.typeAnnotation?.typeAnnotation;
        if (key === fixture.name && annotation) return this.kindOfType(annotation, scope, 0);
      }
    }
    return undefined;
  }

  /** A fixture defined in another module: its values are read with that module's bindings. */
  private foreignFixtureValue(fixture: FixtureDefinition, file: string): SessionValue | undefined {
    const foreign = this.project?.program(file);
    const resources = this.moduleResources(file);
    if (!foreign || !resources) return undefined;
    for (const value of fixtureValues(fixture.fn, fixture.value, fixture.form)) {
      const traced = this.foreignValue(value, foreign, resources);
      if (traced) return traced;
    }
    const declared = this.declaredFixtureKind(fixture, typeScopeOf(foreign.program, file));
    return declared ? { kind: declared, owned: true } : undefined;
  }

  private foreignValue(node: TSESTree.Node, foreign: ForeignProgram, resources: ModuleResources): SessionValue | undefined {
    const value = unwrapAwaited(node);
    if (isMockExpression(value)) return undefined;
    if (value.type === AST_NODE_TYPES.Identifier) {
      const target = foreign.scope.resolve(value);
      // the app's own singleton handed on as the fixture: nothing the test owns
      if (target?.kind === 'import') {
        const spec = resources.resourceOf(value);
        return { kind: spec ? kindOfSpecs([spec]) : anySession, owned: false };
      }
      if (target?.kind === 'opaque') {
        const fn = declaringFunction(value);
        const first = fn?.params[0];
        const param = first?.type === AST_NODE_TYPES.AssignmentPattern ? first.left : first;
        if (!fn || param?.type !== AST_NODE_TYPES.Identifier || param.name !== value.name) return undefined;
        const kind = this.transactionParameter(param, fn, (receiver) => specValue(resources.resourceOf(receiver)));
        return kind ? { kind, owned: true } : undefined;
      }
    }
    const spec = resources.resourceOf(value);
    if (!spec?.session) return undefined;
    return { kind: kindOfSpecs([spec]), owned: !isViewOfImport(value, foreign.scope) };
  }

  /**
   * The session a transaction callback receives as its first parameter: `prisma.$transaction(async (tx) => …)`,
   * `knex.transaction((trx) => …)`, `dataSource.transaction(async (em) => …)`, `db.transaction().execute(async (trx) => …)`.
   */
  private transactionParameter(
    identifier: TSESTree.Identifier,
    fn: FunctionNode,
    valueOfReceiver: (node: TSESTree.Node) => SessionValue | undefined,
  ): SessionKind | undefined {
    const first = fn.params[0];
    const param = first?.type === AST_NODE_TYPES.AssignmentPattern ? first.left : first;
    if (param !== identifier) return undefined;
    const { parent } = valueParentOf(fn);
    if (parent?.type !== AST_NODE_TYPES.CallExpression) return undefined;
    const callee = unwrapExpression(parent.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const method = memberName(callee);
    if (method === undefined) return undefined;
    const direct = this.sessionCallbackKind(valueOfReceiver(callee.object), method);
    if (direct) return direct;
    // a chain: `db.transaction().setIsolationLevel('serializable').execute(async (trx) => …)`
    let receiver = unwrapExpression(callee.object);
    for (let steps = 0; steps < 6 && receiver.type === AST_NODE_TYPES.CallExpression; steps++) {
      const inner = unwrapExpression(receiver.callee);
      if (inner.type !== AST_NODE_TYPES.MemberExpression) return undefined;
      const start = memberName(inner);
      if (start === undefined) return undefined;
      const found = this.sessionCallbackKind(valueOfReceiver(inner.object), `${start}.${method}`);
      if (found) return found;
      receiver = unwrapExpression(inner.object);
    }
    return undefined;
  }

  private sessionCallbackKind(owner: SessionValue | undefined, key: string): SessionKind | undefined {
    for (const spec of owner?.kind.specs ?? []) {
      const name = spec.sessionCallbacks?.[key];
      const found = name === undefined ? undefined : this.catalog.get(name);
      if (found) return kindOfSpecs([found]);
    }
    return undefined;
  }

  // ------------------------------------------------------------------ types as written

  private ownTypeScope(): TypeScope {
    return typeScopeOf(this.sourceCode.ast, this.context.filename);
  }

  /** The session kind a type annotation names, read as syntax against the file's imports and aliases. */
  kindOfType(node: TSESTree.TypeNode, scope: TypeScope, depth: number): SessionKind | undefined {
    if (depth > 6) return undefined;
    switch (node.type) {
      case AST_NODE_TYPES.TSUnionType:
      case AST_NODE_TYPES.TSIntersectionType:
        // `EntityManager | QueryRunner` takes either; `PoolClient | Pool` takes the client; `| undefined` adds nothing
        return combinedKind(node.types.map((part) => this.kindOfType(part, scope, depth + 1)).filter((kind) => kind !== undefined));
      case AST_NODE_TYPES.TSImportType: {
        const argument = node.argument;
        const module =
          argument.type === AST_NODE_TYPES.TSLiteralType && argument.literal.type === AST_NODE_TYPES.Literal ? String(argument.literal.value) : undefined;
        const parts = node.qualifier ? entityNameParts(node.qualifier) : undefined;
        return module !== undefined && parts ? kindOfPackageType(this.catalog, module, parts.join('.')) : undefined;
      }
      case AST_NODE_TYPES.TSTypeReference: {
        const parts = entityNameParts(node.typeName);
        return parts ? this.kindOfTypeName(parts, node.typeArguments, scope, depth) : undefined;
      }
      default:
        return undefined;
    }
  }

  /** The session kind a type name (with its type arguments) denotes in a module: an import, a local declaration, a utility type around one. */
  private kindOfTypeName(
    parts: readonly string[],
    typeArguments: TSESTree.TSTypeParameterInstantiation | undefined,
    scope: TypeScope,
    depth: number,
  ): SessionKind | undefined {
    const full = parts.join('.');
    if (this.extraTypes.has(full) || this.extraTypes.has(parts.at(-1)!)) return anySession;
    const [root, ...rest] = parts as [string, ...string[]];
    const binding = scope.imports.get(root);
    if (binding) return mockTypeName.test(root) ? undefined : this.kindOfImportedType(scope.file, binding, rest, depth);
    if (rest.length > 0) return undefined;
    if (scope.declared.has(root)) return this.kindOfLocalType(scope, root, depth);
    // `Pick<Transaction, 'query' | 'exec'>`, `Readonly<EntityManager>`: the session itself, narrowed
    const inner = narrowingUtilityTypes.has(root) ? typeArguments?.params[0] : undefined;
    return inner ? this.kindOfType(inner, scope, depth + 1) : undefined;
  }

  /** A type the module declares itself: an alias of a session type, an interface or a class extending one. */
  private kindOfLocalType(scope: TypeScope, name: string, depth: number): SessionKind | undefined {
    if (depth > 6) return undefined;
    const alias = scope.aliases.get(name);
    if (alias) return this.kindOfType(alias, scope, depth + 1);
    const heritage = scope.interfaces.get(name);
    if (heritage) {
      const kinds = heritage.map((clause) => {
        const parts = heritageNameParts(clause.expression);
        return parts ? this.kindOfTypeName(parts, clause.typeArguments, scope, depth + 1) : undefined;
      });
      return combinedKind(kinds.filter((kind) => kind !== undefined));
    }
    // `class PrismaService extends PrismaClient {}` in the same module
    const local = topLevelDeclaration(scope.program, name);
    const superClass = local?.type === AST_NODE_TYPES.ClassDeclaration ? local.superClass : undefined;
    const superBinding = superClass?.type === AST_NODE_TYPES.Identifier ? scope.imports.get(superClass.name) : undefined;
    return superBinding ? this.kindOfImportedClass(scope.file, superBinding, depth + 1) : undefined;
  }

  private kindOfImportedType(file: string, binding: ImportedBinding, rest: readonly string[], depth: number): SessionKind | undefined {
    const imported = binding.exportName === '*' || binding.exportName === 'default' ? [...rest] : [binding.exportName, ...rest];
    const name = imported.join('.');
    if (name === '') return undefined;
    if (this.catalog.isResourceModule(binding.module)) return kindOfPackageType(this.catalog, binding.module, name);
    if (!this.project?.resolver.isProjectSpecifier(binding.module)) return undefined;
    const distinctive = distinctiveSessionNames(this.catalog).get(name);
    if (distinctive) return kindOfSpecs([distinctive]);
    if (rest.length > 0) return undefined;
    // `type DB = Kysely<Database>` or `class PrismaService extends PrismaClient` in a project module
    const origin = this.project.resolveOrigin(file, binding, this.catalog);
    if (!origin || origin.name === '*' || isInNodeModules(origin.file)) return undefined;
    // only an alias or a class or interface that extends a session type can name one: skip parsing the rest
    if (!this.rememberedAnswer(`declared\0${origin.file}\0${origin.name}`, () => this.declaredTypeMayNameSession(origin.file, origin.name, 0))) {
      return undefined;
    }
    const foreign = this.project.program(origin.file);
    if (!foreign) return undefined;
    const foreignScope = typeScopeOf(foreign.program, origin.file);
    if (foreignScope.aliases.has(origin.name) || foreignScope.interfaces.has(origin.name)) return this.kindOfLocalType(foreignScope, origin.name, depth + 1);
    return this.kindOfImportedClass(file, binding, 0);
  }

  // ------------------------------------------------------------------ callees

  /** The project class (`new C(…)`) or function (`createC(…)`) a call reaches, with its session parameters. */
  calleeOf(node: TSESTree.NewExpression | TSESTree.CallExpression): ProjectCallee | undefined {
    const cached = this.calleeCache.get(node);
    if (cached !== undefined) return cached ?? undefined;
    let callee: ProjectCallee | undefined;
    if (this.mayBeProjectCallee(node.callee)) {
      callee = this.syntacticCallee(node);
      if (this.types) callee = this.withSignature(node, callee);
    }
    this.calleeCache.set(node, callee ?? null);
    return callee;
  }

  /**
   * Whether a call may leave out a parameter of its callee: a position the callee declares has no
   * argument, or `undefined`. For an imported class or function, answered from the project index's
   * facts, so a call that fills every position does not parse the callee's module; true when the
   * facts cannot tell, and always with types (the checker may pick another overload).
   */
  mayLeaveOutParameter(node: TSESTree.NewExpression | TSESTree.CallExpression): boolean {
    const callee = unwrapExpression(node.callee);
    const binding = callee.type === AST_NODE_TYPES.Identifier ? importedBindingOfVariable(findVariableOf(this.sourceCode, callee)) : undefined;
    const count = binding && !this.types ? this.importedParameterCount(binding, node.type === AST_NODE_TYPES.NewExpression ? 'class' : 'function') : undefined;
    if (count === undefined) return true;
    for (let index = 0; index < count; index++) {
      const argument = node.arguments[index];
      if (!argument || isUndefinedArgument(argument)) return true;
    }
    return false;
  }

  private readonly importedParameterCounts = new Map<string, number | null>();

  /** How many parameters (a rest one aside) an imported project class's constructor or function declares, as the index's facts list them. */
  private importedParameterCount(binding: ImportedBinding, wanted: 'class' | 'function'): number | undefined {
    const key = `${binding.module}\0${binding.exportName}\0${wanted}`;
    let count = this.importedParameterCounts.get(key);
    if (count === undefined) {
      count = this.factsParameterCount(binding, wanted) ?? null;
      this.importedParameterCounts.set(key, count);
    }
    return count ?? undefined;
  }

  private factsParameterCount(binding: ImportedBinding, wanted: 'class' | 'function'): number | undefined {
    if (!this.project?.resolver.isProjectSpecifier(binding.module)) return undefined;
    const found = this.project.exportedDeclaration(this.context.filename, binding, this.catalog);
    if (!found) return undefined;
    let parameters: readonly ParameterFact[] | undefined;
    if (wanted === 'class') {
      // a call may match a shorter overload signature
      if (!found.class || found.class.overloadedConstructor) return undefined;
      parameters = found.class.constructorParameters ?? (found.class.superClass === undefined ? [] : undefined);
    } else {
      parameters = found.function?.parameters;
    }
    if (!parameters) return undefined;
    // a rest parameter never takes a session
    return parameters.at(-1)?.rest ? parameters.length - 1 : parameters.length;
  }

  /** The module-level class (its constructor, inherited ones included) or function `name` of this file, with its session parameters. */
  declaredCallee(name: string): ProjectCallee | undefined {
    const site = this.siteIn(this.context.filename, name, undefined);
    return site && this.calleeOfSite(site);
  }

  /**
   * A cheap filter before any resolution: the callee is a binding of this file (a class, a function,
   * an alias), an import from a project module, or a member of a project namespace import. Globals
   * (`new Date()`), package imports (`expect()`, `vi.fn()`) and methods of objects are not.
   */
  mayBeProjectCallee(node: TSESTree.Node): boolean {
    const callee = unwrapExpression(node);
    const names = this.bindingNames();
    let identifier: TSESTree.Identifier | undefined;
    if (callee.type === AST_NODE_TYPES.Identifier) identifier = callee;
    else if (callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed) {
      const object = unwrapExpression(callee.object);
      if (object.type !== AST_NODE_TYPES.Identifier || !names.namespaces.has(object.name)) return false;
      return this.isProjectNamespace(findVariableOf(this.sourceCode, object));
    }
    if (!identifier || !names.callees.has(identifier.name)) return false;
    return this.mayNameProjectCallee(findVariableOf(this.sourceCode, identifier));
  }

  private bindingNamesCache: { callees: Set<string>; namespaces: Set<string>; modules: Set<string> } | undefined;

  /**
   * The names of the file's variables that may be a project callee or a project namespace, and the
   * modules its variables import: a name outside them (`expect`, `it`, `Date`) is answered without
   * looking up its scope.
   */
  private bindingNames(): { callees: Set<string>; namespaces: Set<string>; modules: Set<string> } {
    if (!this.bindingNamesCache) {
      const callees = new Set<string>();
      const namespaces = new Set<string>();
      const modules = new Set<string>();
      for (const scope of this.sourceCode.scopeManager?.scopes ?? []) {
        for (const variable of scope.variables) {
          const binding = importedBindingOfVariable(variable);
          if (binding) modules.add(binding.module);
          if (this.mayNameProjectCallee(variable, binding)) callees.add(variable.name);
          if (binding?.exportName === '*' && this.isProjectModule(binding)) namespaces.add(variable.name);
        }
      }
      this.bindingNamesCache = { callees, namespaces, modules };
    }
    return this.bindingNamesCache;
  }

  /** Whether a variable of the file imports `module` (an import, or a `require`). */
  importsModule(module: string): boolean {
    return this.bindingNames().modules.has(module);
  }

  private mayNameProjectCallee(variable: TSESLint.Scope.Variable | undefined, binding = importedBindingOfVariable(variable)): boolean {
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (!def) return false;
    if (binding) return this.isProjectModule(binding);
    return def.type === DefinitionType.ClassName || def.type === DefinitionType.FunctionName || def.type === DefinitionType.Variable;
  }

  private isProjectNamespace(variable: TSESLint.Scope.Variable | undefined): boolean {
    const binding = importedBindingOfVariable(variable);
    return binding?.exportName === '*' && this.isProjectModule(binding);
  }

  private isProjectModule(binding: ImportedBinding): boolean {
    return this.project?.resolver.isProjectSpecifier(binding.module) === true;
  }

  private syntacticCallee(node: TSESTree.NewExpression | TSESTree.CallExpression): ProjectCallee | undefined {
    const wanted = node.type === AST_NODE_TYPES.NewExpression ? 'class' : 'function';
    const callee = unwrapExpression(node.callee);
    let site: DeclarationSite | undefined;
    if (callee.type === AST_NODE_TYPES.Identifier) {
      const variable = findVariableOf(this.sourceCode, callee);
      const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      if (!def) return undefined;
      const binding = importedBindingOfVariable(variable);
      if (binding) {
        const withoutSession = this.calleeWithoutSessionFromFacts(binding, wanted);
        if (withoutSession) return withoutSession;
      }
      site = binding ? this.projectDeclaration(this.context.filename, binding) : this.localDeclaration(def);
    } else if (callee.type === AST_NODE_TYPES.MemberExpression) {
      // `import * as stores from './stores'; new stores.UserStore()`
      const binding = this.importOf(callee);
      const object = unwrapExpression(callee.object);
      const base = object.type === AST_NODE_TYPES.Identifier ? this.importOf(object) : undefined;
      if (binding && base?.exportName === '*') site = this.projectDeclaration(this.context.filename, binding);
    }
    if (site?.kind !== wanted) return undefined;
    return this.calleeOfSite(site);
  }

  private localDeclaration(def: TSESLint.Scope.Definition): DeclarationSite | undefined {
    const scope = this.ownTypeScope();
    const textOf = (node: TSESTree.Node) => this.sourceCode.getText(node);
    if (def.type === DefinitionType.ClassName && (def.node.type === AST_NODE_TYPES.ClassDeclaration || def.node.type === AST_NODE_TYPES.ClassExpression)) {
      return { kind: 'class', file: this.context.filename, node: def.node, scope, textOf };
    }
    if (def.type === DefinitionType.FunctionName && isFunctionNode(def.node)) {
      return { kind: 'function', file: this.context.filename, node: def.node, scope, textOf };
    }
    if (def.type === DefinitionType.Variable && def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.parent.kind === 'const' && def.node.init) {
      const init = unwrapExpression(def.node.init);
      if (isFunctionNode(init)) return { kind: 'function', file: this.context.filename, node: init, scope, textOf };
      if (init.type === AST_NODE_TYPES.ClassExpression) return { kind: 'class', file: this.context.filename, node: init, scope, textOf };
    }
    return undefined;
  }

  /** Resolves an import to the project class or function that declares it, through re-exports, via the project index. */
  private projectDeclaration(fromFile: string, binding: ImportedBinding): DeclarationSite | undefined {
    if (!this.project?.resolver.isProjectSpecifier(binding.module)) return undefined;
    const found = this.project.exportedDeclaration(fromFile, binding, this.catalog);
    const fact = found?.class ?? found?.function;
    if (!found || !fact || isInNodeModules(found.file)) return undefined;
    return this.siteIn(found.file, fact.name, found.class);
  }

  /**
   * A callee whose parameters, as the index's facts list them, cannot take a session (no type
   * annotation, decorator, or session-like name): answered without parsing its module, once per
   * imported name and kind in a file (a test calls the same factory many times).
   */
  private calleeWithoutSessionFromFacts(binding: ImportedBinding, wanted: 'class' | 'function'): ProjectCallee | undefined {
    const key = `${binding.module}\0${binding.exportName}\0${wanted}`;
    let callee = this.withoutSessionCache.get(key);
    if (callee === undefined) {
      callee = this.computeCalleeWithoutSession(binding, wanted) ?? null;
      this.withoutSessionCache.set(key, callee);
    }
    return callee ?? undefined;
  }

  private readonly withoutSessionCache = new Map<string, ProjectCallee | null>();

  private computeCalleeWithoutSession(binding: ImportedBinding, wanted: 'class' | 'function'): ProjectCallee | undefined {
    if (!this.project?.resolver.isProjectSpecifier(binding.module)) return undefined;
    const found = this.project.exportedDeclaration(this.context.filename, binding, this.catalog);
    if (!found || isInNodeModules(found.file)) return undefined;
    // a class with neither a constructor nor a superclass takes nothing
    const bare = found.class && found.class.constructorParameters === undefined && found.class.superClass === undefined;
    const parameters = bare ? [] : wanted === 'class' ? found.class?.constructorParameters : found.function?.parameters;
    if (!parameters) return undefined;
    const maySession = parameters.some(
      (parameter) =>
        parameter.decorators.length > 0 ||
        (parameter.type !== undefined &&
          this.rememberedAnswer(`type\0${found.file}\0${parameter.type}`, () => this.typeTextMayNameSession(found.file, parameter.type!))) ||
        (parameter.name !== undefined && this.pattern.test(parameter.name)),
    );
    return maySession ? undefined : { kind: wanted, file: found.file, sessionParameters: [] };
  }

  /**
   * Whether a parameter's type, as written in `file`, may name a session: one of its names is a
   * session type of the catalog or the settings, is imported from a catalog package, or is declared
   * (here or in the project module it is imported from) as an alias of such a type or a class or
   * interface that extends one. Read from the text, so a `new C()` of a class that takes only
   * services and options does not parse C's module. When unsure, yes.
   */
  private typeTextMayNameSession(file: string, typeText: string, depth = 0): boolean {
    const project = this.project;
    if (!project || depth > 4) return true;
    const distinctive = distinctiveSessionNames(this.catalog);
    for (const name of new Set(typeText.match(/[A-Za-z_$][\w$]*/g) ?? [])) {
      if (builtinTypeNames.has(name)) continue;
      if (distinctive.has(name) || this.extraTypes.has(name) || this.textMatch(file, textPatterns.renamedTo(name)) !== undefined) return true;
      const module = this.textMatch(file, textPatterns.importOf(name));
      if (module === undefined) {
        if (this.declaredTypeMayNameSession(file, name, depth)) return true;
        continue;
      }
      if (this.catalog.isResourceModule(module)) return true;
      if (!project.resolver.isProjectSpecifier(module)) continue;
      const origin = this.resolveOrigin(file, { module, exportName: name });
      if (!origin || origin.name === '*' || this.declaredTypeMayNameSession(origin.file, origin.name, depth)) return true;
    }
    return false;
  }

  /** Whether `file` declares `name` as an alias, class or interface whose text may name a session. */
  private declaredTypeMayNameSession(file: string, name: string, depth: number): boolean {
    if (this.textMatch(file, textPatterns.renamedTo(name)) !== undefined) return true;
    const alias = this.textMatch(file, textPatterns.aliasOf(name));
    // an object type literal describes a shape, never a session
    if (alias !== undefined && !alias.trimStart().startsWith('{') && this.typeTextMayNameSession(file, alias, depth + 1)) return true;
    const heritage = this.textMatch(file, textPatterns.heritageOf(name));
    return heritage !== undefined && this.typeTextMayNameSession(file, heritage, depth + 1);
  }

  /** What the text reads of the current remembered answer have consulted, when one is being worked out. */
  private reads: TextReads | undefined;

  private textMatch(file: string, pattern: RegExp): string | undefined {
    if (this.reads && !this.reads.files.has(file)) this.reads.files.set(file, this.project!.versionOf(file));
    return this.project!.textMatch(file, pattern);
  }

  private resolveOrigin(file: string, binding: ImportedBinding): { file: string; name: string } | undefined {
    const origin = this.project!.resolveOrigin(file, binding, this.catalog);
    this.reads?.origins.push({ file, binding, origin: originKey(origin) });
    return origin;
  }

  /**
   * A yes or no read from the text of project files, kept for the project across lints with the
   * files it read and the imports it followed, and given again while all of them are unchanged:
   * test files that build the same classes do not read their types' text again each time.
   */
  private rememberedAnswer(question: string, compute: () => boolean): boolean {
    const answers = rememberedAnswers(this.project!, this.catalog);
    const key = `${[...this.extraTypes].join(',')}\0${question}`;
    const known = answers.get(key);
    if (known && this.stillHolds(known)) return known.answer;
    const outer = this.reads;
    const reads: TextReads = { files: new Map(), origins: [] };
    this.reads = reads;
    let answer: boolean;
    try {
      answer = compute();
    } finally {
      this.reads = outer;
    }
    // an answer worked out inside another one: the outer one read all it read
    for (const [file, version] of reads.files) if (outer && !outer.files.has(file)) outer.files.set(file, version);
    outer?.origins.push(...reads.origins);
    if (answers.size >= 20_000) answers.clear();
    answers.set(key, { answer, ...reads });
    return answer;
  }

  private stillHolds(known: RememberedAnswer): boolean {
    for (const [file, version] of known.files) {
      const current = this.project!.versionOf(file);
      if (current?.mtimeMs !== version?.mtimeMs || current?.size !== version?.size) return false;
    }
    return known.origins.every(({ file, binding, origin }) => originKey(this.project!.resolveOrigin(file, binding, this.catalog)) === origin);
  }

  /** The parsed declaration of the module-level class or function `name` in `file`. */
  private siteIn(file: string, name: string, classFact: ClassFact | undefined): DeclarationSite | undefined {
    const own = file === this.context.filename;
    const foreign = own ? undefined : this.project?.program(file);
    const program = own ? this.sourceCode.ast : foreign?.program;
    const text = own ? this.sourceCode.text : foreign?.scope.text;
    if (!program || text === undefined) return undefined;
    const node = topLevelDeclaration(program, name);
    if (!node) return undefined;
    const isClass = node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression;
    return {
      kind: isClass ? 'class' : 'function',
      file,
      node,
      scope: typeScopeOf(program, file),
      classFact,
      textOf: (child) => text.slice(child.range[0], child.range[1]),
    };
  }

  private calleeOfSite(site: DeclarationSite, depth = 0): ProjectCallee | undefined {
    const key = `${site.file}\0${site.node.range[0]}`;
    const cached = this.declarationCache.get(key);
    if (cached !== undefined) return cached ?? undefined;
    this.declarationCache.set(key, null);
    let result: ProjectCallee | undefined;
    if (site.kind === 'function') {
      result = { kind: 'function', file: site.file, sessionParameters: this.sessionParameters(site.node as FunctionNode, site) };
    } else {
      const node = site.node as TSESTree.ClassDeclaration | TSESTree.ClassExpression;
      const constructor = constructorOf(node);
      if (constructor) {
        result = { kind: 'class', file: site.file, sessionParameters: this.sessionParameters(constructor, site) };
      } else if (!node.superClass) {
        result = { kind: 'class', file: site.file, sessionParameters: [] };
      } else if (depth < 4) {
        // the constructor is inherited: read the superclass's, when it is a project class
        const superSite = this.superclassSite(site, node.superClass);
        const inherited = superSite?.kind === 'class' ? this.calleeOfSite(superSite, depth + 1) : undefined;
        result = inherited ? { ...inherited, kind: 'class' } : undefined;
      }
    }
    this.declarationCache.set(key, result ?? null);
    return result;
  }

  private superclassSite(site: DeclarationSite, superClass: TSESTree.Expression): DeclarationSite | undefined {
    const expression = unwrapExpression(superClass);
    if (expression.type !== AST_NODE_TYPES.Identifier) return undefined;
    const binding = site.scope.imports.get(expression.name);
    if (binding) return this.projectDeclaration(site.file, binding);
    return this.siteIn(site.file, expression.name, undefined);
  }

  private sessionParameters(owner: ParameterOwner, site: DeclarationSite): SessionParameter[] {
    const found: SessionParameter[] = [];
    owner.params.forEach((param, index) => {
      const parameter = this.sessionParameter(param, index, site, owner.body ?? undefined);
      if (parameter) found.push(parameter);
    });
    return found;
  }

  private sessionParameter(param: TSESTree.Parameter, index: number, site: DeclarationSite, body: TSESTree.Node | undefined): SessionParameter | undefined {
    let node: TSESTree.Node = param;
    let decorators: readonly TSESTree.Decorator[] = param.decorators ?? [];
    if (node.type === AST_NODE_TYPES.TSParameterProperty) {
      decorators = node.decorators;
      node = node.parameter;
    }
    if (node.type === AST_NODE_TYPES.RestElement) return undefined;
    let defaultValue: TSESTree.Expression | undefined;
    if (node.type === AST_NODE_TYPES.AssignmentPattern) {
      defaultValue = node.right;
      node = node.left;
    }
    const name = node.type === AST_NODE_TYPES.Identifier ? node.name : undefined;
    // `db || defaultDb` in the body is a default written another way
    if (!defaultValue && name !== undefined && body) defaultValue = fallbackInBody(body, name);
    const fallback = defaultValue ? site.textOf(defaultValue) : undefined;
    const fallbackOwned = defaultValue !== undefined && site.file === this.context.filename && this.sessionOf(defaultValue)?.owned === true;
    const base = { index, name, ...(fallback === undefined ? {} : { fallback }), ...(fallbackOwned ? { fallbackOwned } : {}) };
    for (const decorator of decorators) {
      const kind = this.kindOfDecorator(decorator, site.scope);
      if (kind) return { ...base, kind, via: 'decorator' };
    }
    const annotation = 'typeAnnotation' in node ? node.typeAnnotation?.typeAnnotation : undefined;
    if (annotation && annotation.type !== AST_NODE_TYPES.TSAnyKeyword && annotation.type !== AST_NODE_TYPES.TSUnknownKeyword) {
      const kind = this.kindOfType(annotation, site.scope, 0);
      return kind ? { ...base, kind, via: 'type' } : undefined;
    }
    if (name === undefined || !this.pattern.test(name)) return undefined;
    if (!defaultValue) return { ...base, kind: anySession, via: 'name' };
    // a name alone is weak evidence: with a default, the default must be a catalog resource (`db = defaultDb`, not `client = supertest(app)`)
    const kind = this.resourceKindInSite(site, defaultValue, 0);
    return kind ? { ...base, kind, via: 'name' } : undefined;
  }

  /**
   * The catalog resource a default holds: traced through the module's bindings, a module-level
   * variable declared with a session type, or a project function that returns one (`getDefaultDatabase()`).
   */
  private resourceKindInSite(site: DeclarationSite, node: TSESTree.Node, depth: number): SessionKind | undefined {
    const spec = this.resourceInSite(site, node);
    if (spec) return kindOfSpecs([spec]);
    const value = unwrapExpression(node);
    if (value.type === AST_NODE_TYPES.Identifier) {
      const annotation = this.moduleVariableAnnotation(site, value);
      return annotation ? this.kindOfType(annotation, site.scope, depth + 1) : undefined;
    }
    return this.returnedKind(site, value, depth);
  }

  /** `let defaultDatabase: PGlite | undefined` at module level: the type it is declared with. */
  private moduleVariableAnnotation(site: DeclarationSite, identifier: TSESTree.Identifier): TSESTree.TypeNode | undefined {
    let declarator: TSESTree.VariableDeclarator | undefined;
    if (site.file === this.context.filename) {
      const variable = findVariableOf(this.sourceCode, identifier);
      const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      if (variable?.scope.type === TSESLint.Scope.ScopeType.module && def?.node.type === AST_NODE_TYPES.VariableDeclarator) declarator = def.node;
    } else {
      const target = this.project?.program(site.file)?.scope.resolve(identifier);
      if (target?.kind === 'variable' && target.module) declarator = target.declarator;
    }
    return declarator?.id.type === AST_NODE_TYPES.Identifier ? declarator.id.typeAnnotation?.typeAnnotation : undefined;
  }

  /** What a call to a project function gives: its declared return type, or else a resource it returns. */
  private returnedKind(site: DeclarationSite, call: TSESTree.Node, depth: number): SessionKind | undefined {
    if (depth > 2 || call.type !== AST_NODE_TYPES.CallExpression) return undefined;
    const callee = unwrapExpression(call.callee);
    if (callee.type !== AST_NODE_TYPES.Identifier) return undefined;
    const binding = site.scope.imports.get(callee.name);
    const target = binding ? this.projectDeclaration(site.file, binding) : this.siteIn(site.file, callee.name, undefined);
    if (target?.kind !== 'function') return undefined;
    const fn = target.node as FunctionNode;
    const declared = fn.returnType?.typeAnnotation;
    // the declared type decides: `getDb(): Promise<Pool>` gives a promise, not a connection
    if (declared) return this.kindOfType(declared, target.scope, depth + 1);
    if (fn.async) return undefined;
    const returned: TSESTree.Node[] = [];
    if (fn.body?.type === AST_NODE_TYPES.BlockStatement) {
      walkOwnBody(fn, (node) => {
        if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument) returned.push(node.argument);
      });
    } else if (fn.body) {
      returned.push(fn.body);
    }
    for (const value of returned) {
      const kind = this.resourceKindInSite(target, value, depth + 1);
      if (kind) return kind;
    }
    return undefined;
  }

  /** The catalog resource an expression of a declaration's module holds, through that module's bindings and imports. */
  private resourceInSite(site: DeclarationSite, node: TSESTree.Node): ResourceSpec | undefined {
    if (site.file === this.context.filename) return this.resourceValue(node)?.kind.specs[0];
    const resources = this.moduleResources(site.file);
    return resources?.resourceOf(node);
  }

  private readonly moduleResourcesCache = new Map<string, ModuleResources | null>();

  /** The project index's resource tracer for another module of the project. */
  private moduleResources(file: string): ModuleResources | undefined {
    let resources = this.moduleResourcesCache.get(file);
    if (resources === undefined) {
      const foreign = this.project?.program(file);
      resources = foreign
        ? new ModuleResources(foreign.scope, {
            file,
            catalog: this.catalog,
            importedResource: (binding) => this.project?.exportedResource(file, binding, this.catalog),
            importIdentity: (binding) => `${binding.module}#${binding.exportName}`,
          })
        : null;
      this.moduleResourcesCache.set(file, resources);
    }
    return resources ?? undefined;
  }

  private kindOfDecorator(decorator: TSESTree.Decorator, scope: TypeScope): SessionKind | undefined {
    const expression = unwrapExpression(decorator.expression);
    const callee = unwrapExpression(expression.type === AST_NODE_TYPES.CallExpression ? expression.callee : expression);
    if (callee.type !== AST_NODE_TYPES.Identifier) return undefined;
    const binding = scope.imports.get(callee.name);
    const entry = binding ? injectionDecorators[binding.module]?.[binding.exportName] : undefined;
    if (!entry) return undefined;
    const spec = entry.spec === undefined ? undefined : this.catalog.get(entry.spec);
    if (spec) return kindOfSpecs([spec]);
    return { specs: [], packages: entry.packages ?? [] };
  }

  /** With types: the resolved signature's parameter types, on top of (or instead of) what syntax found. */
  private withSignature(node: TSESTree.NewExpression | TSESTree.CallExpression, syntactic: ProjectCallee | undefined): ProjectCallee | undefined {
    let signature: CallSignature | undefined;
    try {
      signature = this.types!.callSignature(node);
    } catch {
      signature = undefined;
    }
    if (!signature || isInNodeModules(signature.file) || isDeclarationFile(signature.file)) return syntactic;
    const byIndex = new Map((syntactic?.sessionParameters ?? []).map((parameter) => [parameter.index, parameter]));
    signature.parameters.forEach((parameter, index) => {
      if (parameter.rest) return;
      const kind = parameter.untyped ? undefined : this.kindOfTypeNames(parameter.typeNames);
      const known = byIndex.get(index);
      if (kind && (!known || known.via === 'name')) {
        byIndex.set(index, { index, name: parameter.name, kind, via: 'type', ...(known?.fallback === undefined ? {} : { fallback: known.fallback }) });
      } else if (!known && parameter.untyped && this.pattern.test(parameter.name)) {
        byIndex.set(index, { index, name: parameter.name, kind: anySession, via: 'name' });
      }
    });
    const kind = syntactic?.kind ?? (node.type === AST_NODE_TYPES.NewExpression ? 'class' : 'function');
    return { kind, file: signature.file, sessionParameters: [...byIndex.values()].sort((a, b) => a.index - b.index) };
  }

  // ------------------------------------------------------------------ where sessions are live

  /**
   * The sessions the test owns that are visible and live at `node`: bindings of the enclosing
   * functions (fixtures, transaction callbacks, locals), and outer bindings the runner has filled
   * in by the time `node` runs (assigned in an earlier hook, or created when the module loads).
   * In source files (with `checkSources`), module-level bindings are the app's defaults, not candidates.
   */
  liveSessions(node: TSESTree.Node): readonly SessionBinding[] {
    // every node of one scope has the same enclosing functions, so the same live sessions
    const scope = this.sourceCode.getScope(node);
    let live = this.liveByScope.get(scope);
    if (!live) {
      live = this.computeLiveSessions(node, scope);
      this.liveByScope.set(scope, live);
    }
    return live;
  }

  private readonly liveByScope = new WeakMap<TSESLint.Scope.Scope, readonly SessionBinding[]>();
  private readonly visibleByScope = new WeakMap<TSESLint.Scope.Scope, readonly SessionBinding[]>();
  private globalDeclarations: TSESLint.Scope.Variable[] | undefined;

  private declaredGlobals(scope: TSESLint.Scope.Scope): TSESLint.Scope.Variable[] {
    this.globalDeclarations ??= scope.variables.filter((variable) => variable.defs.length > 0);
    return this.globalDeclarations;
  }

  private computeLiveSessions(node: TSESTree.Node, start: TSESLint.Scope.Scope): readonly SessionBinding[] {
    const visible = this.ownedSessionsVisibleFrom(start);
    // The runner's order is worked out only when there is a session to place in it, and only as far
    // as needed: a session created when the module loads is live everywhere.
    if (visible.length === 0) return visible;
    let runnerFn: FunctionNode | undefined | null = null;
    const runnerOfUse = () => (runnerFn === null ? (runnerFn = this.runnerFunctionAt(node)) : runnerFn);
    return visible.filter((binding) => this.isLive(binding.variable, node, runnerOfUse));
  }

  /**
   * The sessions the test owns that `scope` and the scopes around it declare, an inner name hiding
   * an outer one; worked out once per scope from the enclosing scope's. In source files (with
   * `checkSources`), module-level bindings are the app's defaults, not candidates.
   */
  private ownedSessionsVisibleFrom(scope: TSESLint.Scope.Scope): readonly SessionBinding[] {
    let visible = this.visibleByScope.get(scope);
    if (visible) return visible;
    const moduleLevel = scope.type === TSESLint.Scope.ScopeType.module || scope.type === TSESLint.Scope.ScopeType.global;
    if (moduleLevel && !this.info.isTestFile) {
      visible = noBindings;
    } else {
      const outer = scope.upper ? this.ownedSessionsVisibleFrom(scope.upper) : noBindings;
      // the global scope holds every built-in global; only the file's own declarations (scripts) matter
      const variables = scope.type === TSESLint.Scope.ScopeType.global ? this.declaredGlobals(scope) : scope.variables;
      const own: SessionBinding[] = [];
      for (const variable of variables) {
        if (variable.defs.length === 0) continue;
        // imports are the app's own singletons: what the code under test falls back to anyway
        if (variable.defs[0]!.type === DefinitionType.ImportBinding || importedBindingOfVariable(variable)) continue;
        const value = this.variableValue(variable);
        if (value?.owned && this.isSessionKind(value)) own.push({ variable, name: variable.name, kind: value.kind });
      }
      const declaredHere = (binding: SessionBinding) => (scope.set.get(binding.name)?.defs.length ?? 0) > 0;
      visible = own.length === 0 && !outer.some(declaredHere) ? outer : [...own, ...outer.filter((binding) => !declaredHere(binding))];
    }
    this.visibleByScope.set(scope, visible);
    return visible;
  }

  private isLive(variable: TSESLint.Scope.Variable, use: TSESTree.Node, runnerOfUse: () => FunctionNode | undefined): boolean {
    const block = variable.scope.variableScope.block;
    // declared in the running callback itself or a function inside it (a transaction callback, a fixture's parameter)
    if (isFunctionNode(block)) {
      const runnerFn = runnerOfUse();
      if (runnerFn ? isWithin(block, runnerFn) : isWithin(use, block)) return true;
    }
    if (variable.defs[0]?.type === DefinitionType.Parameter) return isFunctionNode(block) && isWithin(use, block);
    const writeLevel = this.writeLevelOf(variable);
    if (writeLevel === undefined) return false;
    if (writeLevel === Level.Load) return true;
    const runnerFn = runnerOfUse();
    const useLevel = runnerFn ? this.runnerLevels().get(runnerFn)! : Level.Load;
    if (useLevel >= writeLevel && useLevel !== Level.Load) return true;
    // the same callback assigns it and uses it
    return runnerFn !== undefined && variable.references.some((reference) => reference.isWrite() && isWithin(reference.identifier, runnerFn));
  }

  /** The earliest point at which the runner has given the variable a session: at load, or in a hook. */
  private writeLevelOf(variable: TSESLint.Scope.Variable): Level | undefined {
    const cached = this.writeLevels.get(variable);
    if (cached !== undefined) return cached ?? undefined;
    let level: Level | undefined;
    const def = variable.defs[0];
    if (def?.type === DefinitionType.Variable && def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init && !isMockExpression(def.node.init)) {
      const fn = this.runnerFunctionAt(def.node);
      level = fn ? this.levelAt(def.node) : Level.Load;
    }
    for (const reference of variable.references) {
      if (!reference.isWrite() || reference.init) continue;
      if (!this.runnerFunctionAt(reference.identifier)) continue;
      const at = this.levelAt(reference.identifier);
      if (level === undefined || at < level) level = at;
    }
    this.writeLevels.set(variable, level ?? null);
    return level;
  }

  /** The innermost function the runner calls (test body, hook, fixture, cleanup) around `node`. */
  runnerFunctionAt(node: TSESTree.Node): FunctionNode | undefined {
    // module-level code needs no list of the runner's callbacks
    for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
      if (isFunctionNode(current) && this.runnerLevels().has(current)) return current;
    }
    return undefined;
  }

  private levelAt(node: TSESTree.Node): Level {
    const fn = this.runnerFunctionAt(node);
    return fn ? this.runnerLevels().get(fn)! : Level.Load;
  }

  private runnerLevels(): Map<FunctionNode, Level> {
    if (this.levels) return this.levels;
    const levels = new Map<FunctionNode, Level>();
    this.levels = levels;
    if (!this.info.isTestFile) return levels;
    for (const callback of this.info.exportedRunnerCallbacks()) levels.set(callback.fn, levelOfHook(callback.hook, callback.kind));
    walk(this.sourceCode.ast, (node) => {
      if (node.type !== AST_NODE_TYPES.CallExpression) return;
      const call = this.info.parseCall(node);
      if (!call) return;
      if (call.kind === 'test' && call.callback) levels.set(call.callback, Level.Test);
      for (const callback of this.info.runnerCallbacksOf(node)) {
        const level =
          callback.kind === 'fixture'
            ? callback.fixture?.scope === 'test'
              ? Level.BeforeEach
              : Level.BeforeAll
            : levelOfHook(callback.hook, callback.kind);
        levels.set(callback.fn, level);
      }
    });
    return levels;
  }

  /** `({ task, expect }) => …` aside: the whole test context (`ctx`, `context`) handed to a helper. */
  isTestContext(node: TSESTree.Node): boolean {
    const value = unwrapExpression(node);
    if (value.type !== AST_NODE_TYPES.Identifier) return false;
    const variable = findVariableOf(this.sourceCode, value);
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (def?.type !== DefinitionType.Parameter || !isFunctionNode(def.node) || def.node.params[0] !== def.name) return false;
    return this.runnerLevels().has(def.node) || this.info.fixturesAvailableTo(def.node) !== undefined;
  }
}

const sessionMembersCache = new WeakMap<ResourceCatalog, ReadonlySet<string>>();

function sessionMembersOf(catalog: ResourceCatalog): ReadonlySet<string> {
  let members = sessionMembersCache.get(catalog);
  if (!members) {
    const names = new Set<string>(containerMethods);
    for (const spec of catalog.specs) {
      for (const map of [spec.yields, spec.sessionCallbacks, spec.sessionResults]) {
        for (const key of Object.keys(map ?? {})) for (const part of key.split('.')) names.add(part);
      }
      for (const method of spec.returnsSelf ?? []) names.add(method);
    }
    members = names;
    sessionMembersCache.set(catalog, members);
  }
  return members;
}

function levelOfHook(hook: string | undefined, kind: string): Level {
  if (kind === 'cleanup') return hook === 'beforeAll' ? Level.AfterAll : Level.AfterEach;
  if (kind === 'testEvent' || kind === 'onCleanup') return Level.AfterEach;
  if (kind === 'globalSetup' || kind === 'globalFixture') return Level.BeforeAll;
  switch (hook) {
    case 'beforeAll':
    case 'aroundAll':
      return Level.BeforeAll;
    case 'beforeEach':
    case 'aroundEach':
      return Level.BeforeEach;
    case 'afterEach':
      return Level.AfterEach;
    case 'afterAll':
      return Level.AfterAll;
    default:
      return Level.Test;
  }
}

/** A JSON schema cannot check a regular expression: a bad one is a configuration error that says so. */
function compilePattern(source: string): RegExp {
  try {
    return new RegExp(source, 'u');
  } catch (error) {
    throw new Error(
      `eslint-plugin-test-isolation: the sessionNamePattern option "${source}" is not a valid regular expression (${(error as Error).message}).`,
      { cause: error },
    );
  }
}

function isInNodeModules(file: string): boolean {
  return file.split(path.sep).join('/').includes('/node_modules/');
}

function specValue(spec: ResourceSpec | undefined): SessionValue | undefined {
  return spec ? { kind: kindOfSpecs([spec]), owned: true } : undefined;
}

/** `x` or `x.a.b` where `x` is an import: the app's singleton, or a view of it. */
function isViewOfImport(node: TSESTree.Node, scope: ModuleScope): boolean {
  let value = unwrapAwaited(node);
  while (value.type === AST_NODE_TYPES.MemberExpression) value = unwrapExpression(value.object);
  return value.type === AST_NODE_TYPES.Identifier && scope.resolve(value)?.kind === 'import';
}

/** The function whose parameter list binds `identifier`'s name, looking outwards from it. */
function declaringFunction(identifier: TSESTree.Identifier): FunctionNode | undefined {
  for (let node: TSESTree.Node | undefined = identifier.parent; node; node = node.parent) {
    if (isFunctionNode(node) && node.params.some((param) => paramBinds(param, identifier.name))) return node;
  }
  return undefined;
}

function paramBinds(param: TSESTree.Parameter, name: string): boolean {
  const value = param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
  return value.type === AST_NODE_TYPES.Identifier && value.name === name;
}

function valueParentOf(node: TSESTree.Node): { parent: TSESTree.Node | undefined } {
  let parent = node.parent;
  while (
    parent &&
    (parent.type === AST_NODE_TYPES.TSAsExpression ||
      parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      parent.type === AST_NODE_TYPES.TSSatisfiesExpression)
  ) {
    parent = parent.parent;
  }
  return { parent };
}

function destructuredKey(pattern: TSESTree.ObjectPattern, local: TSESTree.Identifier): string | undefined {
  for (const property of pattern.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
    if (value === local) return propertyKeyName(property);
  }
  return undefined;
}

/** Values assigned to a variable after its declaration: `db = new Pool()` in a hook. */
function assignedValues(variable: TSESLint.Scope.Variable): TSESTree.Expression[] {
  const values: TSESTree.Expression[] = [];
  for (const reference of variable.references) {
    if (!reference.isWrite() || reference.init) continue;
    const parent = reference.identifier.parent;
    if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left === reference.identifier && (parent.operator === '=' || parent.operator === '??=' || parent.operator === '||=')) {
      values.push(parent.right);
    }
  }
  return values;
}

const noBindings: readonly SessionBinding[] = Object.freeze([]);

/** The files whose text an answer read (at the version read), and the imports it followed to their origin. */
interface TextReads {
  files: Map<string, FileVersion | undefined>;
  origins: { file: string; binding: ImportedBinding; origin: string | undefined }[];
}

interface RememberedAnswer extends TextReads {
  answer: boolean;
}

function originKey(origin: { file: string; name: string } | undefined): string | undefined {
  return origin && `${origin.file}#${origin.name}`;
}

const rememberedByProject = new WeakMap<Project, WeakMap<ResourceCatalog, Map<string, RememberedAnswer>>>();

function rememberedAnswers(project: Project, catalog: ResourceCatalog): Map<string, RememberedAnswer> {
  let byCatalog = rememberedByProject.get(project);
  if (!byCatalog) {
    byCatalog = new WeakMap();
    rememberedByProject.set(project, byCatalog);
  }
  let answers = byCatalog.get(catalog);
  if (!answers) {
    answers = new Map();
    byCatalog.set(catalog, answers);
  }
  return answers;
}

const cache = new WeakMap<TSESTree.Program, Map<string, FileSessions>>();

/** The file's session recognition for one set of options, shared by every rule that asks with the same options. */
export function getFileSessions(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
  options: SessionOptions & { typeAware?: boolean },
): FileSessions {
  const ast = context.sourceCode.ast;
  let byOptions = cache.get(ast);
  if (!byOptions) {
    byOptions = new Map();
    cache.set(ast, byOptions);
  }
  const key = JSON.stringify([options.sessionTypes, options.sessionNamePattern, options.typeAware === true]);
  let sessions = byOptions.get(key);
  if (!sessions) {
    const types = options.typeAware ? getTypeServices(context) : undefined;
    sessions = new FileSessions(context, getFileResources(context), options, types);
    byOptions.set(key, sessions);
  }
  return sessions;
}

export { isUndefinedArgument };

/** Type names that are TypeScript's own: never a session, nothing to look up. */
const builtinTypeNames = new Set([
  'string', 'number', 'boolean', 'bigint', 'symbol', 'object', 'any', 'unknown', 'never', 'void', 'undefined', 'null', 'true', 'false',
  'typeof', 'keyof', 'readonly', 'unique', 'infer', 'extends', 'implements', 'is', 'asserts',
  'Promise', 'PromiseLike', 'Record', 'Partial', 'Required', 'Readonly', 'Pick', 'Omit', 'NonNullable', 'Awaited', 'ReturnType',
  'Parameters', 'InstanceType', 'Array', 'ReadonlyArray', 'Map', 'Set', 'ReadonlyMap', 'ReadonlySet', 'Date', 'Function', 'RegExp', 'Error',
]);

/** Text patterns about one type name, compiled once per name. */
const textPatterns = (() => {
  const cache = new Map<string, RegExp>();
  const compiled = (kind: string, name: string, source: (escaped: string) => string): RegExp => {
    const key = `${kind}:${name}`;
    let pattern = cache.get(key);
    if (!pattern) {
      if (cache.size > 20_000) cache.clear();
      pattern = new RegExp(source(name.replace(/[$]/g, '\\$&')));
      cache.set(key, pattern);
    }
    return pattern;
  };
  return {
    /** `import { name } from 'm'`, `import name from 'm'`, `import type …`: captures the module. */
    importOf: (name: string) =>
      compiled(
        'import',
        name,
        (n) => `\\bimport\\s+(?:type\\s+)?(?:[\\w$]+\\s*,\\s*)?(?:\\{[^}]*\\b${n}\\b[^}]*\\}|${n}\\b)\\s*(?:,\\s*\\{[^}]*\\}\\s*)?from\\s*['"]([^'"]+)['"]`,
      ),
    /** `import { x as name }`, `export * as name`: a rename the text cannot follow (a type assertion `v as name` is none). */
    renamedTo: (name: string) =>
      compiled('rename', name, (n) => `\\b(?:import|export)\\s+(?:type\\s+)?(?:[\\w$]+\\s*,\\s*)?(?:\\{[^}]*\\bas\\s+${n}\\b|\\*\\s*as\\s+${n}\\b)`),
    /** `type name<…> = body`: captures the body up to a `;` (or 400 characters). */
    aliasOf: (name: string) => compiled('alias', name, (n) => `\\btype\\s+${n}\\b[^=;{]*=([^;]{0,400})`),
    /** `class name … extends X`, `interface name extends X, Y`: captures the heritage clause. */
    heritageOf: (name: string) => compiled('heritage', name, (n) => `\\b(?:class|interface)\\s+${n}\\b[^{]*?\\bextends\\b([^{]*)`),
  };
})();
