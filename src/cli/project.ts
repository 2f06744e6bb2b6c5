import fs from 'node:fs';
import path from 'node:path';

import { UsageError } from './errors';

const projectMarkers = ['package.json', 'tsconfig.json', 'jsconfig.json'];

/** Resolves a path the user gave and checks that it exists. */
export function resolveTarget(cwd: string, target: string): string {
  const absolute = path.resolve(cwd, target);
  if (!fs.existsSync(absolute)) throw new UsageError(`path not found: ${target}`);
  return absolute;
}

/** The nearest folder at or above `target` with a package.json, tsconfig.json or jsconfig.json. */
export function findProjectRoot(target: string, shownAs: string = target): string {
  let dir = isDirectory(target) ? target : path.dirname(target);
  for (;;) {
    if (projectMarkers.some((marker) => fs.existsSync(path.join(dir, marker)))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new UsageError(`not a project: no package.json, tsconfig.json or jsconfig.json at or above ${shownAs}`);
    }
    dir = parent;
  }
}

/** The nearest folder at or above `dir` that holds the given file, if any. */
export function findUp(dir: string, fileName: string): string | undefined {
  let current = dir;
  for (;;) {
    if (fs.existsSync(path.join(current, fileName))) return path.join(current, fileName);
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/** The root of the git work tree that holds `dir` (a `.git` folder or file), if any. */
export function findGitRoot(dir: string): string | undefined {
  const gitEntry = findUp(dir, '.git');
  return gitEntry && path.dirname(gitEntry);
}

export function isDirectory(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}

/** A path for output: relative to `cwd` with forward slashes when inside it, absolute otherwise. */
export function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  if (relative === '') return '.';
  if (relative.startsWith('..') || path.isAbsolute(relative)) return file;
  return relative.split(path.sep).join('/');
}
