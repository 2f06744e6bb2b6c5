import fs from 'node:fs';
import path from 'node:path';

import { type TSESTree } from '@typescript-eslint/utils';
import picomatch from 'picomatch';

import type { ResourceCatalog, ResourceSpec } from './catalog';
import { mayContainRegistration } from './entities';
import {
  type ClassFact,
  type FunctionFact,
  ModuleResources,
  type ParameterFact,
  type ParsedFacts,
  type RegistrationFact,
  extractFacts,
} from './file-facts';
import { type FileRecord, type ScanFacts, cacheFileFor, cacheKey, hashText, loadCache, saveCache, textFingerprint } from './index-cache';
import { type ImportFact, scanImports } from './import-scan';
import { ModuleScope } from './module-scope';
import { parseTree } from './parsed-source';
import {
  type BuildOutput,
  type PackageInfo,
  type Resolution,
  ModuleResolver,
  buildFolderNames,
  compiledExtensions,
  findBuildOutput,
  isDeclarationFile,
  isWithin,
  sourceExtensions,
} from './module-resolution';
import type { ImportedBinding } from './resources';
import { type TsconfigInfo, parseJsonWithComments, readTsconfig } from './tsconfig';
import { AST_NODE_TYPES } from '../util/node-types';
import { escapeRegExp } from '../util/regexp';

export type { ClassFact, FunctionFact, ParameterFact, ParsedFacts, RegistrationFact } from './file-facts';

export interface ProjectIndexOptions {
  /** Files larger than this are not read: generated bundles, fixtures, data. */
  maxFileBytes: number;
  /** A root with more source files than this is indexed up to the limit (in sorted order). */
  maxFiles: number;
  /** A pause between two lints longer than this makes the project look for changed, added and removed files. */
  sweepIntervalMs: number;
  /** Keep facts in `node_modules/.cache/eslint-plugin-test-isolation/` between processes. */
  persistentCache: boolean;
}

const defaultOptions: ProjectIndexOptions = {
  maxFileBytes: 1024 * 1024,
  maxFiles: 20_000,
  sweepIntervalMs: 1_000,
  persistentCache: true,
};

// Read at run time so the cache key follows the published version.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pluginVersion = (require('../../package.json') as { version: string }).version;

/** A registration somewhere in the project. */
export interface RegistrationRef {
  file: string;
  fact: RegistrationFact;
}

/** An import somewhere in the project, with where it leads. */
export interface ImportRef {
  file: string;
  fact: ImportFact;
  resolution: Resolution;
}

/** A parsed program of another file, for recognisers that need its syntax (cross-file test APIs). */
export interface ForeignProgram {
  file: string;
  program: TSESTree.Program;
  scope: ModuleScope;
}

const savesAtExit = new Map<object, () => void>();
let exitHookInstalled = false;

const foreignPrograms = new WeakMap<TSESTree.Program, ForeignProgram>();

/** The program the index parsed that holds `node`, when it is not the linted file. */
export function foreignProgramOf(node: TSESTree.Node): ForeignProgram | undefined {
  let current: TSESTree.Node | undefined = node;
  while (current?.parent) current = current.parent;
  return current?.type === AST_NODE_TYPES.Program ? foreignPrograms.get(current) : undefined;
}

/** The file a node belongs to, when it comes from a program the index parsed (not the linted file). */
export function foreignFileOf(node: TSESTree.Node): string | undefined {
  return foreignProgramOf(node)?.file;
}

/** Per-catalog facts of one project: the catalog decides what counts as a registration or a resource. */
class FactStore {
  readonly records = new Map<string, FileRecord>();
  /** Files checked against the disk during the current sweep generation. */
  readonly checked = new Map<string, number>();
  /** Editor buffers that differ from the disk, keyed by file. */
  readonly overlays = new Map<string, { mtimeMs: number; size: number; record: FileRecord }>();
  version = 0;
  dirty = false;
  savedGeneration = -1;
  /** The sweep generation in which every project file was last brought up to date for the import index. */
  importsChecked = -1;
  readonly registrations = new WeakMap<object, { version: number; checked: number; byKey: Map<string, RegistrationRef[]> }>();
  /** The files that may register, for single-key queries. */
  registeringFiles: { version: number; checked: number; files: string[] } | undefined;
  /** Registrations of single keys, found without parsing the files whose text cannot spell the name. */
  readonly keyRegistrations = new WeakMap<object, Map<string, { version: number; checked: number; refs: RegistrationRef[] }>>();
  importers: { version: number; byTarget: Map<string, ImportRef[]>; resolvedTokens: Set<string> } | undefined;
  importIndex: { version: number; byToken: Map<string, { file: string; fact: ImportFact }[]> } | undefined;
  readonly extracting = new Set<string>();
  readonly loadsEntities = new Map<string, { version: number; value: boolean }>();

  constructor(readonly fingerprint: string) {}
}

const fingerprints = new WeakMap<ResourceCatalog, string>();

function catalogFingerprint(catalog: ResourceCatalog): string {
  let fingerprint = fingerprints.get(catalog);
  if (fingerprint === undefined) {
    fingerprint = hashText(JSON.stringify(catalog.specs));
    fingerprints.set(catalog, fingerprint);
  }
  return fingerprint;
}

/**
 * One project root (the nearest directory with a `tsconfig.json` or `package.json`): its files,
 * module resolution, and the facts of every file, read lazily and re-read when a file's
 * modification time or size changes.
 */
export class Project {
  readonly resolver: ModuleResolver;
  private fileList: string[] | undefined;
  private fileSet = new Set<string>();
  /** The enumeration stopped at `maxFiles`. */
  truncated = false;
  /** The project's folders hold symbolic links (not followed), so one file may have two paths. */
  hasSymbolicLinks = false;
  private generation = 0;
  private lastSweep = Number.NEGATIVE_INFINITY;
  private lastLint = Number.NEGATIVE_INFINITY;
  /** Texts just read by a scan, so a parse or an import scan that follows does not read them again. */
  private readonly recentTexts = new Map<string, { mtimeMs: number; size: number; text: string }>();
  private readonly runTokens = new WeakSet<object>();
  private readonly stores = new Map<string, FactStore>();
  private readonly buildOutputs = new Map<string, BuildOutput | null>();
  private readonly programs = new Map<string, { mtimeMs: number; size: number; program: ForeignProgram | null }>();
  /** The root's `tsconfig.json` and `package.json` and the configs the tsconfig extends, as they were read. */
  private readonly configurationFiles: readonly string[];
  private readonly configurationStamp: string;
  /** A sweep found a configuration file changed: the index replaces this project with one read afresh. */
  superseded = false;
  /** The parts of the configuration that shape facts (file selection, module resolution), for the persistent cache. */
  private configurationFingerprint: string | undefined;

  constructor(
    readonly root: string,
    readonly tsconfig: TsconfigInfo | undefined,
    readonly packageInfo: PackageInfo | undefined,
    private readonly options: ProjectIndexOptions,
    /** No `tsconfig.json` or `package.json` above the folder: no file list, no cross-file searches. */
    readonly detached = false,
  ) {
    this.resolver = new ModuleResolver(root, tsconfig, packageInfo);
    this.configurationFiles = detached
      ? []
      : [...new Set([path.join(root, 'tsconfig.json'), path.join(root, 'package.json'), ...(tsconfig?.configFiles ?? [])])];
    this.configurationStamp = stampOf(this.configurationFiles);
  }

  /**
   * Called when a rule starts on a file. A new ESLint run (a config object not seen before) or an
   * old sweep makes the project look for added, removed and changed files again.
   */
  beginLint(runToken: object | undefined): void {
    const newRun = runToken !== undefined && !this.runTokens.has(runToken);
    if (runToken !== undefined) this.runTokens.add(runToken);
    const now = Date.now();
    // Within a burst of lints (a CLI run) nothing changes on disk; after a pause (an editor
    // waiting for keystrokes) or a long time, look again.
    const paused = now - this.lastLint > this.options.sweepIntervalMs;
    this.lastLint = now;
    if (newRun || paused || now - this.lastSweep > 60_000) this.sweep();
  }

  /** Re-lists the project's files and re-checks every known file against the disk. */
  sweep(): void {
    this.lastSweep = Date.now();
    if (!this.superseded && stampOf(this.configurationFiles) !== this.configurationStamp) this.superseded = true;
    this.generation++;
    this.resolver.clear();
    this.buildOutputs.clear();
    const seen = { symbolicLinks: false };
    const files = this.detached
      ? []
      : enumerateProjectFiles(this.root, this.tsconfig, this.options.maxFiles, seen, (directory, entries) => this.resolver.adoptListing(directory, entries));
    this.hasSymbolicLinks = seen.symbolicLinks;
    this.truncated = files.length > this.options.maxFiles;
    this.fileList = files.slice(0, this.options.maxFiles);
    this.fileSet = new Set(this.fileList);
    for (const store of this.stores.values()) {
      for (const file of [...store.records.keys()]) {
        if (!this.fileSet.has(file)) {
          store.records.delete(file);
          store.version++;
          store.dirty = true;
        }
      }
      store.checked.clear();
    }
  }

  /** The project's source files, sorted; never `node_modules`, never outside the root. */
  files(): readonly string[] {
    if (!this.fileList) this.sweep();
    return this.fileList!;
  }

  isProjectFile(file: string): boolean {
    this.files();
    return this.fileSet.has(file);
  }

  resolve(fromFile: string, specifier: string): Resolution | undefined {
    return this.resolver.resolve(fromFile, specifier);
  }

  /** Whether a file's path is its real path: one `realpath` per folder, and the folder's listing for the file itself. */
  hasRealPath(file: string): boolean {
    const directory = path.dirname(file);
    const listing = this.resolver.listing(directory);
    if (!listing) return realPath(file) === file;
    return !listing.symbolicLinks.has(path.basename(file)) && realPath(directory) === directory;
  }

  /**
   * Whether a project file runs only as a command: a package.json script names it (`typeorm
   * --dataSource=src/db/data-source.ts`, `ts-node src/seed.ts`) and no project module imports it,
   * so no test loads it.
   */
  runsOnlyAsCommand(file: string, catalog: ResourceCatalog): boolean {
    const relative = path.relative(this.root, file).split(path.sep).join('/');
    if (relative.startsWith('..') || path.isAbsolute(relative)) return false;
    const named = new RegExp(`(?:^|[\\s='"])(?:\\./)?${escapeRegExp(relative)}(?=$|[\\s'"])`);
    if (!this.packageInfo?.scripts?.some((command) => named.test(command))) return false;
    return this.importersOf(file, catalog).length === 0;
  }

  /** The build output folder `file` is in, with the source it was compiled from. */
  buildOutputOf(file: string): BuildOutput | undefined {
    let found = this.buildOutputs.get(file);
    if (found === undefined) {
      found = findBuildOutput(file, this.root, this.tsconfig, this.resolver) ?? null;
      this.buildOutputs.set(file, found);
    }
    return found ?? undefined;
  }

  private store(catalog: ResourceCatalog): FactStore {
    const fingerprint = catalogFingerprint(catalog);
    let store = this.stores.get(fingerprint);
    if (!store) {
      store = new FactStore(fingerprint);
      this.stores.set(fingerprint, store);
      if (this.options.persistentCache) {
        const cacheFile = cacheFileFor(this.root, cacheKey(pluginVersion, fingerprint, this.root));
        if (cacheFile) {
          for (const [file, record] of loadCache(cacheFile, this.contentKey(fingerprint), this.root)) {
            store.records.set(file, record);
          }
        }
      }
    }
    return store;
  }

  /** Writes the facts to the persistent cache when they changed since the last write. */
  saveCache(catalog: ResourceCatalog): void {
    this.saveStore(this.store(catalog));
  }

  private saveStore(store: FactStore): void {
    if (!this.options.persistentCache || !store.dirty) return;
    store.dirty = false;
    store.savedGeneration = this.generation;
    const cacheFile = cacheFileFor(this.root, cacheKey(pluginVersion, store.fingerprint, this.root));
    if (cacheFile) saveCache(cacheFile, this.contentKey(store.fingerprint), this.root, store.records);
  }

  /**
   * The key a cache file's content must carry: the file's name comes from the plugin version, the
   * catalog and the root, and the content also from the configuration, since resolved imports depend
   * on the tsconfig's `paths` and the package's `exports`. A changed configuration overwrites the file.
   */
  private contentKey(catalogFingerprint: string): string {
    this.configurationFingerprint ??= hashText(JSON.stringify([this.tsconfig ?? null, this.packageInfo ?? null]));
    return cacheKey(pluginVersion, `${catalogFingerprint}\0${this.configurationFingerprint}`, this.root);
  }

  /** Facts not written yet stay unwritten: they were read under a configuration that changed since. */
  discardUnsavedFacts(): void {
    for (const store of this.stores.values()) savesAtExit.delete(store);
  }

  /** Saves once per sweep while linting, and once more when the process ends with unsaved facts. */
  private saveSoon(store: FactStore): void {
    if (!this.options.persistentCache) return;
    if (store.savedGeneration !== this.generation) this.saveStore(store);
    else savesAtExit.set(store, () => this.saveStore(store));
    if (!exitHookInstalled) {
      exitHookInstalled = true;
      process.once('exit', () => {
        for (const save of savesAtExit.values()) save();
      });
    }
  }

  /** The current facts of a file: the editor buffer's when it was linted with unsaved changes, else the disk's. */
  record(file: string, catalog: ResourceCatalog, options: { recheck?: boolean } = {}): FileRecord | undefined {
    const store = this.store(catalog);
    if (options.recheck || store.checked.get(file) !== this.generation) {
      this.checkAgainstDisk(file, catalog, store);
    }
    const overlay = store.overlays.get(file);
    const record = store.records.get(file);
    if (overlay && record && overlay.mtimeMs === record.mtimeMs && overlay.size === record.size) return overlay.record;
    return record;
  }

  private checkAgainstDisk(file: string, catalog: ResourceCatalog, store: FactStore): void {
    store.checked.set(file, this.generation);
    const stat = statOf(file);
    if (!stat) {
      if (store.records.delete(file)) {
        store.version++;
        store.dirty = true;
      }
      return;
    }
    const cached = store.records.get(file);
    if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) {
      // Parsed facts that read another file (a re-exported schema, an imported connection) go stale with it.
      const dependencies = Object.entries(cached.dependencies ?? {});
      if (dependencies.some(([dependency, [mtimeMs, size]]) => {
        const current = this.record(dependency, catalog);
        return current?.mtimeMs !== mtimeMs || current.size !== size;
      })) {
        cached.parsed = undefined;
        delete cached.dependencies;
        store.version++;
        store.dirty = true;
      }
      return;
    }
    store.records.set(file, this.scanFile(file, stat, catalog));
    store.version++;
    store.dirty = true;
  }

  private scanFile(file: string, stat: fs.Stats, catalog: ResourceCatalog): FileRecord {
    const empty: FileRecord = { mtimeMs: stat.mtimeMs, size: stat.size, readable: false, scan: { imports: [], mayRegister: false }, parsed: null };
    if (!stat.isFile() || stat.size > this.options.maxFileBytes) return empty;
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      return empty;
    }
    const mayRegister = mayContainRegistration(text, catalog);
    this.rememberText(file, stat, text);
    return { mtimeMs: stat.mtimeMs, size: stat.size, readable: true, textHash: textFingerprint(text), scan: { mayRegister, mayReexport: reexportSyntax.test(text) } };
  }

  private rememberText(file: string, stat: { mtimeMs: number; size: number }, text: string): void {
    this.recentTexts.delete(file);
    this.recentTexts.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, text });
    if (this.recentTexts.size > 16) this.recentTexts.delete(this.recentTexts.keys().next().value!);
  }

  /** A file's text: the one a scan just read when the disk still matches it, else read now. */
  private readText(file: string, stat: { mtimeMs: number; size: number }): string {
    const recent = this.recentTexts.get(file);
    if (recent && recent.mtimeMs === stat.mtimeMs && recent.size === stat.size) return recent.text;
    const text = fs.readFileSync(file, 'utf8');
    this.rememberText(file, stat, text);
    return text;
  }

  /** The lint in which each file was last checked by a single-file question. */
  private readonly recheckedInLint = new Map<string, number>();

  /**
   * A question about one file looks at the disk again (one `stat`) once per linted file, so an
   * edit between two lints counts; whole-project passes check each file once per sweep instead.
   */
  private recheckOnce(file: string, catalog: ResourceCatalog): void {
    if (this.recheckedInLint.get(file) === currentLint) return;
    this.recheckedInLint.set(file, currentLint);
    this.record(file, catalog, { recheck: true });
  }

  private readonly statsInLint = new Map<string, { lint: number; stat: fs.Stats | undefined }>();

  /** A file's `stat`, taken once per linted file: the questions of one lint see one state of the disk. */
  private statInLint(file: string): fs.Stats | undefined {
    const known = this.statsInLint.get(file);
    if (known?.lint === currentLint) return known.stat;
    if (this.statsInLint.size > 50_000) this.statsInLint.clear();
    const stat = statOf(file);
    this.statsInLint.set(file, { lint: currentLint, stat });
    return stat;
  }

  /** A file's modification time and size, looked up once per linted file; undefined when it is gone. */
  versionOf(file: string): FileVersion | undefined {
    const stat = this.statInLint(file);
    return stat && { mtimeMs: stat.mtimeMs, size: stat.size };
  }

  /** The module specifiers a file loads (scanned without parsing, on first use). */
  importsOf(file: string, catalog: ResourceCatalog): readonly ImportFact[] {
    const record = this.record(file, catalog);
    if (!record?.readable) return [];
    if (record.scan.imports === undefined) {
      const text = this.diskTextOf(file, record);
      // The disk moved on since the record was made: the next check of the file reads it again.
      if (text === undefined) return [];
      record.scan.imports = scanImports(text);
      this.store(catalog).dirty = true;
    }
    return record.scan.imports;
  }

  /** A file's imports with the project files they resolve to (packages and unresolvable specifiers have none). */
  resolvedImportsOf(file: string, catalog: ResourceCatalog): { fact: ImportFact; resolution: Resolution | undefined }[] {
    return this.importsOf(file, catalog).map((fact) => ({
      fact,
      resolution: this.resolver.isProjectSpecifier(fact.specifier) ? this.resolver.resolve(file, fact.specifier) : undefined,
    }));
  }

  /** The file's text on disk, when the disk still holds the version a record describes. */
  private diskTextOf(file: string, record: { mtimeMs: number; size: number }): string | undefined {
    try {
      const stat = fs.statSync(file);
      if (stat.mtimeMs !== record.mtimeMs || stat.size !== record.size) return undefined;
      return this.readText(file, stat);
    } catch {
      return undefined;
    }
  }

  /** The parsed facts of a file (parsed on first use); undefined when it cannot be read or parsed. */
  parsedFacts(file: string, catalog: ResourceCatalog): ParsedFacts | undefined {
    const record = this.record(file, catalog);
    if (!record?.readable) return undefined;
    if (record.parsed === undefined) {
      const store = this.store(catalog);
      if (store.extracting.has(file)) return undefined; // an import cycle: answer "unknown" inside it
      store.extracting.add(file);
      const consulted = new Set<string>();
      this.consulting.push(consulted);
      try {
        record.parsed = this.parseFacts(file, catalog) ?? null;
      } finally {
        store.extracting.delete(file);
        this.consulting.pop();
      }
      consulted.delete(file);
      if (consulted.size > 0) {
        record.dependencies = {};
        for (const dependency of [...consulted].sort()) {
          const current = store.records.get(dependency);
          if (current) record.dependencies[dependency] = [current.mtimeMs, current.size];
        }
      }
      // Parsing adds facts but never changes what the file says: the version stays.
      store.dirty = true;
    }
    this.consulting.at(-1)?.add(file);
    return record.parsed ?? undefined;
  }

  /** The files each extraction in progress has read facts from. */
  private readonly consulting: Set<string>[] = [];

  private parseFacts(file: string, catalog: ResourceCatalog): ParsedFacts | undefined {
    const foreign = this.program(file);
    if (!foreign) return undefined;
    return extractFacts(foreign.program, foreign.scope.text, foreign.scope, {
      file,
      catalog,
      importedResource: (binding) => this.exportedResource(file, binding, catalog),
      importIdentity: (binding) => this.importIdentity(file, binding, catalog),
    });
  }


  private readonly textTests = new Map<string, { mtimeMs: number; size: number; results: Map<string, string | null> }>();

  /**
   * Whether a file's text on disk matches `pattern`: a cheap test that lets a recogniser skip
   * parsing a module that cannot hold what it looks for. Remembered per file version; an
   * unreadable file matches nothing.
   */
  textMatches(file: string, pattern: RegExp): boolean {
    return this.textMatch(file, pattern) !== undefined;
  }

  /** The first match of `pattern` in a file's text on disk (its first group, or the whole match). */
  textMatch(file: string, pattern: RegExp): string | undefined {
    const stat = this.statInLint(file);
    if (!stat) return undefined;
    let entry = this.textTests.get(file);
    if (!entry || entry.mtimeMs !== stat.mtimeMs || entry.size !== stat.size) {
      entry = { mtimeMs: stat.mtimeMs, size: stat.size, results: new Map() };
      this.textTests.set(file, entry);
      if (this.textTests.size > 20_000) this.textTests.delete(this.textTests.keys().next().value!);
    }
    const key = `${pattern.source}/${pattern.flags}`;
    let result = entry.results.get(key);
    if (result === undefined) {
      result = null;
      try {
        const match = stat.isFile() && stat.size <= this.options.maxFileBytes ? pattern.exec(this.readText(file, stat)) : null;
        if (match) result = match[1] ?? match[0];
      } catch {
        result = null;
      }
      entry.results.set(key, result);
    }
    return result ?? undefined;
  }

  /** A file's syntax tree, parsed without type information; kept for the most recently used files. */
  program(file: string): ForeignProgram | undefined {
    const stat = this.statInLint(file);
    if (!stat) return undefined;
    const cached = this.programs.get(file);
    if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) {
      // most recently used last
      this.programs.delete(file);
      this.programs.set(file, cached);
      return cached.program ?? undefined;
    }
    let program: ForeignProgram | null = null;
    if (stat.isFile() && stat.size <= this.options.maxFileBytes) {
      try {
        const text = this.readText(file, stat);
        const ast = parseTree(file, text);
        if (ast) {
          program = { file, program: ast, scope: new ModuleScope(ast, text) };
          foreignPrograms.set(ast, program);
        }
      } catch {
        program = null;
      }
    }
    this.programs.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, program });
    if (this.programs.size > 64) this.programs.delete(this.programs.keys().next().value!);
    return program ?? undefined;
  }

  /** The last buffer compared with the disk, so the check made before reading the buffer is not repeated after. */
  private lastBufferCheck: { file: string; text: string; record: FileRecord; scan: ScanFacts | undefined } | undefined;

  /**
   * The scan's facts of a project file when `text` is exactly the text on disk they were read from
   * (compared through the fingerprint the scan kept, which includes the length); undefined when the
   * buffer differs, the file is not a project file, or the disk cannot be read.
   */
  diskScanOf(file: string, catalog: ResourceCatalog, text: string): ScanFacts | undefined {
    const store = this.store(catalog);
    this.record(file, catalog);
    const disk = store.records.get(file);
    if (!disk || !this.isProjectFile(file)) return undefined;
    const last = this.lastBufferCheck;
    if (last?.file === file && last.text === text && last.record === disk) return last.scan;
    // The scan's fingerprint of the disk's text spares reading the file again for every linted file.
    const same = disk.readable && (disk.textHash === undefined ? this.diskTextOf(file, disk) === text : textFingerprint(text) === disk.textHash);
    const scan = same ? disk.scan : undefined;
    this.lastBufferCheck = { file, text, record: disk, scan };
    return scan;
  }

  /**
   * Replaces a file's facts with those read from the linted buffer, when the buffer differs from
   * the disk (an editor's unsaved changes). A buffer equal to the disk changes nothing, so the
   * facts never depend on which files were linted first.
   */
  updateFromBuffer(file: string, catalog: ResourceCatalog, text: string, readFacts: () => ParsedFacts): void {
    const store = this.store(catalog);
    const same = this.diskScanOf(file, catalog, text) !== undefined;
    const disk = store.records.get(file);
    if (!this.isProjectFile(file) || !disk || same) {
      if (store.overlays.delete(file)) store.version++;
      return;
    }
    const facts = readFacts();
    store.overlays.set(file, {
      mtimeMs: disk.mtimeMs,
      size: disk.size,
      record: {
        mtimeMs: disk.mtimeMs,
        size: disk.size,
        readable: true,
        scan: { imports: facts.imports, mayRegister: facts.registrations.length > 0 },
        parsed: facts,
      },
    });
    store.version++;
  }

  /**
   * Every registration in the project's files, by registry key. `include` leaves files out (test
   * files, for a rule that does not compare them): they are then not even parsed. Pass the same
   * function object each time to reuse the result.
   */
  registrationsByKey(catalog: ResourceCatalog, include?: (file: string) => boolean): ReadonlyMap<string, RegistrationRef[]> {
    const store = this.store(catalog);
    const files = this.files();
    const wanted = (file: string) => include === undefined || include(file);
    let cached = store.registrations.get(include ?? store);
    // Bring every record up to date first: checking a file can change the store's version.
    if (cached?.checked !== this.generation) {
      for (const file of files) {
        const record = this.record(file, catalog);
        if (record?.scan.mayRegister && wanted(file)) this.parsedFacts(file, catalog);
      }
    }
    if (cached?.version !== store.version || cached.checked !== this.generation) {
      const byKey = new Map<string, RegistrationRef[]>();
      for (const file of files) {
        const record = this.record(file, catalog);
        if (!record?.scan.mayRegister || !wanted(file)) continue;
        for (const fact of this.parsedFacts(file, catalog)?.registrations ?? []) {
          const list = byKey.get(fact.key) ?? [];
          list.push({ file, fact });
          byKey.set(fact.key, list);
        }
      }
      cached = { version: store.version, checked: this.generation, byKey };
      store.registrations.set(include ?? store, cached);
      this.saveSoon(store);
    }
    return cached.byKey;
  }

  /**
   * The registrations of one key (whose name is `name`), as `registrationsByKey` gives them, but
   * parsing only the files whose text can spell the name: a registration's name is always written
   * in its own file (a literal, a class or import name, or that in snake case).
   */
  registrationsOf(key: string, name: string, catalog: ResourceCatalog, include?: (file: string) => boolean): RegistrationRef[] {
    const store = this.store(catalog);
    const whole = store.registrations.get(include ?? store);
    if (whole?.version === store.version && whole.checked === this.generation) return whole.byKey.get(key) ?? [];
    let byKey = store.keyRegistrations.get(include ?? store);
    if (!byKey) {
      byKey = new Map();
      store.keyRegistrations.set(include ?? store, byKey);
    }
    const cached = byKey.get(key);
    if (cached?.version === store.version && cached.checked === this.generation) return cached.refs;
    const refs: RegistrationRef[] = [];
    for (const file of this.registeringFiles(catalog)) {
      const record = this.record(file, catalog);
      if (record?.parsed === undefined && record && !this.maySpell(file, record, name, catalog)) continue;
      // After the name: `include` may read the file's imports.
      if (include && !include(file)) continue;
      for (const fact of this.parsedFacts(file, catalog)?.registrations ?? []) {
        if (fact.key === key) refs.push({ file, fact });
      }
    }
    byKey.set(key, { version: store.version, checked: this.generation, refs });
    this.saveSoon(store);
    return refs;
  }

  /** The project files whose scan found a registration's text shape. */
  private registeringFiles(catalog: ResourceCatalog): string[] {
    const store = this.store(catalog);
    const files = this.files();
    const cached = store.registeringFiles;
    if (cached?.version === store.version && cached.checked === this.generation) return cached.files;
    // Bring every record up to date first: checking a file can change the store's version.
    for (const file of files) this.record(file, catalog);
    const registering = files.filter((file) => this.record(file, catalog)?.scan.mayRegister === true);
    store.registeringFiles = { version: store.version, checked: this.generation, files: registering };
    return registering;
  }

  /** Whether the disk text of an unparsed file can spell a registration name; true when unsure. */
  private maySpell(file: string, record: FileRecord, name: string, catalog: ResourceCatalog): boolean {
    // Lower-casing is exact per character only for ASCII names, as the snake-case comparison needs.
    if (!/^[\x20-\x7e]*$/.test(name)) return true;
    const text = this.diskTextOf(file, record);
    if (text === undefined) return true;
    // Escapes can spell a name that is not in the text as written: `'Us\u0065r'`.
    const decoded = text.includes('\\') ? decodeEscapes(text) : text;
    if (decoded.includes(name)) return true;
    // A snake-cased class or option name (`UserProfile` → `user_profile`) differs in case and underscores only.
    return hasSnakeCaseNames(catalog) && squash(decoded).includes(squash(name));
  }

  /** The registrations of one key, re-checked against the disk so an edit made since the last sweep counts. */
  confirmRegistrations(key: string, name: string, catalog: ResourceCatalog, include?: (file: string) => boolean): RegistrationRef[] {
    const refs = this.registrationsOf(key, name, catalog, include);
    let changed = false;
    const store = this.store(catalog);
    for (const file of new Set(refs.map((ref) => ref.file))) {
      const before = store.version;
      this.record(file, catalog, { recheck: true });
      if (store.version !== before) changed = true;
    }
    return changed ? [...this.registrationsOf(key, name, catalog, include)] : refs;
  }

  /** The imports in the project that load `target` (compared by real path), found by the imports' last path segment and then resolved. */
  importersOf(target: string, catalog: ResourceCatalog): ImportRef[] {
    const store = this.store(catalog);
    const index = this.importIndex(catalog);
    if (store.importers?.version !== store.version) store.importers = { version: store.version, byTarget: new Map(), resolvedTokens: new Set() };
    const { byTarget, resolvedTokens } = store.importers;
    const realTarget = realPath(target);
    for (const token of moduleNameTokens(realTarget, target)) {
      if (resolvedTokens.has(token)) continue;
      resolvedTokens.add(token);
      // Resolve every candidate of this name once, and file it under the module it reaches.
      for (const { file, fact } of index.get(token) ?? []) {
        const resolution = this.resolver.resolve(file, fact.specifier);
        if (!resolution) continue;
        const reached = realPath(resolution.path);
        const refs = byTarget.get(reached) ?? [];
        if (!refs.some((ref) => ref.file === file && ref.fact === fact)) refs.push({ file, fact, resolution });
        byTarget.set(reached, refs);
      }
    }
    const refs = byTarget.get(realTarget) ?? [];
    refs.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.fact.line - b.fact.line || a.fact.column - b.fact.column));
    return refs;
  }

  /** Every project-relative import in the project, by the lower-case last segment of its specifier. */
  private importIndex(catalog: ResourceCatalog): Map<string, { file: string; fact: ImportFact }[]> {
    const store = this.store(catalog);
    const files = this.files();
    if (store.importsChecked !== this.generation) {
      for (const file of files) this.record(file, catalog);
      store.importsChecked = this.generation;
    }
    if (store.importIndex?.version === store.version) return store.importIndex.byToken;
    const byToken = new Map<string, { file: string; fact: ImportFact }[]>();
    for (const file of files) {
      for (const fact of this.importsOf(file, catalog)) {
        if (fact.typeOnly || !this.resolver.isProjectSpecifier(fact.specifier)) continue;
        const token = lastSegmentToken(fact.specifier);
        const list = byToken.get(token) ?? [];
        list.push({ file, fact });
        byToken.set(token, list);
      }
    }
    store.importIndex = { version: store.version, byToken };
    return byToken;
  }

  /**
   * Where an imported binding is declared, following `export … from` and `export *`:
   * `<file>#<name>`, or `<module>#<name>` when the module is not a project file.
   */
  importIdentity(fromFile: string, binding: ImportedBinding, catalog: ResourceCatalog): string {
    const origin = this.resolveOrigin(fromFile, binding, catalog);
    return origin ? `${origin.file}#${origin.name}` : `${binding.module}#${binding.exportName}`;
  }

  resolveOrigin(fromFile: string, binding: ImportedBinding, catalog: ResourceCatalog, depth = 0): { file: string; name: string } | undefined {
    if (depth > 8) return undefined;
    const resolution = this.resolver.isProjectSpecifier(binding.module) ? this.resolver.resolve(fromFile, binding.module) : undefined;
    if (!resolution) return undefined;
    const file = resolution.path;
    this.recheckOnce(file, catalog);
    if (binding.exportName === '*') return { file, name: '*' };
    // A module without re-export syntax declares what it exports: no parse needed.
    if (this.record(file, catalog)?.scan.mayReexport === false) return { file, name: binding.exportName };
    const facts = this.parsedFacts(file, catalog);
    if (!facts) return { file, name: binding.exportName };
    const fact = facts.exports[binding.exportName];
    if (fact?.reexport) {
      return this.resolveOrigin(file, { module: fact.reexport.from, exportName: fact.reexport.name }, catalog, depth + 1) ?? { file, name: binding.exportName };
    }
    if (facts.exportNames.includes(binding.exportName)) return { file, name: binding.exportName };
    for (const from of facts.exportAll) {
      const target = this.resolver.isProjectSpecifier(from) ? this.resolver.resolve(file, from) : undefined;
      if (target && this.exportsName(target.path, binding.exportName, catalog, depth + 1)) {
        return this.resolveOrigin(file, { module: from, exportName: binding.exportName }, catalog, depth + 1);
      }
    }
    return { file, name: binding.exportName };
  }

  /** Whether a module exports `name`, itself or through `export *`. */
  private exportsName(file: string, name: string, catalog: ResourceCatalog, depth: number): boolean {
    if (depth > 8) return false;
    const facts = this.parsedFacts(file, catalog);
    if (!facts) return false;
    if (facts.exportNames.includes(name) || facts.exports[name]) return true;
    return facts.exportAll.some((from) => {
      const target = this.resolver.isProjectSpecifier(from) ? this.resolver.resolve(file, from) : undefined;
      return target !== undefined && this.exportsName(target.path, name, catalog, depth + 1);
    });
  }

  /**
   * Whether loading `file` registers an entity: the file itself, or (with `transitive`) any
   * project file it imports, directly or through other imports.
   */
  registersEntities(file: string, catalog: ResourceCatalog, transitive: boolean): boolean {
    const registers = (candidate: string) => {
      const record = this.record(candidate, catalog);
      return record?.scan.mayRegister === true && (this.parsedFacts(candidate, catalog)?.registrations.length ?? 0) > 0;
    };
    if (!transitive) return registers(file);
    const store = this.store(catalog);
    const memo = store.loadsEntities.get(file);
    if (memo?.version === store.version) return memo.value;
    const visited = new Set([file]);
    const queue = [file];
    let value = false;
    while (queue.length > 0 && visited.size <= 2_000) {
      const current = queue.shift()!;
      if (registers(current)) {
        value = true;
        break;
      }
      for (const fact of this.importsOf(current, catalog)) {
        if (fact.typeOnly || !this.resolver.isProjectSpecifier(fact.specifier)) continue;
        const next = this.resolver.resolve(current, fact.specifier)?.path;
        if (next && !visited.has(next) && this.isProjectFile(next)) {
          visited.add(next);
          queue.push(next);
        }
      }
    }
    store.loadsEntities.set(file, { version: store.version, value });
    return value;
  }

  /**
   * Where the compiler writes a source file: under the tsconfig `outDir` (even before a build),
   * or an existing compiled twin (`x.js` beside `x.ts`, `dist/x.js` for `src/x.ts`).
   */
  outputsOf(source: string): string[] {
    const ext = path.extname(source);
    const outputExt = compiledExtensions[ext];
    if (!outputExt || this.buildOutputOf(source)) return [];
    const outputs: string[] = [];
    const src = path.join(this.root, 'src');
    // Without `rootDir`, tsc mirrors the common folder of the sources: `src/` or the project root.
    const sourceRoots = this.tsconfig?.rootDir ? [this.tsconfig.rootDir] : [...(isWithin(source, src) ? [src] : []), this.root];
    const outDir = this.tsconfig?.outDir;
    for (const sourceRoot of sourceRoots) {
      const relative = path.relative(sourceRoot, source);
      if (relative.startsWith('..')) continue;
      const stem = relative.slice(0, relative.length - ext.length);
      if (outDir) {
        outputs.push(path.join(outDir, stem + outputExt));
        continue;
      }
      for (const folder of buildFolderNames) {
        const twin = path.join(this.root, folder, stem + outputExt);
        if (this.resolver.isFile(twin)) outputs.push(twin);
      }
    }
    const beside = source.slice(0, -ext.length) + outputExt;
    if (!outDir && this.resolver.isFile(beside)) outputs.push(beside);
    return outputs;
  }

  /** The first catalog resource among `nodes`, which belong to the parsed tree of `file` (a fixture's values). */
  resourceInFile(file: string, nodes: readonly TSESTree.Node[], catalog: ResourceCatalog): ResourceSpec | undefined {
    const foreign = (nodes[0] && foreignProgramOf(nodes[0])) ?? this.program(file);
    if (!foreign) return undefined;
    const resources = new ModuleResources(foreign.scope, {
      file,
      catalog,
      importedResource: (binding) => this.exportedResource(file, binding, catalog),
      importIdentity: (binding) => this.importIdentity(file, binding, catalog),
    });
    for (const node of nodes) {
      const spec = resources.resourceOf(node);
      if (spec) return spec;
    }
    return undefined;
  }

  /**
   * The exported class or function an imported binding names, read from the file that declares it
   * (following re-exports): what `new C(...)` and `createC(...)` in another file take.
   */
  exportedDeclaration(
    fromFile: string,
    binding: ImportedBinding,
    catalog: ResourceCatalog,
  ): { file: string; class?: ClassFact; function?: FunctionFact } | undefined {
    const origin = this.resolveOrigin(fromFile, binding, catalog);
    const facts = origin && this.parsedFacts(origin.file, catalog);
    if (!origin || !facts) return undefined;
    const classFact = facts.classes.find((fact) => fact.exportNames.includes(origin.name));
    if (classFact) return { file: origin.file, class: classFact };
    const functionFact = facts.functions.find((fact) => fact.exportNames.includes(origin.name));
    return functionFact ? { file: origin.file, function: functionFact } : undefined;
  }

  /**
   * The constructor parameters of an imported class, inherited from its superclass (through
   * imports, up to a few levels) when it declares no constructor. Undefined when unknown.
   */
  constructorParameters(fromFile: string, binding: ImportedBinding, catalog: ResourceCatalog, depth = 0): ParameterFact[] | undefined {
    if (depth > 5) return undefined;
    const found = this.exportedDeclaration(fromFile, binding, catalog);
    const classFact = found?.class;
    if (!found || !classFact) return undefined;
    if (classFact.constructorParameters) return classFact.constructorParameters;
    if (classFact.superClass === undefined) return [];
    return classFact.superClassImport ? this.constructorParameters(found.file, classFact.superClassImport, catalog, depth + 1) : undefined;
  }

  /** The catalog resource an imported binding holds, when a project file creates it at module level. */
  exportedResource(fromFile: string, binding: ImportedBinding, catalog: ResourceCatalog, depth = 0): ResourceSpec | undefined {
    if (depth > 5 || binding.exportName === '*') return undefined;
    const resolution = this.resolver.isProjectSpecifier(binding.module) ? this.resolver.resolve(fromFile, binding.module) : undefined;
    if (!resolution) return undefined;
    this.recheckOnce(resolution.path, catalog);
    const facts = this.parsedFacts(resolution.path, catalog);
    if (!facts) return undefined;
    const fact = facts.exports[binding.exportName];
    if (fact?.resource) return catalog.get(fact.resource);
    if (fact?.reexport) {
      return this.exportedResource(resolution.path, { module: fact.reexport.from, exportName: fact.reexport.name }, catalog, depth + 1);
    }
    for (const from of facts.exportAll) {
      const found = this.exportedResource(resolution.path, { module: from, exportName: binding.exportName }, catalog, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
}

/** Modification time and size of each file, `-` for one that is missing: equal stamps, unchanged files. */
function stampOf(files: readonly string[]): string {
  return files
    .map((file) => {
      const stat = statOf(file);
      return stat ? `${stat.mtimeMs}:${stat.size}` : '-';
    })
    .join('|');
}

/** The file's stat, or undefined when it is gone or unreadable. */
export function statOf(file: string): fs.Stats | undefined {
  try {
    // A missing file answers undefined rather than throwing: an exception costs more than the stat.
    return fs.statSync(file, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/** The text with every escape sequence replaced by the character it stands for (or removed, for a line continuation). */
function decodeEscapes(text: string): string {
  return text.replace(/\\(?:u\{([0-9a-fA-F]+)\}|u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2})|([0-3][0-7]{0,2}|[4-7][0-7]?)|(\r\n|[\n\r\u2028\u2029])|([\s\S]))/g, (_, braced, unicode, hex, octal, lineBreak, other) => {
    if (lineBreak !== undefined) return '';
    if (other !== undefined) return other as string;
    const code = braced !== undefined ? parseInt(braced as string, 16) : unicode !== undefined ? parseInt(unicode as string, 16) : hex !== undefined ? parseInt(hex as string, 16) : parseInt(octal as string, 8);
    return code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}

const squash = (text: string) => text.toLowerCase().replaceAll('_', '');

const snakeCaseCatalogs = new WeakMap<ResourceCatalog, boolean>();

function hasSnakeCaseNames(catalog: ResourceCatalog): boolean {
  let found = snakeCaseCatalogs.get(catalog);
  if (found === undefined) {
    found = catalog.specs.some((spec) => (spec.registers ?? []).some((register) => [...register.name, ...(register.namespace ?? [])].some((source) => source.case !== undefined)));
    snakeCaseCatalogs.set(catalog, found);
  }
  return found;
}

/** Syntax that can pass on another module's binding; its absence makes a file the origin of its exports. */
const reexportSyntax = /\bexport\s*(?:\*|\{|default\s+[\w$]+\s*;?\s*$|(?:const|let|var)\s+[\w$]+\s*=\s*[\w$]+\s*;?\s*$)|\bexport\s*=|module\.exports|\bexports\./m;

const realPaths = new Map<string, string>();

export function realPath(file: string): string {
  let real = realPaths.get(file);
  if (real === undefined) {
    try {
      real = fs.realpathSync.native(file);
    } catch {
      real = file;
    }
    if (realPaths.size > 50_000) realPaths.clear();
    realPaths.set(file, real);
  }
  return real;
}

const scriptExtension = /\.(d\.)?[cm]?[jt]sx?$/i;

/** Lower-case names an import of `file` can end with: `user.entity` for `user.entity.ts`, the folder for an `index` file. */
function moduleNameTokens(...files: string[]): Set<string> {
  const tokens = new Set<string>();
  for (const file of files) {
    const base = path.basename(file).replace(scriptExtension, '').toLowerCase();
    tokens.add(base);
    if (base === 'index') tokens.add(path.basename(path.dirname(file)).toLowerCase());
  }
  return tokens;
}

function lastSegmentToken(specifier: string): string {
  const bare = specifier.split(/[?#]/, 1)[0]!.replace(/\/+$/, '');
  const last = bare.slice(bare.lastIndexOf('/') + 1);
  return last.replace(scriptExtension, '').toLowerCase();
}

const skippedFolders = new Set(['node_modules', 'bower_components', 'jspm_packages']);
/** Without a tsconfig, these hold generated code, not sources. */
const generatedFolders = new Set(['dist', 'build', 'out', 'coverage']);

const toPosix = path.sep === '/' ? (file: string) => file : (file: string) => file.split(path.sep).join('/');

/** TypeScript's `include`/`exclude` patterns as matchers: a folder pattern means everything under it. */
function tsGlobMatcher(patterns: readonly string[]): (file: string) => boolean {
  const expanded = patterns.flatMap((pattern) => {
    const posix = toPosix(pattern).replace(/\/+$/, '');
    const last = posix.slice(posix.lastIndexOf('/') + 1);
    if (last === '**') return [`${posix}/*`];
    if (!/[*?]/.test(last) && !/\.[^/]+$/.test(last)) return [`${posix}/**/*`, posix];
    return [posix];
  });
  return expanded.length === 0 ? () => false : picomatch(expanded, { dot: false });
}

interface FileSelection {
  include: (file: string) => boolean;
  exclude: (file: string) => boolean;
  files: Set<string>;
  extensions: string[];
}

function selectionOf(config: TsconfigInfo): FileSelection {
  const configDir = path.dirname(config.file);
  const include = config.include ?? (config.files ? [] : [path.join(configDir, '**/*')]);
  const exclude =
    config.exclude ??
    [
      path.join(configDir, 'node_modules'),
      path.join(configDir, 'bower_components'),
      path.join(configDir, 'jspm_packages'),
      ...[config.outDir, config.declarationDir].filter((dir): dir is string => dir !== undefined),
    ];
  return {
    include: tsGlobMatcher(include),
    exclude: tsGlobMatcher(exclude),
    files: new Set(config.files ?? []),
    extensions: config.allowJs ? sourceExtensions : sourceExtensions.filter((ext) => ext.includes('t')),
  };
}

/**
 * The files a project's tsconfig selects (with its project references), or every source file when
 * there is no usable tsconfig. Symbolic links are not followed, so nothing outside the root is read.
 * Returns at most `maxFiles + 1` files, so the caller can tell it stopped.
 */
export function enumerateProjectFiles(
  root: string,
  tsconfig: TsconfigInfo | undefined,
  maxFiles: number,
  found: { symbolicLinks: boolean } = { symbolicLinks: false },
  /** Hands over each folder's entries as read, for whoever would read the folder again. */
  onListing?: (directory: string, entries: readonly fs.Dirent[]) => void,
): string[] {
  const selections: FileSelection[] = [];
  if (tsconfig) {
    const seen = new Set<string>();
    const addConfig = (config: TsconfigInfo, depth: number) => {
      if (seen.has(config.file) || depth > 3) return;
      seen.add(config.file);
      if (config.include !== undefined || config.files === undefined || config.files.length > 0 || config.references.length === 0) {
        selections.push(selectionOf(config));
      }
      for (const reference of config.references) {
        if (!isWithin(reference, root)) continue;
        const referenced = readTsconfig(reference);
        if (referenced) addConfig(referenced, depth + 1);
      }
    };
    addConfig(tsconfig, 0);
  }
  const files: string[] = [];
  const visit = (directory: string): void => {
    if (files.length > maxFiles) return;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(directory, { withFileTypes: true });
    } catch {
      return;
    }
    onListing?.(directory, entries);
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (files.length > maxFiles) return;
      if (entry.isSymbolicLink()) {
        found.symbolicLinks = true;
        continue;
      }
      const full = path.join(directory, entry.name);
      if (entry.isDirectory()) {
        if (entry.name.startsWith('.') || skippedFolders.has(entry.name)) continue;
        if (!tsconfig && generatedFolders.has(entry.name)) continue;
        if (selections.length > 0 && selections.every((selection) => selection.exclude(toPosix(full)))) continue;
        visit(full);
      } else if (entry.isFile()) {
        if (isDeclarationFile(entry.name)) continue;
        const ext = path.extname(entry.name);
        if (selections.length === 0) {
          if (sourceExtensions.includes(ext)) files.push(full);
          continue;
        }
        const posix = toPosix(full);
        const selected = selections.some(
          (selection) =>
            selection.extensions.includes(ext) &&
            (selection.files.has(full) || (selection.include(posix) && !selection.exclude(posix))),
        );
        if (selected) files.push(full);
      }
    }
  };
  visit(root);
  return files;
}

/**
 * Cross-file facts, read from disk (not only from the files being linted) so they hold when ESLint
 * lints a single file. One `Project` per root, shared by every rule and file in the process.
 */
export class ProjectIndex {
  private readonly projects = new Map<string, Project | null>();
  private readonly rootByDirectory = new Map<string, string | null>();
  private readonly projectByDirectory = new Map<string, Project | null>();
  readonly options: ProjectIndexOptions;

  constructor(options: Partial<ProjectIndexOptions> = {}) {
    this.options = { ...defaultOptions, ...options };
  }

  /** The project the file belongs to; undefined when no `tsconfig.json` or `package.json` is above it. */
  projectFor(file: string): Project | undefined {
    if (!path.isAbsolute(file)) return undefined;
    // Asked once per linted file: one lookup by folder instead of walking the folder's ancestors.
    const directory = path.dirname(file);
    const known = this.projectByDirectory.get(directory);
    if (known === null) return undefined;
    if (known !== undefined) {
      if (!known.superseded) return known;
      this.forget(known);
    }
    const project = this.findProject(file);
    this.projectByDirectory.set(directory, project ?? null);
    return project;
  }

  /**
   * The file's project, brought up to date for a lint that starts. When the sweep this starts finds the
   * project's tsconfig or package.json changed, the lint gets a project read afresh.
   */
  beginLint(file: string, runToken: object | undefined): Project | undefined {
    const project = this.projectFor(file);
    project?.beginLint(runToken);
    if (!project?.superseded) return project;
    const fresh = this.projectFor(file);
    fresh?.beginLint(runToken);
    return fresh;
  }

  /** Drops a superseded project and the folders' answers that led to it; its unsaved facts are not written. */
  private forget(project: Project): void {
    for (const [key, value] of this.projects) if (value === project) this.projects.delete(key);
    for (const [directory, value] of this.projectByDirectory) if (value === project) this.projectByDirectory.delete(directory);
    project.discardUnsavedFacts();
  }

  private findProject(file: string): Project | undefined {
    const root = this.rootOf(path.dirname(file));
    // Without a project root the folder still resolves imports and reads single files, but lists
    // no files: nothing outside a project is searched.
    const key = root ?? `\0${path.dirname(file)}`;
    let project = this.projects.get(key);
    if (project === undefined) {
      project = root === undefined ? new Project(path.dirname(file), undefined, undefined, this.options, true) : createProject(root, this.options);
      this.projects.set(key, project ?? null);
    }
    return project ?? undefined;
  }

  private rootOf(directory: string): string | undefined {
    const visited: string[] = [];
    let found: string | null | undefined;
    for (let dir = directory; ; dir = path.dirname(dir)) {
      const cached = this.rootByDirectory.get(dir);
      if (cached !== undefined) {
        found = cached;
        break;
      }
      visited.push(dir);
      if (isFileSync(path.join(dir, 'tsconfig.json')) || isFileSync(path.join(dir, 'package.json'))) {
        found = dir;
        break;
      }
      if (path.dirname(dir) === dir) {
        found = null;
        break;
      }
    }
    for (const dir of visited) this.rootByDirectory.set(dir, found ?? null);
    return found ?? undefined;
  }

  /** Resolves a relative or project import to a file on disk. */
  resolveImport(fromFile: string, specifier: string): string | undefined {
    return this.projectFor(fromFile)?.resolve(fromFile, specifier)?.path;
  }

  /** The catalog resource that `binding` (imported from a project module) holds, when it is one created at module level. */
  exportedResource(fromFile: string, binding: ImportedBinding, catalog: ResourceCatalog): ResourceSpec | undefined {
    return this.projectFor(fromFile)?.exportedResource(fromFile, binding, catalog);
  }
}

function isFileSync(file: string): boolean {
  try {
    return fs.statSync(file, { throwIfNoEntry: false })?.isFile() === true;
  } catch {
    return false;
  }
}

function createProject(root: string, options: ProjectIndexOptions): Project | undefined {
  const tsconfigFile = path.join(root, 'tsconfig.json');
  const tsconfig = isFileSync(tsconfigFile) ? readTsconfig(tsconfigFile) : undefined;
  let packageInfo: PackageInfo | undefined;
  try {
    const json = parseJsonWithComments(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    if (json) {
      packageInfo = {};
      if (typeof json.name === 'string') packageInfo.name = json.name;
      if (typeof json.main === 'string') packageInfo.main = json.main;
      if (json.exports !== undefined) packageInfo.exports = json.exports;
      if (typeof json.scripts === 'object' && json.scripts !== null) {
        packageInfo.scripts = Object.values(json.scripts).filter((command): command is string => typeof command === 'string');
      }
    }
  } catch {
    packageInfo = undefined;
  }
  return new Project(root, tsconfig, packageInfo, options);
}

let sharedIndex: ProjectIndex | undefined;

/** Counts the linted files (by syntax tree), so single-file questions look at the disk once per lint. */
let currentLint = 0;
let currentLintKey: object | undefined;

/** Called when the recognition layer starts on a linted file's syntax tree. */
export function noteLint(ast: object): void {
  if (ast === currentLintKey) return;
  currentLintKey = ast;
  currentLint++;
}

export interface FileVersion {
  mtimeMs: number;
  size: number;
}

/** The process-wide project index: shared by all rules and files, kept across runs in an editor. */
export function getProjectIndex(): ProjectIndex {
  sharedIndex ??= new ProjectIndex();
  return sharedIndex;
}
