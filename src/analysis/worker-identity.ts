import path from 'node:path';

import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { calleeNameOf, findVariableOf, memberName, propertyKeyName, unwrapExpression } from './ast';
import type { ResourceSpec } from './catalog';
import { parseSourceCode } from './parsed-source';
import { FileResources, importedBindingOfVariable, resourceLabel } from './resources';
import { isConfiguredGlobalSetup } from './runner-config';
import type { ResolvedSettings } from './settings';
import { type StaticValue, isTempPath, staticValueOf } from './static-value';
import { otherTestFileMatching } from './test-file-index';
import { FileTestInfo } from './test-framework';
import { walk } from './traverse';
import type { TypeServices } from './types';
import { AST_NODE_TYPES } from '../util/node-types';
import { escapeRegExp } from '../util/regexp';

/*
 * What identity a resource gets when test code opens it: a database file, a database or schema
 * name, a port a server listens on, a temp directory, a redis database index. A fixed identity is
 * the same in every parallel worker, so workers share (and fight over) one resource.
 */

export type IdentityKind = 'databaseFile' | 'databaseName' | 'port' | 'tempDirectory' | 'redisDatabase';

/** Where a worker id can go so the value differs per worker. */
export type WorkerIdInsertion =
  | { kind: 'string'; tail: NonNullable<Extract<StaticValue, { kind: 'string' }>['tail']>; index: number; separator: '-' | '_' }
  | { kind: 'number'; literal: TSESTree.NumberLiteral };

export interface FixedIdentity {
  kind: IdentityKind;
  /**
   * What another file would have to mention to share this identity: `text` is a database name, a
   * port, a redis index or a path's last segment (what a cheap text search finds); `path` is the whole
   * path, when the value is one; `sameDirectory` when the path is relative to the file's own directory.
   */
  token: { text: string; sameDirectory: boolean; path?: string };
  /**
   * For a database name: the module the client comes from (`@mikro-orm/postgresql`). The same name
   * on another kind of server is another database.
   */
  module?: string;
  /** For a database name: the driver or dialect the options name (`PostgreSqlDriver`, `'mysql'`), for the same reason. */
  dialect?: string;
  /**
   * For a database name: the kind of server, when the driver, the client module or the URL scheme
   * tells (`postgres` for `PostgreSqlDriver`, `pg` or `postgres://`), so two spellings of one
   * server compare equal.
   */
  server?: string;
  /** The argument or option value that gives the identity. */
  node: TSESTree.Node;
  /** The fixed part, for messages: `./test.db`, `app_test`, `3000`. */
  text: string;
  /** What the identity belongs to, for messages: `better-sqlite3 client`, `server`. */
  resource: string;
  insertion?: WorkerIdInsertion;
}

/** Catalog resources whose first argument is a database file or directory. */
const fileArgumentResources = new Set(['better-sqlite3', 'node:sqlite', 'PGlite', 'sqlite3']);
const redisResources = new Set(['redis', 'ioredis']);
const urlKeys = new Set(['url', 'uri', 'connectionString', 'connectionUri', 'clientUrl', 'datasourceUrl', 'connection', 'host']);
const fileKeys = new Set(['filename', 'storage', 'dataDir', 'dbPath']);
/** Databases that exist on every server and are used to create the per-test ones. */
const maintenanceDatabases = new Set([
  'postgres',
  'template0',
  'template1',
  'mysql',
  'information_schema',
  'performance_schema',
  'sys',
  'admin',
  'master',
  'tempdb',
  'model',
  'msdb',
  'local',
  'config',
]);
const fsModules = new Set(['fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'fs-extra']);
const fsWriteMethods = new Set([
  'mkdir',
  'mkdirSync',
  'writeFile',
  'writeFileSync',
  'appendFile',
  'appendFileSync',
  'rm',
  'rmSync',
  'rmdir',
  'rmdirSync',
  'cp',
  'cpSync',
  'copyFile',
  'copyFileSync',
  'rename',
  'renameSync',
  'ensureDir',
  'ensureDirSync',
  'emptyDir',
  'emptyDirSync',
  'outputFile',
  'outputFileSync',
  'remove',
  'removeSync',
  'mkdirp',
  'mkdirpSync',
  'unlink',
  'unlinkSync',
]);

/** Fixed identities that a call or `new` in test code gives the resource it opens. */
export function fixedIdentitiesOf(
  node: TSESTree.CallExpression | TSESTree.NewExpression,
  resources: FileResources,
  sourceCode: Readonly<TSESLint.SourceCode>,
  types?: TypeServices,
): FixedIdentity[] {
  const found: FixedIdentity[] = [];
  const callee = unwrapExpression(node.callee);
  const method = callee.type === AST_NODE_TYPES.MemberExpression ? memberName(callee) : undefined;
  if (node.type === AST_NODE_TYPES.CallExpression && method === 'listen') {
    listenPort(node, sourceCode, found);
    return found;
  }
  if (node.type === AST_NODE_TYPES.CallExpression && method === 'withExposedPorts') {
    containerPorts(node, sourceCode, found);
    return found;
  }
  const acquired =
    resources.creationOf(node, types) ??
    (types && node.type === AST_NODE_TYPES.NewExpression ? types.resourceOfType(node, resources.catalog) : undefined);
  if (acquired) {
    if (resources.isMockedCreation(node)) return found;
    const module = resources.moduleOfCreation(node);
    readArguments(node, acquired.spec, sourceCode, found, module !== undefined && /sqlite|libsql/i.test(module));
    const dialect = dialectOf(node, sourceCode);
    for (const identity of found) {
      if (identity.kind !== 'databaseName') continue;
      identity.module = module;
      identity.dialect = dialect;
      identity.server = serverOf(dialect) ?? serverOf(module) ?? identity.server;
    }
    return found;
  }
  if (node.type !== AST_NODE_TYPES.CallExpression || callee.type === AST_NODE_TYPES.Super) return found;
  // `client.db('app_test')` on a MongoClient
  if (method === 'db' && callee.type === AST_NODE_TYPES.MemberExpression && node.arguments[0]) {
    const owner = resources.resourceOf(callee.object, types);
    const value = staticValueOf(node.arguments[0], sourceCode);
    if (owner?.spec.name === 'MongoClient' && value?.kind === 'string' && !maintenanceDatabases.has(value.value)) {
      found.push({
        ...databaseName(node.arguments[0], value, 'MongoClient', value.value, value.value.length),
        module: 'mongodb',
        server: 'mongodb',
      });
    }
    return found;
  }
  if (node.arguments[0] && importsFsModule(sourceCode) && isFsWrite(callee, sourceCode)) {
    const value = staticValueOf(node.arguments[0], sourceCode);
    if (value?.kind === 'string' && hasDatabaseExtension(value.value)) {
      // `rm(join(__dirname, '..', 'test.sqlite'))` before each test: the database file every worker opens
      found.push(databaseFile(node.arguments[0], value, 'database file'));
    } else if (value?.kind === 'string' && isTempPath(value.value) && !isMkdtempParent(node, callee, value.value, sourceCode)) {
      found.push({
        kind: 'tempDirectory',
        node: node.arguments[0],
        text: value.value,
        token: pathToken(value.value),
        resource: 'temp directory',
        insertion: stringInsertion(value, tempDirectoryEnd(value.value), '-'),
      });
    }
  }
  return found;
}

/**
 * `process.env.DATABASE_URL = 'file:./test.db'` in test code: every worker's client then opens the
 * database that the fixed connection string names.
 */
export function fixedIdentityOfEnvironmentAssignment(
  assignment: TSESTree.AssignmentExpression,
  sourceCode: Readonly<TSESLint.SourceCode>,
): FixedIdentity | undefined {
  if (assignment.operator !== '=' || assignment.left.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const object = unwrapExpression(assignment.left.object);
  const isProcessEnv =
    object.type === AST_NODE_TYPES.MemberExpression &&
    memberName(object) === 'env' &&
    object.object.type === AST_NODE_TYPES.Identifier &&
    object.object.name === 'process';
  if (!isProcessEnv) return undefined;
  const value = staticValueOf(assignment.right, sourceCode);
  if (value?.kind !== 'string') return undefined;
  const found: FixedIdentity[] = [];
  readConnectionString(assignment.right, value, environmentResource, found);
  return found[0];
}

const environmentResource: ResourceSpec = { name: 'connection string', packages: [] };

/** The `driver`/`type`/`dialect`/`client` an acquisition's options name: `PostgreSqlDriver`, `postgres`. */
function dialectOf(node: TSESTree.CallExpression | TSESTree.NewExpression, sourceCode: Readonly<TSESLint.SourceCode>): string | undefined {
  for (const argument of node.arguments) {
    const value = staticValueOf(argument, sourceCode);
    if (value?.kind !== 'object') continue;
    for (const property of value.node.properties) {
      if (property.type !== AST_NODE_TYPES.Property) continue;
      const key = propertyKeyName(property);
      if (key !== 'driver' && key !== 'type' && key !== 'dialect' && key !== 'client') continue;
      const option = unwrapExpression(property.value);
      if (option.type === AST_NODE_TYPES.Identifier) return option.name;
      if (option.type === AST_NODE_TYPES.Literal && typeof option.value === 'string') return option.value;
    }
  }
  return undefined;
}

function readArguments(
  node: TSESTree.CallExpression | TSESTree.NewExpression,
  spec: ResourceSpec,
  sourceCode: Readonly<TSESLint.SourceCode>,
  found: FixedIdentity[],
  sqliteClient: boolean,
): void {
  const label = resourceLabel(spec);
  node.arguments.forEach((argument, index) => {
    const value = staticValueOf(argument, sourceCode);
    if (!value) return;
    if (value.kind === 'object') {
      readOptions(value.node, spec, sourceCode, found, sqliteClient || isSqliteConfig(value.node, sourceCode), 0);
      return;
    }
    if (value.kind !== 'string') return;
    if (readConnectionString(argument, value, spec, found)) return;
    if (index === 0 && fileArgumentResources.has(spec.name)) {
      if (!isInMemory(value.value)) found.push(databaseFile(argument, value, label));
    } else if (index === 0 && spec.name === 'Sequelize' && node.arguments.length >= 2 && !maintenanceDatabases.has(value.value)) {
      // `new Sequelize('app_test', user, password, options)`
      found.push(databaseName(argument, value, label, value.value, value.value.length));
    }
  });
}

function readOptions(
  object: TSESTree.ObjectExpression,
  spec: ResourceSpec,
  sourceCode: Readonly<TSESLint.SourceCode>,
  found: FixedIdentity[],
  sqlite: boolean,
  depth: number,
): void {
  const label = resourceLabel(spec);
  for (const property of object.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.kind !== 'init') continue;
    const key = propertyKeyName(property);
    if (key === undefined) continue;
    const value = staticValueOf(property.value, sourceCode);
    if (!value) continue;
    if (value.kind === 'object') {
      if (depth < 3) readOptions(value.node, spec, sourceCode, found, sqlite || isSqliteConfig(value.node, sourceCode), depth + 1);
      continue;
    }
    if (key === 'port' && (spec.kind === 'server' || spec.kind === 'container')) {
      if (value.kind === 'number' && value.value !== 0) found.push(port(property.value, value, label));
      continue;
    }
    if ((key === 'db' || key === 'database') && redisResources.has(spec.name)) {
      const index = value.kind === 'number' ? value.value : Number(value.value);
      if (Number.isInteger(index) && index !== 0) {
        found.push({ kind: 'redisDatabase', node: property.value, text: String(index), token: { text: String(index), sameDirectory: false }, resource: label });
      }
      continue;
    }
    if (value.kind !== 'string') continue;
    if (urlKeys.has(key)) {
      readConnectionString(property.value, value, spec, found);
    } else if (fileKeys.has(key)) {
      if (!isInMemory(value.value)) found.push(databaseFile(property.value, value, label));
    } else if (key === 'database' || key === 'dbName') {
      // A `schema` lives inside a database: a fixed one is shared only when the database is, which is reported itself.
      if (isInMemory(value.value) || maintenanceDatabases.has(value.value)) continue;
      // A server the test starts (mongodb-memory-server) holds its own databases: the name is not shared.
      if (spec.kind === 'server' || spec.kind === 'container') continue;
      if (sqlite || looksLikeFile(value.value)) found.push(databaseFile(property.value, value, label));
      else found.push(databaseName(property.value, value, label, value.value, value.value.length));
    }
  }
}

/** Reads a connection string's identity; returns whether the value was one. */
function readConnectionString(
  node: TSESTree.Node,
  value: Extract<StaticValue, { kind: 'string' }>,
  spec: ResourceSpec,
  found: FixedIdentity[],
): boolean {
  const url = parseConnectionString(value.value);
  if (!url) return false;
  const label = resourceLabel(spec);
  if (url.file !== undefined) {
    if (!isInMemory(url.file) && !isInMemory(value.value)) found.push(databaseFile(node, value, label));
  } else if (url.redisIndex !== undefined) {
    if (url.redisIndex !== 0) {
      found.push({ kind: 'redisDatabase', node, text: value.value, token: { text: String(url.redisIndex), sameDirectory: false }, resource: label });
    }
  } else if (url.database !== undefined && !maintenanceDatabases.has(url.database.name)) {
    found.push({ ...databaseName(node, value, label, url.database.name, url.database.end), server: serverOf(url.scheme) });
  }
  return true;
}

interface ParsedConnectionString {
  scheme: string;
  database?: { name: string; end: number };
  file?: string;
  redisIndex?: number;
}

const connectionString = /^([a-z][a-z0-9+.-]*):(\/\/[^/?#]*)?([^?#]*)/i;
const serverSchemes = new Set(['postgres', 'postgresql', 'mysql', 'mariadb', 'mongodb', 'mongodb+srv', 'sqlserver', 'mssql', 'cockroachdb']);
const fileSchemes = new Set(['sqlite', 'sqlite3', 'file']);

/** `postgres://u@h:5432/app_test?x` → database `app_test`; `sqlite:./t.db`/`file:./t.db` → file; `redis://h/2` → index 2. */
export function parseConnectionString(text: string): ParsedConnectionString | undefined {
  const match = connectionString.exec(text);
  if (!match) return undefined;
  const scheme = match[1]!.toLowerCase();
  const authority = match[2] ?? '';
  const path = match[3] ?? '';
  if (fileSchemes.has(scheme)) return { scheme, file: path.replace(/^\/\/\/?/, '') };
  if (scheme === 'redis' || scheme === 'rediss') {
    const index = /^\/(\d+)$/.exec(path);
    return index ? { scheme, redisIndex: Number(index[1]) } : { scheme };
  }
  if (!serverSchemes.has(scheme)) return undefined;
  const name = decodeSafely(path.replace(/^\//, ''));
  if (name === '' || name.includes('/')) return { scheme };
  return { scheme, database: { name, end: scheme.length + 1 + authority.length + path.length } };
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function listenPort(node: TSESTree.CallExpression, sourceCode: Readonly<TSESLint.SourceCode>, found: FixedIdentity[]): void {
  const first = node.arguments[0];
  if (!first) return;
  const value = staticValueOf(first, sourceCode);
  if (value?.kind === 'number') {
    if (value.value !== 0) found.push(port(first, value, 'server'));
  } else if (value?.kind === 'object') {
    // fastify, hono: `listen({ port: 3000 })`
    for (const property of value.node.properties) {
      if (property.type !== AST_NODE_TYPES.Property || propertyKeyName(property) !== 'port') continue;
      const portValue = staticValueOf(property.value, sourceCode);
      if (portValue?.kind === 'number' && portValue.value !== 0) found.push(port(property.value, portValue, 'server'));
    }
  }
}

/** testcontainers: `.withExposedPorts({ container: 5432, host: 5432 })` binds a fixed host port. */
function containerPorts(node: TSESTree.CallExpression, sourceCode: Readonly<TSESLint.SourceCode>, found: FixedIdentity[]): void {
  for (const argument of node.arguments) {
    const value = staticValueOf(argument, sourceCode);
    if (value?.kind !== 'object') continue;
    for (const property of value.node.properties) {
      if (property.type !== AST_NODE_TYPES.Property || propertyKeyName(property) !== 'host') continue;
      const hostPort = staticValueOf(property.value, sourceCode);
      if (hostPort?.kind === 'number' && hostPort.value !== 0) found.push(port(property.value, hostPort, 'container'));
    }
  }
}

/** A quoted name of one of `fsModules`: how an import or `require` of them must be written. */
const fsImportText = new RegExp(`['"\`](?:${[...fsModules].join('|')})['"\`]`);

/**
 * Whether a file without a catalog import can still give something a fixed identity: a server's
 * `listen`, a container's ports, a MongoClient's `db()` on an imported client, an fs write or a
 * `process.env` assignment. Without these words, and without a creation, no call in it is checked.
 */
export function mayHoldFixedIdentityWithoutCatalog(sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  return /\b(?:listen|withExposedPorts|db|process)\b/.test(sourceCode.text) || importsFsModule(sourceCode);
}
const fsImports = new WeakMap<TSESTree.Program, boolean>();

/** Whether the file names an fs module at all: without one, no call in it writes through fs. */
function importsFsModule(sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  let found = fsImports.get(sourceCode.ast);
  if (found === undefined) {
    found = fsImportText.test(sourceCode.text);
    fsImports.set(sourceCode.ast, found);
  }
  return found;
}

function isFsWrite(callee: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (callee.type === AST_NODE_TYPES.Identifier) {
    const binding = importedBindingOfVariable(findVariableOf(sourceCode, callee));
    return binding !== undefined && fsModules.has(binding.module) && fsWriteMethods.has(binding.exportName);
  }
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = memberName(callee);
  if (method === undefined || !fsWriteMethods.has(method)) return false;
  let object = unwrapExpression(callee.object);
  // `fs.promises.mkdir(...)`
  if (object.type === AST_NODE_TYPES.MemberExpression && memberName(object) === 'promises') object = unwrapExpression(object.object);
  if (object.type !== AST_NODE_TYPES.Identifier) return false;
  const binding = importedBindingOfVariable(findVariableOf(sourceCode, object));
  return binding !== undefined && fsModules.has(binding.module) && (binding.exportName === '*' || binding.exportName === 'default' || binding.exportName === 'promises');
}

/**
 * `mkdirSync(base, { recursive: true })` where the file then calls `mkdtempSync(base)`: workers can
 * all create a folder that may already exist, and each gets a folder of its own inside it. Without
 * the `mkdtemp`, the fixed folder is where the tests work, and it is reported. Asked of a call that
 * `isFsWrite` already found to be an `fs` function.
 */
function isMkdtempParent(node: TSESTree.CallExpression, callee: TSESTree.Node, directory: string, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const name =
    callee.type === AST_NODE_TYPES.Identifier ? importedBindingOfVariable(findVariableOf(sourceCode, callee))?.exportName : calleeNameOf(node);
  if (name !== 'mkdir' && name !== 'mkdirSync') return false;
  const options = node.arguments[1] ? unwrapExpression(node.arguments[1]) : undefined;
  const recursive =
    options?.type === AST_NODE_TYPES.ObjectExpression &&
    options.properties.some(
      (property) =>
        property.type === AST_NODE_TYPES.Property &&
        propertyKeyName(property) === 'recursive' &&
        property.value.type === AST_NODE_TYPES.Literal &&
        property.value.value === true,
    );
  const inside = /[\\/]$/.test(directory) ? directory : `${directory}/`;
  return recursive && mkdtempPrefixes(sourceCode).some((prefix) => prefix === directory || prefix.replaceAll('\\', '/').startsWith(inside.replaceAll('\\', '/')));
}

const mkdtempPrefixCache = new WeakMap<TSESTree.Program, string[]>();

/** The static prefixes the file passes to `mkdtemp`/`mkdtempSync`, read once per file and only when asked. */
function mkdtempPrefixes(sourceCode: Readonly<TSESLint.SourceCode>): string[] {
  let prefixes = mkdtempPrefixCache.get(sourceCode.ast);
  if (!prefixes) {
    const found: string[] = [];
    walk(sourceCode.ast, (node) => {
      if (node.type !== AST_NODE_TYPES.CallExpression || !node.arguments[0]) return;
      const name = calleeNameOf(node);
      if (name !== 'mkdtemp' && name !== 'mkdtempSync') return;
      const prefix = staticValueOf(node.arguments[0], sourceCode);
      if (prefix?.kind === 'string') found.push(prefix.value);
    });
    prefixes = found;
    mkdtempPrefixCache.set(sourceCode.ast, prefixes);
  }
  return prefixes;
}

function isSqliteConfig(object: TSESTree.ObjectExpression, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  for (const property of object.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const key = propertyKeyName(property);
    if (key !== 'type' && key !== 'dialect' && key !== 'client' && key !== 'driver') continue;
    const value = unwrapExpression(property.value);
    const text = value.type === AST_NODE_TYPES.Identifier ? value.name : staticValueOf(value, sourceCode);
    const name = typeof text === 'string' ? text : text?.kind === 'string' ? text.value : undefined;
    if (name !== undefined && /sqlite|libsql|sql\.js|capacitor|expo/i.test(name)) return true;
  }
  return false;
}

function isInMemory(text: string): boolean {
  return (
    text === '' ||
    text === ':memory:' ||
    text === 'memory' ||
    text.startsWith('memory://') ||
    text.startsWith('idb://') ||
    text.startsWith(':memory:') ||
    text.includes('mode=memory') ||
    text.startsWith('file::memory:')
  );
}

function hasDatabaseExtension(text: string): boolean {
  return /\.(db|sqlite3?|db3|s3db|sl3)$/i.test(text);
}

function looksLikeFile(text: string): boolean {
  return hasDatabaseExtension(text) || text.startsWith('./') || text.startsWith('../') || text.startsWith('/') || text.startsWith('<');
}

function databaseFile(node: TSESTree.Node, value: Extract<StaticValue, { kind: 'string' }>, resource: string): FixedIdentity {
  return {
    kind: 'databaseFile',
    node,
    text: value.value,
    token: pathToken(value.value),
    resource,
    insertion: stringInsertion(value, fileStemEnd(value.value), '-'),
  };
}

function databaseName(
  node: TSESTree.Node,
  value: Extract<StaticValue, { kind: 'string' }>,
  resource: string,
  name: string,
  end: number,
): FixedIdentity {
  return {
    kind: 'databaseName',
    node,
    text: value.value,
    token: { text: name, sameDirectory: false },
    resource,
    insertion: stringInsertion(value, end, '_'),
  };
}

function port(node: TSESTree.Node, value: Extract<StaticValue, { kind: 'number' }>, resource: string): FixedIdentity {
  return {
    kind: 'port',
    node,
    text: String(value.value),
    token: { text: String(value.value), sameDirectory: false },
    resource,
    insertion: { kind: 'number', literal: value.node },
  };
}

/** A path's last segment and the whole path; a path under `__dirname` is only shared with files in the same directory. */
function pathToken(value: string): { text: string; sameDirectory: boolean; path?: string } {
  const withoutQuery = value.split('?')[0]!.replace(/\/+$/, '');
  const segment = withoutQuery.slice(withoutQuery.lastIndexOf('/') + 1).replace(/^[a-z]+:/i, '');
  const token = { text: segment, sameDirectory: /^<(?:__)?(?:dirname|filename)>/.test(value) };
  // `file:./test.db` and `./test.db` are one file; `./a/test.db` and `./b/test.db` are two
  const whole = path.posix.normalize(withoutQuery.replaceAll('\\', '/').replace(/^[a-z][\w+.-]*:/i, '')).replace(/^\/{2,}/, '/');
  // `<__dirname>/../x` leaves its folder, which normalising loses: compared by its last segment only
  const root = /^<[^>]*>/.exec(value)?.[0];
  return root === undefined || whole.startsWith(root) ? { ...token, path: whole } : token;
}

/**
 * Another test-code file under `projectRoot` that gives a resource the same fixed identity, found
 * with the same recognition as the linted file: a name another file only mentions (in a comment,
 * an unrelated string, or as the base of a per-worker name) is not a use.
 */
export function otherFileSharing(
  identity: FixedIdentity,
  filename: string,
  projectRoot: string,
  settings: ResolvedSettings,
  cwd: string,
): string | undefined {
  const directory = path.dirname(path.resolve(filename));
  return otherTestFileMatching(
    projectRoot,
    filename,
    (file) => settings.isTestFile(file, cwd),
    identityPatterns(identity),
    identity.token.sameDirectory,
    (file, text) =>
      identitiesOfFile(file, text, settings, cwd).some(
        (other) => sameIdentity(identity, other) && (!other.token.sameDirectory || path.dirname(file) === directory),
      ),
  );
}

/** What makes two fixed identities one resource. */
type IdentityKey = Pick<FixedIdentity, 'kind' | 'token' | 'module' | 'dialect' | 'server'>;

/**
 * A database name is the same database only on the same kind of server: the same server family,
 * or, when a side does not tell its server, the same client module and driver.
 */
function sameIdentity(a: IdentityKey, b: IdentityKey): boolean {
  if (a.kind !== b.kind || a.token.text !== b.token.text) return false;
  if (a.token.path !== undefined && b.token.path !== undefined && a.token.path !== b.token.path) return false;
  if (a.server !== undefined && b.server !== undefined) return a.server === b.server;
  return a.module === b.module && a.dialect === b.dialect;
}

/**
 * Server families by the words in their drivers, client packages and URL schemes, checked in order.
 * A file whose identity is on a family has one of its words in its text, so they also filter files.
 */
const serverFamilies: [RegExp, string][] = [
  [/sqlite|libsql/i, 'sqlite'],
  [/mongo/i, 'mongodb'],
  [/maria/i, 'mariadb'],
  [/mysql/i, 'mysql'],
  [/cockroach/i, 'cockroachdb'],
  [/postgres|\bpg\b|neon/i, 'postgres'],
  [/mssql|sqlserver|tedious/i, 'mssql'],
  [/oracle/i, 'oracle'],
];

function serverOf(name: string | undefined): string | undefined {
  return name === undefined ? undefined : serverFamilies.find(([pattern]) => pattern.test(name))?.[1];
}

/** Per settings, per working directory and file: the text the identities were read from. */
const fileIdentities = new WeakMap<ResolvedSettings, Map<string, { text: string; identities: IdentityKey[] }>>();

function identitiesOfFile(file: string, text: string, settings: ResolvedSettings, cwd: string): IdentityKey[] {
  let byFile = fileIdentities.get(settings);
  if (!byFile) {
    byFile = new Map();
    fileIdentities.set(settings, byFile);
  }
  const key = `${cwd}\0${file}`;
  const cached = byFile.get(key);
  if (cached?.text === text) return cached.identities;
  let identities: IdentityKey[];
  try {
    identities = readIdentitiesOfFile(file, text, settings, cwd);
  } catch {
    // Code the recognisers do not expect in another file must not fail the linted one: it shares nothing known.
    identities = [];
  }
  byFile.set(key, { text, identities });
  return identities;
}

/** The fixed identities that another test-code file's workers use, read as the rule reads the linted file. */
function readIdentitiesOfFile(file: string, text: string, settings: ResolvedSettings, cwd: string): IdentityKey[] {
  const sourceCode = parseSourceCode(file, text);
  if (!sourceCode) return [];
  const info = new FileTestInfo(sourceCode, file, cwd, settings);
  if (info.isGlobalSetupFile || isConfiguredGlobalSetup(file)) return [];
  const resources = new FileResources({ sourceCode, filename: file }, info, settings.catalog);
  const found: FixedIdentity[] = [];
  walk(sourceCode.ast, (node) => {
    if (node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression) {
      found.push(...fixedIdentitiesOf(node, resources, sourceCode));
    } else if (node.type === AST_NODE_TYPES.AssignmentExpression) {
      const identity = fixedIdentityOfEnvironmentAssignment(node, sourceCode);
      if (identity) found.push(identity);
    }
  });
  if (found.length === 0 || (!definesTests(info) && !runsInWorkersWithoutTests(file, info))) return [];
  return found.map(({ kind, token, module, dialect, server }) => ({ kind, token, module, dialect, server }));
}

/** Whether the file defines tests or a suite: what makes a file a test file rather than shared test code. */
export function definesTests(info: FileTestInfo): boolean {
  const kinds = info.callKinds();
  return kinds.has('test') || kinds.has('suite');
}

/** `users.test.ts`, and a test of one target: `fs.test.deno.js`, `app.spec.web.ts`. */
const testFileName = /[.-](?:test|spec)(?:\.[\w-]+)?\.[cm]?[jt]sx?$/;

/**
 * Whether test code that defines no tests runs in the workers (setup files, fixtures, helpers). A
 * file named as a test whose tests we do not recognise belongs to another runner (Deno) or is a
 * type test; a module exporting `setup`/`teardown` is a globalSetup file, which runs once.
 */
export function runsInWorkersWithoutTests(filename: string, info: FileTestInfo): boolean {
  return !testFileName.test(filename) && !info.exportsGlobalSetupFunctions();
}

/**
 * A cheap filter on another file's text before its code is read: the name as a string or URL
 * segment, a port in a `listen(…)` call or a `port`/`host` property, a redis index as an option or
 * URL path; for a database name, also a word of its server's family, or on an unknown server its
 * client's module and driver.
 */
export function identityPatterns(identity: FixedIdentity): RegExp[] {
  const token = escapeRegExp(identity.token.text);
  switch (identity.kind) {
    case 'port':
      return [new RegExp(`(?:\\.listen\\(\\s*|\\bport\\s*[:=]\\s*|\\bhost\\s*:\\s*)${token}\\b`, 'i')];
    case 'redisDatabase':
      return [new RegExp(`(?:\\bdb\\s*:\\s*|\\bdatabase\\s*:\\s*|redis:\\/\\/[^'"\`\\s]*\\/)${token}\\b`)];
    case 'databaseName': {
      const patterns = [new RegExp(`['"\`/]${token}(?:['"\`?]|$)`, 'm')];
      const family = serverFamilies.find(([, server]) => server === identity.server)?.[0];
      if (family) {
        patterns.push(family);
      } else {
        // Without a known server, the other file must spell the client and driver the same way.
        if (identity.module !== undefined) patterns.push(new RegExp(`['"]${escapeRegExp(identity.module)}['"]`));
        if (identity.dialect !== undefined) patterns.push(new RegExp(`\\b${escapeRegExp(identity.dialect)}\\b`));
      }
      return patterns;
    }
    default:
      return [new RegExp(`['"\`/:]${token}(?:['"\`?]|$)`, 'm')];
  }
}

/** Where `-<id>` goes in a file path: before the extension of its last segment (`./test.db` → `./test-1.db`). */
function fileStemEnd(path: string): number {
  const query = path.indexOf('?');
  const end = query === -1 ? path.length : query;
  const slash = path.lastIndexOf('/', end - 1);
  const dot = path.lastIndexOf('.', end - 1);
  return dot > slash + 1 ? dot : end;
}

function tempDirectoryEnd(path: string): number {
  return path.endsWith('/') ? path.length - 1 : path.length;
}

/** Maps a position in the whole value to its tail literal, when the tail holds it. */
function stringInsertion(
  value: Extract<StaticValue, { kind: 'string' }>,
  index: number,
  separator: '-' | '_',
): WorkerIdInsertion | undefined {
  if (!value.tail) return undefined;
  const offset = index - (value.value.length - value.tail.value.length);
  if (offset < 0 || offset > value.tail.value.length) return undefined;
  return { kind: 'string', tail: value.tail, index: offset, separator };
}
