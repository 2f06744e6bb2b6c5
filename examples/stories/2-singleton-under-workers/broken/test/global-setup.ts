import { mkdir, rm } from 'node:fs/promises';

import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** How many test files this run starts at the same time, each in its own worker. */
    filesSideBySide: number;
  }
}

/** Every run starts from an empty test database. */
export async function setup(project: TestProject): Promise<void> {
  await rm('.data', { recursive: true, force: true });
  await mkdir('.data');
  const { testFiles } = await project.globTestFiles();
  // `--no-file-parallelism` sets maxWorkers to 1.
  project.provide('filesSideBySide', Math.min(project.config.maxWorkers, testFiles.length));
}
