import fs from 'node:fs';
import path from 'node:path';

/*
 * The test-code files of a project, read from disk so the answer holds when ESLint lints one file:
 * which other test files use a value. Listings are re-validated (directory modification
 * times) at most once per second; file contents are re-read when their modification time or size
 * changes.
 */

const skippedDirectories = new Set([
  'node_modules',
  'dist',
  'build',
  'coverage',
  'out',
  'tmp',
  'vendor',
  'bower_components',
]);
const sourceFile = /\.(?:[cm]?[jt]sx?)$/;
const MAX_FILES = 20_000;
const MAX_FILE_BYTES = 512 * 1024;
const REVALIDATE_MS = 1000;

interface Listing {
  files: string[];
  directories: Map<string, number>;
  validatedAt: number;
}

class TestFileIndex {
  private readonly listings = new Map<string, Listing>();
  private readonly contents = new Map<string, { mtimeMs: number; size: number; text: string | undefined }>();

  /** Another test-code file under `root` whose text matches every pattern and passes `confirm`, if any. */
  otherFileMatching(
    root: string,
    filename: string,
    isTestFile: (file: string) => boolean,
    patterns: readonly RegExp[],
    sameDirectoryOnly: boolean,
    confirm: (file: string, text: string) => boolean,
  ): string | undefined {
    const self = path.resolve(filename);
    const directory = path.dirname(self);
    for (const file of this.testFiles(root, isTestFile)) {
      if (file === self || (sameDirectoryOnly && path.dirname(file) !== directory)) continue;
      const text = this.textOf(file);
      if (text !== undefined && patterns.every((pattern) => pattern.test(text)) && confirm(file, text)) return file;
    }
    return undefined;
  }

  private testFiles(root: string, isTestFile: (file: string) => boolean): string[] {
    const cached = this.listings.get(root);
    const now = Date.now();
    if (cached && (now - cached.validatedAt < REVALIDATE_MS || this.unchanged(cached))) {
      cached.validatedAt = now;
      return cached.files;
    }
    const listing = this.list(root, isTestFile);
    this.listings.set(root, listing);
    return listing.files;
  }

  private unchanged(listing: Listing): boolean {
    for (const [directory, mtimeMs] of listing.directories) {
      try {
        if (fs.statSync(directory).mtimeMs !== mtimeMs) return false;
      } catch {
        return false;
      }
    }
    return true;
  }

  private list(root: string, isTestFile: (file: string) => boolean): Listing {
    const files: string[] = [];
    const directories = new Map<string, number>();
    const queue = [root];
    let seen = 0;
    while (queue.length > 0 && seen < MAX_FILES) {
      const directory = queue.shift()!;
      let entries: fs.Dirent[];
      try {
        directories.set(directory, fs.statSync(directory).mtimeMs);
        entries = fs.readdirSync(directory, { withFileTypes: true });
      } catch {
        continue;
      }
      for (const entry of entries) {
        seen++;
        if (entry.isDirectory()) {
          if (!entry.name.startsWith('.') && !skippedDirectories.has(entry.name)) queue.push(path.join(directory, entry.name));
        } else if (entry.isFile() && sourceFile.test(entry.name) && !entry.name.endsWith('.d.ts')) {
          const file = path.join(directory, entry.name);
          if (isTestFile(file)) files.push(file);
        }
      }
    }
    return { files, directories, validatedAt: Date.now() };
  }

  private textOf(file: string): string | undefined {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch {
      this.contents.delete(file);
      return undefined;
    }
    const cached = this.contents.get(file);
    if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.text;
    let text: string | undefined;
    if (stat.size <= MAX_FILE_BYTES) {
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch {
        text = undefined;
      }
    }
    this.contents.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, text });
    return text;
  }
}

let sharedIndex: TestFileIndex | undefined;

/**
 * Another test-code file under `root` (other than `filename`) whose source matches every pattern
 * and passes `confirm`; with `sameDirectoryOnly`, only files in `filename`'s directory count. The
 * patterns are a cheap filter on the text: `confirm` reads the file's code, so a value mentioned in
 * a comment or an unrelated string does not count.
 */
export function otherTestFileMatching(
  root: string,
  filename: string,
  isTestFile: (file: string) => boolean,
  patterns: readonly RegExp[],
  sameDirectoryOnly: boolean,
  confirm: (file: string, text: string) => boolean,
): string | undefined {
  sharedIndex ??= new TestFileIndex();
  return sharedIndex.otherFileMatching(root, filename, isTestFile, patterns, sameDirectoryOnly, confirm);
}
