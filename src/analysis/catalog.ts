import picomatch from 'picomatch';

import { matchesGlob } from '../util/glob';
import { escapeRegExp } from '../util/regexp';

import { builtinResources } from './catalog-data';

/** How an instance of a resource is created from one of its package's exports. */
export interface AcquireSpec {
  /**
   * The export: a name, `default`, or `*` for the namespace itself. A trailing or leading `*`
   * matches a family of exports (`*Container`).
   */
  export: string;
  /** `new Export(...)` rather than `Export(...)`. */
  new?: boolean;
  /** A static method called on the export: `MikroORM.init(...)`. */
  call?: string;
  /** A method that finishes a builder chain and yields the resource: `new GenericContainer(...).start()`. */
  then?: string;
  /**
   * The `then` method returns the builder itself (`server.listen()` returns `server`), so a variable
   * that holds the builder holds the resource too.
   */
  returnsBuilder?: boolean;
  /**
   * Called without arguments it creates an instance that is not open yet and holds nothing until
   * one of the resource's `open` methods is called (`mongoose.createConnection()` without a URI).
   */
  lazyWithoutArguments?: boolean;
  /** The imported module object is the resource itself (mongoose's default connection). */
  module?: boolean;
  /** Narrows this acquisition to some of the resource's packages. */
  packages?: string[];
  /**
   * The call wraps a client it is given — as its first argument or as this option of its first
   * argument (`drizzle(pool)`, `drizzle({ client })`) — and opens its own only when given a
   * connection string or connection options.
   */
  wraps?: string;
  /**
   * The option of the first argument without which the call opens nothing: `knex({ client: 'pg' })`
   * without `connection` only builds queries. An object written in place without it (and without a
   * spread) is not an acquisition; settings passed as a variable still are.
   */
  opensWith?: string;
}

/** A kind of async resource, as the catalog and `settings['test-isolation'].resources` describe it. */
export interface ResourceSpec {
  /** Unique name, shown in messages: `PrismaClient`, `pg.Pool`. */
  name: string;
  /**
   * Module specifiers that export it; `*` globs allowed (`@testcontainers/*`). A glob that starts
   * with `**\/` also matches a relative or aliased import by its path (`../generated/prisma/client`).
   */
  packages: string[];
  acquire?: AcquireSpec[];
  /** Methods that return a promise while opening or preparing the resource. */
  open?: string[];
  /** Methods that return a promise while using the resource (queries, migrations), neither opening nor releasing it. */
  work?: string[];
  /** Methods that return a promise while releasing the resource. */
  release?: string[];
  /** Methods that release the resource synchronously or through a callback. */
  syncRelease?: string[];
  /**
   * Methods whose result takes this resource over, so that releasing the result releases this one
   * too: a NestJS `TestingModule` is closed by closing the app `createNestApplication()` built on it.
   */
  ownedBy?: string[];
  /** Members (methods or properties) that give another catalog resource: `{ createQueryRunner: 'typeorm.QueryRunner' }`. */
  yields?: Record<string, string>;
  /** Declared type names in the package, for type-aware matching (`*` globs allowed). */
  typeNames?: string[];
  /** Whether an instance acts as a DB session that code under test should receive. */
  session?: boolean;
  /** Type names that denote a session of this resource in annotations. */
  sessionTypeNames?: string[];
  /**
   * Methods that run a callback with a session (a transaction) as its first parameter, by the
   * catalog name of that session: `{ $transaction: 'PrismaClient' }` for `prisma.$transaction(async (tx) => …)`.
   * `a.b` names a chain: `{ 'transaction.execute': 'Kysely' }` for `db.transaction().execute(async (trx) => …)`.
   */
  sessionCallbacks?: Record<string, string>;
  /** Methods that, called without a callback, give a session: `{ transaction: 'Knex' }` for `await knex.transaction()`. */
  sessionResults?: Record<string, string>;
  /** Methods whose promise resolves to the resource itself: `await new DataSource(options).initialize()`. */
  returnsSelf?: string[];
  /** Types bound to one of this resource's sessions (repositories, models): a parameter of such a type is on the session path. */
  boundTypeNames?: string[];
  /** What the resource is, for messages: pool, client, connection, session, server, container, browser, factory. */
  kind?: string;
  /**
   * An embedded, synchronous resource that holds no socket, timer or child process (an in-process
   * SQLite database): leaving it open does not keep a worker alive.
   */
  inProcess?: boolean;
  /**
   * Holds nothing until one of its `open` methods is called on it (or on what an `ownedBy` method
   * returns): a NestJS `TestingModule` that is compiled but never initialised runs no lifecycle hooks.
   */
  lazy?: boolean;
  /** How the package registers an entity (model, table, entity class) in a registry. */
  registers?: RegisterSpec[];
}

/**
 * Where a registered name (or a registry namespace) is written. A source that is present but not a
 * string literal makes the registration's name unknown, and an unknown registration is never reported.
 */
export interface NameSource {
  /** A string argument, or with `property`, a string property of an object argument. */
  argument?: number;
  /** A property path inside the argument: `modelName`, `options.customName`. */
  property?: string;
  /** The class the registration belongs to (decorated, initialised, or passed as the argument or property). */
  className?: boolean;
  /** Decorators on that class that can rename it, making a class-name source unknown: typegoose's `modelOptions`. */
  renamedBy?: string[];
  /** Converts the value: TypeORM derives a table name from a class name in snake_case. */
  case?: 'snake';
}

/** One way a package registers an entity. Matched syntactically, on the linted file and on every project file. */
export interface RegisterSpec {
  /**
   * - `call`: `Export(...)` or `ns.Export(...)`;
   * - `new`: `new Export(...)`;
   * - `decorator`: `@Export(...)` or `@Export` on a class;
   * - `method`: `receiver.method(...)`, the receiver an instance of this catalog resource;
   * - `staticInit`: `Class.method(...)`, `Class` a class extending `Export`;
   * - `staticProperty`: `static method = 'name'` (or a getter returning it) in a class extending `Export`;
   * - `schemaTable`: `Export('schema').method('name')`, directly or through a variable.
   */
  form: 'call' | 'new' | 'decorator' | 'method' | 'staticInit' | 'staticProperty' | 'schemaTable';
  export?: string;
  method?: string;
  /** Narrows the form to some of the resource's packages. */
  packages?: string[];
  /** Where the registered name comes from; the first source present wins. */
  name: NameSource[];
  /** Sources joined into a namespace inside the registry (TypeORM `database` and `schema`, drizzle schemas). */
  namespace?: NameSource[];
  /** With fewer arguments the call reads a registration instead of making one (`mongoose.model('User')`). */
  minArguments?: number;
  /**
   * The argument whose object the registry compares: registering the same schema object (or class)
   * twice returns the first registration, so only different objects conflict.
   */
  identityArgument?: number;
  /** An option that moves the registration to another connection: `Model.init(attrs, { sequelize })`. */
  connection?: NameSource;
  /** Key of the registry, shared by the specs that write into it (`mongoose` for mongoose and typegoose). */
  registry: string;
  /** ORM name for messages. */
  orm: string;
  /** What is registered, for messages: `model`, `table`, `entity`. */
  entityKind: string;
  /** Registering a taken name throws, so a registration that runs twice with a fresh object fails. */
  throwsOnRepeat?: boolean;
  /**
   * The definition registers nothing by itself; it takes effect when handed to the ORM
   * (`new EntitySchema(...)`, `defineEntity(...)`, drizzle tables). Two definitions then conflict
   * only as module-level declarations, which entity lists and globs load.
   */
  deferred?: boolean;
  /** What goes wrong when the name is registered twice, for messages. */
  duplicateEffect: string;
}
export interface AcquireMatch {
  spec: ResourceSpec;
  acquire: AcquireSpec;
}

export type MethodEffect = 'open' | 'work' | 'release' | 'syncRelease';

/** Method names that close any resource, on top of its catalog release methods. */
export const genericReleaseMethods: readonly string[] = [
  'close',
  'destroy',
  'end',
  'stop',
  'quit',
  'disconnect',
  '$disconnect',
  'dispose',
  'shutdown',
  'terminate',
  'kill',
  'unref',
];

/** Whether importing the spec's package gives the resource itself (mongoose's default connection). */
export function isModuleResource(spec: ResourceSpec): boolean {
  return spec.acquire?.some((acquire) => acquire.module) ?? false;
}

/** The catalog with its lookup maps, built once per distinct settings object. */
export class ResourceCatalog {
  readonly specs: readonly ResourceSpec[];
  private readonly byName = new Map<string, ResourceSpec>();
  private readonly byExactPackage = new Map<string, ResourceSpec[]>();
  private readonly globPackages: { test: (name: string) => boolean; spec: ResourceSpec; byPath: boolean }[] = [];
  private readonly packageCache = new Map<string, readonly ResourceSpec[]>();

  constructor(specs: readonly ResourceSpec[]) {
    this.specs = specs;
    for (const spec of specs) {
      this.byName.set(spec.name, spec);
      for (const pkg of spec.packages) {
        if (pkg.includes('*')) {
          this.globPackages.push({ test: picomatch(pkg), spec, byPath: pkg.startsWith('**/') });
        } else {
          const list = this.byExactPackage.get(pkg) ?? [];
          list.push(spec);
          this.byExactPackage.set(pkg, list);
        }
      }
    }
  }

  /** Every method name that releases some resource: a cheap test before tracing a receiver. */
  get releaseMethodNames(): ReadonlySet<string> {
    this.releaseNames ??= new Set(this.specs.flatMap((spec) => [...(spec.release ?? []), ...(spec.syncRelease ?? [])]));
    return this.releaseNames;
  }

  private releaseNames: Set<string> | undefined;

  /** Every method name that opens, uses or releases some resource: no other call on a receiver is a resource call. */
  get resourceMethodNames(): ReadonlySet<string> {
    this.resourceMethods ??= new Set(
      this.specs.flatMap((spec) => [...(spec.open ?? []), ...(spec.work ?? []), ...(spec.release ?? []), ...(spec.syncRelease ?? [])]),
    );
    return this.resourceMethods;
  }

  private resourceMethods: Set<string> | undefined;

  /** Names a call's last member has when it may create a resource: `launch`, `init`, `start`, `listen`, `createPool`. */
  get acquisitionMethodNames(): ReadonlySet<string> {
    if (!this.acquisitionNames) {
      this.acquisitionNames = new Set();
      for (const acquire of this.specs.flatMap((spec) => spec.acquire ?? [])) {
        if (!acquire.export.includes('*')) this.acquisitionNames.add(acquire.export);
        if (acquire.call) this.acquisitionNames.add(acquire.call);
        if (acquire.then) this.acquisitionNames.add(acquire.then);
      }
    }
    return this.acquisitionNames;
  }

  private acquisitionNames: Set<string> | undefined;

  get(name: string): ResourceSpec | undefined {
    return this.byName.get(name);
  }

  /** Whether a module specifier belongs to any catalog package: the cheap first filter. */
  isResourceModule(moduleName: string): boolean {
    return this.specsForModule(moduleName).length > 0;
  }

  specsForModule(moduleName: string): readonly ResourceSpec[] {
    const cached = this.packageCache.get(moduleName);
    if (cached) return cached;
    const found = [...(this.byExactPackage.get(moduleName) ?? [])];
    // `**` never matches `.` or `..`: a path glob sees `../generated/prisma` as `generated/prisma`
    const pathPart = moduleName.replace(/^(?:\.\.?\/)+/, '');
    for (const { test, spec, byPath } of this.globPackages) {
      if ((test(moduleName) || (byPath && test(pathPart))) && !found.includes(spec)) found.push(spec);
    }
    this.packageCache.set(moduleName, found);
    return found;
  }

  /**
   * Finds the acquisition that an expression like `new Export()`, `Export()`, `Export.call()` or
   * `Export` (for module resources) stands for, given the module and export it was imported as.
   */
  findAcquisition(
    moduleName: string,
    exportName: string,
    form: { new: boolean; call?: string; module?: boolean },
  ): AcquireMatch | undefined {
    for (const spec of this.specsForModule(moduleName)) {
      for (const acquire of spec.acquire ?? []) {
        if (acquire.packages && !acquire.packages.some((p) => matchesGlob(moduleName, p))) continue;
        if (!matchesExportName(acquire.export, exportName)) continue;
        if (form.module) {
          if (acquire.module) return { spec, acquire };
          continue;
        }
        if (acquire.module) continue;
        if ((acquire.new ?? false) !== form.new) continue;
        if (acquire.call !== form.call) continue;
        return { spec, acquire };
      }
    }
    return undefined;
  }

  /** A module resource's function imported by name: `import { connect } from 'mongoose'`. */
  findModuleFunction(moduleName: string, exportName: string): { spec: ResourceSpec; effect: MethodEffect } | undefined {
    for (const spec of this.specsForModule(moduleName)) {
      if (!isModuleResource(spec)) continue;
      const effect = methodEffect(spec, exportName);
      if (effect) return { spec, effect };
    }
    return undefined;
  }

  /** Specs whose declared type names match a type's name, among those from the given package. */
  specsForType(typeName: string, moduleName: string | undefined): ResourceSpec[] {
    const candidates = moduleName === undefined ? this.specs : this.specsForModule(moduleName);
    return candidates.filter((spec) => spec.typeNames?.some((pattern) => matchesExportName(pattern, typeName)));
  }
}

export function methodEffect(spec: ResourceSpec, method: string): MethodEffect | undefined {
  if (spec.open?.includes(method)) return 'open';
  if (spec.work?.includes(method)) return 'work';
  if (spec.release?.includes(method)) return 'release';
  if (spec.syncRelease?.includes(method)) return 'syncRelease';
  return undefined;
}

const namePatterns = new Map<string, RegExp>();

/** Export and type names match exactly, or by a `*` wildcard (`*Container`, `Started*Container`). */
function matchesExportName(pattern: string, name: string): boolean {
  if (pattern === name) return true;
  if (!pattern.includes('*') || pattern === '*') return false;
  let regex = namePatterns.get(pattern);
  if (!regex) {
    regex = new RegExp(`^${pattern.split('*').map(escapeRegExp).join('[\\w$]*')}$`);
    namePatterns.set(pattern, regex);
  }
  return regex.test(name);
}

const catalogCache = new WeakMap<readonly ResourceSpec[], ResourceCatalog>();
let builtinCatalog: ResourceCatalog | undefined;

/** The catalog for a settings object's extra resources; built-ins come first, user entries may add to a built-in name. */
export function getCatalog(extra: readonly ResourceSpec[] | undefined): ResourceCatalog {
  if (!extra || extra.length === 0) {
    builtinCatalog ??= new ResourceCatalog(builtinResources);
    return builtinCatalog;
  }
  let catalog = catalogCache.get(extra);
  if (!catalog) {
    catalog = new ResourceCatalog(mergeSpecs(builtinResources, extra));
    catalogCache.set(extra, catalog);
  }
  return catalog;
}

function mergeSpecs(builtin: readonly ResourceSpec[], extra: readonly ResourceSpec[]): ResourceSpec[] {
  const merged = new Map(builtin.map((spec) => [spec.name, spec]));
  for (const spec of extra) {
    const existing = merged.get(spec.name);
    if (!existing) {
      merged.set(spec.name, spec);
      continue;
    }
    merged.set(spec.name, {
      ...existing,
      ...spec,
      packages: union(existing.packages, spec.packages),
      acquire: [...(existing.acquire ?? []), ...(spec.acquire ?? [])],
      open: union(existing.open, spec.open),
      work: union(existing.work, spec.work),
      release: union(existing.release, spec.release),
      syncRelease: union(existing.syncRelease, spec.syncRelease),
      ownedBy: union(existing.ownedBy, spec.ownedBy),
      typeNames: union(existing.typeNames, spec.typeNames),
      sessionTypeNames: union(existing.sessionTypeNames, spec.sessionTypeNames),
      yields: { ...existing.yields, ...spec.yields },
      sessionCallbacks: { ...existing.sessionCallbacks, ...spec.sessionCallbacks },
      sessionResults: { ...existing.sessionResults, ...spec.sessionResults },
      boundTypeNames: union(existing.boundTypeNames, spec.boundTypeNames),
      returnsSelf: union(existing.returnsSelf, spec.returnsSelf),
      registers: [...(existing.registers ?? []), ...(spec.registers ?? [])],
    });
  }
  return [...merged.values()];
}

function union(a: readonly string[] | undefined, b: readonly string[] | undefined): string[] {
  return [...new Set([...(a ?? []), ...(b ?? [])])];
}
