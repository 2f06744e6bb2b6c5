import fs from 'node:fs';
import path from 'node:path';

/** The parts of a tsconfig the project index uses, with every path made absolute. */
export interface TsconfigInfo {
  file: string;
  /** `files`, `include` and `exclude` as absolute glob patterns; undefined when the config does not set them. */
  files?: string[];
  include?: string[];
  exclude?: string[];
  /** Referenced project configs (absolute paths of their tsconfig files). */
  references: string[];
  baseUrl?: string;
  /** `paths` with absolute substitution targets. */
  paths?: Record<string, string[]>;
  /** The directory `paths` targets are relative to when there is no `baseUrl`. */
  pathsBase?: string;
  outDir?: string;
  rootDir?: string;
  declarationDir?: string;
  allowJs: boolean;
  /** Every config file read: this one and the ones it extends. */
  configFiles: string[];
}

/** Reads JSON with comments and trailing commas, as TypeScript accepts in tsconfig files. Returns undefined when it is not an object. */
export function parseJsonWithComments(text: string): Record<string, unknown> | undefined {
  let out = '';
  let i = 0;
  const length = text.length;
  while (i < length) {
    const ch = text[i]!;
    if (ch === '"') {
      const start = i;
      i++;
      while (i < length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      i++;
      out += text.slice(start, i);
    } else if (ch === '/' && text[i + 1] === '/') {
      while (i < length && text[i] !== '\n') i++;
    } else if (ch === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? length : end + 2;
    } else {
      out += ch;
      i++;
    }
  }
  // Trailing commas before `}` or `]`.
  out = out.replace(/,(\s*[}\]])/g, '$1');
  try {
    const value: unknown = JSON.parse(out.charCodeAt(0) === 0xfeff ? out.slice(1) : out);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function readJson(file: string): Record<string, unknown> | undefined {
  try {
    return parseJsonWithComments(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Where an `extends` entry points: a relative path, or a package in `node_modules` (with or without `.json`). */
function resolveExtends(fromDir: string, specifier: string): string | undefined {
  const candidates: string[] = [];
  if (specifier.startsWith('.') || path.isAbsolute(specifier)) {
    const base = path.resolve(fromDir, specifier);
    candidates.push(base, `${base}.json`, path.join(base, 'tsconfig.json'));
  } else {
    for (let dir = fromDir; ; dir = path.dirname(dir)) {
      const base = path.join(dir, 'node_modules', specifier);
      candidates.push(base, `${base}.json`, path.join(base, 'tsconfig.json'));
      if (path.dirname(dir) === dir) break;
    }
  }
  return candidates.find((candidate) => {
    try {
      return fs.statSync(candidate).isFile();
    } catch {
      return false;
    }
  });
}

const stringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');

/**
 * Reads a tsconfig and the configs it extends. Relative paths resolve against the config that
 * wrote them, `${configDir}` against the config being read (TypeScript 5.5). An unreadable or
 * malformed config gives undefined: the index then falls back to a glob of source files.
 */
export function readTsconfig(file: string): TsconfigInfo | undefined {
  const configDir = path.dirname(file);
  const info: TsconfigInfo = { file, references: [], allowJs: false, configFiles: [] };
  const jsOptions: { allowJs?: boolean; checkJs?: boolean } = {};
  const seen = new Set<string>();
  // Inherited settings apply only where the config itself (or a nearer parent) does not set them.
  const apply = (current: string, depth: number): boolean => {
    if (depth > 10 || seen.has(current)) return true;
    seen.add(current);
    const json = readJson(current);
    if (!json) return false;
    info.configFiles.push(current);
    const dir = path.dirname(current);
    const abs = (value: string) => path.resolve(dir, value.replaceAll('${configDir}', configDir));
    const compilerOptions = (typeof json.compilerOptions === 'object' && json.compilerOptions !== null ? json.compilerOptions : {}) as Record<string, unknown>;
    if (info.files === undefined && stringArray(json.files)) info.files = json.files.map(abs);
    if (info.include === undefined && stringArray(json.include)) info.include = json.include.map(abs);
    if (info.exclude === undefined && stringArray(json.exclude)) info.exclude = json.exclude.map(abs);
    if (depth === 0 && Array.isArray(json.references)) {
      for (const reference of json.references as unknown[]) {
        const referencePath = (reference as { path?: unknown } | null)?.path;
        if (typeof referencePath !== 'string') continue;
        const target = abs(referencePath);
        info.references.push(target.endsWith('.json') ? target : path.join(target, 'tsconfig.json'));
      }
    }
    for (const key of ['outDir', 'rootDir', 'declarationDir', 'baseUrl'] as const) {
      const value = compilerOptions[key];
      if (info[key] === undefined && typeof value === 'string') info[key] = abs(value);
    }
    if (info.paths === undefined && typeof compilerOptions.paths === 'object' && compilerOptions.paths !== null) {
      const paths: Record<string, string[]> = {};
      for (const [pattern, targets] of Object.entries(compilerOptions.paths as Record<string, unknown>)) {
        if (stringArray(targets)) paths[pattern] = targets;
      }
      info.paths = paths;
      info.pathsBase = dir;
    }
    for (const key of ['allowJs', 'checkJs'] as const) {
      const value = compilerOptions[key];
      if (jsOptions[key] === undefined && typeof value === 'boolean') jsOptions[key] = value;
    }
    const parents = typeof json.extends === 'string' ? [json.extends] : stringArray(json.extends) ? json.extends : [];
    // With several parents, later ones win: read them last to first.
    for (const parent of [...parents].reverse()) {
      const resolved = resolveExtends(dir, parent);
      if (resolved) apply(resolved, depth + 1);
    }
    return true;
  };
  if (!apply(file, 0)) return undefined;
  // As TypeScript reads them: `checkJs` turns on `allowJs` unless a config sets `allowJs` itself.
  info.allowJs = jsOptions.allowJs ?? jsOptions.checkJs ?? false;
  if (info.paths) {
    // `paths` targets are relative to `baseUrl` when set, else to the config that declared them.
    const base = info.baseUrl ?? info.pathsBase!;
    info.paths = Object.fromEntries(
      Object.entries(info.paths).map(([pattern, targets]) => [
        pattern,
        targets.map((target) => path.resolve(base, target.replaceAll('${configDir}', configDir))),
      ]),
    );
  }
  return info;
}
