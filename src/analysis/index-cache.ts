import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import type { ParsedFacts } from './file-facts';
import type { ImportFact } from './import-scan';

/** What a cheap read of a file tells, before any parse. */
export interface ScanFacts {
  /** Read when first asked for (most queries never need another file's imports). */
  imports?: ImportFact[];
  /** The text names a registration API of the catalog: the file is parsed for registrations. */
  mayRegister: boolean;
  /** The text may pass on another module's export (`export *`, `export { … }`, `export default x`); else a name it exports is declared in it. */
  mayReexport?: boolean;
}

/** The facts of one file, valid while its modification time and size stay the same. */
export interface FileRecord {
  mtimeMs: number;
  size: number;
  /** False when the file could not be read or was over the size limit: it has no facts. */
  readable: boolean;
  /** `textFingerprint` of the text read, so a linted buffer is compared with it without reading the file again. */
  textHash?: string;
  scan: ScanFacts;
  /** Undefined until parsed; null when the parse failed. */
  parsed?: ParsedFacts | null;
  /** Other files the parsed facts were read from (`[mtimeMs, size]` each): a change there re-parses this one. */
  dependencies?: Record<string, [number, number]>;
}

const FORMAT = 6;
const PLUGIN = 'eslint-plugin-test-isolation';

/** A short hash of a text that is hashed once per process: the catalog, for cache keys. */
export function hashText(text: string): string {
  return crypto.createHash('sha1').update(text).digest('base64url').slice(0, 22);
}

/**
 * A 128-bit fingerprint of a file's text (four FNV-style lanes over interleaved UTF-16 code units,
 * and the length), to tell an editor's unsaved buffer from the file on disk without keeping the text
 * or reading the file again. It runs on every linted buffer, just after the parse: there, a call into
 * the crypto binding measured 35–90 µs for a 4.4 kB file against about 20 µs for this loop, whose
 * independent lanes let the multiplications overlap. Not cryptographic: an edit that keeps the length
 * and all four lanes is not a risk worth that cost.
 */
export function textFingerprint(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  let c = 0x2c1b3c6d;
  let d = 0x297a2d39;
  const length = text.length;
  const blocks = length - (length % 4);
  let i = 0;
  for (; i < blocks; i += 4) {
    a = Math.imul(a ^ text.charCodeAt(i), 0x01000193);
    b = Math.imul(b ^ text.charCodeAt(i + 1), 0x5bd1e995);
    c = Math.imul(c ^ text.charCodeAt(i + 2), 0x01000193);
    d = Math.imul(d ^ text.charCodeAt(i + 3), 0x5bd1e995);
  }
  for (; i < length; i++) a = Math.imul(a ^ text.charCodeAt(i), 0x01000193);
  return `${(a >>> 0).toString(36)}.${(b >>> 0).toString(36)}.${(c >>> 0).toString(36)}.${(d >>> 0).toString(36)}.${length}`;
}

/** The cache file for a project root, or undefined when the root has no `node_modules` to hold it. */
export function cacheFileFor(root: string, key: string): string | undefined {
  const nodeModules = path.join(root, 'node_modules');
  try {
    if (!fs.statSync(nodeModules).isDirectory()) return undefined;
  } catch {
    return undefined;
  }
  return path.join(nodeModules, '.cache', PLUGIN, `index-${key}.json`);
}

/** A short key for the plugin version, the settings that shape facts, and the root. */
export function cacheKey(version: string, settingsFingerprint: string, root: string): string {
  return crypto.createHash('sha1').update(`${version}\0${settingsFingerprint}\0${root}`).digest('hex').slice(0, 16);
}

/**
 * Reads a cache file written by `saveCache` for exactly this plugin version, settings and root.
 * Anything else — a missing file, bad JSON, another version's or another tool's file, a record
 * of the wrong shape — gives an empty map: the cache is an optimisation, never a source of truth.
 */
export function loadCache(file: string, key: string, root: string): Map<string, FileRecord> {
  const records = new Map<string, FileRecord>();
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return records;
  }
  if (!isObject(data) || data.format !== FORMAT || data.plugin !== PLUGIN || data.key !== key || data.root !== root || !isObject(data.files)) {
    return records;
  }
  for (const [relative, record] of Object.entries(data.files)) {
    if (!isRecord(record) || relative.startsWith('..') || path.isAbsolute(relative)) return new Map();
    records.set(path.join(root, relative), record);
  }
  return records;
}

export function saveCache(file: string, key: string, root: string, records: ReadonlyMap<string, FileRecord>): void {
  const files: Record<string, FileRecord> = {};
  for (const [absolute, record] of [...records].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    files[path.relative(root, absolute)] = record;
  }
  const body = JSON.stringify({ format: FORMAT, plugin: PLUGIN, key, root, files });
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // Unique per writer: ESLint's --concurrency runs several threads in one process.
    const temporary = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
    fs.writeFileSync(temporary, body);
    fs.renameSync(temporary, file);
  } catch {
    // A read-only or full disk only costs the next run a cold start.
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean';
const arrayOf = <T>(value: unknown, check: (item: unknown) => item is T): value is T[] => Array.isArray(value) && value.every(check);

function isImportFact(value: unknown): value is ImportFact {
  return (
    isObject(value) &&
    isString(value.specifier) &&
    isNumber(value.line) &&
    isNumber(value.column) &&
    ['import', 'export', 'require', 'dynamic'].includes(value.kind as string) &&
    isBoolean(value.typeOnly)
  );
}

function isRecord(value: unknown): value is FileRecord {
  if (!isObject(value) || !isNumber(value.mtimeMs) || !isNumber(value.size) || !isBoolean(value.readable)) return false;
  if (value.textHash !== undefined && !isString(value.textHash)) return false;
  const scan = value.scan;
  if (!isObject(scan) || (scan.imports !== undefined && !arrayOf(scan.imports, isImportFact)) || !isBoolean(scan.mayRegister)) return false;
  if (scan.mayReexport !== undefined && !isBoolean(scan.mayReexport)) return false;
  const dependencies = value.dependencies;
  if (
    dependencies !== undefined &&
    !(isObject(dependencies) && Object.entries(dependencies).every(([file, stamp]) => path.isAbsolute(file) && arrayOf(stamp, isNumber) && stamp.length === 2))
  ) {
    return false;
  }
  return value.parsed === undefined || value.parsed === null || isParsedFacts(value.parsed);
}

function isDecorator(value: unknown): boolean {
  return isObject(value) && isString(value.name) && arrayOf(value.arguments, isString);
}

function isParameter(value: unknown): boolean {
  return (
    isObject(value) &&
    (value.name === undefined || isString(value.name)) &&
    (value.type === undefined || isString(value.type)) &&
    arrayOf(value.decorators, isObject) &&
    value.decorators.every(isDecorator) &&
    isBoolean(value.optional) &&
    isBoolean(value.rest) &&
    isBoolean(value.readonly) &&
    (value.defaultValue === undefined || isString(value.defaultValue)) &&
    (value.accessibility === undefined || ['public', 'private', 'protected'].includes(value.accessibility as string))
  );
}

/** An imported binding (`module`, `exportName`) or a re-export (`from`, `name`): the index follows both strings. */
function hasStrings(value: unknown, first: string, second: string): boolean {
  return isObject(value) && isString(value[first]) && isString(value[second]);
}

function isExportFact(value: unknown): boolean {
  return (
    isObject(value) &&
    (value.resource === undefined || isString(value.resource)) &&
    (value.reexport === undefined || hasStrings(value.reexport, 'from', 'name'))
  );
}

function isParsedFacts(value: unknown): value is ParsedFacts {
  if (!isObject(value) || !arrayOf(value.imports, isImportFact) || !arrayOf(value.exportAll, isString) || !arrayOf(value.exportNames, isString)) {
    return false;
  }
  if (!isObject(value.exports) || !Object.values(value.exports).every(isExportFact)) return false;
  const registrations = value.registrations;
  if (
    !Array.isArray(registrations) ||
    !registrations.every(
      (fact: unknown) =>
        isObject(fact) &&
        isString(fact.key) &&
        isString(fact.registry) &&
        isString(fact.orm) &&
        isString(fact.entityKind) &&
        isString(fact.name) &&
        isNumber(fact.line) &&
        isNumber(fact.column) &&
        isBoolean(fact.repeatable) &&
        isBoolean(fact.guarded) &&
        isBoolean(fact.inFunction) &&
        isBoolean(fact.deferred) &&
        (fact.identity === undefined || fact.identity === null || isString(fact.identity)),
    )
  ) {
    return false;
  }
  const classesOk =
    Array.isArray(value.classes) &&
    value.classes.every(
      (fact: unknown) =>
        isObject(fact) &&
        isString(fact.name) &&
        arrayOf(fact.exportNames, isString) &&
        isNumber(fact.line) &&
        Array.isArray(fact.decorators) &&
        fact.decorators.every(isDecorator) &&
        (fact.superClass === undefined || isString(fact.superClass)) &&
        (fact.superClassImport === undefined || hasStrings(fact.superClassImport, 'module', 'exportName')) &&
        (fact.constructorParameters === undefined || (Array.isArray(fact.constructorParameters) && fact.constructorParameters.every(isParameter))) &&
        (fact.overloadedConstructor === undefined || fact.overloadedConstructor === true),
    );
  const functionsOk =
    Array.isArray(value.functions) &&
    value.functions.every(
      (fact: unknown) =>
        isObject(fact) &&
        isString(fact.name) &&
        arrayOf(fact.exportNames, isString) &&
        isNumber(fact.line) &&
        isBoolean(fact.async) &&
        Array.isArray(fact.parameters) &&
        fact.parameters.every(isParameter),
    );
  return classesOk && functionsOk;
}
