// The end-to-end tests load the package as users do: through package.json `exports`, from dist/.
//
// Why build here rather than rely on `npm test` building first: `npm test` does run
// `npm run build` before vitest, but `npx vitest run tests/e2e` (or an editor's test runner)
// does not, and a dist/ older than src/ would make these tests pass or fail for code that no
// longer exists. So each e2e file calls ensureBuiltPackage() first: it rebuilds only when dist/
// is missing or older than any input of the build, which costs nothing after `npm test`'s build.
// A lock directory makes test files running in parallel workers build once, not concurrently
// (the build deletes dist/ first).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '../..');

/** Written last by scripts/build.mjs, so its presence means a complete build. */
const buildMarker = path.join(repoRoot, 'dist/index.mjs');
const lockDir = path.join(repoRoot, 'node_modules/.cache/eslint-plugin-test-isolation-build.lock');
/** A lock older than this belongs to a build that died; the build itself takes seconds. */
const staleLockMs = 5 * 60 * 1000;

function newestInputMtime(): number {
  const inputs = [
    path.join(repoRoot, 'package.json'),
    path.join(repoRoot, 'tsconfig.json'),
    path.join(repoRoot, 'tsconfig.build.json'),
    path.join(repoRoot, 'scripts/build.mjs'),
  ];
  const srcDir = path.join(repoRoot, 'src');
  for (const entry of fs.readdirSync(srcDir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) inputs.push(path.join(entry.parentPath, entry.name));
  }
  return Math.max(...inputs.map((file) => fs.statSync(file).mtimeMs));
}

function isBuildCurrent(): boolean {
  try {
    return fs.statSync(buildMarker).mtimeMs >= newestInputMtime();
  } catch {
    return false;
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function acquireLock(): void {
  fs.mkdirSync(path.dirname(lockDir), { recursive: true });
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    try {
      if (Date.now() - fs.statSync(lockDir).mtimeMs > staleLockMs) fs.rmSync(lockDir, { recursive: true, force: true });
    } catch {
      // released meanwhile
    }
    sleep(200);
  }
}

/** Builds dist/ with `npm run build`'s script unless it is already current. */
export function ensureBuiltPackage(): void {
  if (isBuildCurrent()) return;
  acquireLock();
  try {
    if (!isBuildCurrent()) {
      try {
        execFileSync(process.execPath, [path.join(repoRoot, 'scripts/build.mjs')], { cwd: repoRoot, stdio: 'pipe' });
      } catch (error) {
        // tsc reports compile errors on stdout; show them rather than only "Command failed".
        const { stdout, stderr } = error as { stdout?: Buffer; stderr?: Buffer };
        throw new Error(`npm run build failed:\n${String(stdout ?? '')}${String(stderr ?? '')}`, { cause: error });
      }
    }
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}
