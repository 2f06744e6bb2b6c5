import fs from 'node:fs';
import path from 'node:path';

import type { TsconfigInfo } from './tsconfig';

export const sourceExtensions = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
/** A declaration file (`x.d.ts`, `x.d.mts`, `x.d.cts`): types only, erased, it loads nothing at run time. */
export function isDeclarationFile(file: string): boolean {
  return /\.d\.[cm]?ts$/.test(file);
}

/** What the compiler writes for a TypeScript source: `x.ts` → `x.js`. */
export const compiledExtensions: Readonly<Record<string, string>> = { '.ts': '.js', '.tsx': '.js', '.mts': '.mjs', '.cts': '.cjs' };
/** TypeScript resolves `./x.js` to `./x.ts` when the source is TypeScript. */
const typeScriptTwins: Record<string, string[]> = { '.js': ['.ts', '.tsx'], '.jsx': ['.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'] };

/** Where a module specifier leads. */
export interface Resolution {
  /** The file, spelled as it is on disk. */
  path: string;
  /** The specifier's spelling matches the disk; false when only a case-insensitive match exists. */
  exact: boolean;
  via: 'relative' | 'paths' | 'baseUrl' | 'self';
  /** The specifier with the on-disk casing, when `exact` is false and the written part can be rewritten. */
  correctedSpecifier?: string;
}

interface DirectoryListing {
  names: Set<string>;
  byLowerCase: Map<string, string[]>;
  /** A symbolic link's kind is its target's. */
  kinds: Map<string, 'file' | 'directory' | 'other'>;
  symbolicLinks: Set<string>;
}

export interface PackageInfo {
  name?: string;
  main?: string;
  exports?: unknown;
  /** The commands of the `scripts` section. */
  scripts?: string[];
}

/**
 * Resolves project-relative module specifiers the way TypeScript does for source files, and tells
 * whether the specifier's casing matches the disk by reading each directory once (a `stat` on a
 * case-insensitive file system would succeed with the wrong case).
 */
export class ModuleResolver {
  private readonly listings = new Map<string, DirectoryListing | null>();
  private readonly cache = new Map<string, Resolution | null>();
  private readonly exactDirectories = new Map<string, boolean>();
  /** The file a base path names with every segment spelled as written, by anchor and base: imports from many folders share it. */
  private readonly exactFiles = new Map<string, string | null>();
  private readonly pathPatterns: { prefix: string; suffix: string; wildcard: boolean; targets: string[] }[];

  constructor(
    readonly root: string,
    private readonly tsconfig: TsconfigInfo | undefined,
    private readonly packageInfo: PackageInfo | undefined,
  ) {
    this.pathPatterns = Object.entries(tsconfig?.paths ?? {})
      .map(([pattern, targets]) => {
        const star = pattern.indexOf('*');
        return star === -1
          ? { prefix: pattern, suffix: '', wildcard: false, targets }
          : { prefix: pattern.slice(0, star), suffix: pattern.slice(star + 1), wildcard: true, targets };
      })
      // TypeScript picks the pattern with the longest prefix.
      .sort((a, b) => b.prefix.length - a.prefix.length);
  }

  /** Forgets directory listings and resolutions: called when the project is swept for changes. */
  clear(): void {
    this.listings.clear();
    this.cache.clear();
    this.exactDirectories.clear();
    this.exactFiles.clear();
  }

  /** Whether a specifier could name a project file (relative, absolute, a `paths` alias, `baseUrl`, or the package's own name). */
  isProjectSpecifier(specifier: string): boolean {
    if (specifier.startsWith('.') || path.isAbsolute(specifier)) return true;
    if (this.packageInfo?.name && (specifier === this.packageInfo.name || specifier.startsWith(`${this.packageInfo.name}/`))) return true;
    if (this.pathPatterns.some((p) => specifier.startsWith(p.prefix) && (p.wildcard || specifier === p.prefix))) return true;
    return this.tsconfig?.baseUrl !== undefined;
  }

  resolve(fromFile: string, specifier: string): Resolution | undefined {
    const fromDir = path.dirname(fromFile);
    const cacheKey = `${fromDir}\0${specifier}`;
    const cached = this.cache.get(cacheKey);
    if (cached !== undefined) return cached ?? undefined;
    let found: Resolution | undefined;
    try {
      found = this.compute(fromDir, specifier);
    } catch {
      found = undefined;
    }
    this.cache.set(cacheKey, found ?? null);
    return found;
  }

  private compute(fromDir: string, specifier: string): Resolution | undefined {
    // A bundler query (`./worker?url`) is not part of the path; `#` starts Node's subpath imports.
    const bare = specifier.split('?', 1)[0]!;
    if (bare.startsWith('.') || path.isAbsolute(bare)) {
      const base = path.resolve(fromDir, bare);
      const anchor = commonAncestor(base, fromDir);
      return this.resolveBase(base, anchor, specifier, 'relative');
    }
    const self = this.resolveSelfReference(bare);
    if (self) return self;
    for (const pattern of this.pathPatterns) {
      if (!bare.startsWith(pattern.prefix)) continue;
      if (!pattern.wildcard && bare !== pattern.prefix) continue;
      if (pattern.wildcard && (!bare.endsWith(pattern.suffix) || bare.length < pattern.prefix.length + pattern.suffix.length)) continue;
      const matched = pattern.wildcard ? bare.slice(pattern.prefix.length, bare.length - pattern.suffix.length) : '';
      for (const target of pattern.targets) {
        const star = target.indexOf('*');
        const substituted = star === -1 ? target : target.slice(0, star) + matched + target.slice(star + 1);
        const anchor = star === -1 ? path.dirname(target) : path.dirname(target.slice(0, star) + 'x');
        const found = this.resolveBase(substituted, anchor, specifier, 'paths');
        if (found) return found;
      }
      // TypeScript stops at the first matching pattern.
      return undefined;
    }
    if (this.tsconfig?.baseUrl) {
      const base = path.resolve(this.tsconfig.baseUrl, bare);
      return this.resolveBase(base, this.tsconfig.baseUrl, specifier, 'baseUrl');
    }
    return undefined;
  }

  /** `my-package` or `my-package/sub` resolved through the package's own `exports` or `main`. */
  private resolveSelfReference(specifier: string): Resolution | undefined {
    const name = this.packageInfo?.name;
    if (!name || (specifier !== name && !specifier.startsWith(`${name}/`))) return undefined;
    const subpath = specifier === name ? '.' : `.${specifier.slice(name.length)}`;
    const exportsField = this.packageInfo?.exports;
    if (exportsField !== undefined && exportsField !== null) {
      const target = exportTarget(exportsField, subpath);
      if (!target) return undefined;
      const absolute = path.resolve(this.root, target);
      return this.lookupFile(absolute, this.root, 'self');
    }
    if (subpath === '.') {
      const main = this.packageInfo?.main ?? 'index.js';
      return this.resolveBase(path.resolve(this.root, main), this.root, undefined, 'self');
    }
    return this.resolveBase(path.resolve(this.root, subpath), this.root, undefined, 'self');
  }

  private resolveBase(base: string, anchor: string, specifier: string | undefined, via: Resolution['via']): Resolution | undefined {
    const exactKey = `${anchor}\0${base}`;
    let exactFile = this.exactFiles.get(exactKey);
    if (exactFile === undefined) {
      exactFile = null;
      for (const candidate of candidateFiles(base)) {
        if (this.onDiskPath(candidate, anchor, true) === undefined) continue;
        exactFile = candidate;
        break;
      }
      this.exactFiles.set(exactKey, exactFile);
    }
    if (exactFile !== null) return { path: exactFile, exact: true, via };
    for (const candidate of candidateFiles(base)) {
      const onDisk = this.onDiskPath(candidate, anchor, false);
      if (!onDisk) continue;
      const resolution: Resolution = { path: onDisk, exact: false, via };
      if (specifier !== undefined) {
        const corrected = correctSpecifier(specifier, base, candidate, onDisk, anchor);
        if (corrected !== undefined) resolution.correctedSpecifier = corrected;
      }
      return resolution;
    }
    return undefined;
  }

  private lookupFile(file: string, anchor: string, via: Resolution['via']): Resolution | undefined {
    for (const exact of [true, false]) {
      const onDisk = this.onDiskPath(file, anchor, exact);
      if (onDisk) return { path: onDisk, exact, via };
    }
    return undefined;
  }

  /**
   * The file's path as the disk spells it, walking from `anchor` (a directory known to be spelled
   * right) one directory listing at a time. With `exact`, every segment must match as written.
   */
  onDiskPath(file: string, anchor: string, exact: boolean): string | undefined {
    if (exact) {
      // Candidates share folders: the folder's exact spelling is checked once.
      const directory = path.dirname(file);
      if (!this.isExactDirectory(directory, anchor)) return undefined;
      return this.listing(directory)?.kinds.get(path.basename(file)) === 'file' ? file : undefined;
    }
    const relative = path.relative(anchor, file);
    // Outside the anchor no spelling is known to be right to compare another letter case with.
    if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
    let current = anchor;
    const segments = relative.split(path.sep);
    for (let i = 0; i < segments.length; i++) {
      const segment = segments[i]!;
      const listing = this.listing(current);
      if (!listing) return undefined;
      let name: string | undefined = listing.names.has(segment) ? segment : undefined;
      if (name === undefined && !exact) {
        const matches = listing.byLowerCase.get(segment.toLowerCase());
        if (matches?.length === 1) name = matches[0];
      }
      if (name === undefined) return undefined;
      const kind = listing.kinds.get(name);
      const last = i === segments.length - 1;
      current = path.join(current, name);
      if (last ? kind !== 'file' : kind !== 'directory') return undefined;
    }
    return current;
  }

  private isExactDirectory(directory: string, anchor: string): boolean {
    const key = `${anchor}\0${directory}`;
    let exact = this.exactDirectories.get(key);
    if (exact === undefined) {
      const relative = path.relative(anchor, directory);
      if (relative === '') {
        exact = this.listing(directory) !== undefined;
      } else if (relative.startsWith('..') || path.isAbsolute(relative)) {
        // Above the anchor: trust the path as written, as `stat` would.
        exact = this.kindOf(directory) === 'directory';
      } else {
        const parent = path.dirname(directory);
        exact = this.isExactDirectory(parent, anchor) && this.listing(parent)?.kinds.get(path.basename(directory)) === 'directory';
      }
      this.exactDirectories.set(key, exact);
    }
    return exact;
  }

  /** Whether a path exists as a file (by directory listing, so it costs one read per directory). */
  isFile(file: string): boolean {
    return this.kindOf(file) === 'file';
  }

  private kindOf(file: string): 'file' | 'directory' | 'other' | undefined {
    const listing = this.listing(path.dirname(file));
    return listing?.kinds.get(path.basename(file));
  }

  listing(directory: string): DirectoryListing | undefined {
    const cached = this.listings.get(directory);
    if (cached !== undefined) return cached ?? undefined;
    let listing: DirectoryListing | null;
    try {
      listing = listingOf(directory, fs.readdirSync(directory, { withFileTypes: true }));
    } catch {
      listing = null;
    }
    this.listings.set(directory, listing);
    return listing ?? undefined;
  }

  /** Takes a folder's entries read by someone else since the last `clear` (the project's file listing), so the folder is not read twice. */
  adoptListing(directory: string, entries: readonly fs.Dirent[]): void {
    if (!this.listings.has(directory)) this.listings.set(directory, listingOf(directory, entries));
  }
}

function listingOf(directory: string, entries: readonly fs.Dirent[]): DirectoryListing {
  const listing: DirectoryListing = { names: new Set(), byLowerCase: new Map(), kinds: new Map(), symbolicLinks: new Set() };
  for (const entry of entries) {
    listing.names.add(entry.name);
    const lower = entry.name.toLowerCase();
    const list = listing.byLowerCase.get(lower) ?? [];
    list.push(entry.name);
    listing.byLowerCase.set(lower, list);
    let kind: 'file' | 'directory' | 'other' = entry.isFile() ? 'file' : entry.isDirectory() ? 'directory' : 'other';
    if (entry.isSymbolicLink()) {
      listing.symbolicLinks.add(entry.name);
      try {
        const stat = fs.statSync(path.join(directory, entry.name));
        kind = stat.isFile() ? 'file' : stat.isDirectory() ? 'directory' : 'other';
      } catch {
        kind = 'other';
      }
    }
    listing.kinds.set(entry.name, kind);
  }
  return listing;
}

/**
 * The files a module path may name, in TypeScript's order: the path itself (or its TypeScript twin),
 * with an extension, as a folder. Generated one at a time: the first usually exists.
 */
function* candidateFiles(base: string): Generator<string> {
  const ext = path.extname(base);
  if (sourceExtensions.includes(ext) || ext === '.json') {
    const stem = base.slice(0, -ext.length);
    for (const twin of typeScriptTwins[ext] ?? []) yield stem + twin;
    yield base;
  }
  for (const extension of sourceExtensions) yield base + extension;
  for (const extension of sourceExtensions) yield path.join(base, `index${extension}`);
  yield `${base}.d.ts`;
  yield path.join(base, 'index.d.ts');
}

/** The deepest directory that contains both paths. */
function commonAncestor(a: string, b: string): string {
  // The usual case, `./x` from `b`: `a` is below `b`.
  if (b !== path.sep && a.startsWith(b + path.sep)) return b;
  const partsA = a.split(path.sep);
  const partsB = b.split(path.sep);
  let i = 0;
  while (i < partsA.length && i < partsB.length && partsA[i] === partsB[i]) i++;
  // `a` itself may be the file being resolved: its last segment is not a directory we can trust.
  if (i === partsA.length) i--;
  return partsA.slice(0, i).join(path.sep) || path.sep;
}

/**
 * Rewrites the tail of `specifier` that names directories and files below `anchor` with the disk's
 * spelling: `./models/User` → `./models/user`. Undefined when the written tail cannot be lined up.
 */
function correctSpecifier(specifier: string, writtenBase: string, candidate: string, onDisk: string, anchor: string): string | undefined {
  const written = path.relative(anchor, writtenBase).split(path.sep);
  const disk = path.relative(anchor, onDisk).split(path.sep);
  const candidateSegments = path.relative(anchor, candidate).split(path.sep);
  if (disk.length !== candidateSegments.length || written.length > disk.length || written.some((s) => s === '..' || s === '')) return undefined;
  const corrected = written.map((segment, i) => {
    const onDiskName = disk[i]!;
    if (i < written.length - 1 || onDiskName.toLowerCase() === segment.toLowerCase()) return onDiskName;
    if (onDiskName.toLowerCase().startsWith(segment.toLowerCase())) return onDiskName.slice(0, segment.length);
    // `./User.js` written for `user.ts`: the stem from the disk, the extension as written.
    const stem = segment.slice(0, segment.length - path.extname(segment).length);
    return onDiskName.slice(0, stem.length) + segment.slice(stem.length);
  });
  const specifierSegments = specifier.split('/');
  const tail = specifierSegments.slice(-written.length);
  if (tail.length !== written.length || tail.some((segment, i) => segment.toLowerCase() !== written[i]!.toLowerCase())) return undefined;
  return [...specifierSegments.slice(0, -written.length), ...corrected].join('/');
}

const runtimeConditions = ['import', 'require', 'node', 'default'];

/** The file a package `exports` map gives for a subpath, with runtime conditions (not `types`). */
export function exportTarget(exportsField: unknown, subpath: string): string | undefined {
  if (typeof exportsField === 'string') return subpath === '.' ? exportsField : undefined;
  if (Array.isArray(exportsField)) {
    for (const item of exportsField) {
      const found = exportTarget(item, subpath);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof exportsField !== 'object' || exportsField === null) return undefined;
  const map = exportsField as Record<string, unknown>;
  const keys = Object.keys(map);
  if (keys.length > 0 && keys.every((key) => !key.startsWith('.'))) {
    // A conditions object for the package root.
    return subpath === '.' ? conditionTarget(map) : undefined;
  }
  if (Object.hasOwn(map, subpath)) return conditionTarget(map[subpath]);
  for (const key of keys) {
    const star = key.indexOf('*');
    if (star === -1) continue;
    const prefix = key.slice(0, star);
    const suffix = key.slice(star + 1);
    if (subpath.startsWith(prefix) && subpath.endsWith(suffix) && subpath.length >= prefix.length + suffix.length) {
      const matched = subpath.slice(prefix.length, subpath.length - suffix.length);
      return conditionTarget(map[key])?.replaceAll('*', matched);
    }
  }
  return undefined;
}

function conditionTarget(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = conditionTarget(item);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [condition, target] of Object.entries(value as Record<string, unknown>)) {
    if (!runtimeConditions.includes(condition) && !/^(development|production|browser|module)$/.test(condition)) continue;
    const found = conditionTarget(target);
    if (found) return found;
  }
  return undefined;
}

/** Folders compiled output usually sits in. */
export const buildFolderNames: ReadonlySet<string> = new Set(['dist', 'build', 'out', 'lib']);
const outputExtensions: Record<string, string[]> = {
  '.js': ['.ts', '.tsx', '.js', '.jsx'],
  '.jsx': ['.tsx', '.jsx'],
  '.mjs': ['.mts', '.mjs'],
  '.cjs': ['.cts', '.cjs'],
};

/** A file inside a build output folder and the source it was compiled from. */
export interface BuildOutput {
  /** The output folder (the tsconfig `outDir`, or a `dist`/`build`/`lib`/`out` folder). */
  folder: string;
  source: string;
}

/**
 * Whether `file` is compiled output with its source twin in the project: under the tsconfig
 * `outDir`, or under a `dist`/`build`/`lib`/`out` folder whose twin exists in `src/` or beside the
 * folder. Without an existing twin a `lib/` folder is source code, and nothing is reported.
 */
export function findBuildOutput(file: string, root: string, tsconfig: TsconfigInfo | undefined, resolver: ModuleResolver): BuildOutput | undefined {
  const isDeclaration = isDeclarationFile(file);
  const ext = isDeclaration ? '.d.ts' : path.extname(file);
  const twinExtensions = isDeclaration ? ['.ts', '.tsx'] : outputExtensions[ext];
  if (!twinExtensions) return undefined;
  const stemOf = (relative: string) => relative.slice(0, relative.length - (isDeclaration ? file.length - file.lastIndexOf('.d.') : ext.length));
  const tryTwin = (folder: string, sourceRoots: string[]): BuildOutput | undefined => {
    const relative = path.relative(folder, file);
    const stems = [stemOf(relative)];
    // `dist/esm/x.js`, `dist/cjs/x.js`: one level of format folders.
    const firstSep = relative.indexOf(path.sep);
    if (firstSep !== -1) stems.push(stemOf(relative.slice(firstSep + 1)));
    for (const sourceRoot of sourceRoots) {
      if (sourceRoot === folder || isWithin(sourceRoot, folder)) continue;
      for (const stem of stems) {
        for (const twinExtension of twinExtensions) {
          const twin = path.join(sourceRoot, stem + twinExtension);
          if (twin !== file && resolver.isFile(twin)) return { folder, source: twin };
        }
      }
    }
    return undefined;
  };
  const outDirs = [tsconfig?.outDir, tsconfig?.declarationDir].filter((dir): dir is string => dir !== undefined);
  for (const outDir of outDirs) {
    if (!isWithin(file, outDir)) continue;
    const roots = [tsconfig?.rootDir, path.join(root, 'src'), path.dirname(tsconfig!.file), root].filter((dir): dir is string => dir !== undefined);
    const found = tryTwin(outDir, [...new Set(roots)]);
    if (found) return found;
  }
  for (let dir = path.dirname(file); isWithin(dir, root) && dir !== root; dir = path.dirname(dir)) {
    if (!buildFolderNames.has(path.basename(dir))) continue;
    const parent = path.dirname(dir);
    const found = tryTwin(dir, [path.join(parent, 'src'), parent]);
    if (found) return found;
  }
  return undefined;
}

export function isWithin(file: string, directory: string): boolean {
  const relative = path.relative(directory, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}
