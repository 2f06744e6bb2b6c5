import fs from 'node:fs';
import path from 'node:path';

import { convertIgnorePatternToMinimatch } from '@eslint/config-helpers';

import { isDeclarationFile } from '../analysis/module-resolution';
import { findGitRoot, isDirectory } from './project';

/** Folders that hold dependencies, build output or caches rather than the project's own code. */
export const buildFolders: readonly string[] = [
  'node_modules',
  'bower_components',
  'jspm_packages',
  '.git',
  '.hg',
  '.svn',
  '.yarn',
  '.pnpm-store',
  'dist',
  'build',
  'out',
  'coverage',
  '.nyc_output',
  '.next',
  '.nuxt',
  '.output',
  '.svelte-kit',
  '.astro',
  '.vercel',
  '.netlify',
  '.turbo',
  '.cache',
  '.parcel-cache',
  '.docusaurus',
  '.expo',
  '.serverless',
  '.wrangler',
  'storybook-static',
];

/** The extensions ESLint lints with the plugin's configs. */
const lintedExtensions = new Set(['.js', '.mjs', '.cjs', '.jsx', '.ts', '.mts', '.cts', '.tsx']);

export function isLintedFile(file: string): boolean {
  // Declaration files hold no code that runs, so no rule can find anything in them.
  return lintedExtensions.has(path.extname(file)) && !isDeclarationFile(file);
}

/**
 * What the audit must not lint, as ESLint ignore patterns relative to the project root, plus the
 * folders the file walk can skip without reading them.
 */
export class ProjectIgnores {
  /** ESLint `ignores` patterns, in gitignore order (later patterns, including negations, win). */
  readonly patterns: string[] = buildFolders.map((name) => `**/${name}/`);
  private readonly skippedNames = new Set(buildFolders);
  /** Literal paths (relative to the root) of folders a .gitignore excludes. */
  private readonly skippedPaths = new Set<string>();
  /** Literal folder names a .gitignore excludes anywhere below its own folder. */
  private readonly skippedNamesBelow: { base: string; name: string }[] = [];
  private readonly readFiles = new Set<string>();

  constructor(readonly root: string) {
    // .gitignore files above the project root, up to the git work tree's root, apply to it too.
    const gitRoot = findGitRoot(root);
    const ancestors: string[] = [];
    if (gitRoot !== undefined && isInside(root, gitRoot)) {
      for (let dir = path.dirname(root); isInside(dir, gitRoot); dir = path.dirname(dir)) {
        ancestors.unshift(dir);
        if (dir === gitRoot) break;
      }
    }
    for (const dir of [...ancestors, root]) this.addGitignoreOf(dir);
    // ESLint 9 stopped reading .eslintignore, but it still says what the project does not want linted.
    this.addIgnoreFile(path.join(root, '.eslintignore'));
  }

  /** Reads the .gitignore of a folder at or below the root (or an ancestor up to the git root). */
  addGitignoreOf(dir: string): void {
    this.addIgnoreFile(path.join(dir, '.gitignore'));
  }

  /** Reads an ignore file in gitignore syntax; its patterns are relative to its folder. */
  private addIgnoreFile(file: string): void {
    const dir = path.dirname(file);
    if (this.readFiles.has(file)) return;
    this.readFiles.add(file);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      return;
    }
    for (const line of text.split(/\r?\n/)) {
      const trimmed = line.trim();
      if (trimmed === '' || trimmed.startsWith('#')) continue;
      const pattern = rebasePattern(convertIgnorePatternToMinimatch(trimmed), dir, this.root);
      if (pattern === undefined) continue;
      this.patterns.push(pattern);
      this.addSkippableFolder(trimmed, dir);
    }
  }

  /** Whether the walk may skip a folder without reading it: git itself never looks inside it. */
  isSkippedFolder(dir: string): boolean {
    const name = path.basename(dir);
    if (this.skippedNames.has(name)) return true;
    const relative = toPosix(path.relative(this.root, dir));
    if (this.skippedPaths.has(relative)) return true;
    return this.skippedNamesBelow.some((entry) => entry.name === name && isInside(dir, entry.base));
  }

  /** Records a literal, non-negated folder pattern (`vendor/`, `/tmp`, `.venv`) for the walk to skip. */
  private addSkippableFolder(line: string, dir: string): void {
    if (line.startsWith('!') || /[*?[\]\\{}()!]/.test(line)) return;
    const body = line.replace(/^\//, '').replace(/\/$/, '');
    if (body === '') return;
    const anchored = line.startsWith('/') || body.includes('/');
    if (anchored) {
      this.skippedPaths.add(toPosix(path.relative(this.root, path.join(dir, body))));
    } else {
      this.skippedNamesBelow.push({ base: dir, name: body });
    }
  }
}

/**
 * Moves a minimatch pattern written relative to the .gitignore's folder `fromDir` so it is relative
 * to `root`. Anchored patterns of an ancestor's .gitignore that name no path inside the root are
 * dropped (so more is linted, never less).
 */
export function rebasePattern(pattern: string, fromDir: string, root: string): string | undefined {
  const negated = pattern.startsWith('!');
  const body = negated ? pattern.slice(1) : pattern;
  const prefix = negated ? '!' : '';
  const relative = toPosix(path.relative(root, fromDir));
  if (relative === '') return pattern;
  if (!relative.startsWith('..')) return `${prefix}${relative}/${body}`;
  if (body.startsWith('**/')) return pattern;
  const down = toPosix(path.relative(fromDir, root));
  return body.startsWith(`${down}/`) ? `${prefix}${body.slice(down.length + 1)}` : undefined;
}

function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

function toPosix(file: string): string {
  return file.split(path.sep).join('/');
}

/**
 * The TypeScript and JavaScript files under the targets, skipping build folders and folders a
 * .gitignore excludes; ESLint's own ignore check (with the same .gitignore patterns) runs after.
 */
export function collectFiles(targets: readonly string[], ignores: ProjectIgnores): string[] {
  const files = new Set<string>();
  const walk = (dir: string): void => {
    ignores.addGitignoreOf(dir);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!ignores.isSkippedFolder(full)) walk(full);
      } else if (entry.isFile() && isLintedFile(entry.name)) {
        files.add(full);
      }
    }
  };
  for (const target of targets) {
    if (isDirectory(target)) {
      // The .gitignore files between the root and a target folder apply to it as well.
      const between: string[] = [];
      for (let dir = path.dirname(target); isInside(dir, ignores.root) && dir !== ignores.root; dir = path.dirname(dir)) {
        between.unshift(dir);
      }
      for (const dir of between) ignores.addGitignoreOf(dir);
      walk(target);
    } else if (isLintedFile(target)) {
      files.add(target);
    }
  }
  return [...files];
}
